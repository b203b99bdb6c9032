"use client";

import { useState } from "react";
import { recordAppealRequestAction, recordCommissionDecisionAction, recordMaintienAction, recordPaperNoticeAction } from "@/lib/actions/school-decisions";
import { formatIsoDay, REASON_MAX_LENGTH } from "@/lib/domain/decision";
import type { CandidateOption } from "@/lib/domain/school-decisions-page";
import { ActionFeedback, buttonClass, FieldError, inputClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { CandidateOptions } from "./decision-confirm";
import { DecisionConfirm } from "./decision-confirm";

type Base = { studentId: string; seenUpdatedAt: string | null };

/** A day of the procedure (Europe/Paris), between `minDay` and `maxDay`, with its error under it. */
function DayField({
  id,
  name,
  label,
  minDay,
  maxDay,
  defaultDay,
  error,
}: {
  id: string;
  name: string;
  label: string;
  minDay: string;
  maxDay: string;
  defaultDay?: string;
  error?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        min={minDay}
        max={maxDay}
        defaultValue={defaultDay}
        required
        className={inputClass}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}

/** R-FIN-11: the day the notice was handed to the family on paper: the appeal deadline runs from it. */
export function PaperNoticeForm({ studentId, seenUpdatedAt, minDay, maxDay }: Base & { minDay: string; maxDay: string }) {
  const act = useAction();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const day = String(new FormData(e.currentTarget).get("day") ?? "");
        act.run(
          () => recordPaperNoticeAction({ studentId, seenUpdatedAt, day }),
          (d) => (d.deadline ? `La remise de la notification est enregistrée. Délai d'appel jusqu'au ${formatIsoDay(d.deadline)}.` : "Enregistré."),
        );
      }}
    >
      <DayField
        id="paper-notice-day"
        name="day"
        label="Notification remise sur papier à la famille le"
        minDay={minDay}
        maxDay={maxDay}
        defaultDay={maxDay}
        error={act.errorOf("day")}
      />
      <button type="submit" className={`${secondaryButtonClass} mt-2`} disabled={act.pending}>
        Enregistrer la remise de la notification
      </button>
      <ActionFeedback feedback={act.feedback} inlineFieldErrors />
    </form>
  );
}

/** R-FIN-9: the day the family's appeal reached the school. */
export function AppealRequestForm({ studentId, seenUpdatedAt, minDay, maxDay }: Base & { minDay: string; maxDay: string }) {
  const act = useAction();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const requestedOn = String(new FormData(e.currentTarget).get("requestedOn") ?? "");
        act.run(() => recordAppealRequestAction({ studentId, seenUpdatedAt, requestedOn }), "L'appel de la famille est enregistré.");
      }}
    >
      <DayField
        id="appeal-requestedOn"
        name="requestedOn"
        label="Appel de la famille reçu le"
        minDay={minDay}
        maxDay={maxDay}
        defaultDay={maxDay}
        error={act.errorOf("requestedOn")}
      />
      <button type="submit" className={`${secondaryButtonClass} mt-2`} disabled={act.pending}>
        Enregistrer l&apos;appel
      </button>
      <ActionFeedback feedback={act.feedback} inlineFieldErrors />
    </form>
  );
}

/** R-FIN-9: the appeal commission's decision (its date, the voie, notes); it becomes the final decision, after a confirmation. */
export function CommissionForm({
  studentId,
  seenUpdatedAt,
  candidates,
  minDay,
  maxDay,
  currentKey,
}: Base & { candidates: CandidateOption[]; minDay: string; maxDay: string; currentKey: string | null }) {
  const act = useAction();
  const [values, setValues] = useState<{ commissionDate: string; candidateKey: string; notes: string } | null>(null);
  const submit = (v: { commissionDate: string; candidateKey: string; notes: string }, confirmed: boolean) =>
    act.run(
      () => recordCommissionDecisionAction({ studentId, seenUpdatedAt, ...v, confirmed }),
      "La décision de la commission d'appel est enregistrée : elle devient la décision d'orientation.",
    );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const v = {
          commissionDate: String(fd.get("commissionDate") ?? ""),
          candidateKey: String(fd.get("candidateKey") ?? ""),
          notes: String(fd.get("notes") ?? ""),
        };
        setValues(v);
        submit(v, false);
      }}
    >
      <DayField
        id="commission-date"
        name="commissionDate"
        label="Date de la commission d'appel"
        minDay={minDay}
        maxDay={maxDay}
        error={act.errorOf("commissionDate")}
      />
      <label htmlFor="commission-track" className="mt-3 block font-medium">
        Voie décidée par la commission
      </label>
      <select id="commission-track" name="candidateKey" defaultValue={currentKey ?? undefined} className={inputClass}>
        <CandidateOptions candidates={candidates} />
      </select>
      <label htmlFor="commission-notes" className="mt-3 block font-medium">
        Observations (facultatif)
      </label>
      <textarea id="commission-notes" name="notes" rows={2} maxLength={REASON_MAX_LENGTH} className="mt-1 w-full rounded border border-gray-500 px-2 py-1.5" />
      <button type="submit" className={`${buttonClass} mt-3`} disabled={act.pending}>
        Enregistrer la décision de la commission
      </button>
      {act.feedback?.kind === "confirm" && values ? (
        <DecisionConfirm
          message={act.feedback.message}
          pending={act.pending}
          label="Confirmer la décision de la commission"
          onConfirm={() => submit(values, true)}
          onCancel={() => act.setFeedback(null)}
        />
      ) : (
        <ActionFeedback feedback={act.feedback} inlineFieldErrors />
      )}
    </form>
  );
}

/** R-FIN-12: the family asks to keep the student in 3e one more year (after a confirmation). */
export function MaintienButton({ studentId, seenUpdatedAt }: Base) {
  const act = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <div>
      {!confirming ? (
        <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)}>
          Enregistrer le maintien dans la classe d&apos;origine
        </button>
      ) : (
        <DecisionConfirm
          message="La famille demande le maintien de l'élève en 3e pour une année scolaire. Confirmez-vous cet enregistrement ?"
          pending={act.pending}
          label="Confirmer le maintien"
          onConfirm={() =>
            act.run(
              () => recordMaintienAction({ studentId, seenUpdatedAt }),
              () => {
                setConfirming(false);
                return "Le maintien dans la classe d'origine est enregistré.";
              },
            )
          }
          onCancel={() => setConfirming(false)}
        />
      )}
      <ActionFeedback feedback={act.feedback} />
    </div>
  );
}
