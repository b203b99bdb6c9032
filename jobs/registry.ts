import type { Pool } from "pg";
import type { Env } from "@/lib/env";
import type { JobContext } from "./job";
import { run as sendOutbox } from "./outbox";
import { run as sweepSessions } from "./session-sweep";
import { run as transfer } from "./transfer";

/*
 * Every scheduled job of the product, in one list that the worker (jobs/worker.ts) iterates:
 * - the nightly transfer at SYNC_CRON in SYNC_TIMEZONE (default 02:00 Europe/Paris);
 * - the outbox sender every OUTBOX_INTERVAL_MS (a loop: its period is in milliseconds);
 * - the idle-session sweep every minute (R-INT-8: an expired session sends its recaps).
 */

export type Schedule = { cron: string; timezone?: string } | { everyMs: number };

export type ScheduledJob = {
  name: string;
  /** Said in the logs when it fails. */
  label: string;
  schedule: (e: Env) => Schedule;
  run: (ctx: JobContext & { pool?: Pool }) => Promise<unknown>;
};

export const JOBS: readonly ScheduledJob[] = [
  {
    name: "orientation-sync",
    label: "transfert nocturne",
    schedule: (e) => ({ cron: e.SYNC_CRON, timezone: e.SYNC_TIMEZONE }),
    run: (ctx) => transfer(ctx),
  },
  {
    name: "orientation-session-expiry",
    label: "expiration des sessions",
    schedule: () => ({ cron: "* * * * *" }),
    run: sweepSessions,
  },
  {
    name: "orientation-outbox",
    label: "envoi des courriels",
    schedule: (e) => ({ everyMs: e.OUTBOX_INTERVAL_MS }),
    run: sendOutbox,
  },
];
