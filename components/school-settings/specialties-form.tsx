"use client";

import { setSpecialtiesAction } from "@/lib/actions/school-settings";
import { buttonClass, ActionFeedback } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

/** R-2GT-4: the enseignements de spécialité the lycée offers. */
export function SpecialtiesForm({ all, offered }: { all: { code: string; label: string }[]; offered: string[] }) {
  const { pending, feedback, run } = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(() => setSpecialtiesAction(fd), "Les enseignements de spécialité proposés sont enregistrés.");
      }}
    >
      <fieldset>
        <legend className="font-medium">Enseignements de spécialité proposés dans l&apos;établissement</legend>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {all.map((s) => (
            <li key={s.code}>
              <label className="flex items-start gap-2">
                <input type="checkbox" name="specialties" value={s.code} defaultChecked={offered.includes(s.code)} className="mt-1 h-5 w-5 shrink-0" />
                {s.label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="mt-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          Enregistrer les enseignements de spécialité
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
