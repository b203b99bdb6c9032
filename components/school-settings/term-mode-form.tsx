"use client";

import { setTermModeAction } from "@/lib/actions/school-settings";
import { buttonClass, ActionFeedback } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

/** R-CAL-4: trimesters or semesters. */
export function TermModeForm({ termMode }: { termMode: "trimester" | "semester" }) {
  const { pending, feedback, run } = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(() => setTermModeAction(fd), "Le découpage de l'année est enregistré.");
      }}
    >
      <fieldset>
        <legend className="font-medium">Découpage de l&apos;année scolaire</legend>
        <div className="mt-2 flex flex-wrap gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name="termMode" value="trimester" defaultChecked={termMode === "trimester"} className="h-5 w-5" />
            Trimestres
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="termMode" value="semester" defaultChecked={termMode === "semester"} className="h-5 w-5" />
            Semestres
          </label>
        </div>
      </fieldset>
      <p className="mt-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          Enregistrer le découpage
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
