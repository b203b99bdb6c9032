"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useAction } from "@/components/ui/use-action";
import { answerProposalsAction } from "@/lib/actions/family";
import { LEAVE_WARNING, NO_CHOICE_IN_ANSWER_MESSAGE, REFUSE_ALL_CONTACT_MESSAGE, REFUSE_ALL_LABEL, type ProposalLine } from "@/lib/domain/family-answer";

const btnPrimary =
  "rounded border border-france bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:cursor-not-allowed disabled:border-gray-300 disabled:bg-gray-100 disabled:text-gray-600";

/**
 * R-FIN-6: the holder of the final phase accepts one or more acceptable proposals, or refuses them
 * all, once. While the form is usable and unanswered, leaving the page warns (beforeunload, and a
 * click on any link, caught before the router sees it). Nothing is armed when the form is disabled
 * — e.g. inside the head's read-only simulation (`<fieldset disabled>`, R-FIN-13): every control
 * here is a real form control, so that fieldset disables them all.
 */
export function ProposalsAnswer({ studentId, acceptable }: { studentId: string; acceptable: readonly ProposalLine[] }) {
  const uid = useId();
  const { pending, feedback, setFeedback, run } = useAction();
  const [kind, setKind] = useState<"accept" | "refuse_all" | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const submitRef = useRef<HTMLButtonElement>(null);
  const answered = feedback?.kind === "success";

  useEffect(() => {
    // Armed only while the answer can be given from this page (not disabled, not yet answered).
    const armed = () => !answered && submitRef.current !== null && !submitRef.current.matches(":disabled");
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!armed()) return;
      e.preventDefault();
      e.returnValue = LEAVE_WARNING;
    };
    const onClick = (e: MouseEvent) => {
      if (!armed() || e.defaultPrevented || e.button !== 0) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("href")?.startsWith("#")) return;
      if (!window.confirm(LEAVE_WARNING)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [answered]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (kind === null || (kind === "accept" && checked.length === 0)) {
      setFeedback({ kind: "error", message: NO_CHOICE_IN_ANSWER_MESSAGE });
      return;
    }
    run(
      () => answerProposalsAction(kind === "accept" ? { studentId, kind, acceptedProposalIds: checked } : { studentId, kind }),
      kind === "refuse_all" ? `Votre réponse a bien été enregistrée. ${REFUSE_ALL_CONTACT_MESSAGE}` : "Votre réponse a bien été enregistrée.",
    );
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 rounded border border-france p-4">
      <fieldset>
        <legend className="font-bold">Votre réponse aux propositions du conseil de classe</legend>
        <div className="mt-2 flex items-start gap-2">
          <input
            id={`${uid}-accept`}
            type="radio"
            name="kind"
            checked={kind === "accept"}
            onChange={() => setKind("accept")}
            className="mt-0.5 h-5 w-5 shrink-0"
          />
          <label htmlFor={`${uid}-accept`}>J&apos;accepte la ou les propositions suivantes du conseil de classe :</label>
        </div>
        <fieldset className="ml-7 mt-2 space-y-2" disabled={kind !== "accept"}>
          <legend className="sr-only">Propositions acceptées</legend>
          {acceptable.map((p) => (
            <div key={p.id} className="flex items-start gap-2">
              <input
                id={`${uid}-${p.id}`}
                type="checkbox"
                checked={checked.includes(p.id)}
                onChange={(e) => setChecked(e.target.checked ? [...checked, p.id] : checked.filter((x) => x !== p.id))}
                className="mt-0.5 h-5 w-5 shrink-0"
              />
              <label htmlFor={`${uid}-${p.id}`}>
                {p.trackLabel}
                {p.kind === "extra" ? " (proposition du conseil de classe)" : ` (choix ${p.rank})`}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="mt-3 flex items-start gap-2">
          <input
            id={`${uid}-refuse`}
            type="radio"
            name="kind"
            checked={kind === "refuse_all"}
            onChange={() => setKind("refuse_all")}
            className="mt-0.5 h-5 w-5 shrink-0"
          />
          <label htmlFor={`${uid}-refuse`}>{REFUSE_ALL_LABEL}</label>
        </div>
        {kind === "refuse_all" ? <p className="ml-7 mt-2 rounded border-l-4 border-error bg-red-50 p-2 text-sm">{REFUSE_ALL_CONTACT_MESSAGE}</p> : null}
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
        <button ref={submitRef} type="submit" disabled={pending || answered} className={btnPrimary}>
          {pending ? "Enregistrement…" : "Valider ma réponse"}
        </button>
      </p>
    </form>
  );
}
