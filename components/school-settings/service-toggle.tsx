"use client";

import { setServiceClosedAction } from "@/lib/actions/school-settings";
import { ActionFeedback, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

/**
 * R-CAL-3: one button to close or reopen the family service of a level and phase. R-FIN-4: a
 * reopening less than 24 h after the council's answers shows the warning and asks a confirmation.
 */
export function ServiceToggle(props: { level: "3e" | "2GT"; phase: "provisional" | "final"; closed: boolean; name: string }) {
  const { pending, feedback, run, setFeedback } = useAction();
  const closing = !props.closed;
  const submit = (confirmed: boolean) =>
    run(
      () => setServiceClosedAction({ level: props.level, phase: props.phase, closed: closing, confirmed }),
      closing ? `Le service en ligne est fermé : ${props.name}.` : `Le service en ligne est ouvert : ${props.name}.`,
    );
  return (
    <div>
      {feedback?.kind === "confirm" ? (
        <div role="alert" className="rounded border-l-4 border-warning bg-orange-50 p-3">
          <p className="font-medium text-warning">{feedback.message}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => submit(true)}
              className="rounded bg-error px-4 py-2 font-medium text-white disabled:opacity-60"
            >
              Confirmer la réouverture
              <span className="sr-only"> – {props.name}</span>
            </button>
            <button type="button" onClick={() => setFeedback(null)} className={secondaryButtonClass}>
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <button type="button" disabled={pending} className={secondaryButtonClass} onClick={() => submit(false)}>
          {closing ? "Fermer le service" : "Ouvrir le service"}
          <span className="sr-only"> – {props.name}</span>
        </button>
      )}
      {feedback?.kind === "confirm" ? null : <ActionFeedback feedback={feedback} inlineFieldErrors />}
    </div>
  );
}
