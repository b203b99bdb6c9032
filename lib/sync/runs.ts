import { desc, sql } from "drizzle-orm";
import { run, type SyncResult } from "@/jobs/sync";
import { recordAudit, type AuditActor } from "@/lib/audit";
import type { DbHandle } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { syncRuns } from "@/lib/db/schema";
import { createMailer } from "@/lib/outbox/mailer";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";

/** R-SYNC-5: the last runs, newest first. */
export async function listSyncRuns(db: Db, limit = 50) {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(limit);
}

/** The outbox at a glance, for the admin screen. */
export async function outboxSummary(db: Db): Promise<Record<string, number>> {
  const res = (await db.execute(sql`select status::text as status, count(*)::int as n from outbox_emails group by status`)) as unknown as {
    rows: { status: string; n: number }[];
  };
  return Object.fromEntries(res.rows.map((r) => [r.status, r.n]));
}

const g = globalThis as unknown as { __orientationManualSync?: Promise<SyncResult> };

/**
 * An administrator starts a transfer by hand. It runs in this process (with PGlite, the only one
 * allowed to open the database) in the background: the screen lists it as "en cours" and the
 * admin reloads. Its own run key, so it never takes the night's place.
 */
export async function startManualSync(handle: DbHandle, actor: AuditActor, now: Date): Promise<{ started: boolean; runKey: string }> {
  const runKey = `manual:${now.toISOString()}`;
  if (g.__orientationManualSync) return { started: false, runKey };
  await recordAudit(handle.db, actor, "sync.start", { type: "sync_run", id: runKey }, undefined, now);
  const mailer = createMailer(env().SMTP_URL);
  g.__orientationManualSync = run({ db: handle.db, pool: handle.pool, now, log: consoleLog("sync"), mailer, triggeredBy: actor.displayName, runKey })
    .finally(() => {
      g.__orientationManualSync = undefined;
      void mailer.close();
    });
  g.__orientationManualSync.catch(() => {}); // logged in sync_runs and by the job
  return { started: true, runKey };
}
