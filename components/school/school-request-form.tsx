"use client";

import { useState } from "react";
import { saveSchoolRequestAction } from "@/lib/actions/school-student-file";
import {
  DUPLICATE_TRACK_MESSAGE,
  normaliseRequestItem,
  requestItemKey,
  requestItemProblem,
  SPECIALTIES_FINAL,
  SPECIALTIES_OUTSIDE_MAX,
  SPECIALTIES_PROVISIONAL,
  SPECIALTIES_PROVISIONAL_MAX,
  specialtyOptions,
  STAGE_PASSERELLE_LABEL,
  subTrackOptions,
  takesDetails,
  type RequestItem,
  type RequestRules,
} from "@/lib/domain/request-items";
import { FREE_TEXT_MAX } from "@/lib/domain/school-requests";
import type { EditableItem } from "@/lib/domain/school-student-page";
import { itemLimits, tracksOf, type Level } from "@/lib/domain/tracks";
import { ActionFeedback, FieldError } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

export type { EditableItem };

const emptyItem = (): EditableItem => ({
  track: "",
  subTrack: "",
  freeText: "",
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
});
const input = "mt-1 w-full rounded border border-gray-500 px-2 py-1.5";
const small = "rounded border border-france px-2 py-1 text-sm text-france hover:bg-france-light disabled:opacity-40";

/** What the form sends for one item: only what its voie takes (R-INT-5, R-2GT-1..3). */
function requestItemOf(x: EditableItem, final: boolean, allowTrackDetails: boolean): RequestItem {
  const details = takesDetails(x.track) && allowTrackDetails;
  return {
    track: x.track,
    subTrack: subTrackOptions(x.track).length > 0 ? x.subTrack : "",
    freeText: details ? x.freeText || null : null,
    statusSchool: details && x.statusSchool,
    statusApprentice: details && x.statusApprentice,
    specialties: x.track === "1G" ? x.specialties.filter(Boolean) : [],
    stagePasserelle: x.track === "VOIE_PRO" && final && x.stagePasserelle,
  };
}

/**
 * R-SCH-1 / R-SCH-5: the school's entry of a student's intentions (1 to 3, ranked) or final
 * choices (1 to 3, 11 after 2de GT), or the change of the family's entry after the council's
 * opening. Deleting avis or proposals is confirmed first. After 2de GT the same rules as the
 * family's (lib/domain/request-items.ts): the série of a 1re technologique (STL with its option),
 * the target of the voie pro, the ranked spécialités of a 1re générale (the lycée's first, the
 * others «hors établissement»: 4, or 5 with one outside, provisional; exactly 3, final), and, in
 * the final phase, the stage passerelle the paper form may carry (R-2GT-1..5).
 */
