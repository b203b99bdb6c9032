import { sql } from "drizzle-orm";
import { timelineFrom } from "@/lib/clock";
import type { Db } from "@/lib/db/client";
import type { Log } from "@/lib/log";
import type { Mailer } from "./mailer";

/*
 * The outbox sender (R-SYNC-3, docs/sync.md, docs/decisions/007). Every e-mail of the product is a
 * row of outbox_emails, rendered when queued; this takes the due ones and hands them to the mailer.
 * Its `now` comes from the caller (the worker, the transfer): it reads no clock of its own.
 *
 * Claim → send → mark, in three short steps, so no transaction stays open during SMTP:
 * - claim: one UPDATE over rows picked with FOR UPDATE SKIP LOCKED. Two senders never pick the
 *   same row. A claimed row is 'sending' with next_attempt_at = now + lease: if the sender dies,
 *   the row becomes due again when the lease runs out (a "stale claim") and another sender takes it.
 * - send over SMTP (pooled nodemailer). The Message-ID is derived from the row, stable across
 *   retries.
 * - mark: 'sent' with sent_at and message_id, only if the row is still ours ('sending' with the
 *   attempts count we claimed it with: a re-claim by another sender bumps it).
 *   On a temporary failure (4xx, connection): back to 'pending', next_attempt_at = now + exponential
 *   backoff, last_error kept. On a permanent one (5xx: 550 …): 'failed' at once, error and attempts
 *   kept, listed on the admin screen, which can send it again (« Renvoyer »).
 *   A relay that is down therefore loses nothing (the row waits) and duplicates nothing (a row is
 *   marked sent once, and only ever claimed by one sender at a time).
 * - send_by (R-FIN-11): a row whose content holds only until an instant (a decision's notice: its
 *   day of receipt and appeal deadline are the day it leaves) is never sent after it: it is marked
 *   'expired' instead (`expireOverdueEmails`, and at the last moment before sending), and the next
 *   nightly transfer notifies the decision again with a new day and deadline
 *   (docs/decisions/009-decisions-and-appeal-deadline.md).
 */

export type SendResult = { claimed: number; sent: number; retried: number; failed: number; expired: number };

export type SenderOptions = {
  db: Db;
  now: Date;
  mailer: Mailer;
  log: Log;
  batchSize?: number;
  /** How long a claim protects a row; past it, the row is considered abandoned. */
  leaseMs?: number;
  /** After this many attempts the row is 'failed' (kept, shown to the administrators). */
  maxAttempts?: number;
  /** Stop after this many batches in one call (the worker calls again on its next tick). */
  maxBatches?: number;
};

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

type ClaimedRow = {
  id: number | string;
  send_by: Date | string | null;
  from_address: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
};

/** Errors that say the relay, not this message, is the problem: stop the batch, retry later. */
function isRelayUnavailable(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "EAUTH"].includes(e.code ?? "") || e.responseCode === 421;
}

/**
 * R-SYNC-3: a permanent SMTP failure (a 5xx reply: 550 no such mailbox, 553 bad address, 554…):
 * the same message would be refused again, so it fails at once instead of being retried for hours.
 * Temporary ones (4xx replies, connection errors, timeouts) are retried with the backoff.
 */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * R-FIN-11: marks 'expired' every row not sent by its send_by: waiting ones, and claims whose lease
 * ran out (their sender is gone). A live claim is left to its sender, which checks send_by itself.
 * Returns how many rows expired. Read through the partial index of the rows waiting (outbox_due):
 * the worker calls it on every tick.
 */
export async function expireOverdueEmails(db: Db, now: Date): Promise<number> {
  const res = await db.execute(sql`
    update outbox_emails set status = 'expired', last_error = 'non envoyé avant la date limite d''envoi'
     where status in ('pending', 'sending') and send_by <= ${now.toISOString()}::timestamptz
       and (status = 'pending' or next_attempt_at <= ${now.toISOString()}::timestamptz)`);
  return (res as unknown as { rowCount?: number | null }).rowCount ?? 0;
}

