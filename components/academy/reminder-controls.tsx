"use client";

import { useState } from "react";
import { cancelAcademyReminderAction, cancelSchoolReminderAction, scheduleAcademyReminderAction, scheduleSchoolReminderAction } from "@/lib/actions/reminders";
import { ActionFeedback, buttonClass, FieldError, inputClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import type { ReminderLine } from "@/lib/domain/reminders";
import type { Level, Phase } from "@/lib/domain/tracks";

/** Whose reminders the controls act on: the saio's académie or the head's school (R-OVS-2). */
export type ReminderOwnerKind = "academy" | "school";

const ACTIONS = {
  academy: { schedule: scheduleAcademyReminderAction, cancel: cancelAcademyReminderAction },
  school: { schedule: scheduleSchoolReminderAction, cancel: cancelSchoolReminderAction },
};

/** R-OVS-2: schedules a reminder: level, phase, Paris date-time of sending. */
export function ReminderForm({
  owner,
  levels,
  phases,
}: {
  owner: ReminderOwnerKind;
  levels: readonly { value: Level; label: string }[];
  phases: readonly { value: Phase; label: string }[];
}) {
  const { pending, feedback, run, errorOf } = useAction();
  const sendAtError = errorOf("sendAt");
  return (
    <form
      aria-labelledby="reminder-form-title"
      className="mt-4 rounded border border-gray-300 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(() => ACTIONS[owner].schedule(fd), "La relance est programmée.");
      }}
    >
      <h2 id="reminder-form-title" className="text-xl font-bold">
        Programmer une relance
      </h2>
      <div className="mt-3 grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="reminder-level" className="block font-medium">
            Palier
          </label>
          <select id="reminder-level" name="level" required className={inputClass}>
            {levels.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="reminder-phase" className="block font-medium">
            Phase
          </label>
          <select id="reminder-phase" name="phase" required className={inputClass}>
            {phases.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="reminder-send-at" className="block font-medium">
            Date et heure d&apos;envoi (heure de Paris)
          </label>
          <input
            id="reminder-send-at"
            name="sendAt"
            type="datetime-local"
            required
            aria-invalid={sendAtError ? true : undefined}
            aria-describedby={sendAtError ? "reminder-send-at-error" : undefined}
            className={inputClass}
          />
          <FieldError id="reminder-send-at-error" message={sendAtError} />
        </div>
      </div>
      <p className="mt-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          Programmer la relance
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}

/** R-OVS-2: cancels a reminder not yet sent, after a confirmation. */
export function CancelReminder({ owner, reminder }: { owner: ReminderOwnerKind; reminder: ReminderLine }) {
  const { pending, feedback, run, setFeedback } = useAction();
  const [confirming, setConfirming] = useState(false);
  const what = `la relance ${reminder.title} du ${reminder.sendAt}`;
  return (
    <div>
      {!confirming ? (
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            setFeedback(null);
            setConfirming(true);
          }}
        >
          Annuler<span className="sr-only"> {what}</span>
        </button>
      ) : (
        <div role="group" aria-labelledby={`cancel-${reminder.id}`} className="rounded border-l-4 border-warning bg-orange-50 p-3">
          <p id={`cancel-${reminder.id}`} className="font-medium text-warning">
            Annuler {what} ? Aucune famille ne la recevra.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className="rounded bg-error px-4 py-2 font-medium text-white hover:opacity-90 disabled:opacity-60"
              disabled={pending}
              onClick={() =>
                run(
                  () => ACTIONS[owner].cancel({ reminderId: reminder.id }),
                  () => {
                    setConfirming(false);
                    return "La relance est annulée.";
                  },
                )
              }
            >
              Confirmer l&apos;annulation
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
              Ne pas annuler
            </button>
          </div>
        </div>
      )}
      <ActionFeedback feedback={feedback} />
    </div>
  );
}

/** R-OVS-2: the reminders of the académie or the school: when, who scheduled them, and what became of them. */
export function ReminderTable({ owner, reminders, caption }: { owner: ReminderOwnerKind; reminders: readonly ReminderLine[]; caption: string }) {
  if (reminders.length === 0) return <p className="mt-2">Aucune relance n&apos;a encore été programmée.</p>;
  return (
    <table className="mt-2 w-full border-collapse text-left">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-gray-400">
          <th scope="col" className="p-2">
            Palier et phase
          </th>
          <th scope="col" className="p-2">
            Envoi prévu
          </th>
          <th scope="col" className="p-2">
            Programmée par
          </th>
          <th scope="col" className="p-2">
            État
          </th>
          <th scope="col" className="p-2">
            Action
          </th>
        </tr>
      </thead>
      <tbody>
        {reminders.map((r) => (
          <tr key={r.id} className="border-b border-gray-200 align-top">
            <th scope="row" className="p-2 font-medium">
              {r.title}
            </th>
            <td className="p-2">{r.sendAt}</td>
            <td className="p-2">{r.by}</td>
            <td className="p-2">{r.stateLabel}</td>
            <td className="p-2">{r.cancellable ? <CancelReminder owner={owner} reminder={r} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
