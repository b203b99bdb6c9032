import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { outboxEmails } from "../schema";

/* The outbox (lib/outbox): what the screens read of it. */

/** The development mailbox (app/dev/mailbox): the latest e-mails of the outbox, sent or not. */
export async function findRecentOutboxEmails(q: Queryable, limit = 100) {
  return q.select().from(outboxEmails).orderBy(desc(outboxEmails.id)).limit(limit);
}

/** The outbox at a glance, for the admin screen: how many e-mails per kind and status. */
export async function countOutboxByKindAndStatus(q: Queryable): Promise<{ kind: string; status: string; n: number }[]> {
  const res = (await q.execute(
    sql`select kind, status::text as status, count(*)::int as n from outbox_emails group by kind, status order by kind, status`,
  )) as unknown as {
    rows: { kind: string; status: string; n: number }[];
  };
  return res.rows;
}

/** R-SYNC-3: the e-mails in failure (refused for good, or too many attempts), newest first, for the admin screen. */
export async function findFailedEmails(q: Queryable, limit = 200) {
  return q
    .select({
      id: outboxEmails.id,
      kind: outboxEmails.kind,
      toAddress: outboxEmails.toAddress,
      subject: outboxEmails.subject,
      lastError: outboxEmails.lastError,
      attempts: outboxEmails.attempts,
      createdAt: outboxEmails.createdAt,
      updatedAt: outboxEmails.nextAttemptAt,
    })
    .from(outboxEmails)
    .where(eq(outboxEmails.status, "failed"))
    .orderBy(desc(outboxEmails.nextAttemptAt), desc(outboxEmails.id))
    .limit(limit);
}

/**
 * R-SYNC-3: puts a failed e-mail back in the queue, due at `now`, its attempts counted again from
 * zero. Returns what it was (for the audit row), or null when the row is not (or no longer) failed.
 */
export async function requeueFailedEmail(q: Queryable, id: number, now: Date) {
  const [before] = await q
    .select({ toAddress: outboxEmails.toAddress, kind: outboxEmails.kind, lastError: outboxEmails.lastError, attempts: outboxEmails.attempts })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, "failed")))
    .for("update");
  if (!before) return null;
  await q
    .update(outboxEmails)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, "failed")));
  return before;
}
