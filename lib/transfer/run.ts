import { sql, type SQL } from "drizzle-orm";
import type { Pool } from "pg";
import { recordAudit, SYSTEM_ACTORS } from "@/lib/audit";
import { expireIdleSessions } from "@/lib/auth/session-lifecycle";
import { timelineFrom } from "@/lib/clock";
import { pgErrorCode, type Db, type Tx } from "@/lib/db/client";
import { familyToSchool } from "@/lib/db/transfer/family-to-school";
import {
  countStudents,
  findTransferScope,
  finishRun,
  hasRunningRuns,
  markInterruptedRuns,
  NIL_UUID,
  nextStudentBatch,
  openRun,
  saveRunCounts,
  tryTransferLock,
} from "@/lib/db/transfer/runs";
import { schoolToFamily } from "@/lib/db/transfer/school-to-family";
import type { Bounds, TransferScope } from "@/lib/db/transfer/sql";
import { nightRunKey, transferAuditEntries, type TransferCounts } from "@/lib/domain/transfer-runs";
import type { Log } from "@/lib/log";
import type { Mailer } from "@/lib/outbox/mailer";
import { parisDayKey } from "@/lib/domain/paris-time";
import { expireOverdueEmails, sendDueEmails } from "@/lib/outbox/sender";
import { queueDecisionEmails } from "./decision-emails";
import { queueSchoolChangeEmails } from "@/lib/services/school-requests";
import { queueInterviewInvitations } from "./interview-invitations";

/*
 * The nightly transfer between the family tables and the school tables (docs/sync.md,
 * docs/decisions/006): this module orchestrates; the SQL lives in lib/db/transfer/.
 *
 * - Set-based: students are walked in keyset batches (id ranges); for each batch, every kind is
 *   carried by one or a few INSERT … SELECT / UPDATE … FROM statements, whatever the batch size
 *   (family-to-school.ts, school-to-family.ts).
 * - Exactly-once (R-SYNC-4): every copy has a watermark written in the same transaction, so a
 *   batch is all-or-nothing per student. A killed run leaves only whole batches done and the next
 *   run (same night key, or any later run) does the rest. E-mails are queued with deterministic
 *   dedupe keys in the same transaction (decision-emails.ts): a re-run never queues one twice.
 * - One run per night: a PostgreSQL advisory lock (two workers never run together) and the run key
 *   "night:<Paris day of the cut-off>" in sync_runs (runs.ts; a night that succeeded is not run again).
 * - Each batch runs in REPEATABLE READ: the copy and its watermark come from one snapshot.
 *
 * It lives in lib/ (not jobs/) because two doors start it: the scheduled job (jobs/transfer.ts)
 * and the administrator's manual run (lib/transfer/manual.ts, behind lib/actions/transfer.ts);
 * lib/ never imports jobs/, so the one entry point both call is here.
 */

export type TransferProgress = { batch: number; studentsDone: number; studentsTotal: number; counts: TransferCounts; batchCounts: TransferCounts };

export type TransferOptions = {
  db: Db;
  /**
   * The product's time, from the caller (the worker's and the CLI's clock, lib/clock.ts): idle
   * sessions are ended, the run is logged and the e-mails are sent on it.
   */
  now: Date;
  /** The cut-off: what was validated/entered at or before this instant crosses. Default `now`. */
  asOf?: Date;
  log: Log;
  /** When given, the e-mails due are sent at the end of the run (R-SYNC-3). */
  mailer?: Mailer;
  /** PostgreSQL pool: the advisory lock is held on one of its connections. Absent on PGlite (one process). */
  pool?: Pool;
  dryRun?: boolean;
  batchSize?: number;
  triggeredBy?: string;
  /** Default "night:<Paris day of the cut-off>"; a manual run uses its own key. */
  runKey?: string;
  onProgress?: (p: TransferProgress) => void;
  /** Tests and demos of resumption only: wait between batches. */
  pauseBetweenBatchesMs?: number;
  /**
   * R-OVS-4: a head's on-demand run for one school (lib/transfer/school.ts): the same statements,
   * restricted to the school's students of its open year; logged with the school in sync_runs.
   * It takes the same lock as the night, and does not end the idle sessions (the night's and the
   * session sweep's work, for every school).
   */
  schoolId?: string;
  /** Called once the run holds the lock and its sync_runs row is open (not for a dry run). */
  onOpened?: (runId: number) => void;
};

export type TransferResult =
  | { status: "succeeded" | "failed"; runId: number | null; runKey: string; counts: TransferCounts; errors: string[]; dryRun: boolean }
  | { status: "skipped"; reason: "locked" | "already-done"; runKey: string };

function add(into: TransferCounts, from: TransferCounts): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

class DryRunRollback extends Error {}

function isSerializationFailure(err: unknown): boolean {
  const code = pgErrorCode(err);
  return code === "40001" || code === "40P01";
}

