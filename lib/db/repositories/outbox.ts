import { desc } from "drizzle-orm";
import type { Queryable } from "../client";
import { outboxEmails } from "../schema";

/** The development mailbox (app/dev/mailbox): the latest e-mails of the outbox, sent or not. */
export async function findRecentOutboxEmails(q: Queryable, limit = 100) {
  return q.select().from(outboxEmails).orderBy(desc(outboxEmails.id)).limit(limit);
}
