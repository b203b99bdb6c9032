import type { Db } from "@/lib/db/client";
import type { Log } from "@/lib/log";
import type { Mailer } from "@/lib/outbox/mailer";

/**
 * The one shape of a scheduled job (jobs/registry.ts): the worker hands it the database, the
 * product's `now` (lib/clock.ts, read once per tick by the worker), the mailer and a log. A job
 * never reads a clock of its own.
 */
export type JobContext = { db: Db; now: Date; mailer: Mailer; log: Log };
