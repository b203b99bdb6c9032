import { outboxEmails } from "@/lib/db/schema";
import type { Queryable } from "@/lib/db/client";
import type { EmailTemplate } from "@/emails/define-email";
import { isRegisteredEmail, type RegisteredEmail } from "@/emails/registry";

type VarsOf<T> = T extends EmailTemplate<infer V> ? V : never;

/** Where an e-mail goes and how it is kept in the outbox (see `queueEmail`). */
export type Envelope = { to: string; from: string; dedupeKey: string; at?: Date; sendBy?: Date };

/** One e-mail of a set queued by `queueEmails`: its template's variables and its envelope. */
export type EmailToQueue<T extends RegisteredEmail> = { vars: VarsOf<T>; envelope: Envelope };

/**
 * Rows of one INSERT of `queueEmails`: 11 parameters each, well under PostgreSQL's 65,535, and a
 * statement of a few megabytes of rendered e-mails.
 */
export const QUEUE_ROWS_PER_STATEMENT = 1000;

/**
 * Queues one e-mail in the outbox, rendered (docs/decisions/007). Call it inside the transaction
 * of the write that causes it. Only the kinds of emails/registry.ts are accepted (by type, and
 * checked at run time). `dedupeKey` identifies the e-mail (e.g. "recap:<sessionId>:<guardianId>"):
 * queueing the same key again does nothing, so re-runs and retries never send twice (R-SYNC-4).
 * `sendBy`: past this instant the row is not sent but marked 'expired' (lib/outbox/sender.ts), for
 * a content true only on the day it leaves (R-FIN-11: the notice's day of receipt and deadline).
 * Returns true when a row was added.
 */
export async function queueEmail<T extends RegisteredEmail>(q: Queryable, template: T, vars: VarsOf<T>, envelope: Envelope): Promise<boolean> {
  return (await queueEmails(q, template, [{ vars, envelope }])) > 0;
}

/**
 * `queueEmail` for a set of e-mails of one kind (the nightly transfer's decisions, R-FIN-8): each
 * rendered as `queueEmail` renders it, all inserted by one multi-row INSERT … ON CONFLICT
 * (dedupe_key) DO NOTHING per QUEUE_ROWS_PER_STATEMENT, so the statements do not grow with the
 * guardians. Same dedupe keys, same rows. Returns how many rows were added.
 */
export async function queueEmails<T extends RegisteredEmail>(q: Queryable, template: T, emails: readonly EmailToQueue<T>[]): Promise<number> {
  if (!isRegisteredEmail(template)) throw new Error(`Type de courriel inconnu : « ${(template as { kind: string }).kind} » (emails/registry.ts)`);
  const t = template as unknown as EmailTemplate<VarsOf<T>>;
  let added = 0;
  for (let i = 0; i < emails.length; i += QUEUE_ROWS_PER_STATEMENT) {
    const values = emails.slice(i, i + QUEUE_ROWS_PER_STATEMENT).map(({ vars, envelope }) => ({
      kind: t.kind,
      dedupeKey: envelope.dedupeKey,
      fromAddress: envelope.from,
      toAddress: envelope.to,
      subject: t.subject(vars),
      html: t.html(vars),
      text: t.text(vars),
      ...(envelope.at ? { createdAt: envelope.at, nextAttemptAt: envelope.at } : {}),
      ...(envelope.sendBy ? { sendBy: envelope.sendBy } : {}),
    }));
    const rows = await q.insert(outboxEmails).values(values).onConflictDoNothing({ target: outboxEmails.dedupeKey }).returning({ id: outboxEmails.id });
    added += rows.length;
  }
  return added;
}
