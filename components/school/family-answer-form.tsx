"use client";

import { useState } from "react";
import { saveSchoolFamilyAnswerAction } from "@/lib/actions/family-answers";
import type { FamilyAnswersStudentView } from "@/lib/domain/school-family-answers";
import { ActionFeedback, buttonClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { deName } from "@/lib/domain/person-name";

type Agreement = "yes" | "no" | "";

/**
 * R-FIN-10: the school enters a family's answer (one or several acceptable proposals, or all
 * refused), the guardian who gave it and the other guardian's agreement (R-FIN-7). Replacing an
 * answer given online (TS) asks for a confirmation first.
 */
export function FamilyAnswerForm({ student }: { student: FamilyAnswersStudentView }) {
  const act = useAction();
  const p = `answer-${student.id}`;
  const [kind, setKind] = useState<"accept" | "refuse_all" | "">(student.initial.kind ?? "");
  const [accepted, setAccepted] = useState<string[]>(student.initial.acceptedProposalIds);
  const [answerer, setAnswerer] = useState<string>(student.initial.answeredByGuardianId ?? student.guardians[0]?.id ?? "");
  const initialOther: Agreement = student.initial.otherAgreement === null ? "" : student.initial.otherAgreement ? "yes" : "no";
  const [other, setOther] = useState<Agreement>(initialOther);
  const otherGuardian = student.guardians.find((g) => g.id !== answerer) ?? null;
  const acceptable = student.proposals.filter((x) => x.acceptable);

  function submit(confirmed: boolean) {
    act.run(
      () =>
        saveSchoolFamilyAnswerAction({
          studentId: student.id,
          kind,
          acceptedProposalIds: kind === "accept" ? accepted : [],
          answeredByGuardianId: answerer,
          otherAgreement: otherGuardian && other !== "" ? other === "yes" : null,
          confirmed,
        }),
      (d) => (d.changed ? "La réponse de la famille est enregistrée." : "Cette réponse était déjà enregistrée : rien n'a changé."),
    );
  }

  return (
    <form
      noValidate
      aria-label={`Réponse de la famille ${deName(student.name)}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      className="mt-3 space-y-3"
    >
      {student.onlineNotice ? <p className="rounded border-l-4 border-warning bg-orange-50 p-2 text-sm">{student.onlineNotice}</p> : null}
      <fieldset>
        <legend className="font-medium">Réponse de la famille aux propositions du conseil de classe</legend>
        <div className="mt-1 space-y-1">
          <label className="flex items-center gap-2">
            <input type="radio" name={`${p}-kind`} value="accept" checked={kind === "accept"} onChange={() => setKind("accept")} />
            La famille accepte la ou les propositions cochées ci-dessous
          </label>
          {kind === "accept" ? (
            <ul className="ml-6 space-y-1">
              {acceptable.map((x) => (
                <li key={x.id}>
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={accepted.includes(x.id)}
                      onChange={(e) => setAccepted((cur) => (e.target.checked ? [...cur, x.id] : cur.filter((id) => id !== x.id)))}
                    />
                    <span>{x.label}</span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <label className="flex items-center gap-2">
            <input type="radio" name={`${p}-kind`} value="refuse_all" checked={kind === "refuse_all"} onChange={() => setKind("refuse_all")} />
            La famille refuse toutes les propositions du conseil de classe
          </label>
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${p}-by`} className="block font-medium">
          Représentant légal qui a donné la réponse
        </label>
        <select id={`${p}-by`} value={answerer} onChange={(e) => setAnswerer(e.target.value)} className="mt-1 rounded border border-gray-500 px-2 py-1.5">
          {student.guardians.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </div>
      {otherGuardian ? (
        <fieldset>
          <legend className="font-medium">Accord de l&apos;autre représentant légal ({otherGuardian.label}) avec cette réponse</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {(
              [
                ["yes", "Oui"],
                ["no", "Non"],
                ["", "Pas encore donné"],
              ] as const
            ).map(([v, label]) => (
              <label key={v || "none"} className="flex items-center gap-2">
                <input type="radio" name={`${p}-other`} value={v} checked={other === v} onChange={() => setOther(v)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {act.feedback?.kind === "confirm" ? (
        <div role="alert" className="rounded border-l-4 border-warning bg-orange-50 p-3">
          <p className="font-medium text-warning">{act.feedback.message}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={buttonClass} disabled={act.pending} onClick={() => submit(true)}>
              Confirmer et remplacer la réponse
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => act.setFeedback(null)}>
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className={buttonClass} disabled={act.pending}>
          Enregistrer la réponse
        </button>
      )}
      <ActionFeedback feedback={act.feedback} />
    </form>
  );
}
