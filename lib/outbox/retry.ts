import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { requeueFailedEmail } from "@/lib/db/repositories/outbox";
import { DomainError } from "@/lib/domain/errors";

/** Said when the e-mail is not (or no longer) in failure: sent, retried by someone else, or unknown. */
export const RETRY_NOT_FAILED_MESSAGE = "Ce courriel n'est plus en échec : la page a peut-être déjà été mise à jour. Rechargez-la.";

/**
 * R-SYNC-3, R-AUTH-3: an administrator sends a failed e-mail again (« Renvoyer » on the screen
 * Transferts): back to 'pending', due now, its attempts counted from zero; the sender takes it on
 * its next pass. Audited with the error and attempts it had. One transaction.
 */
export async function retryFailedEmail(db: Db, actor: AuditActor, id: number, now: Date): Promise<{ toAddress: string }> {
  return db.transaction(async (tx) => {
    const before = await requeueFailedEmail(tx, id, now);
    if (!before) throw new DomainError("EMAIL_NOT_FAILED", RETRY_NOT_FAILED_MESSAGE);
    await recordAudit(
      tx,
      actor,
      "outbox.retry",
      { type: "outbox_email", id: String(id) },
      { kind: before.kind, previousError: before.lastError, previousAttempts: before.attempts },
      now,
    );
    return { toAddress: before.toAddress };
  });
}
