"use client";

import { fullItem, isDuplicate, normaliseIntention, type EntryLimits, type Intention } from "@/lib/domain/intentions";
import {
  requestItemProblem,
  specialtyCount,
  specialtyDisplay,
  specialtyOptions,
  subTrackOptions,
  takesDetails,
  type RequestRules,
} from "@/lib/domain/request-items";
import { itemLimits, TRACKS_2GT, type Phase } from "@/lib/domain/tracks";
import {
  HELP_STL,
  HELP_STAGE_PASSERELLE,
  PRO_PATH_LABEL,
  SERIES_LABEL,
  SPECIALTIES_FINAL_HINT,
  SPECIALTIES_PROVISIONAL_HINT,
  STAGE_PASSERELLE_CHECKBOX_LABEL,
  specialtyCounterText,
} from "@/lib/domain/family-2gt";
import { HelpToggle } from "./help-toggle";
import { btnSecondary, RequestEntryView, TrackDetailsFields, useRequestEntry, VoieRadios } from "./request-entry";

type Draft = {
  track: string | null;
  subTrack: string;
  freeText: string;
  statusSchool: boolean;
  statusApprentice: boolean;
  specialties: string[];
  stagePasserelle: boolean;
};

const EMPTY_DRAFT: Draft = { track: null, subTrack: "", freeText: "", statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false };
const TRACK_CODES = Object.keys(TRACKS_2GT) as (keyof typeof TRACKS_2GT)[];

const select = "mt-1 block w-full rounded border border-gray-500 bg-white px-2 py-1.5";

/**
 * R-2GT-1..5, R-INT-3..7: the entry of a 2de GT student's intentions (provisional) or final
 * choices. The list, the buttons, the validation and the recap are the shared entry's
 * (request-entry.tsx), with the 2de GT limits and rules. Each voie is chosen in this dialog: «1re
 * générale» with its enseignements de spécialité RANKED by the family (the lycée's first, the others
 * marked «hors établissement»), «1re technologique» with its série (STL: two options), BT « métiers
 * de la musique », or the voie professionnelle with its target, the académie's free text and statuses
 * (R-INT-5) and, in the final phase where the académie allows it, a stage passerelle (R-2GT-5). Every
 * check is the rule book's (lib/domain/request-items.ts); nothing is saved before «Valider» (R-INT-6).
 */
