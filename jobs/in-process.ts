import { getDbHandle } from "@/lib/db";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";
import { startWorker } from "./worker";

/*
 * Started by instrumentation.ts in the Node.js server process. With the embedded PGlite database
 * (one process per data directory, docs/decisions/002) the scheduler and the outbox sender must
 * live here; with PostgreSQL they do when WORKER_IN_PROCESS=true (else run `npm run worker`). With
 * several instances (scripts/serve.mjs) only instance 1 gets WORKER_IN_PROCESS as configured, the
 * others false (docs/decisions/011). The PGlite data directory was claimed by the start-up checks
 * just before (lib/boot.ts).
 */
export async function startInProcessWorker(): Promise<void> {
  const e = env();
  if (e.DATABASE_URL && e.WORKER_IN_PROCESS !== "true") return;
  const g = globalThis as unknown as { __orientationWorker?: boolean };
  if (g.__orientationWorker) return;
  g.__orientationWorker = true;
  const handle = await getDbHandle();
  startWorker({ db: handle.db, pool: handle.pool, log: consoleLog("worker") });
}

/**
 * Under the runner (scripts/serve.mjs, a cluster of `next start`), tells it that this instance
 * passed its start-up checks; without an IPC channel (a plain `next start`) it does nothing.
 */
export function tellRunnerReady(): void {
  process.send?.({ type: "orientation:ready" });
}
