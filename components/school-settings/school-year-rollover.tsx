"use client";

import { rollOverSchoolYearAction } from "@/lib/actions/school-settings";
import { ActionFeedback, secondaryButtonClass } from "@/components/ui/action-feedback";
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
        <div role="alert" className="rounded border-l-4 border-warning bg-orange-50 p-3">
          <p className="font-medium text-warning">{feedback.message}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => submit(true)}
              className="rounded bg-error px-4 py-2 font-medium text-white disabled:opacity-60"
            >
              Confirmer le passage à l&apos;année {nextYear}
            </button>
            <button type="button" onClick={() => setFeedback(null)} className={secondaryButtonClass}>
              Annuler
            </button>
          </div>
        </div>
      ) : allowed ? (
        <button type="button" disabled={pending} className={secondaryButtonClass} onClick={() => submit(false)}>
          Passer à l&apos;année scolaire {nextYear}
        </button>
      ) : null}
      {feedback?.kind === "confirm" ? null : <ActionFeedback feedback={feedback} inlineFieldErrors />}
    </div>
  );
}
