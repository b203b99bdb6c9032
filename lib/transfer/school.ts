import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db, DbHandle } from "@/lib/db/client";
import { listSchoolRuns } from "@/lib/db/transfer/runs";
import { DomainError } from "@/lib/domain/errors";
import { SCHOOL_TRANSFER_BUSY_MESSAGE, SCHOOL_TRANSFER_RUNNING_MESSAGE, schoolRunKey, schoolTransferRefusal } from "@/lib/domain/school-transfer";
import { env } from "@/lib/env";
import { consoleLog, type Log } from "@/lib/log";
import { createMailer, type Mailer } from "@/lib/outbox/mailer";
import { runTransfer, type TransferResult } from "./run";

/*
 * R-OVS-4: a head's on-demand transfer for their school (docs/sync.md « Transfert à la demande
 * d'un établissement »). The very transfer of the night (runTransfer), restricted to the school's
 * students of its open year, under its own run key `school:<school>:<instant>`, logged in sync_runs
 * with the school and audited.
 *
 * Where it runs: in the process of the request that starts it, in the background, as the
 * administrator's manual run (lib/transfer/manual.ts): with PGlite that is the only process, and
 * with PostgreSQL any server may run it, since the lock is PostgreSQL's. A server that dies
 * mid-run leaves whole batches; its row is marked « Interrompu » by the next run, and the next run
 * (the night, or another click) carries the rest.
 *
 * Once: the run takes the night's advisory lock (lib/db/transfer/runs.ts), so it never overlaps
 * the night nor another school's run, on any number of servers. Two clicks, two tabs, two servers:
 * the in-process map and the lock let one start; the other gets a French refusal. A night that
 * finds the lock taken is skipped and retried by the worker's next minute check (jobs/transfer.ts):
 * it then carries what the school's run did not (nothing twice: the watermarks).
 */

const g = globalThis as unknown as { __orientationSchoolSync?: Set<string> };

/** The school's latest on-demand run (when it started, its status), or null. */
async function latestRun(db: Db, schoolId: string): Promise<{ startedAt: Date; status: string } | null> {
  const [row] = await listSchoolRuns(db, schoolId, 1);
  return row ?? null;
}

export type SchoolTransferStart = { runKey: string; runId: number; done: Promise<TransferResult> };

/**
 * Starts the school's transfer in the background; resolves once it holds the lock and its row is
 * open (`done` resolves at its end). Refuses (DomainError, French) while a run of the school is
 * alive or started less than a minute ago, and while another transfer holds the lock.
 */
export async function startSchoolTransfer(
  handle: DbHandle,
  actor: AuditActor,
  schoolId: string,
  now: Date,
  deps: { mailer?: Mailer | null; log?: Log; batchSize?: number; pauseBetweenBatchesMs?: number } = {},
): Promise<SchoolTransferStart> {
  const running = (g.__orientationSchoolSync ??= new Set());
  // Reserved before any await: two calls in this process never both go on.
  if (running.has(schoolId)) throw new DomainError("SCHOOL_TRANSFER_RUNNING", SCHOOL_TRANSFER_RUNNING_MESSAGE);
  running.add(schoolId);
  let started = false;
  try {
    const refusal = schoolTransferRefusal(await latestRun(handle.db, schoolId), now);
    if (refusal) throw new DomainError("SCHOOL_TRANSFER_REFUSED", refusal);
    const start = await launch(handle, actor, schoolId, now, deps);
    started = true;
    void start.done.finally(() => running.delete(schoolId)).catch(() => {});
    return start;
  } finally {
    if (!started) running.delete(schoolId);
  }
}

async function launch(
  handle: DbHandle,
  actor: AuditActor,
  schoolId: string,
  now: Date,
  deps: { mailer?: Mailer | null; log?: Log; batchSize?: number; pauseBetweenBatchesMs?: number },
): Promise<SchoolTransferStart> {
  const runKey = schoolRunKey(schoolId, now);
  const mailer = deps.mailer === undefined ? createMailer(env()) : deps.mailer;
  let onOpened!: (runId: number) => void;
  const opened = new Promise<number>((resolve) => (onOpened = resolve));
  const done = runTransfer({
    db: handle.db,
    pool: handle.pool,
    now,
    log: deps.log ?? consoleLog("sync"),
    mailer: mailer ?? undefined,
    triggeredBy: actor.displayName,
    runKey,
    schoolId,
    batchSize: deps.batchSize,
    pauseBetweenBatchesMs: deps.pauseBetweenBatchesMs,
    onOpened,
  });
  void done.finally(() => void mailer?.close()).catch(() => {}); // logged in sync_runs and by the run

  const first = await Promise.race([opened.then((runId) => ({ runId })), done.then((result) => ({ result }))]);
  let runId: number;
  if ("result" in first) {
    const r = first.result;
    if (r.status === "skipped") {
      // Another transfer holds the lock: this school's (on another server) or the night's / another school's.
      const last = await latestRun(handle.db, schoolId);
      throw new DomainError("SCHOOL_TRANSFER_BUSY", last?.status === "running" ? SCHOOL_TRANSFER_RUNNING_MESSAGE : SCHOOL_TRANSFER_BUSY_MESSAGE);
    }
    if (r.runId === null) throw new Error("transfert de l'établissement sans exécution enregistrée");
    runId = r.runId;
  } else runId = first.runId;
  // R-AUTH-3: who asked for it (the run's own writes are audited under the transfer's system actor).
  await recordAudit(handle.db, actor, "school_transfer.start", { type: "school", id: schoolId }, { runKey }, now);
  return { runKey, runId, done };
}
