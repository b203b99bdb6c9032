"use client";

import { useId, useState } from "react";
import { useAction } from "@/components/ui/use-action";
import { agreeWithAnswerAction } from "@/lib/actions/family";

const btnPrimary =
  "rounded border border-france bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:cursor-not-allowed disabled:border-gray-300 disabled:bg-gray-100 disabled:text-gray-600";

/** R-FIN-7: the other guardian says «Oui» / «Non» to the answer, once. */
export function AgreementForm({ studentId, question }: { studentId: string; question: string }) {
  const uid = useId();
  const { pending, feedback, setFeedback, run } = useAction();
  const [agrees, setAgrees] = useState<boolean | null>(null);
  const done = feedback?.kind === "success";
  return (
    <form
      noValidate
      className="mt-4 rounded border border-france p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (agrees === null) {
          setFeedback({ kind: "error", message: "Vous devez répondre « Oui » ou « Non »." });
          return;
        }
        run(() => agreeWithAnswerAction({ studentId, agrees }), "Votre réponse a bien été enregistrée.");
      }}
    >
      <fieldset>
        <legend className="font-bold">{question}</legend>
        {(
          [
            [true, "Oui"],
            [false, "Non"],
          ] as const
        ).map(([value, label]) => (
          <div key={label} className="mt-2 flex items-center gap-2">
            <input
              id={`${uid}-${label}`}
              type="radio"
              name="agrees"
              checked={agrees === value}
              onChange={() => setAgrees(value)}
              className="h-5 w-5 shrink-0"
            />
            <label htmlFor={`${uid}-${label}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {feedback ? (
        <p
          role={feedback.kind === "error" ? "alert" : "status"}
          className={`mt-3 rounded border-l-4 p-3 ${feedback.kind === "error" ? "border-error bg-red-50" : "border-success bg-green-50"}`}
        >
          {feedback.message}
        </p>
      ) : null}
      <p className="mt-4">
        <button type="submit" disabled={pending || done} className={btnPrimary}>
          {pending ? "Enregistrement…" : "Enregistrer ma réponse"}
        </button>
      </p>
    </form>
  );
}
