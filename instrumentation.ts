/*
 * Next.js instrumentation hook, run once when a server process starts (`next start`, before the
 * first request is served):
 * 1. the start-up checks (lib/boot.ts, docs/production.md): a bad configuration, an unreachable
 *    database, or demo accounts outside demo mode stop the process with a French message and exit
 *    code 1, instead of a listening server that answers 500;
 * 2. the scheduler and the outbox sender in the Node.js server when the database is PGlite or
 *    WORKER_IN_PROCESS=true (jobs/in-process.ts);
 * 3. under the runner (scripts/serve.mjs, a cluster of `next start`), tells it that this instance
 *    passed its checks: an instance that dies before saying so is a failed start, not a crash to
 *    restart (docs/decisions/011-processes-and-load-balancing.md).
 * The imports sit behind the NEXT_RUNTIME test so that the edge bundle does not include the
 * database drivers; nothing runs while `next build` prerenders.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootOrExit } = await import("@/lib/boot");
  await bootOrExit();
  const { startInProcessWorker, tellRunnerReady } = await import("@/jobs/in-process");
  await startInProcessWorker();
  tellRunnerReady();
}
