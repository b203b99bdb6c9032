import { outboxEmails } from "@/lib/db/schema";
import type { Queryable } from "@/lib/db/client";
import type { EmailTemplate } from "@/emails/define-email";
import { isRegisteredEmail, type RegisteredEmail } from "@/emails/registry";

type VarsOf<T> = T extends EmailTemplate<infer V> ? V : never;

/**
 * Queues one e-mail in the outbox, rendered (docs/decisions/007). Call it inside the transaction
 * of the write that causes it. Only the kinds of emails/registry.ts are accepted (by type, and
 * checked at run time). `dedupeKey` identifies the e-mail (e.g. "recap:<sessionId>:<guardianId>"):
 * queueing the same key again does nothing, so re-runs and retries never send twice (R-SYNC-4).
 * `sendBy`: past this instant the row is not sent but marked 'expired' (lib/outbox/sender.ts), for
 * a content true only on the day it leaves (R-FIN-11: the notice's day of receipt and deadline).
 * Returns true when a row was added.
 */
export async function queueEmail<T extends RegisteredEmail>(
  q: Queryable,
  template: T,
  vars: VarsOf<T>,
  envelope: { to: string; from: string; dedupeKey: string; at?: Date; sendBy?: Date },
): Promise<boolean> {
  if (!isRegisteredEmail(template)) throw new Error(`Type de courriel inconnu : « ${(template as { kind: string }).kind} » (emails/registry.ts)`);
  const t = template as unknown as EmailTemplate<VarsOf<T>>;
  const rows = await q
    .insert(outboxEmails)
    .values({
      kind: t.kind,
      dedupeKey: envelope.dedupeKey,
      fromAddress: envelope.from,
      toAddress: envelope.to,
      subject: t.subject(vars),
      html: t.html(vars),
      text: t.text(vars),
      ...(envelope.at ? { createdAt: envelope.at, nextAttemptAt: envelope.at } : {}),
      ...(envelope.sendBy ? { sendBy: envelope.sendBy } : {}),
    })
    .onConflictDoNothing({ target: outboxEmails.dedupeKey })
    .returning({ id: outboxEmails.id });
  return rows.length > 0;
}
