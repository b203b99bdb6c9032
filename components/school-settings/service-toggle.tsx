"use client";

import { setServiceClosedAction } from "@/lib/actions/school-settings";
import { ActionFeedback, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

/** R-CAL-3: one button to close or reopen the family service of a level and phase. */
export function ServiceToggle(props: { level: "3e" | "2GT"; phase: "provisional" | "final"; closed: boolean; name: string }) {
  const { pending, feedback, run } = useAction();
  const closing = !props.closed;
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        className={secondaryButtonClass}
        onClick={() =>
          run(
            () => setServiceClosedAction({ level: props.level, phase: props.phase, closed: closing }),
            closing ? `Le service en ligne est fermé : ${props.name}.` : `Le service en ligne est ouvert : ${props.name}.`,
          )
        }
      >
        {closing ? "Fermer le service" : "Ouvrir le service"}
        <span className="sr-only"> – {props.name}</span>
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </div>
  );
}
