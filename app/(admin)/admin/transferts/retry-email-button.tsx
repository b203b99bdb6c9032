"use client";

import { useActionState } from "react";
import { retryEmailAction } from "@/lib/actions/transfer";

type State = { message: string; ok: boolean } | null;

/** R-SYNC-3: « Renvoyer » one failed e-mail: back in the queue now (the sender takes it on its next pass). */
export function RetryEmailButton({ id, recipient }: { id: number; recipient: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(async () => {
    const res = await retryEmailAction({ id });
    return res.ok ? { ok: true, message: `Remis dans la file : il part au prochain passage de l'envoi.` } : { ok: false, message: res.message };
  }, null);
  return (
    <form action={formAction}>
      <button
        type="submit"
        disabled={pending || state?.ok === true}
        aria-label={`Renvoyer le courriel à ${recipient}`}
        className="rounded border border-blue-800 px-3 py-1 font-medium text-blue-800 hover:bg-blue-50 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60"
      >
        {pending ? "Envoi…" : "Renvoyer"}
      </button>
      <p role="status" aria-live="polite" className={`mt-1 ${state?.ok === false ? "text-red-800" : ""}`}>
        {state?.message ?? ""}
      </p>
    </form>
  );
}
