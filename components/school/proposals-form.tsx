"use client";

import { saveProposalsAction } from "@/lib/actions/class-council";
import { PROPOSAL_ANSWER_LABELS, PROPOSAL_MOTIVATION_MAX, type ProposalAnswer } from "@/lib/domain/proposals";
import type { ProposalSheetStudent } from "@/lib/domain/school-division-page";
import { StickySaveBar } from "@/components/ui/sticky-save-bar";
import { useAction } from "@/components/ui/use-action";

/**
 * R-FIN-5: the class council's proposals of a whole division on one screen: «Oui» or «Non» on each
 * final choice, other voies proposed, each with an optional motivation.
 */
export function ProposalsForm({ divisionId, students }: { divisionId: string; students: ProposalSheetStudent[] }) {
  const act = useAction();
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
          extras: s.extras
            .filter((x) => fd.get(`extra:${s.studentId}:${x.track}`) === "on")
            .map((x) => ({ track: x.track, motivation: text(`extra-motivation:${s.studentId}:${x.track}`) })),
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
                      Réponse du conseil au choix {c.rank} de {s.name}
                    </label>
                    <select
                      id={`answer-${c.itemId}`}
                      name={`answer:${c.itemId}`}
                      defaultValue={c.answer ?? ""}
                      className="w-full rounded border border-gray-500 px-2 py-1.5"
                    >
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
                      Motivation de la réponse au choix {c.rank} de {s.name}
                    </label>
                    <input
                      id={`motivation-${c.itemId}`}
                      name={`motivation:${c.itemId}`}
                      defaultValue={c.motivation ?? ""}
                      maxLength={PROPOSAL_MOTIVATION_MAX}
                      placeholder="Motivation (facultatif)"
                      className="w-full rounded border border-gray-500 px-2 py-1.5"
                    />
                  </div>
                </li>
              ))}
            </ul>
            {s.extras.length > 0 ? (
              <div className="mt-3">
                <p className="text-sm font-medium">Autres voies proposées par le conseil de classe</p>
                <ul className="mt-1 space-y-2">
                  {s.extras.map((x) => (
                    <li key={x.track} className="grid gap-2 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] md:items-center">
                      <div className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          id={`extra-${s.studentId}-${x.track}`}
                          name={`extra:${s.studentId}:${x.track}`}
                          defaultChecked={x.proposed}
                          className="h-4 w-4"
                        />
                        <label htmlFor={`extra-${s.studentId}-${x.track}`}>
                          Proposer : {x.label}
                          <span className="sr-only"> à {s.name}</span>
                        </label>
                      </div>
                      <div>
                        <label htmlFor={`extra-motivation-${s.studentId}-${x.track}`} className="sr-only">
                          Motivation de la proposition {x.label} pour {s.name}
                        </label>
                        <input
                          id={`extra-motivation-${s.studentId}-${x.track}`}
                          name={`extra-motivation:${s.studentId}:${x.track}`}
                          defaultValue={x.motivation ?? ""}
                          maxLength={PROPOSAL_MOTIVATION_MAX}
                          placeholder="Motivation (facultatif)"
                          className="w-full rounded border border-gray-500 px-2 py-1.5"
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </fieldset>
        ))}
      </div>
      {students.length > 0 ? <StickySaveBar pending={act.pending} label="Enregistrer les propositions" feedback={act.feedback} /> : null}
    </form>
  );
}
