import { sql } from "drizzle-orm";
import { timelineFrom } from "@/lib/clock";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Log } from "@/lib/log";
import type { Mailer } from "./mailer";

/*
 * The outbox sender (R-SYNC-3, docs/sync.md, docs/decisions/007). Every e-mail of the product is a
 * row of outbox_emails, rendered when queued; this takes the due ones and hands them to the mailer.
 * Its `now` comes from the caller (the worker, the transfer): it reads no clock of its own.
 *
 * Claim → send → mark, in short steps, so no transaction stays open during SMTP:
 * - claim: one UPDATE over rows picked with FOR UPDATE SKIP LOCKED. Two senders never pick the
 *   same row. A claimed row is 'sending' with lease_until = the DATABASE's clock + lease: if the
 *   sender dies, the row becomes due again when the lease runs out (a "stale claim") and another
 *   sender takes it. The lease is on PostgreSQL's clock, the one clock every sender shares: a sender
 *   whose own clock runs ahead (another machine, CLOCK_OFFSET_MS) cannot take a claim still being
 *   sent. Waiting rows are due on the product's clock (`now`: their backoff, the demo's clock).
 * - send over SMTP (pooled nodemailer), `concurrency` e-mails at a time (OUTBOX_CONCURRENCY) over
 *   the transport's connections (SMTP_POOL_SIZE). The Message-ID is derived from the row, stable
 *   across retries. A row is not started once half its lease has gone by: it is given back
 *   untried, so a claim never runs out while its sender is still sending.
 * - mark, in sets: the outcomes are written by one UPDATE … FROM jsonb_to_recordset(…) every
 *   MARK_EVERY outcomes (or MARK_DELAY_MS after the oldest waiting one, and at the batch's end),
 *   while the sending goes on; each row only if it is still ours ('sending' with the attempts count
 *   we claimed it with: a re-claim by another sender bumps it).
 *   'sent' with sent_at and message_id. On a temporary failure (4xx, connection): back to
 *   'pending', next_attempt_at = claim time + exponential backoff, last_error kept. On a permanent
 *   one (5xx: 550 …): 'failed' at once, error and attempts kept, listed on the admin screen, which
 *   can send it again (« Renvoyer »).
 *   A relay that is down therefore loses nothing (no new send starts, the rows not tried are given
 *   back without counting an attempt, the row waits) and duplicates nothing (a row is marked sent
 *   once, and only ever claimed by one sender at a time).
 * - drain: batches follow one another while rows are due (a batch came back full), each claimed at
 *   the call's time advanced by the time it has taken, so its lease counts from its own claim;
 *   it stops when a batch comes back short, the relay is down, or the caller's signal aborts.
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
  /** Rows claimed at once (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** E-mails handed to the mailer at once (default OUTBOX_CONCURRENCY, lib/env.ts). */
  concurrency?: number;
  /** How long a claim protects a row; past it, the row is considered abandoned. */
  leaseMs?: number;
  /** After this many attempts the row is 'failed' (kept, shown to the administrators). */
  maxAttempts?: number;
  /** Stop after this many batches in one call (default: drain while rows are due). */
  maxBatches?: number;
  /** Stops the drain between batches (the worker stopping); the batch under way finishes and is marked. */
  signal?: AbortSignal;
};