export async function sendDueEmails(opts: SenderOptions): Promise<SendResult> {
  const { db, now, mailer, log } = opts;
  const batchSize = opts.batchSize ?? 20;
  const leaseMs = opts.leaseMs ?? 2 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 15;
  const maxBatches = opts.maxBatches ?? 50;
  const result: SendResult = { claimed: 0, sent: 0, retried: 0, failed: 0, expired: 0 };
  // sent_at: the caller's `now`, advanced by the time this call has taken.
  const clock = timelineFrom(now);
  result.expired += await expireOverdueEmails(db, now);

  for (let batch = 0; batch < maxBatches; batch++) {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const claimed = await db.execute(sql`
      update outbox_emails o
         set status = 'sending', attempts = o.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
       where o.id in (
             select id from outbox_emails
              where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
                and (send_by is null or send_by > ${now.toISOString()}::timestamptz)
              order by next_attempt_at, id
              limit ${batchSize}
              for update skip locked)
      returning o.id, o.send_by, o.from_address, o.to_address, o.subject, o.html, o.text, o.attempts`);
    // RETURNING has no order; send oldest first.
    const rows = (claimed.rows as ClaimedRow[]).sort((a, b) => Number(a.id) - Number(b.id));
    result.claimed += rows.length;

    let relayDown: string | null = null;
    for (const row of rows) {
      const id = Number(row.id);
      if (relayDown !== null) {
        // Not tried: give the claim back without counting an attempt.
        const next = new Date(now.getTime() + backoffMs(Math.max(1, row.attempts - 1)));
        await db.execute(sql`
          update outbox_emails
             set status = 'pending', attempts = attempts - 1, next_attempt_at = ${next.toISOString()}::timestamptz
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
        result.retried++;
        continue;
      }
      if (row.send_by !== null && new Date(row.send_by).getTime() <= clock().getTime()) {
        // Claimed in time, but its last moment passed while the batch was being sent: never late.
        await db.execute(sql`
          update outbox_emails set status = 'expired', last_error = 'non envoyé avant la date limite d''envoi'
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
        result.expired++;
        continue;
      }
      try {
        const info = await mailer.send({
          from: row.from_address,
          to: row.to_address,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: `<outbox-${id}@orientation.invalid>`,
        });
        await db.execute(sql`
          update outbox_emails
             set status = 'sent', sent_at = ${clock().toISOString()}::timestamptz, message_id = ${info.messageId}, last_error = null
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
        result.sent++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const permanent = isPermanentFailure(err);
        const giveUp = permanent || row.attempts >= maxAttempts;
        const next = new Date(now.getTime() + backoffMs(row.attempts));
        await db.execute(sql`
          update outbox_emails
             set status = ${giveUp ? "failed" : "pending"}::outbox_status,
                 next_attempt_at = ${(giveUp ? clock() : next).toISOString()}::timestamptz,
                 last_error = ${message.slice(0, 1000)}
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
        if (isRelayUnavailable(err)) relayDown = message;
        if (giveUp) {
          result.failed++;
          log.error(
            permanent
              ? `courriel ${id} refusé définitivement par le serveur SMTP (tentative ${row.attempts}) : ${message}`
              : `courriel ${id} abandonné après ${row.attempts} tentatives : ${message}`,
          );
        } else {
          result.retried++;
          log.warn(`courriel ${id} non envoyé (tentative ${row.attempts}), nouvel essai à ${next.toISOString()} : ${message}`);
        }
      }
    }
    if (relayDown !== null || rows.length < batchSize) break;
  }
  if (result.claimed > 0 || result.expired > 0)
    log.info(`outbox : ${result.sent} envoyé(s), ${result.retried} à réessayer, ${result.failed} en échec, ${result.expired} expiré(s)`);
  return result;
}
