import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Log } from "@/lib/log";
import type { Mailer } from "@/lib/outbox/mailer";

/**
 * The one shape of a scheduled job (jobs/registry.ts): the worker hands it the database, the
 * product's `now` (lib/clock.ts, read once per tick by the worker), the mailer and a log. A job
 * never reads a clock of its own. `mailer` is null when no relay is configured outside demo mode
 * (lib/outbox/mailer.ts: nothing is sent, the e-mails wait); `workerStartedAt` is the product's
 * time when the worker started (the nightly check's floor when no night ever ran).
 */
export type JobContext = { db: Db; now: Date; mailer: Mailer | null; log: Log };
/** `signal`: aborted when the worker stops; a long job (the outbox's drain) stops between its steps. */
export type WorkerContext = JobContext & { env: Env; workerStartedAt: Date; signal?: AbortSignal };
