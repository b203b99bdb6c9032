/*
 * Next.js instrumentation hook, run once when a server process starts: starts the scheduler and the
 * outbox sender in the Node.js server when the database is PGlite or WORKER_IN_PROCESS=true
 * (jobs/in-process.ts). The import sits behind the NEXT_RUNTIME test so that the edge bundle does
 * not include the database drivers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInProcessWorker } = await import("@/jobs/in-process");
    await startInProcessWorker();
  }
}
