"use client";

import { saveCalendarAction } from "@/lib/actions/academy";
import { buttonClass, FieldError, ActionFeedback, inputClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import type { CalendarFormValues } from "@/lib/domain/academy-pages";
import type { Level } from "@/lib/domain/tracks";

const FIELDS: { name: keyof CalendarFormValues; error: string; label: string }[] = [
  { name: "provisionalOpensAt", error: "provisional.opensAt", label: "Ouverture de la phase provisoire (intentions)" },
  { name: "provisionalClosesAt", error: "provisional.closesAt", label: "Fermeture de la phase provisoire (intentions)" },
  { name: "finalOpensAt", error: "final.opensAt", label: "Ouverture de la phase définitive (choix définitifs)" },
  { name: "finalClosesAt", error: "final.closesAt", label: "Fermeture de la phase définitive (choix définitifs)" },
];

/** R-CAL-1: the two windows of one level, in Paris time. */
export function CalendarForm({ level, levelLabel, schoolYear, values }: { level: Level; levelLabel: string; schoolYear: string; values: CalendarFormValues }) {
  const { pending, feedback, run, errorOf } = useAction();
  const idOf = (name: string) => `cal-${level}-${name}`;
  return (
    <form
      aria-labelledby={`cal-${level}-title`}
      className="rounded border border-gray-300 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(() => saveCalendarAction(fd), `Le calendrier ${levelLabel} est enregistré.`);
      }}
    >
      <h2 id={`cal-${level}-title`} className="text-xl font-bold">
        {levelLabel}
      </h2>
      <input type="hidden" name="schoolYear" value={schoolYear} />
      <input type="hidden" name="level" value={level} />
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        {FIELDS.map((f) => {
          const error = errorOf(f.error);
          return (
            <div key={f.name}>
              <label htmlFor={idOf(f.name)} className="block font-medium">
                {f.label}
              </label>
              <input
                id={idOf(f.name)}
                name={f.name}
                type="datetime-local"
                required
                defaultValue={values[f.name]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${idOf(f.name)}-error` : undefined}
                className={inputClass}
              />
              <FieldError id={`${idOf(f.name)}-error`} message={error} />
            </div>
          );
        })}
      </div>
      <p className="mt-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          Enregistrer le calendrier<span className="sr-only"> {levelLabel}</span>
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