/*
 * The batch's transaction settings (this transaction only, SET LOCAL):
 * - work_mem: room for a large batch's sorts and hashes in memory.
 * - jit off: each statement of a batch is planned above the JIT thresholds (its cost is counted
 *   for the whole batch), so PostgreSQL compiled every large statement again in every batch
 *   (~0.4 s each, measured with EXPLAIN ANALYZE) for a plan of index probes that compiled code
 *   does not speed up.
 * - synchronous_commit off: the batch's commit does not wait for its WAL to reach the disk. A
 *   server crash can lose the last commits (never half of one): the copies, their watermarks,
 *   the run's counts and the e-mails queued are in the same transaction, so they are lost
 *   together and the next run carries them again (R-SYNC-4). No e-mail of a lost batch can have
 *   been sent: the sender only sees committed rows, and its own (synchronous) commit flushes the
 *   WAL before it, the batch's included.
 */
const batchSettings = sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true)`;

/** Runs one batch in its own transaction, retried on a serialization conflict with a concurrent write. */
async function runBatch(
  db: Db,
  b: Bounds,
  opts: { dryRun: boolean; queuedAt: Date; record?: (tx: Tx, c: TransferCounts) => Promise<void> },
): Promise<TransferCounts> {
  for (let attempt = 1; ; attempt++) {
    let counts: TransferCounts = {};
    try {
      await db.transaction(
        async (tx) => {
          await tx.execute(batchSettings);
          const toSchool = await familyToSchool(tx, b);
          // R-FIN-11: a notice e-mailed by this batch is received on the run's Paris day.
          const toFamily = await schoolToFamily(tx, b, parisDayKey(opts.queuedAt));
          let emailsQueued = 0;
          if (!opts.dryRun) {
            emailsQueued += await queueDecisionEmails(tx, toFamily.decisions, opts.queuedAt);
            // R-SCH-5 / R-SYNC-3: the school's changes e-mailed when the family page shows them.
            emailsQueued += await queueSchoolChangeEmails(tx, toFamily.schoolChanges, opts.queuedAt);
            // R-FIN-9: answers and agreements that show no agreement: the interview with the head.
            emailsQueued += await queueInterviewInvitations(tx, toSchool.answered, opts.queuedAt);
          }
          counts = { ...toSchool.counts, ...toFamily.counts, emailsQueued };
          if (opts.dryRun) throw new DryRunRollback();
          await opts.record?.(tx, counts);
        },
        { isolationLevel: "repeatable read" },
      );
      return counts;
    } catch (err) {
      if (err instanceof DryRunRollback) return counts;
      if (attempt < 5 && isSerializationFailure(err)) continue;
      throw err;
    }
  }
}

/**
 * R-SYNC-5: marks 'interrupted' the runs left 'running' by a dead process, when no transfer is
 * running (the lock is free). The worker calls it every minute; null when a transfer holds the lock.
 */
export async function detectInterruptedRuns(opts: { db: Db; pool?: Pool; now: Date; log: Log }): Promise<string[] | null> {
  // Most minutes no run is 'running': then the lock is not even tried (a CLI run starting at that
  // instant must not find it taken).
  if (!(await hasRunningRuns(opts.db))) return [];
  const lock = await tryTransferLock(opts.pool, opts.db);
  if (!lock) return null;
  try {
    const dead = await markInterruptedRuns(opts.db, opts.now);
    if (dead.length) opts.log.warn(`transfert(s) interrompu(s) détecté(s) : ${dead.join(", ")}`);
    return dead;
  } finally {
    await lock.release();
  }
}

export async function runTransfer(opts: TransferOptions): Promise<TransferResult> {
  const { db, log } = opts;
  const dryRun = opts.dryRun ?? false;
  const clock = timelineFrom(opts.now);
  const asOfDate = opts.asOf ?? opts.now;
  const asOf = asOfDate.toISOString();
  const runKey = opts.runKey ?? nightRunKey(asOfDate);
  const batchSize = Math.max(1, opts.batchSize ?? 50_000); // bench: 50 000–100 000 per batch is several times faster than 5 000
  const startedAt = opts.now;
  // The published_at watermark of a school row: when it was published in the product's timeline,
  // never before the row's own last change (so a later change is always seen as unpublished, even
  // when the run was played "as of" a future date, or the app's clock is shifted).
  const publishedMark = (updatedAt: SQL) => sql`greatest(${updatedAt}, least(${asOf}::timestamptz, ${startedAt.toISOString()}::timestamptz))`;

  let scope: TransferScope | undefined;
  if (opts.schoolId) {
    scope = (await findTransferScope(db, opts.schoolId)) ?? undefined;
    if (!scope) throw new Error(`établissement inconnu : ${opts.schoolId}`);
  }

  // R-SYNC-4 / R-OVS-4: the night's run holds the transfer lock alone; a school's run holds it shared
  // with other schools' runs and its own school's lock alone: it never overlaps the night nor another
  // run of its school (the later one is skipped), and runs beside other schools' (docs/sync.md).
  const lock = await tryTransferLock(opts.pool, db, scope?.schoolId);
  if (!lock) {
    log.info(`transfert ${runKey} : un autre transfert est en cours, rien à faire`);
    return { status: "skipped", reason: "locked", runKey };
  }
  try {
    let runId: number | null = null;
    const counts: TransferCounts = {};
    if (!dryRun) {
      // R-SYNC-5: holding the lock, no other run is alive: a row still 'running' was killed.
      const dead = await markInterruptedRuns(db, clock(), scope?.schoolId);
      if (dead.length) log.warn(`transfert(s) interrompu(s) détecté(s) : ${dead.join(", ")} (repris par ce transfert s'il s'agit de la même nuit)`);
      const opened = await openRun(db, { runKey, asOf, startedAt, triggeredBy: opts.triggeredBy ?? "cron", schoolId: scope?.schoolId });
      if (!opened) {
        log.info(`transfert ${runKey} : déjà effectué`);
        return { status: "skipped", reason: "already-done", runKey };
      }
      runId = opened.runId;
      add(counts, opened.counts);
      opts.onOpened?.(runId);
    }
    const errors: string[] = [];
    try {
      if (!dryRun) {
        // R-SYNC-3: idle sessions ended now queue their recap e-mails (R-INT-8) before the batches.
        // On the product's time, not the cut-off: a run played "as of" tomorrow must not end the
        // sessions of people signed in right now.
        // A school's run (R-OVS-4) leaves them to the night and to the session sweep: they are
        // every school's.
        if (!scope) {
          let expired = 0;
          for (let n = await expireIdleSessions(db, clock()); n > 0; n = await expireIdleSessions(db, clock())) expired += n;
          add(counts, { sessionsExpired: expired });
        }
        // R-FIN-11: notices that could not leave on their day are expired before the batches, so
        // that this run notifies their decisions again (school-to-family.ts).
        add(counts, { emailsExpired: await expireOverdueEmails(db, clock()) });
      }

      const total = await countStudents(db, scope);
      let after = NIL_UUID;
      let done = 0;
      for (let batch = 1; ; batch++) {
        const range = await nextStudentBatch(db, after, batchSize, scope);
        if (!range.hi || range.n === 0) break;
        const bounds: Bounds = { lo: after, hi: range.hi, asOf, publishedMark, scope };
        const batchCounts = await runBatch(db, bounds, {
          dryRun,
          queuedAt: clock(),
          record:
            runId === null
              ? undefined
              : async (tx, c) => {
                  // The run's counts move with the batch's watermarks: a killed run's log says what it did.
                  const total = { ...counts };
                  add(total, c);
                  add(total, { students: range.n });
                  await saveRunCounts(tx, runId!, total);
                },
        });
        add(counts, batchCounts);
        add(counts, { students: range.n });
        done += range.n;
        after = range.hi;
        opts.onProgress?.({ batch, studentsDone: done, studentsTotal: total, counts: { ...counts }, batchCounts });
        if (opts.pauseBetweenBatchesMs) await new Promise((r) => setTimeout(r, opts.pauseBetweenBatchesMs));
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(message);
      log.error(`transfert ${runKey} interrompu : ${message}`);
    }

    if (!dryRun && runId !== null) {
      const finishedAt = clock();
      await db.transaction(async (tx) => {
        await finishRun(tx, runId!, { failed: errors.length > 0, finishedAt, counts, errors });
        // R-AUTH-3: the run's writes, one audit row per kind, under the transfer's system actor.
        for (const { kind, ...details } of transferAuditEntries(counts)) {
          const d = scope ? { ...details, schoolId: scope.schoolId } : details;
          await recordAudit(tx, SYSTEM_ACTORS.transfer, `transfer.${kind}`, { type: "sync_run", id: runKey }, d, finishedAt);
        }
      });
    }

    // R-SYNC-3: send what is due now, the run's own e-mails included.
    if (!dryRun && opts.mailer) {
      try {
        const sent = await sendDueEmails({ db, now: clock(), mailer: opts.mailer, log, maxBatches: 10_000 });
        add(counts, { emailsSent: sent.sent });
        if (runId !== null) await saveRunCounts(db, runId, counts);
      } catch (err) {
        log.warn(`envoi des courriels après le transfert : ${(err as Error).message} (ils restent dans la file)`);
      }
    }
    log.info(`transfert ${runKey}${dryRun ? " (simulation)" : ""} ${errors.length ? "en échec" : "terminé"}`, counts);
    return { status: errors.length ? "failed" : "succeeded", runId, runKey, counts, errors, dryRun };
  } finally {
    await lock.release();
  }
}
