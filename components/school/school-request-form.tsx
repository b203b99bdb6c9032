"use client";

import { useState } from "react";
import { saveSchoolRequestAction } from "@/lib/actions/school-student-file";
import { FREE_TEXT_MAX } from "@/lib/domain/school-requests";
import type { EditableItem } from "@/lib/domain/school-student-page";
import { itemLimits, PROFESSIONAL_PATHS, SPECIALTIES, TECHNOLOGICAL_SERIES, tracksOf, trackTakesDetails, type Level } from "@/lib/domain/tracks";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

export type { EditableItem };

const emptyItem = (): EditableItem => ({ track: "", subTrack: "", freeText: "", statusSchool: false, statusApprentice: false, specialties: [] });
const input = "mt-1 w-full rounded border border-gray-500 px-2 py-1.5";
const small = "rounded border border-france px-2 py-1 text-sm text-france hover:bg-france-light disabled:opacity-40";

/**
 * R-SCH-1 / R-SCH-5: the school's entry of a student's intentions (1 to 3, ranked), or the change
 * of the family's entry after the council's opening. Deleting avis is confirmed first.
 */
export function SchoolRequestForm({
  studentId,
  level,
  initial,
  allowTrackDetails,
  changesFamilyEntry,
  phase = "provisional",
}: {
  studentId: string;
  level: Level;
  initial: EditableItem[];
  allowTrackDetails: boolean;
  changesFamilyEntry: boolean;
  /** Final phase: the choix définitifs (R-SCH-1 / R-SCH-5); deleting the council's proposals is confirmed first. */
  phase?: "provisional" | "final";
}) {
  const final = phase === "final";
  /** Both phases' forms can share the page: their ids differ. */
  const idp = final ? "final-" : "";
  const noun = final ? "choix définitif" : "intention";
  const [items, setItems] = useState<EditableItem[]>(initial.length > 0 ? initial : [emptyItem()]);
  const act = useAction();
  const tracks = tracksOf(level);
  const { max } = itemLimits(level, phase);

  const update = (i: number, patch: Partial<EditableItem>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1) =>
    setItems((xs) => {
      const ys = [...xs];
      [ys[i], ys[i + d]] = [ys[i + d]!, ys[i]!];
      return ys;
    });
  const submit = (confirmed: boolean) =>
    act.run(
      () =>
        saveSchoolRequestAction({
          studentId,
          confirmed,
          phase,
          items: items.map((x) => ({
            track: x.track,
            subTrack: x.subTrack,
            freeText: x.freeText || null,
            statusSchool: x.statusSchool,
            statusApprentice: x.statusApprentice,
            specialties: x.specialties.filter(Boolean),
          })),
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
        if (d.emailsQueued > 0)
          parts.push(`Un courriel informe ${d.emailsQueued > 1 ? "chaque représentant légal" : "le représentant légal"} de la modification.`);
        return parts.join(" ");
      },
    );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      className="space-y-3"
    >
      <p className="text-sm">
        Vous devez obligatoirement saisir {final ? "un choix définitif" : "une intention"}. Vous pouvez en saisir jusqu&apos;à trois. Leur ordre
        d&apos;affichage correspond à l&apos;ordre de préférence.
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
              <select id={`${idp}track-${i}`} value={x.track} onChange={(e) => update(i, { ...emptyItem(), track: e.target.value })} className={input}>
                <option value="">— Choisir une voie —</option>
                {Object.entries(tracks).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
              {x.track === "1T" ? (
                <>
                  <label htmlFor={`${idp}series-${i}`} className="mt-2 block text-sm font-medium">
                    Série
                  </label>
                  <select id={`${idp}series-${i}`} value={x.subTrack} onChange={(e) => update(i, { subTrack: e.target.value })} className={input}>
                    <option value="">— Choisir une série —</option>
                    {Object.entries(TECHNOLOGICAL_SERIES).map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              {x.track === "VOIE_PRO" ? (
                <>
                  <label htmlFor={`${idp}path-${i}`} className="mt-2 block text-sm font-medium">
                    Voie professionnelle demandée
                  </label>
                  <select id={`${idp}path-${i}`} value={x.subTrack} onChange={(e) => update(i, { subTrack: e.target.value })} className={input}>
                    <option value="">— Choisir —</option>
                    {Object.entries(PROFESSIONAL_PATHS).map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              {x.track === "1G" ? (
                <div className="mt-2 grid gap-2 sm:grid-cols-2">
                  {[0, 1, 2, 3, 4].map((k) => (
                    <div key={k}>
                      <label htmlFor={`${idp}spec-${i}-${k}`} className="block text-sm font-medium">
                        Enseignement de spécialité {k + 1}
                        {k === 4 ? " (si l'un n'est pas proposé dans l'établissement)" : ""}
                      </label>
                      <select
                        id={`${idp}spec-${i}-${k}`}
                        value={x.specialties[k] ?? ""}
                        className={input}
                        onChange={(e) => {
                          const s = [...x.specialties];
                          s[k] = e.target.value;
                          update(i, { specialties: s });
                        }}
                      >
                        <option value="">—</option>
                        {Object.entries(SPECIALTIES).map(([code, label]) => (
                          <option key={code} value={code}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                </div>
              ) : null}
              {trackTakesDetails(x.track) && allowTrackDetails ? (
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
                  onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}
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
      <ActionFeedback feedback={act.feedback} />
    </form>
  );
}
