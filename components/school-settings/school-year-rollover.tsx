"use client";

import { rollOverSchoolYearAction } from "@/lib/actions/school-settings";
import { ActionFeedback, secondaryButtonClass } from "@/components/ui/action-feedback";
import { DecisionConfirm } from "@/components/school/decision-confirm";
import { useAction } from "@/components/ui/use-action";

/**
 * R-DATA-3: move the school to the next school year; the warning is shown and confirmed first.
 * Rendered even when not allowed (no button), so the success message outlives the page's refresh.
 */
export function SchoolYearRollover({ openYear, nextYear, allowed }: { openYear: string; nextYear: string; allowed: boolean }) {
  const { pending, feedback, run, setFeedback } = useAction();
  const submit = (confirmed: boolean) =>
    run(
      () => rollOverSchoolYearAction({ fromYear: openYear, confirmed }),
      (r) =>
        r.changed
          ? `L'établissement est passé à l'année scolaire ${r.schoolYear}. Importez maintenant les exports de Siècle de la nouvelle année.`
          : `L'établissement est déjà en année scolaire ${r.schoolYear}.`,
    );
  return (
    <div className="mt-3">
      {feedback?.kind === "confirm" ? (
        <DecisionConfirm
          message={feedback.message}
          pending={pending}
          label={`Confirmer le passage à l'année ${nextYear}`}
          onConfirm={() => submit(true)}
          onCancel={() => setFeedback(null)}
        />
      ) : allowed ? (
        <button type="button" disabled={pending} className={secondaryButtonClass} onClick={() => submit(false)}>
          Passer à l&apos;année scolaire {nextYear}
        </button>
      ) : null}
      {feedback?.kind === "confirm" ? null : <ActionFeedback feedback={feedback} inlineFieldErrors />}
    </div>
  );
}
