import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

/**
 * A transfer that stops half-way (R-SYNC-4, R-SYNC-5): runs the real `scripts/sync.ts` for the
 * night of 24 November 2026, one student per batch and slowed down, and kills it (SIGKILL) between
 * batches' commits once `afterStudents` students have crossed. Returns how the process ended.
 */
export async function killSyncMidRun(opts: { db: Db; url: string; smtpUrl: string; afterStudents: number }): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--now", "2026-11-24T02:00", "--batch-size", "1", "--pause-ms", "150"], {
    env: { ...process.env, DATABASE_URL: opts.url, SMTP_URL: opts.smtpUrl, NODE_ENV: "test" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const result = (await opts.db.execute(
      sql.raw(`select (counts->>'students')::int as students from sync_runs where run_key = 'night:2026-11-24'`),
    )) as unknown as { rows: { students: number | null }[] };
    if ((result.rows[0]?.students ?? 0) >= opts.afterStudents) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the sync made no progress: ${stderr}`);
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  child.kill("SIGKILL");
  return exited;
}