export function RequestEditor2gt(props: {
  studentId: string;
  validated: Intention[] | null;
  phase: Phase;
  offeredSpecialties: readonly string[];
  allowDetails: boolean;
  allowStagePasserelle: boolean;
}) {
  const { phase, offeredSpecialties: offered } = props;
  const limits: EntryLimits = { level: "2GT", phase, max: itemLimits("2GT", phase).max };
  const rules: RequestRules = {
    level: "2GT",
    phase,
    offeredSpecialties: offered,
    allowTrackDetails: props.allowDetails,
    allowStagePasserelle: props.allowStagePasserelle,
  };

  /** The item the dialog describes: only what its voie takes (R-INT-5, R-2GT-1/5). */
  function itemOfDraft(d: Draft): Intention {
    const track = d.track ?? "";
    return normaliseIntention(
      {
        track,
        subTrack: subTrackOptions(track).length > 0 ? d.subTrack : "",
        freeText: d.freeText,
        statusSchool: d.statusSchool,
        statusApprentice: d.statusApprentice,
        specialties: track === "1G" ? d.specialties : [],
        stagePasserelle: track === "VOIE_PRO" && phase === "final" && props.allowStagePasserelle && d.stagePasserelle,
      },
      props.allowDetails,
    );
  }

  const s = useRequestEntry<Draft>({
    studentId: props.studentId,
    validated: props.validated,
    phase,
    limits,
    rules,
    emptyDraft: EMPTY_DRAFT,
    draftOf: (item) => {
      const current = fullItem(item);
      return {
        track: current.track,
        subTrack: current.subTrack,
        freeText: current.freeText ?? "",
        statusSchool: current.statusSchool,
        statusApprentice: current.statusApprentice,
        specialties: current.specialties,
        stagePasserelle: current.stagePasserelle,
      };
    },
    itemOfDraft,
  });
  const { uid, entry, updateDraft, setFocusId } = s;
  const ids = {
    ...s.ids,
    subTrack: `${uid}-sub-track`,
    subTrackHint: `${uid}-sub-track-hint`,
    counter: `${uid}-spe-counter`,
    problem: `${uid}-problem`,
    specialty: (code: string, what: string) => `${uid}-spe-${code}-${what}`,
  };

  // The spécialités (R-2GT-2/3): ticked to add at the end of the ranking, moved up and down, announced.
  const count = specialtyCount(phase);
  function toggleSpecialty(code: string, on: boolean) {
    if (!s.dialog) return;
    const list = s.dialog.draft.specialties;
    const next = on ? [...list, code] : list.filter((c) => c !== code);
    const name = specialtyDisplay(code, offered);
    updateDraft(
      { specialties: next },
      {
        announce: on
          ? `${name} : ajouté au rang ${next.length} sur ${next.length}.`
          : `${name} : retiré du classement. ${next.length} enseignement(s) classé(s).`,
      },
    );
  }
  function moveSpecialty(code: string, direction: "up" | "down") {
    if (!s.dialog) return;
    const list = [...s.dialog.draft.specialties];
    const from = list.indexOf(code);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to]!, list[from]!];
    updateDraft({ specialties: list }, { announce: `${specialtyDisplay(code, offered)} : désormais rang ${to + 1} sur ${list.length}.` });
    const canGo = direction === "up" ? to > 0 : to < list.length - 1;
    setFocusId(ids.specialty(code, canGo ? direction : direction === "up" ? "down" : "up"));
  }

  const options = specialtyOptions(offered);
  const groups = [
    { legend: offered.length > 0 ? "Proposés dans l'établissement" : "Enseignements de spécialité", list: options.filter((o) => !o.outside) },
    { legend: "Hors établissement", list: options.filter((o) => o.outside) },
  ].filter((g) => g.list.length > 0);

  return (
    <RequestEntryView
      s={s}
      offered={offered}
      dialogAnnounces
      dialogClassName="m-auto max-h-[calc(100dvh-1.5rem)] w-[calc(100%-1.5rem)] max-w-xl overflow-y-auto rounded border border-gray-300 p-0 backdrop:bg-black/50"
    >
      {({ draft, index, error }) => {
        // Live: what is still wrong with the voie being chosen (the same rules as the server).
        const liveProblem = draft.track ? requestItemProblem(rules, fullItem(itemOfDraft(draft))) : null;
        const showDetails = props.allowDetails && draft.track != null && takesDetails(draft.track);
        return (
          <>
            <VoieRadios
              uid={uid}
              tracks={TRACK_CODES}
              labels={TRACKS_2GT}
              selected={draft.track}
              taken={(track) => subTrackOptions(track).length === 0 && isDuplicate(entry, { track, subTrack: "" }, index ?? undefined)}
              onPick={(track) => updateDraft({ track, subTrack: draft.track === track ? draft.subTrack : "", stagePasserelle: false })}
            />

            {draft.track === "1T" || draft.track === "VOIE_PRO" ? (
              <div className="mt-4 border-t border-gray-300 pt-3">
                <label htmlFor={ids.subTrack} className="block font-medium">
                  {draft.track === "1T" ? SERIES_LABEL : PRO_PATH_LABEL}
                </label>
                {draft.track === "1T" ? (
                  <p id={ids.subTrackHint} className="text-sm text-muted">
                    {HELP_STL}
                  </p>
                ) : null}
                <select
                  id={ids.subTrack}
                  className={select}
                  value={draft.subTrack}
                  aria-describedby={draft.track === "1T" ? ids.subTrackHint : undefined}
                  onChange={(e) => updateDraft({ subTrack: e.target.value })}
                >
                  <option value="">{draft.track === "1T" ? "— Choisir une série —" : "— Choisir —"}</option>
                  {subTrackOptions(draft.track).map((o) => (
                    <option key={o.code} value={o.code}>
                      {o.label}
                      {isDuplicate(entry, { track: draft.track!, subTrack: o.code }, index ?? undefined) ? " (déjà saisie)" : ""}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}

            {draft.track === "1G" ? (
              <div className="mt-4 space-y-3 border-t border-gray-300 pt-3">
                <p className="font-medium">Enseignements de spécialité</p>
                <p className="text-sm">{phase === "final" ? SPECIALTIES_FINAL_HINT : SPECIALTIES_PROVISIONAL_HINT}</p>
                <p id={ids.counter} className="text-sm font-medium">
                  Enseignements de spécialité classés : {specialtyCounterText(phase, draft.specialties.length)}
                </p>
                {draft.specialties.length > 0 ? (
                  <ol className="space-y-2" aria-label="Classement des enseignements de spécialité, par ordre de préférence">
                    {draft.specialties.map((code, i) => {
                      const name = specialtyDisplay(code, offered);
                      return (
                        <li key={code} className="rounded border border-gray-300 p-2">
                          <p>
                            <span className="font-bold">{i + 1}.</span> {name}
                          </p>
                          <div className="mt-1 flex flex-wrap gap-2">
                            <button
                              id={ids.specialty(code, "up")}
                              type="button"
                              className={btnSecondary}
                              disabled={i === 0}
                              onClick={() => moveSpecialty(code, "up")}
                              aria-label={`Monter ${name} (rang ${i + 1})`}
                            >
                              <span aria-hidden="true">↑</span> Monter
                            </button>
                            <button
                              id={ids.specialty(code, "down")}
                              type="button"
                              className={btnSecondary}
                              disabled={i === draft.specialties.length - 1}
                              onClick={() => moveSpecialty(code, "down")}
                              aria-label={`Descendre ${name} (rang ${i + 1})`}
                            >
                              <span aria-hidden="true">↓</span> Descendre
                            </button>
                            <button
                              type="button"
                              className={btnSecondary}
                              onClick={() => {
                                toggleSpecialty(code, false);
                                setFocusId(`${uid}-pick-${code}`);
                              }}
                              aria-label={`Retirer ${name} (rang ${i + 1})`}
                            >
                              <span aria-hidden="true">✕</span> Retirer
                            </button>
                          </div>
                        </li>
                      );
                    })}
                  </ol>
                ) : null}
                {groups.map((g) => (
                  <fieldset key={g.legend} aria-describedby={ids.counter}>
                    <legend className="font-medium">{g.legend}</legend>
                    <div className="mt-1 grid gap-1 sm:grid-cols-2">
                      {g.list.map((o) => {
                        const id = `${uid}-pick-${o.code}`;
                        const checked = draft.specialties.includes(o.code);
                        const full = !checked && draft.specialties.length >= count.max;
                        return (
                          <div key={o.code} className="flex items-start gap-2">
                            <input
                              id={id}
                              type="checkbox"
                              checked={checked}
                              disabled={full}
                              onChange={(e) => toggleSpecialty(o.code, e.target.checked)}
                              className="mt-0.5 h-5 w-5 shrink-0"
                            />
                            <label htmlFor={id} className={full ? "text-gray-600" : undefined}>
                              {specialtyDisplay(o.code, offered)}
                            </label>
                          </div>
                        );
                      })}
                    </div>
                  </fieldset>
                ))}
              </div>
            ) : null}

            {showDetails && draft.track ? <TrackDetailsFields s={s} track={draft.track} draft={draft} onChange={(patch) => updateDraft(patch)} /> : null}

            {draft.track === "VOIE_PRO" && phase === "final" && props.allowStagePasserelle ? (
              <div className="mt-4 flex items-start gap-2 border-t border-gray-300 pt-3">
                <input
                  id={`${uid}-stage`}
                  type="checkbox"
                  checked={draft.stagePasserelle}
                  onChange={(e) => updateDraft({ stagePasserelle: e.target.checked })}
                  className="mt-0.5 h-5 w-5 shrink-0"
                />
                <div className="flex-1">
                  <label htmlFor={`${uid}-stage`}>{STAGE_PASSERELLE_CHECKBOX_LABEL}</label>
                  <HelpToggle subject="stage passerelle" text={HELP_STAGE_PASSERELLE} />
                </div>
              </div>
            ) : null}

            {liveProblem && !error ? (
              <p id={ids.problem} className="mt-3 rounded border-l-4 border-warning bg-orange-50 p-2 text-sm">
                <span className="font-medium">À compléter : </span>
                {liveProblem}
              </p>
            ) : null}
          </>
        );
      }}
    </RequestEntryView>
  );
}
