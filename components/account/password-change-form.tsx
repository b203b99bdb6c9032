"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { changePasswordAction } from "@/lib/actions/account";
import { ActionFeedback, FieldError, buttonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

const FIELDS = [
  { name: "currentPassword", label: "Mot de passe actuel", autoComplete: "current-password" },
  { name: "newPassword", label: "Nouveau mot de passe", autoComplete: "new-password" },
  { name: "confirmation", label: "Confirmation du nouveau mot de passe", autoComplete: "new-password" },
] as const;

/** The password change (docs/production.md): on success, the account's home. */
export function PasswordChangeForm({ rules }: { rules: string }) {
  const router = useRouter();
  const { pending, feedback, run, errorOf } = useAction();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      noValidate
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(async () => {
          const res = await changePasswordAction(fd);
          if (res.ok) router.replace(res.data.next);
          return res;
        }, "Votre mot de passe est changé.");
      }}
    >
      <p id="password-rules" className="text-sm text-muted">
        {rules}
      </p>
      {FIELDS.map((f) => {
        const error = errorOf(f.name);
        return (
          <div key={f.name}>
            <label htmlFor={f.name} className="block font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={[f.name === "newPassword" ? "password-rules" : null, error ? `${f.name}-error` : null].filter(Boolean).join(" ") || undefined}
              className="mt-1 w-full rounded border border-gray-500 px-3 py-2"
            />
            <FieldError id={`${f.name}-error`} message={error} />
          </div>
        );
      })}
      <button type="submit" disabled={pending} className={buttonClass}>
        Changer le mot de passe
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
