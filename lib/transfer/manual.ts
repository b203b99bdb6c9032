import { recordAudit, type AuditActor } from "@/lib/audit";
import type { DbHandle } from "@/lib/db/client";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";
import { createMailer } from "@/lib/outbox/mailer";
import { runTransfer, type TransferResult } from "./run";

const g = globalThis as unknown as { __orientationManualSync?: Promise<TransferResult> };

/**
 * R-SYNC-5: an administrator starts a transfer by hand (lib/actions/transfer.ts). It runs in this
 * process (with PGlite, the only one allowed to open the database) in the background: the screen
 * lists it as "en cours" and the admin reloads. Its own run key, so it never takes the night's
 * place; `now` is the action's.
 */
export async function startManualTransfer(handle: DbHandle, actor: AuditActor, now: Date): Promise<{ started: boolean; runKey: string }> {
  const runKey = `manual:${now.toISOString()}`;
  if (g.__orientationManualSync) return { started: false, runKey };
  await recordAudit(handle.db, actor, "sync.start", { type: "sync_run", id: runKey }, undefined, now);
  const mailer = createMailer(env());
  g.__orientationManualSync = runTransfer({
    db: handle.db,
    pool: handle.pool,
    now,
    log: consoleLog("sync"),
    mailer: mailer ?? undefined,
    triggeredBy: actor.displayName,
    runKey,
  }).finally(() => {
    g.__orientationManualSync = undefined;
    void mailer?.close();
  });
  g.__orientationManualSync.catch(() => {}); // logged in sync_runs and by the job
  return { started: true, runKey };
}
