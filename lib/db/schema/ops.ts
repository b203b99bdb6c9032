import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { outboxStatusEnum, syncStatusEnum } from "./enums";
import { schools } from "./organisation";

/**
 * Every e-mail of the product is queued here first. dedupeKey makes queueing
 * idempotent: the same e-mail queued twice (a re-run, a retry) is one row, sent once.
 */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    dedupeKey: text().notNull().unique(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: outboxStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    messageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** Past this instant the row is not sent but marked "expired" (its content, e.g. an appeal deadline, holds only until then). */
    sendBy: timestamp({ withTimezone: true }),
    /**
     * A claim's lease, on the DATABASE's clock (clock_timestamp()): a 'sending' row whose lease ran
     * out is taken again by another sender. One clock for every sender, whatever their own clocks
     * say (docs/sync.md): a sender running ahead cannot take a claim still being sent.
     */
    leaseUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outbox_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("outbox_leases")
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'sending'`),
  ],
);

/** R-SYNC-5: one row per run of the nightly transfer; runKey makes a night run once (R-SYNC-4). */
export const syncRuns = pgTable("sync_runs", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  runKey: text().notNull().unique(),
  asOf: timestamp({ withTimezone: true }).notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  status: syncStatusEnum().notNull().default("running"),
  triggeredBy: text().notNull(),
  dryRun: boolean().notNull().default(false),
  counts: jsonb().$type<Record<string, number>>().notNull().default({}),
  errors: jsonb().$type<string[]>().notNull().default([]),
  /** R-OVS-4: a head's on-demand transfer for their school alone (null: every school, the night's or an admin's run). */
  schoolId: uuid().references(() => schools.id, { onDelete: "cascade" }),
});
