"use client";

import { useState } from "react";
import { saveProposalsAction } from "@/lib/actions/class-council";
import { PROPOSAL_ANSWER_LABELS, PROPOSAL_MOTIVATION_MAX, type ProposalAnswer } from "@/lib/domain/proposals";
import type { ProposalSheetStudent } from "@/lib/domain/school-division-page";
import { StickySaveBar } from "@/components/ui/sticky-save-bar";
import { useAction } from "@/components/ui/use-action";
import { deName } from "@/lib/domain/person-name";

const field = "w-full rounded border border-gray-500 px-2 py-1.5";
const small = "rounded border border-france px-2 py-1 text-sm text-france hover:bg-france-light disabled:opacity-40";
/** An element id from a voie's key ("1T|STMG"). */
const idOf = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, "-");

/**
 * R-FIN-5: the class council's proposals of a whole division on one screen: «Oui» or «Non» on each
 * final choice, other voies proposed, each with an optional motivation. After 3e the three voies
 * are checkboxes; after 2de GT (every série, every target: `compactExtras`) the council picks the
 * voies to propose from a list, one student at a time.
 */
export function ProposalsForm({
  divisionId,
  students,
  compactExtras = false,
}: {
  divisionId: string;
  students: ProposalSheetStudent[];
  compactExtras?: boolean;
}) {
  const act = useAction();
  const [announce, setAnnounce] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const text = (name: string) => String(fd.get(name) ?? "").trim() || null;
        const payload = students.map((s) => ({
          studentId: s.studentId,
          answers: s.choices.map((c) => ({
            itemId: c.itemId,
            answer: (text(`answer:${c.itemId}`) as ProposalAnswer | null) ?? null,
            motivation: text(`motivation:${c.itemId}`),
          })),
          // In the screen's order: the order of the proposals.
          extras: fd
            .getAll(`extras:${s.studentId}`)
            .map((k) => s.extras.find((x) => x.key === String(k)))
            .filter((x): x is ProposalSheetStudent["extras"][number] => x !== undefined)
            .map((x) => ({ track: x.track, subTrack: x.subTrack, motivation: text(`extra-motivation:${s.studentId}:${x.key}`) })),
        }));
        act.run(
          () => saveProposalsAction({ divisionId, students: payload }),
          (d) =>
            d.changed === 0
              ? "Aucune proposition n'a changé."
              : `Les propositions du conseil de classe sont enregistrées (${d.changed} modification${d.changed > 1 ? "s" : ""}).` +
                (d.familiesToInform > 0 ? ` ${d.familiesToInform} famille${d.familiesToInform > 1 ? "s" : ""} à informer.` : ""),
        );
      }}
    >
      {students.length === 0 ? <p>Aucun élève de cette division ne suit la procédure.</p> : null}
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      <div className="space-y-4">
        {students.map((s) => (
          <fieldset key={s.studentId} className="rounded border border-gray-300 p-3">
            <legend className="px-1 font-bold">{s.name}</legend>
            {s.choices.length === 0 ? <p className="text-sm text-muted">Aucun choix définitif.</p> : null}
            <ul className="space-y-3">
              {s.choices.map((c) => (
                <li key={c.itemId} className="grid gap-2 md:grid-cols-[minmax(0,2fr)_10rem_minmax(0,3fr)] md:items-start">
                  <p className="text-sm">
                    <span className="font-medium">Choix {c.rank} :</span> {c.label}
                  </p>
                  <div>
                    <label htmlFor={`answer-${c.itemId}`} className="sr-only">
                      Réponse du conseil au choix {c.rank} {deName(s.name)}
                    </label>
                    <select id={`answer-${c.itemId}`} name={`answer:${c.itemId}`} defaultValue={c.answer ?? ""} className={field}>
                      <option value="">— Pas de réponse —</option>
                      {(["yes", "no"] as const).map((v) => (
                        <option key={v} value={v}>
                          {PROPOSAL_ANSWER_LABELS[v]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`motivation-${c.itemId}`} className="sr-only">
                      Motivation de la réponse au choix {c.rank} {deName(s.name)}
                    </label>
                    <input
                      id={`motivation-${c.itemId}`}
                      name={`motivation:${c.itemId}`}
                      defaultValue={c.motivation ?? ""}
                      maxLength={PROPOSAL_MOTIVATION_MAX}
                      placeholder="Motivation (facultatif)"
                      className={field}
                    />
                  </div>
                </li>
              ))}
            </ul>
            {s.extras.length === 0 ? null : compactExtras ? (
              <PickedExtras student={s} onAnnounce={setAnnounce} />
            ) : (
              <div className="mt-3">
                <p className="text-sm font-medium">Autres voies proposées par le conseil de classe</p>
                <ul className="mt-1 space-y-2">
                  {s.extras.map((x) => (
                    <li key={x.key} className="grid gap-2 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] md:items-center">
                      <div className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          id={`extra-${s.studentId}-${idOf(x.key)}`}
                          name={`extras:${s.studentId}`}
                          value={x.key}
                          defaultChecked={x.proposed}
                          className="h-4 w-4"
                        />
                        <label htmlFor={`extra-${s.studentId}-${idOf(x.key)}`}>
                          Proposer : {x.label}
                          <span className="sr-only"> à {s.name}</span>
                        </label>
                      </div>
                      <div>
                        <label htmlFor={`extra-motivation-${s.studentId}-${idOf(x.key)}`} className="sr-only">
                          Motivation de la proposition {x.label} pour {s.name}
                        </label>
                        <input
                          id={`extra-motivation-${s.studentId}-${idOf(x.key)}`}
                          name={`extra-motivation:${s.studentId}:${x.key}`}
                          defaultValue={x.motivation ?? ""}
                          maxLength={PROPOSAL_MOTIVATION_MAX}
                          placeholder="Motivation (facultatif)"
                          className={field}
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </fieldset>
        ))}
      </div>
      {students.length > 0 ? <StickySaveBar pending={act.pending} label="Enregistrer les propositions" feedback={act.feedback} /> : null}
    </form>
  );
}

/**
 * R-FIN-5 after 2de GT: the voies the council proposes to one student, picked from the list of
 * the voies the family did not choose (with their série or target), each with its motivation and
 * «Retirer». Keyboard: «Proposer» adds the chosen voie and moves the focus to its motivation;
 * «Retirer» gives the focus back to the list. Saved with the rest of the screen.
 */
function PickedExtras({ student: s, onAnnounce }: { student: ProposalSheetStudent; onAnnounce: (text: string) => void }) {
  const [picked, setPicked] = useState<string[]>(s.extras.filter((x) => x.proposed).map((x) => x.key));
  const [choice, setChoice] = useState("");
  const byKey = new Map(s.extras.map((x) => [x.key, x]));
  const left = s.extras.filter((x) => !picked.includes(x.key));
  const selectId = `extra-pick-${s.studentId}`;
  const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  return (
    <div className="mt-3">
      <p className="text-sm font-medium" id={`extras-title-${s.studentId}`}>
        Autres voies proposées par le conseil de classe
      </p>
      {picked.length === 0 ? (
        <p className="text-sm text-muted">Aucune autre voie proposée.</p>
      ) : (
        <ul className="mt-1 space-y-2" aria-labelledby={`extras-title-${s.studentId}`}>
          {picked.map((key) => {
            const x = byKey.get(key)!;
            const id = `extra-motivation-${s.studentId}-${idOf(key)}`;
            return (
              <li key={key} className="grid gap-2 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] md:items-center">
                <p className="text-sm">
                  <input type="hidden" name={`extras:${s.studentId}`} value={key} />
                  Proposition : {x.label}
                </p>
                <div>
                  <label htmlFor={id} className="sr-only">
                    Motivation de la proposition {x.label} pour {s.name}
                  </label>
                  <input
                    id={id}
                    name={`extra-motivation:${s.studentId}:${key}`}
                    defaultValue={x.motivation ?? ""}
                    maxLength={PROPOSAL_MOTIVATION_MAX}
                    placeholder="Motivation (facultatif)"
                    className={field}
                  />
                </div>
                <button
                  type="button"
                  className={small}
                  aria-label={`Retirer la proposition ${x.label} pour ${s.name}`}
                  onClick={() => {
                    setPicked((ks) => ks.filter((k) => k !== key));
                    onAnnounce(`Proposition retirée : ${x.label}.`);
                    focusSoon(selectId);
                  }}
                >
                  Retirer
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {left.length > 0 ? (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={selectId} className="block text-sm">
              Proposer une autre voie<span className="sr-only"> à {s.name}</span>
            </label>
            <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} className={field}>
              <option value="">— Choisir une voie —</option>
              {left.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className={small}
            disabled={!choice}
            onClick={() => {
              const x = byKey.get(choice);
              if (!x) return;
              setPicked((ks) => [...ks, x.key]);
              setChoice("");
              onAnnounce(`Proposition ajoutée : ${x.label}.`);
              focusSoon(`extra-motivation-${s.studentId}-${idOf(x.key)}`);
            }}
          >
            Proposer<span className="sr-only"> cette voie à {s.name}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
