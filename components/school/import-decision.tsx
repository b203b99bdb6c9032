"use client";

import Link from "next/link";
import { abandonImportAction, confirmImportAction } from "@/lib/actions/siecle-import";
import { ActionFeedback, buttonClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { countsText } from "@/lib/domain/siecle/import-view";

/**
 * R-DATA-1: « Confirmer l'import » or « Abandonner » a preview. A second confirmation (double
 * click, another tab) is answered by the server without applying anything twice.
 */
export function ImportDecision({ importId, canConfirm, canAbandon }: { importId: string; canConfirm: boolean; canAbandon: boolean }) {
  const { pending, feedback, run } = useAction();
  return (
    <div className="mt-4">
      {canConfirm || canAbandon ? (
        <p className="flex flex-wrap gap-3">
          {canConfirm ? (
            <button
              type="button"
              disabled={pending}
              className={buttonClass}
              onClick={() =>
                run(
                  () => confirmImportAction({ importId }),
                  (d) =>
                    d.alreadyApplied
                      ? "Cet import avait déjà été appliqué : rien n'a été appliqué une seconde fois."
                      : `L'import est appliqué. ${countsText(d.counts)}.`,
                )
              }
            >
              Confirmer l&apos;import
            </button>
          ) : null}
          {canAbandon ? (
            <button
              type="button"
              disabled={pending}
              className={secondaryButtonClass}
              onClick={() => run(() => abandonImportAction({ importId }), "L'aperçu est abandonné : aucune donnée n'a été importée.")}
            >
              Abandonner
            </button>
          ) : null}
        </p>
      ) : null}
      <ActionFeedback feedback={feedback} />
      {feedback?.kind === "success" && feedback.message.startsWith("L'import est appliqué") ? (
        <p className="mt-2">
          <Link href="/etablissement/eleves" className="font-medium text-france underline">
            Voir la liste des élèves
          </Link>
        </p>
      ) : null}
    </div>
  );
}