export function SchoolRequestForm({
  studentId,
  level,
  initial,
  allowTrackDetails,
  changesFamilyEntry,
  offeredSpecialties = [],
  phase = "provisional",
}: {
  studentId: string;
  level: Level;
  initial: EditableItem[];
  allowTrackDetails: boolean;
  changesFamilyEntry: boolean;
  /** R-2GT-4: the lycée's offered spécialités (empty: nothing is marked «hors établissement»). */
  offeredSpecialties?: string[];
  /** Final phase: the choix définitifs (R-SCH-1 / R-SCH-5); deleting the council's proposals is confirmed first. */
  phase?: "provisional" | "final";
}) {
  const final = phase === "final";
  /** Both phases' forms can share the page: their ids differ. */
  const idp = final ? "final-" : "";
  const noun = final ? "choix définitif" : "intention";
  const [items, setItems] = useState<EditableItem[]>(initial.length > 0 ? initial : [emptyItem()]);
  /** The problems found before sending (the rules of every request), by item. */
  const [problems, setProblems] = useState<(string | null)[]>([]);
  const act = useAction();
  const tracks = tracksOf(level);
  const { max } = itemLimits(level, phase);
  // The paper form may carry a stage passerelle whatever the académie allows online (R-2GT-5); details are dropped, not refused.
  const rules: RequestRules = { level, phase, offeredSpecialties, allowTrackDetails: true, allowStagePasserelle: true };
  const slots = final ? SPECIALTIES_FINAL : SPECIALTIES_PROVISIONAL_MAX;
  const options = specialtyOptions(offeredSpecialties);
  const inside = options.filter((o) => !o.outside);
  const outside = options.filter((o) => o.outside);

  /** Each item's problem, or null: the rule book's, then «the same voie twice» (R-INT-3). */
  function check(xs: EditableItem[]): (string | null)[] {
    const seen = new Set<string>();
    return xs.map((x) => {
      const item = normaliseRequestItem(requestItemOf(x, final, allowTrackDetails));
      const problem = requestItemProblem(rules, item);
      if (problem) return problem;
      const key = requestItemKey(item);
      if (seen.has(key)) return DUPLICATE_TRACK_MESSAGE;
      seen.add(key);
      return null;
    });
  }
  const problemOf = (i: number): string | undefined => problems[i] ?? act.errorOf(`items.${i}`);

  const update = (i: number, patch: Partial<EditableItem>) => {
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setProblems((ps) => ps.map((p, j) => (j === i ? null : p)));
  };
  const move = (i: number, d: -1 | 1) => {
    setProblems([]);
    setItems((xs) => {
      const ys = [...xs];
      [ys[i], ys[i + d]] = [ys[i + d]!, ys[i]!];
      return ys;
    });
  };
  const submit = (confirmed: boolean) =>
    act.run(
      () =>
        saveSchoolRequestAction({
          studentId,
          confirmed,
          phase,
          items: items.map((x) => requestItemOf(x, final, allowTrackDetails)),
        }),
      (d) => {
        if (!d.changed) return final ? "Les choix définitifs n'ont pas changé." : "Les intentions n'ont pas changé.";
        const parts = final
          ? [changesFamilyEntry ? "Les choix définitifs de la famille sont modifiés." : "Les choix définitifs sont enregistrés."]
          : [changesFamilyEntry ? "Les intentions de la famille sont modifiées." : "Les intentions sont enregistrées."];
        if (d.deletedProposals > 0)
          parts.push(
            `${d.deletedProposals} proposition${d.deletedProposals > 1 ? "s" : ""} du conseil de classe supprimée${d.deletedProposals > 1 ? "s" : ""}.`,
          );
        if (d.deletedOpinions > 0)
          parts.push(`${d.deletedOpinions} avis provisoire${d.deletedOpinions > 1 ? "s" : ""} supprimé${d.deletedOpinions > 1 ? "s" : ""}.`);
        if (d.guardiansToEmail > 0)
          parts.push(
            `La famille verra la modification après le transfert de cette nuit ; un courriel en informera alors ${d.guardiansToEmail > 1 ? "chaque représentant légal" : "le représentant légal"}.`,
          );
        return parts.join(" ");
      },
    );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = check(items);
        setProblems(found);
        const first = found.findIndex((p) => p !== null);
        if (first >= 0) {
          act.setFeedback(null);
          document.getElementById(`${idp}track-${first}`)?.focus();
          return;
        }
        submit(false);
      }}
      className="space-y-3"
    >
      <p className="text-sm">
        Vous devez obligatoirement saisir {final ? "un choix définitif" : "une intention"}. Vous pouvez en saisir jusqu&apos;à {max === 3 ? "trois" : max}. Leur
        ordre d&apos;affichage correspond à l&apos;ordre de préférence.
      </p>
      <ol className="space-y-3">
        {items.map((x, i) => (
          <li key={i}>
            <fieldset className="rounded border border-gray-300 p-3">
              <legend className="px-1 font-medium">
                {final ? "Choix définitif" : "Intention"} {i + 1}
              </legend>
              <label htmlFor={`${idp}track-${i}`} className="block text-sm font-medium">
                Voie d&apos;orientation
              </label>
              <select
                id={`${idp}track-${i}`}
                value={x.track}
                onChange={(e) => update(i, { ...emptyItem(), track: e.target.value })}
                className={input}
                aria-invalid={problemOf(i) ? true : undefined}
                aria-describedby={problemOf(i) ? `${idp}problem-${i}` : undefined}
              >
                <option value="">— Choisir une voie —</option>
                {Object.entries(tracks).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
              {subTrackOptions(x.track).length > 0 ? (
                <>
                  <label htmlFor={`${idp}sub-${i}`} className="mt-2 block text-sm font-medium">
                    {x.track === "1T" ? "Série" : "Voie professionnelle demandée"}
                  </label>
                  <select id={`${idp}sub-${i}`} value={x.subTrack} onChange={(e) => update(i, { subTrack: e.target.value })} className={input}>
                    <option value="">{x.track === "1T" ? "— Choisir une série —" : "— Choisir —"}</option>
                    {subTrackOptions(x.track).map((o) => (
                      <option key={o.code} value={o.code}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              {x.track === "1G" ? (
                <fieldset className="mt-2">
                  <legend className="text-sm font-medium">Enseignements de spécialité, par ordre de préférence</legend>
                  <p className="text-sm text-muted" id={`${idp}spec-hint-${i}`}>
                    {final
                      ? `${SPECIALTIES_FINAL} enseignements de spécialité, proposés dans l'établissement ou en dehors de l'établissement.`
                      : `${SPECIALTIES_PROVISIONAL} enseignements de spécialité classés ; un ${SPECIALTIES_PROVISIONAL_MAX}e si l'un d'eux n'est pas proposé dans l'établissement (au plus ${SPECIALTIES_OUTSIDE_MAX} hors établissement).`}
                  </p>
                  <div className="mt-1 grid gap-2 sm:grid-cols-2">
                    {Array.from({ length: slots }, (_, k) => (
                      <div key={k}>
                        <label htmlFor={`${idp}spec-${i}-${k}`} className="block text-sm">
                          Spécialité {k + 1}
                          {!final && k === SPECIALTIES_PROVISIONAL ? " (seulement si l'une n'est pas proposée dans l'établissement)" : ""}
                        </label>
                        <select
                          id={`${idp}spec-${i}-${k}`}
                          value={x.specialties[k] ?? ""}
                          className={input}
                          aria-describedby={`${idp}spec-hint-${i}`}
                          onChange={(e) => {
                            const sp = Array.from({ length: slots }, (_, n) => x.specialties[n] ?? "");
                            sp[k] = e.target.value;
                            update(i, { specialties: sp });
                          }}
                        >
                          <option value="">—</option>
                          {outside.length > 0 ? (
                            <>
                              <optgroup label="Proposés dans l'établissement">
                                {inside.map((o) => (
                                  <option key={o.code} value={o.code}>
                                    {o.label}
                                  </option>
                                ))}
                              </optgroup>
                              <optgroup label="Hors établissement">
                                {outside.map((o) => (
                                  <option key={o.code} value={o.code}>
                                    {o.label} (hors établissement)
                                  </option>
                                ))}
                              </optgroup>
                            </>
                          ) : (
                            inside.map((o) => (
                              <option key={o.code} value={o.code}>
                                {o.label}
                              </option>
                            ))
                          )}
                        </select>
                      </div>
                    ))}
                  </div>
                </fieldset>
              ) : null}
              {takesDetails(x.track) && allowTrackDetails ? (
                <>
                  <label htmlFor={`${idp}free-${i}`} className="mt-2 block text-sm font-medium">
                    {x.track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers"} (facultatif)
                  </label>
                  <input
                    id={`${idp}free-${i}`}
                    value={x.freeText}
                    maxLength={FREE_TEXT_MAX}
                    onChange={(e) => update(i, { freeText: e.target.value })}
                    className={input}
                  />
                  <div className="mt-2 flex flex-wrap gap-4 text-sm">
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" checked={x.statusSchool} onChange={(e) => update(i, { statusSchool: e.target.checked })} /> Sous statut scolaire
                    </label>
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" checked={x.statusApprentice} onChange={(e) => update(i, { statusApprentice: e.target.checked })} /> Sous statut
                      d&apos;apprenti
                    </label>
                  </div>
                </>
              ) : null}
              {x.track === "VOIE_PRO" && final ? (
                <div className="mt-2 text-sm">
                  <label className="inline-flex items-center gap-2">
                    <input type="checkbox" checked={x.stagePasserelle} onChange={(e) => update(i, { stagePasserelle: e.target.checked })} />{" "}
                    {STAGE_PASSERELLE_LABEL}
                  </label>
                </div>
              ) : null}
              <FieldError id={`${idp}problem-${i}`} message={problemOf(i)} />
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  className={small}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Monter ${final ? "le " : "l'"}${noun} ${i + 1}`}
                >
                  ↑ Monter
                </button>
                <button
                  type="button"
                  className={small}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Descendre ${final ? "le " : "l'"}${noun} ${i + 1}`}
                >
                  ↓ Descendre
                </button>
                <button
                  type="button"
                  className={small}
                  disabled={items.length < 2}
                  onClick={() => {
                    setItems((xs) => xs.filter((_, j) => j !== i));
                    setProblems([]);
                  }}
                  aria-label={`Supprimer ${final ? "le " : "l'"}${noun} ${i + 1}`}
                >
                  Supprimer
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {items.length < max ? (
        <button type="button" className={small} onClick={() => setItems((xs) => [...xs, emptyItem()])}>
          + Ajouter {final ? "un choix définitif" : "une intention"}
        </button>
      ) : null}
      {act.feedback?.kind === "confirm" ? (
        <div role="alert" className="rounded border-l-4 border-warning bg-orange-50 p-3">
          <p className="font-medium text-warning">{act.feedback.message}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={act.pending}
              onClick={() => submit(true)}
              className="rounded bg-error px-4 py-2 font-medium text-white disabled:opacity-60"
            >
              Confirmer la modification
            </button>
            <button type="button" onClick={() => act.setFeedback(null)} className="rounded border border-france px-4 py-2 font-medium text-france">
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="submit" disabled={act.pending} className="rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60">
            {final
              ? changesFamilyEntry
                ? "Modifier les choix définitifs de la famille"
                : "Enregistrer les choix définitifs"
              : changesFamilyEntry
                ? "Modifier les intentions de la famille"
                : "Enregistrer les intentions"}
          </button>
        </div>
      )}
      <ActionFeedback feedback={act.feedback} inlineFieldErrors />
      {problems.some((p) => p !== null) ? (
        <div role="alert" className="rounded border-l-4 border-error bg-red-50 p-2 text-sm text-error">
          <p>{final ? "Corrigez les choix définitifs signalés avant d'enregistrer :" : "Corrigez les intentions signalées avant d'enregistrer :"}</p>
          <ul className="list-disc pl-5">
            {problems.map((p, i) =>
              p ? (
                <li key={i}>
                  {final ? "Choix définitif" : "Intention"} {i + 1} : {p}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
