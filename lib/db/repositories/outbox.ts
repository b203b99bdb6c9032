import { desc, sql } from "drizzle-orm";
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
