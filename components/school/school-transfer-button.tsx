"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ActionFeedback, buttonClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { startSchoolTransferAction } from "@/lib/actions/school-transfer";
import { SCHOOL_TRANSFER_EXPLANATION } from "@/lib/domain/school-transfer";

/** How often the page asks for the run's state while it runs. */
const POLL_MS = 2000;

/**
 * R-OVS-4: the button, its confirmation dialog (what the transfer does), and, while the school's
 * run goes on, a refresh of the page every two seconds until its result shows.
 */
export function SchoolTransferButton({ running }: { running: boolean }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const { pending, feedback, run } = useAction();

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  const confirm = () => {
    dialog.current?.close();
    run(() => startSchoolTransferAction({}), "Le transfert est lancé : son résultat s'affiche ci-dessus dès qu'il est terminé.");
  };

  return (
    <div className="mt-3">
      <button type="button" className={buttonClass} disabled={pending || running} onClick={() => dialog.current?.showModal()}>
        {running ? "Transfert en cours…" : "Transmettre maintenant aux familles"}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="school-transfer-dialog-title"
        aria-describedby="school-transfer-dialog-text"
        className="m-auto max-w-lg rounded border border-gray-400 p-6 backdrop:bg-black/40"
      >
        <h2 id="school-transfer-dialog-title" className="text-lg font-bold">
          Transmettre maintenant aux familles ?
        </h2>
        <div id="school-transfer-dialog-text" className="mt-3 space-y-2 text-sm">
          {SCHOOL_TRANSFER_EXPLANATION.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <button type="button" className={buttonClass} disabled={pending} onClick={confirm}>
            Confirmer le transfert
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
      <ActionFeedback feedback={feedback} />
    </div>
  );
}
