"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { forgotPasswordAction, setPasswordWithLinkAction } from "@/lib/actions/password-link";
import { PasswordFields, type PasswordField } from "@/components/account/password-fields";
import { ActionFeedback, FieldError, buttonClass, inputClass } from "@/components/ui/action-feedback";
import type { Feedback } from "@/components/ui/use-action";

/* R-DATA-2: the signed-out forms: «Mot de passe oublié ?» and choosing one's password from a one-time link. */

export function ForgotPasswordForm() {
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const error = feedback?.fieldErrors?.identifier?.join(" ");
  return (
    <form
      noValidate
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          const res = await forgotPasswordAction(fd);
          setFeedback(res.ok ? { kind: "success", message: res.data.message } : { kind: "error", message: res.message, fieldErrors: res.fieldErrors });
        });
      }}
    >
      <div>
        <label htmlFor="identifier" className="block font-medium">
          Identifiant ou adresse électronique
        </label>
        <input
          id="identifier"
          name="identifier"
          autoComplete="username"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "identifier-error" : undefined}
          className={inputClass}
        />
        <FieldError id="identifier-error" message={error} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        Recevoir un lien
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}

const FIELDS = [
  { name: "newPassword", label: "Nouveau mot de passe", autoComplete: "new-password" },
  { name: "confirmation", label: "Confirmation du nouveau mot de passe", autoComplete: "new-password" },
] as const satisfies readonly PasswordField[];

export function SetPasswordForm({ token, rules, login }: { token: string; rules: string; login: string | null }) {
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [done, setDone] = useState(false);
  if (done)
    return (
      <div role="status" className="mt-6 rounded border-l-4 border-success bg-green-50 p-3">
        <p>Votre mot de passe est enregistré.</p>
        <p className="mt-2">
          <Link href="/connexion" className="text-france underline">
            Se connecter
          </Link>
        </p>
      </div>
    );
  return (
    <form
      noValidate
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          const res = await setPasswordWithLinkAction(fd);
          if (res.ok) setDone(true);
          else setFeedback({ kind: "error", message: res.message, fieldErrors: res.fieldErrors });
        });
      }}
    >
      <input type="hidden" name="token" value={token} />
      {login ? <input type="hidden" name="username" autoComplete="username" value={login} readOnly /> : null}
      <PasswordFields fields={FIELDS} rules={rules} errorOf={(name) => feedback?.fieldErrors?.[name]?.join(" ")} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Enregistrer le mot de passe
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
