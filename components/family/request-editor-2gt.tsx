"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { validateFinalChoicesAction, validateIntentionsAction } from "@/lib/actions/family";
import {
  addIntention,
  cancelEntry,
  canAddIntention,
  canCancelAll,
  changeIntention,
  ENTRY_WORDING,
  entryControls,
  FREE_TEXT_HINT,
  freeTextLabel,
  fullItem,
  HELP_FREE_TEXT,
  HELP_STATUS_APPRENTICE,
  HELP_STATUS_SCHOOL,
  INTENTION_FREE_TEXT_MAX,
  INTENTIONS_LEAD,
  intentionDetailLines,
  isDuplicate,
  moveIntention,
  MUST_SELECT_TRACK_MESSAGE,
  normaliseIntention,
  RANK_HINT,
  removeIntention,
  STATUS_APPRENTICE_LABEL,
  STATUS_SCHOOL_LABEL,
  type EntryLimits,
  type Intention,
} from "@/lib/domain/intentions";
import {
  requestItemKey,
  requestItemProblem,
  specialtyCount,
  specialtyDisplay,
  specialtyOptions,
  subTrackOptions,
  takesDetails,
  type RequestRules,
} from "@/lib/domain/request-items";
import { describeTrack, itemLimits, TRACKS_2GT, type Phase } from "@/lib/domain/tracks";
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
import { IntentionSummary } from "./intention-summary";

type Draft = {
  track: string | null;
  subTrack: string;
  freeText: string;
  statusSchool: boolean;
  statusApprentice: boolean;
  specialties: string[];
  stagePasserelle: boolean;
};
type DialogState = { index: number | null; draft: Draft; error: string | null; announce: string } | null;
type Notice = { kind: "success" | "error"; text: string } | null;

const EMPTY_DRAFT: Draft = { track: null, subTrack: "", freeText: "", statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false };
const TRACK_CODES = Object.keys(TRACKS_2GT) as (keyof typeof TRACKS_2GT)[];

const btn =
  "inline-flex items-center gap-1 rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:border-gray-300 disabled:text-gray-600 disabled:bg-gray-100";
const btnSecondary = `${btn} border-france text-france bg-white hover:bg-france-light`;
const btnPrimary = `${btn} border-france bg-france text-white hover:bg-france-hover`;
const select = "mt-1 block w-full rounded border border-gray-500 bg-white px-2 py-1.5";

/**
 * R-2GT-1..5, R-INT-3..7: the entry of a 2de GT student's intentions (provisional) or final
 * choices. Each voie is chosen in a dialog: «1re générale» with its enseignements de spécialité
 * RANKED by the family (the lycée's first, the others marked «hors établissement»), «1re
 * technologique» with its série (STL: two options), BT « métiers de la musique », or the voie
 * professionnelle with its target, the académie's free text and statuses (R-INT-5) and, in the final
 * phase where the académie allows it, a stage passerelle (R-2GT-5). Every check is the rule book's
 * (lib/domain/request-items.ts); nothing is saved before «Valider» (R-INT-6).
 */
