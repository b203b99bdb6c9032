import { ActionFeedback } from "./action-feedback";
import type { Feedback } from "./use-action";

/** The save button of a long entry screen (avis, proposals), kept in view at the bottom, with the action's feedback. */
export function StickySaveBar({ pending, label, feedback }: { pending: boolean; label: string; feedback: Feedback }) {
  return (
    <div className="sticky bottom-0 mt-4 border-t border-gray-300 bg-white py-3">
      <button type="submit" disabled={pending} className="rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60">
        {pending ? "Enregistrement…" : label}
      </button>
      <ActionFeedback feedback={feedback} />
    </div>
  );
}
