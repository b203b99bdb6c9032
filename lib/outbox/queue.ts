import { outboxEmails } from "@/lib/db/schema";
import type { Queryable } from "@/lib/db/client";
import type { EmailTemplate } from "@/emails/define-email";

/**
 * Queues one e-mail in the outbox (STYLE.md §7). Call it inside the transaction of the write
 * that causes it. `dedupeKey` identifies the e-mail (e.g. "recap:<sessionId>:<guardianId>"):
 * queueing the same key again does nothing, so re-runs and retries never send twice (R-SYNC-4).
 * Returns true when a row was added.
 */
export async function queueEmail<Vars>(
  q: Queryable,
  template: EmailTemplate<Vars>,
  vars: Vars,
  envelope: { to: string; from: string; dedupeKey: string; at?: Date },
): Promise<boolean> {
  const rows = await q
    .insert(outboxEmails)
    .values({
      kind: template.kind,
      dedupeKey: envelope.dedupeKey,
      fromAddress: envelope.from,
      toAddress: envelope.to,
      subject: template.subject(vars),
      html: template.html(vars),
      text: template.text(vars),
      ...(envelope.at ? { createdAt: envelope.at, nextAttemptAt: envelope.at } : {}),
    })
    .onConflictDoNothing({ target: outboxEmails.dedupeKey })
    .returning({ id: outboxEmails.id });
  return rows.length > 0;
}