export function RequestEditor2gt(props: {
  studentId: string;
  validated: Intention[] | null;
  phase: Phase;
  offeredSpecialties: readonly string[];
  allowDetails: boolean;
  allowStagePasserelle: boolean;
}) {
  const router = useRouter();
  const { phase, offeredSpecialties: offered } = props;
  const w = ENTRY_WORDING[phase];
  const limits: EntryLimits = { level: "2GT", phase, max: itemLimits("2GT", phase).max };
  const rules: RequestRules = {
    level: "2GT",
    phase,
    offeredSpecialties: offered,
    allowTrackDetails: props.allowDetails,
    allowStagePasserelle: props.allowStagePasserelle,
  };
  const validateAction = phase === "final" ? validateFinalChoicesAction : validateIntentionsAction;
  const [validated, setValidated] = useState<Intention[] | null>(props.validated);
  const [entry, setEntry] = useState<Intention[]>(props.validated ?? []);
  const [editing, setEditing] = useState(props.validated === null);
  const [notice, setNotice] = useState<Notice>(null);
  const [announce, setAnnounce] = useState("");
  const [dialog, setDialog] = useState<DialogState>(null);
  const focusNext = useRef<string | null>(null);
  const setFocusId = (id: string) => {
    focusNext.current = id;
  };
  const [pending, startTransition] = useTransition();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const uid = useId();
  const ids = {
    add: `${uid}-add`,
    modify: `${uid}-modify`,
    dialogTitle: `${uid}-dialog-title`,
    dialogError: `${uid}-dialog-error`,
    subTrack: `${uid}-sub-track`,
    subTrackHint: `${uid}-sub-track-hint`,
    freeText: `${uid}-free-text`,
    freeTextHint: `${uid}-free-text-hint`,
    counter: `${uid}-spe-counter`,
    problem: `${uid}-problem`,
    item: (i: number, what: string) => `${uid}-item-${i}-${what}`,
    specialty: (code: string, what: string) => `${uid}-spe-${code}-${what}`,
  };

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (dialog && !d.open) d.showModal();
    if (!dialog && d.open) d.close();
  }, [dialog]);

  const label = (i: Intention) => describeTrack({ track: i.track, subTrack: i.subTrack ?? "" });

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

  function openDialog(index: number | null) {
    setNotice(null);
    const current = index === null ? null : fullItem(entry[index]!);
    setDialog({
      index,
      draft: current
        ? {
            track: current.track,
            subTrack: current.subTrack,
            freeText: current.freeText ?? "",
            statusSchool: current.statusSchool,
            statusApprentice: current.statusApprentice,
            specialties: current.specialties,
            stagePasserelle: current.stagePasserelle,
          }
        : EMPTY_DRAFT,
      error: null,
      announce: "",
    });
  }

  function closeDialog() {
    const index = dialog?.index ?? null;
    setDialog(null);
    setFocusId(index === null ? ids.add : ids.item(index, "change"));
  }

  function updateDraft(patch: Partial<Draft>, announceText = "") {
    if (!dialog) return;
    setDialog({ ...dialog, draft: { ...dialog.draft, ...patch }, error: null, announce: announceText });
  }

  function submitDialog() {
    if (!dialog) return;
    const { draft, index } = dialog;
    if (!draft.track) {
      setDialog({ ...dialog, error: MUST_SELECT_TRACK_MESSAGE });
      return;
    }
    const item = itemOfDraft(draft);
    const result = index === null ? addIntention(entry, item, limits, rules) : changeIntention(entry, index, item, limits, rules);
    if (!result.ok) {
      // R-INT-3 / R-2GT-1..3: refused, the dialog stays open and the entry goes on.
      setDialog({ ...dialog, error: result.message });
      return;
    }
    setEntry(result.entry);
    const at = index === null ? result.entry.length - 1 : index;
    setAnnounce(`${w.item} ${at + 1} : ${label(item)}${index === null ? ` ${w.added}` : ` ${w.changed}`}.`);
    setDialog(null);
    setFocusId(index === null && canAddIntention(result.entry, limits) ? ids.add : ids.item(at, "change"));
  }

  function move(index: number, direction: "up" | "down") {
    const next = moveIntention(entry, index, direction);
    const to = direction === "up" ? index - 1 : index + 1;
    setEntry(next);
    setAnnounce(`${label(next[to]!)} : désormais ${w.itemLower} ${to + 1}.`);
    const c = entryControls(next, to);
    setFocusId(ids.item(to, direction === "up" ? (c.moveUp ? "up" : "down") : c.moveDown ? "down" : "up"));
  }

  function remove(index: number) {
    const removed = entry[index]!;
    const next = removeIntention(entry, index);
    setEntry(next);
    setAnnounce(`${label(removed)} : ${w.itemLower} ${w.removed}.`);
    setFocusId(canAddIntention(next, limits) ? ids.add : ids.item(0, "change"));
  }

  function cancel() {
    setEntry(cancelEntry(validated));
    setNotice(null);
    if (validated) {
      setEditing(false);
      setAnnounce(w.cancelled);
      setFocusId(ids.modify);
    } else {
      setAnnounce("Saisie annulée : tout a été supprimé.");
      setFocusId(ids.add);
    }
  }

  function submit() {
    if (entry.length === 0) {
      setNotice({ kind: "error", text: w.mustEnterOne });
      return;
    }
    startTransition(async () => {
      const result = await validateAction({ studentId: props.studentId, intentions: entry.map(fullItem) });
      if (result.ok) {
        const items = result.data.items.map(fullItem);
        setValidated(items);
        setEntry(items);
        setEditing(false);
        setNotice({ kind: "success", text: w.validated });
        setFocusId(ids.modify);
        router.refresh();
      } else {
        setNotice({ kind: "error", text: result.message });
      }
    });
  }

  // The spécialités (R-2GT-2/3): ticked to add at the end of the ranking, moved up and down, announced.
  const count = specialtyCount(phase);
  function toggleSpecialty(code: string, on: boolean) {
    if (!dialog) return;
    const list = dialog.draft.specialties;
    const next = on ? [...list, code] : list.filter((s) => s !== code);
    const name = specialtyDisplay(code, offered);
    updateDraft(
      { specialties: next },
      on ? `${name} : ajouté au rang ${next.length} sur ${next.length}.` : `${name} : retiré du classement. ${next.length} enseignement(s) classé(s).`,
    );
  }
  function moveSpecialty(code: string, direction: "up" | "down") {
    if (!dialog) return;
    const list = [...dialog.draft.specialties];
    const from = list.indexOf(code);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to]!, list[from]!];
    updateDraft({ specialties: list }, `${specialtyDisplay(code, offered)} : désormais rang ${to + 1} sur ${list.length}.`);
    const canGo = direction === "up" ? to > 0 : to < list.length - 1;
    setFocusId(ids.specialty(code, canGo ? direction : direction === "up" ? "down" : "up"));
  }

  const noticeBox = notice ? (
    <div
      role={notice.kind === "error" ? "alert" : "status"}
      className={`mt-4 rounded border-l-4 p-3 ${notice.kind === "error" ? "border-error bg-red-50" : "border-success bg-green-50"}`}
    >
      {notice.text}
    </div>
  ) : null;

  const draft = dialog?.draft;
  const draftItem = draft?.track ? itemOfDraft(draft) : null;
  // Live: what is still wrong with the voie being chosen (the same rules as the server).
  const liveProblem = draftItem ? requestItemProblem(rules, fullItem(draftItem)) : null;
  const showDetails = props.allowDetails && draft?.track != null && takesDetails(draft.track);
  const options = specialtyOptions(offered);
  const groups = [
    { legend: offered.length > 0 ? "Proposés dans l'établissement" : "Enseignements de spécialité", list: options.filter((o) => !o.outside) },
    { legend: "Hors établissement", list: options.filter((o) => o.outside) },
  ].filter((g) => g.list.length > 0);

  return (
    <div>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {!editing && validated ? (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          <IntentionSummary
            items={validated}
            offered={offered}
            label={w.item}
            listLabel={phase === "final" ? "Choix définitifs par ordre de préférence" : undefined}
          />
          {noticeBox}
          <p className="mt-4">
            <button
              id={ids.modify}
              type="button"
              className={btnPrimary}
              onClick={() => {
                setEntry(validated);
                setEditing(true);
                setNotice(null);
                setFocusId(ids.add);
              }}
            >
              {w.modify}
            </button>
          </p>
        </>
      ) : (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          <p className="text-sm text-muted">{RANK_HINT}.</p>
          {entry.length === 0 ? (
            <p className="mt-3 rounded border border-dashed border-gray-500 p-3 text-sm">{w.empty}</p>
          ) : (
            <ol className="mt-3 space-y-3" aria-label={w.listLabel}>
              {entry.map((item, i) => {
                const c = entryControls(entry, i);
                return (
                  <li key={requestItemKey(fullItem(item))} className="rounded border border-gray-300 bg-white p-3">
                    <h3 className="font-bold">
                      {w.item} {i + 1}
                    </h3>
                    <p>{label(item)}</p>
                    {intentionDetailLines(item, offered).map((line) => (
                      <p key={line} className="text-sm text-muted">
                        {line}
                      </p>
                    ))}
                    <div className="mt-2 flex flex-wrap gap-2">
                      <button
                        id={ids.item(i, "up")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.moveUp}
                        onClick={() => move(i, "up")}
                        aria-label={`Monter ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">↑</span> Monter
                      </button>
                      <button
                        id={ids.item(i, "down")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.moveDown}
                        onClick={() => move(i, "down")}
                        aria-label={`Descendre ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">↓</span> Descendre
                      </button>
                      <button
                        id={ids.item(i, "change")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.change}
                        onClick={() => openDialog(i)}
                        aria-label={`Modifier ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">→</span> Modifier
                      </button>
                      <button
                        id={ids.item(i, "remove")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.remove}
                        onClick={() => remove(i)}
                        aria-label={`Supprimer ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">✕</span> Supprimer
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="mt-4 flex flex-wrap gap-3">
            <button id={ids.add} type="button" className={btnSecondary} disabled={!canAddIntention(entry, limits)} onClick={() => openDialog(null)}>
              {w.add}
            </button>
          </div>
          {noticeBox}
          <div className="mt-4 flex flex-wrap gap-3 border-t border-gray-300 pt-4">
            <button type="button" className={btnSecondary} disabled={validated ? false : !canCancelAll(entry)} onClick={cancel}>
              {validated ? "Annuler" : "Tout annuler"}
            </button>
            <button type="button" className={btnPrimary} disabled={pending} onClick={submit}>
              {pending ? "Validation en cours…" : w.validate}
            </button>
          </div>
        </>
      )}

      <dialog
        ref={dialogRef}
        aria-labelledby={ids.dialogTitle}
        className="m-auto max-h-[calc(100dvh-1.5rem)] w-[calc(100%-1.5rem)] max-w-xl overflow-y-auto rounded border border-gray-300 p-0 backdrop:bg-black/50"
        onCancel={(e) => {
          e.preventDefault();
          closeDialog();
        }}
      >
        {dialog && draft ? (
          <form
            className="p-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submitDialog();
            }}
          >
            <p className="sr-only" role="status" aria-live="polite">
              {dialog.announce}
            </p>
            <h2 id={ids.dialogTitle} className="text-lg font-bold">
              {dialog.index === null ? w.addTitle : `Modifier ${w.itemArticle} ${dialog.index + 1}`}
            </h2>
            <fieldset className="mt-3">
              <legend className="font-medium">Voie d&apos;orientation</legend>
              <div className="mt-2 space-y-2">
                {TRACK_CODES.map((track) => {
                  const id = `${uid}-track-${track}`;
                  const taken = subTrackOptions(track).length === 0 && isDuplicate(entry, { track, subTrack: "" }, dialog.index ?? undefined);
                  return (
                    <div key={track} className="flex items-start gap-2">
                      <input
                        id={id}
                        type="radio"
                        name="track"
                        value={track}
                        checked={draft.track === track}
                        onChange={() => updateDraft({ track, subTrack: draft.track === track ? draft.subTrack : "", stagePasserelle: false })}
                        className="mt-0.5 h-5 w-5 shrink-0"
                      />
                      <label htmlFor={id} className="flex-1">
                        {TRACKS_2GT[track]}
                        {taken ? <span className="text-sm text-muted"> (déjà saisie)</span> : null}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>

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
                      {isDuplicate(entry, { track: draft.track!, subTrack: o.code }, dialog.index ?? undefined) ? " (déjà saisie)" : ""}
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

            {showDetails && draft.track ? (
              <div className="mt-4 space-y-3 border-t border-gray-300 pt-3">
                <div>
                  <label htmlFor={ids.freeText} className="block font-medium">
                    {freeTextLabel(draft.track)} (facultatif)
                  </label>
                  <div className="text-sm text-muted">
                    <span id={ids.freeTextHint}>
                      {FREE_TEXT_HINT} ({INTENTION_FREE_TEXT_MAX} caractères au plus) :
                    </span>
                    <HelpToggle subject="métier ou formation" text={HELP_FREE_TEXT} />
                  </div>
                  <input
                    id={ids.freeText}
                    type="text"
                    maxLength={INTENTION_FREE_TEXT_MAX}
                    aria-describedby={ids.freeTextHint}
                    value={draft.freeText}
                    onChange={(e) => updateDraft({ freeText: e.target.value })}
                    className="mt-1 block w-full rounded border border-gray-500 px-2 py-1.5"
                  />
                </div>
                <fieldset>
                  <legend className="font-medium">Statut envisagé (facultatif, les deux peuvent être cochés)</legend>
                  {(
                    [
                      ["statusSchool", STATUS_SCHOOL_LABEL, HELP_STATUS_SCHOOL],
                      ["statusApprentice", STATUS_APPRENTICE_LABEL, HELP_STATUS_APPRENTICE],
                    ] as const
                  ).map(([key, text, help]) => (
                    <div key={key} className="mt-2 flex items-start gap-2">
                      <input
                        id={`${uid}-${key}`}
                        type="checkbox"
                        checked={draft[key]}
                        onChange={(e) => updateDraft({ [key]: e.target.checked })}
                        className="mt-0.5 h-5 w-5 shrink-0"
                      />
                      <div className="flex-1">
                        <label htmlFor={`${uid}-${key}`}>{text}</label>
                        <HelpToggle subject={text} text={help} />
                      </div>
                    </div>
                  ))}
                </fieldset>
              </div>
            ) : null}

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

            {liveProblem && !dialog.error ? (
              <p id={ids.problem} className="mt-3 rounded border-l-4 border-warning bg-orange-50 p-2 text-sm">
                <span className="font-medium">À compléter : </span>
                {liveProblem}
              </p>
            ) : null}
            {dialog.error ? (
              <p id={ids.dialogError} role="alert" className="mt-3 rounded border-l-4 border-error bg-red-50 p-2 text-sm">
                {dialog.error}
              </p>
            ) : null}
            <div className="mt-4 flex flex-wrap justify-end gap-3">
              <button type="button" className={btnSecondary} onClick={() => closeDialog()}>
                Annuler la sélection
              </button>
              <button type="submit" className={btnPrimary}>
                Valider la sélection
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
    </div>
  );
}
