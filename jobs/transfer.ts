import type { Pool } from "pg";
import { findRun, lastNightCutOff } from "@/lib/db/transfer/runs";
import { dailyTimeOfCron, dueNight, invalidScheduleMessage, latestScheduledNight } from "@/lib/domain/nightly-schedule";
import { nightRunKey } from "@/lib/domain/transfer-runs";
import { detectInterruptedRuns, runTransfer, type TransferOptions, type TransferResult } from "@/lib/transfer/run";
import type { JobContext } from "./job";

/*
 * The nightly transfer as a scheduled job (docs/sync.md, docs/operations.md). The transfer itself
 * lives in lib/transfer/run.ts, because the administrator's manual run (lib/actions/transfer.ts)
 * starts it too and lib/ never imports jobs/.
 */
export function run(ctx: JobContext & { pool?: Pool; runKey?: string } & Omit<TransferOptions, keyof JobContext | "pool" | "runKey">): Promise<TransferResult> {
  return runTransfer({ triggeredBy: "cron", ...ctx, mailer: ctx.mailer ?? undefined });
}

/** A night that failed is tried again after this delay (the check runs every minute). */
export const FAILED_NIGHT_RETRY_MS = 10 * 60_000;

export type NightCheck =
  | { outcome: "not-due" | "done" | "wait-retry"; runKey: string; interrupted: string[] | null }
  | { outcome: "ran"; runKey: string; interrupted: string[] | null; result: TransferResult };

/**
 * R-SYNC-4, R-SYNC-5: the worker's check, at its start and every minute (docs/operations.md).
 * 1. Runs left 'running' by a dead process are marked 'interrupted' (when the lock is free).
 * 2. The night due (lib/domain/nightly-schedule.ts: the latest scheduled instant ≤ now, DST
 *    included) runs when its run key is not done: missing (a night missed while the server was
 *    down is caught up, as of its own cut-off), interrupted (resumed), failed (retried every 10 min).
 *    The advisory lock and the run key make it once across any number of workers.
 */
export async function checkNight(
  ctx: JobContext & { pool?: Pool; cron: string; timezone: string; workerStartedAt: Date } & Pick<TransferOptions, "batchSize" | "pauseBetweenBatchesMs">,
): Promise<NightCheck> {
  const time = dailyTimeOfCron(ctx.cron);
  if (!time) throw new Error(invalidScheduleMessage(ctx.cron));
  const interrupted = await detectInterruptedRuns(ctx);
  const latest = latestScheduledNight(ctx.now, time, ctx.timezone);
  const runKey = nightRunKey(latest);
  const existing = await findRun(ctx.db, runKey);
  if (existing?.status === "succeeded") return { outcome: "done", runKey, interrupted };
  if (existing?.status === "running") return { outcome: "not-due", runKey, interrupted }; // alive: it holds the lock
  if (existing?.status === "failed" && existing.finishedAt && ctx.now.getTime() - existing.finishedAt.getTime() < FAILED_NIGHT_RETRY_MS)
    return { outcome: "wait-retry", runKey, interrupted };
  if (!existing) {
    const due = dueNight(ctx.now, time, ctx.timezone, (await lastNightCutOff(ctx.db)) ?? ctx.workerStartedAt);
    if (!due) return { outcome: "not-due", runKey, interrupted };
  }
  const result = await run({ ...ctx, asOf: latest, runKey });
  return { outcome: "ran", runKey, interrupted, result };
}