/** Rows per claim: a few seconds of sending at campaign speed, well inside the lease. */
export const DEFAULT_BATCH_SIZE = 500;
/** Outcomes written by one UPDATE; and the longest an outcome waits for it, in milliseconds. */
export const MARK_EVERY = 100;
export const MARK_DELAY_MS = 200;

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
       and (status = 'pending' or lease_until <= clock_timestamp())`);
  return (res as unknown as { rowCount?: number | null }).rowCount ?? 0;
}

/** What happened to one claimed row, written with the others of its set by `markOutcomes`. */
type Outcome = {
  id: number;
  /** The attempts count the row was claimed with: the "still ours" guard. */
  attempts: number;
  status: "sent" | "pending" | "failed" | "expired";
  /** -1: given back untried (the claim's attempt is not counted). */
  delta: 0 | -1;
  /** null: unchanged. */
  next_attempt_at: string | null;
  /** false: last_error unchanged; true: set to `last_error` (null clears it). */
  set_error: boolean;
  last_error: string | null;
  sent_at: string | null;
  message_id: string | null;
};

const EXPIRED_ERROR = "non envoyé avant la date limite d'envoi";
/** What an outcome leaves as it was, unless it says otherwise. */
const UNCHANGED = { delta: 0, next_attempt_at: null, set_error: false, last_error: null, sent_at: null, message_id: null } as const;

/**
 * Writes a set of outcomes in one statement, each row only if it is still ours ('sending' with the
 * attempts count it was claimed with). Returns how many rows were written.
 */
async function markOutcomes(db: Db, outcomes: readonly Outcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const res = await db.execute(sql`
    update outbox_emails o
       set status = v.status::outbox_status,
           attempts = o.attempts + v.delta,
           next_attempt_at = coalesce(v.next_attempt_at, o.next_attempt_at),
           last_error = case when v.set_error then v.last_error else o.last_error end,
           sent_at = coalesce(v.sent_at, o.sent_at),
           message_id = coalesce(v.message_id, o.message_id)
      from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
           as v(id bigint, attempts int, status text, delta int, next_attempt_at timestamptz, set_error boolean, last_error text, sent_at timestamptz, message_id text)
     where o.id = v.id and o.status = 'sending' and o.attempts = v.attempts`);
  return (res as unknown as { rowCount?: number | null }).rowCount ?? 0;
}

/**
 * The outcomes waiting to be written: flushed by one statement every MARK_EVERY outcomes or
 * MARK_DELAY_MS after the oldest one, one flush at a time, while the sends go on.
 */
function markBuffer(db: Db) {
  let waiting: Outcome[] = [];
  let oldest = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const flush = () => {
    if (waiting.length === 0) return chain;
    const set = waiting;
    waiting = [];
    chain = chain.then(async () => {
      if (failure !== null) return;
      try {
        await markOutcomes(db, set);
      } catch (err) {
        failure = err;
      }
    });
    return chain;
  };
  return {
    add(o: Outcome) {
      if (waiting.length === 0) oldest = Date.now();
      waiting.push(o);
      if (waiting.length >= MARK_EVERY || Date.now() - oldest >= MARK_DELAY_MS) void flush();
    },
    /** A mark failed (the database is unreachable): stop sending what could not be marked. */
    failed: () => failure !== null,
    /** Writes what is left and waits for every write; throws the first write's error. */
    async drain() {
      await flush();
      if (failure !== null) throw failure;
    },
  };
}

export async function sendDueEmails(opts: SenderOptions): Promise<SendResult> {
  const { db, now, mailer, log } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const concurrency = Math.max(1, opts.concurrency ?? env().OUTBOX_CONCURRENCY);
  const leaseMs = opts.leaseMs ?? 2 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 15;
  const maxBatches = opts.maxBatches ?? Number.POSITIVE_INFINITY;
  const result: SendResult = { claimed: 0, sent: 0, retried: 0, failed: 0, expired: 0 };
  // The caller's `now`, advanced by the time this call has taken: sent_at, and the later batches' claims.
  const clock = timelineFrom(now);
  result.expired += await expireOverdueEmails(db, now);

  for (let batch = 0; batch < maxBatches && !opts.signal?.aborted; batch++) {
    // The first batch at the caller's `now`; the next ones when they are claimed.
    const at = batch === 0 ? now : clock();
    // Due: a waiting row whose time has come on the product's clock (its backoff), or a claim whose
    // lease ran out on the database's clock (one clock for every sender: docs/sync.md).
    const claimed = await db.execute(sql`
      update outbox_emails o
         set status = 'sending', attempts = o.attempts + 1, lease_until = clock_timestamp() + ${`${leaseMs} milliseconds`}::interval
       where o.id in (
             select id from outbox_emails
              where (status = 'pending' and next_attempt_at <= ${at.toISOString()}::timestamptz
                     or status = 'sending' and lease_until <= clock_timestamp())
                and (send_by is null or send_by > ${at.toISOString()}::timestamptz)
              order by next_attempt_at, id
              limit ${batchSize}
              for update skip locked)
      returning o.id, o.send_by, o.from_address, o.to_address, o.subject, o.html, o.text, o.attempts`);
    // RETURNING has no order; send oldest first.
    const rows = (claimed.rows as ClaimedRow[]).sort((a, b) => Number(a.id) - Number(b.id));
    result.claimed += rows.length;
    // Past half the lease no row of the batch is started: the claim must outlive every send.
    const startBefore = at.getTime() + leaseMs / 2;

    const marks = markBuffer(db);
    let relayDown: string | null = null;
    let next = 0;
    const stopped = () => relayDown !== null || marks.failed() || clock().getTime() >= startBefore;
    const lane = async () => {
      while (next < rows.length && !stopped()) {
        const row = rows[next++]!;
        const id = Number(row.id);
        if (row.send_by !== null && new Date(row.send_by).getTime() <= clock().getTime()) {
          // Claimed in time, but its last moment passed while the batch was being sent: never late.
          marks.add({ ...UNCHANGED, id, attempts: row.attempts, status: "expired", set_error: true, last_error: EXPIRED_ERROR });
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
          marks.add({ ...UNCHANGED, id, attempts: row.attempts, status: "sent", set_error: true, sent_at: clock().toISOString(), message_id: info.messageId });
          result.sent++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const permanent = isPermanentFailure(err);
          const giveUp = permanent || row.attempts >= maxAttempts;
          const retryAt = new Date(at.getTime() + backoffMs(row.attempts));
          marks.add({
            ...UNCHANGED,
            id,
            attempts: row.attempts,
            status: giveUp ? "failed" : "pending",
            next_attempt_at: (giveUp ? clock() : retryAt).toISOString(),
            set_error: true,
            last_error: message.slice(0, 1000),
          });
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
            log.warn(`courriel ${id} non envoyé (tentative ${row.attempts}), nouvel essai à ${retryAt.toISOString()} : ${message}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    // Not started (relay down, a mark that failed, or half the lease gone): given back without
    // counting an attempt; after a relay failure, with the backoff.
    const untried = rows.slice(next);
    for (const row of untried) {
      const retryAt = relayDown !== null ? new Date(at.getTime() + backoffMs(Math.max(1, row.attempts - 1))) : clock();
      marks.add({ ...UNCHANGED, id: Number(row.id), attempts: row.attempts, status: "pending", delta: -1, next_attempt_at: retryAt.toISOString() });
      if (relayDown !== null) result.retried++;
    }
    await marks.drain();
    if (relayDown !== null) break;
    if (untried.length > 0) {
      log.warn(`outbox : ${untried.length} courriel(s) rendu(s) à la file sans essai, la moitié du bail étant écoulée (relais lent ?)`);
      // Nothing started at all (the claim itself took half the lease): leave them to the next pass.
      if (untried.length === rows.length) break;
    } else if (rows.length < batchSize) break;
  }
  if (result.claimed > 0 || result.expired > 0)
    log.info(`outbox : ${result.sent} envoyé(s), ${result.retried} à réessayer, ${result.failed} en échec, ${result.expired} expiré(s)`);
  return result;
}
