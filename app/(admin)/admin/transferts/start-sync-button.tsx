"use client";

import { useActionState } from "react";
import { startTransferAction } from "@/lib/actions/transfer";

type State = { message: string; ok: boolean } | null;

export function StartSyncButton() {
  const [state, formAction, pending] = useActionState<State, FormData>(async () => {
    const res = await startTransferAction({});
    return res.ok ? { ok: true, message: "Transfert lancé. Rechargez la page pour suivre son avancement." } : { ok: false, message: res.message };
  }, null);
  return (
    <form action={formAction} className="mt-4">
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60"
      >
        {pending ? "Lancement…" : "Lancer un transfert maintenant"}
      </button>
      <p role="status" aria-live="polite" className={`mt-2 ${state?.ok === false ? "text-red-800" : ""}`}>
        {state?.message ?? ""}
      </p>
    </form>
  );
}
