import type { Pool } from "pg";
import type { Env } from "@/lib/env";
import type { WorkerContext } from "./job";
import { run as dropStaleImportPreviews } from "./import-previews";
import { run as sendOutbox } from "./outbox";
import { run as sendReminders } from "./reminders";
import { run as sweepSessions } from "./session-sweep";
import { checkNight } from "./transfer";

/*
 * Every scheduled job of the product, in one list that the worker (jobs/worker.ts) iterates:
 * - the nightly transfer: a check at start and every minute runs the night due at SYNC_CRON's time
 *   in SYNC_TIMEZONE (default 02:00 Europe/Paris), DST nights and nights missed while down included
 *   (jobs/transfer.ts `checkNight`, docs/operations.md);
 * - the outbox sender every OUTBOX_INTERVAL_MS (a loop: its period is in milliseconds; each pass
 *   sends everything due before it ends);
 * - the idle-session sweep every minute (R-INT-8: an expired session sends its recaps);
 * - every hour, the Siècle import previews left unconfirmed for a day are abandoned (R-DATA-1);
 * - every minute, the reminders due are sent to the families that have not validated (R-OVS-2).
 */

export type Schedule = { cron: string; timezone?: string } | { everyMs: number };

export type ScheduledJob = {
  name: string;
  /** Said in the logs when it fails. */
  label: string;
  schedule: (e: Env) => Schedule;
  run: (ctx: WorkerContext & { pool?: Pool }) => Promise<unknown>;
  /** Needs a mailer: not started when none is configured (no SMTP_URL outside demo mode). */
  needsMailer?: boolean;
};

/** How often the worker checks whether a night is due (R-SYNC-4). */
export const NIGHT_CHECK_MS = 60_000;

export const JOBS: readonly ScheduledJob[] = [
  {
    name: "orientation-sync",
    label: "transfert nocturne",
    schedule: () => ({ everyMs: NIGHT_CHECK_MS }),
    run: (ctx) => checkNight({ ...ctx, cron: ctx.env.SYNC_CRON, timezone: ctx.env.SYNC_TIMEZONE }),
  },
  {
    name: "orientation-session-expiry",
    label: "expiration des sessions",
    schedule: () => ({ cron: "* * * * *" }),
    run: sweepSessions,
  },
  {
    name: "orientation-import-previews",
    label: "abandon des aperçus d'import non confirmés",
    schedule: () => ({ cron: "17 * * * *" }),
    run: dropStaleImportPreviews,
  },
  {
    name: "orientation-reminders",
    label: "relances des familles",
    schedule: () => ({ cron: "* * * * *" }),
    run: sendReminders,
  },
  {
    name: "orientation-outbox",
    label: "envoi des courriels",
    schedule: (e) => ({ everyMs: e.OUTBOX_INTERVAL_MS }),
    run: sendOutbox,
    needsMailer: true,
  },
];
