"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { changePasswordAction } from "@/lib/actions/account";
import { PasswordFields, type PasswordField } from "@/components/account/password-fields";
import { ActionFeedback, buttonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

const FIELDS = [
  { name: "currentPassword", label: "Mot de passe actuel", autoComplete: "current-password" },
  { name: "newPassword", label: "Nouveau mot de passe", autoComplete: "new-password" },
  { name: "confirmation", label: "Confirmation du nouveau mot de passe", autoComplete: "new-password" },
] as const satisfies readonly PasswordField[];

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
      <PasswordFields fields={FIELDS} rules={rules} errorOf={errorOf} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Changer le mot de passe
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
