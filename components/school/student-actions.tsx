"use client";

import { markFamilyInformedAction, setOutOfProcedureAction } from "@/lib/actions/school-student-file";
import { OUT_OF_PROCEDURE_REASON_MAX } from "@/lib/domain/school-requests";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

/** R-SCH-12: "Élève hors procédure" with its reason, or back in the procedure. */
export function OutOfProcedureForm({ studentId, reason }: { studentId: string; reason: string | null }) {
  const act = useAction();
  if (reason) {
    return (
      <div>
        <p>Raison : {reason}</p>
        <button
          type="button"
          disabled={act.pending}
          className="mt-2 rounded border border-france px-4 py-2 font-medium text-france hover:bg-france-light"
          onClick={() => act.run(() => setOutOfProcedureAction({ studentId, reason: null }), "L'élève suit de nouveau la procédure d'orientation.")}
        >
          Remettre l&apos;élève dans la procédure
        </button>
        <ActionFeedback feedback={act.feedback} />
      </div>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = String(new FormData(e.currentTarget).get("reason") ?? "");
        act.run(() => setOutOfProcedureAction({ studentId, reason: r }), "L'élève est hors procédure.");
      }}
    >
      <label htmlFor="oop-reason" className="block font-medium">
        Raison pour laquelle l&apos;élève ne peut pas suivre l&apos;intégralité de la procédure d&apos;orientation
      </label>
      <textarea
        id="oop-reason"
        name="reason"
        rows={2}
        maxLength={OUT_OF_PROCEDURE_REASON_MAX}
        required
        className="mt-1 w-full rounded border border-gray-500 px-2 py-1.5"
        aria-describedby="oop-help"
      />
      <p id="oop-help" className="text-xs text-muted">
        Par exemple : redoublement exceptionnel, parcours particulier.
      </p>
      <button
        type="submit"
        disabled={act.pending}
        className="mt-2 rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60"
      >
        Valider
      </button>
      <ActionFeedback feedback={act.feedback} />
    </form>
  );
}

/** R-SCH-9: the head marks that the family was informed of the changed avis (provisional) or proposals (final). */
export function FamilyInformedButton({ studentId, phase = "provisional" }: { studentId: string; phase?: "provisional" | "final" }) {
  const act = useAction();
  return (
    <div>
      <button
        type="button"
        disabled={act.pending}
        className="rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60"
        onClick={() => act.run(() => markFamilyInformedAction({ studentId, phase }), "La famille est indiquée comme informée.")}
      >
        Famille informée
        {phase === "final" ? <span className="sr-only"> des propositions modifiées</span> : null}
      </button>
      <ActionFeedback feedback={act.feedback} />
    </div>
  );
}
