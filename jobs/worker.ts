import cron, { type ScheduledTask } from "node-cron";
import type { Pool } from "pg";
import type { Db } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { createMailer, type Mailer } from "@/lib/outbox/mailer";
import { sendDueEmails } from "@/lib/outbox/sender";
import { env } from "@/lib/env";
import { expireIdleSessions } from "@/lib/services/session-end";
import type { Log } from "@/lib/log";
import { run } from "./sync";

/*
 * The scheduled work of the product, in one place:
 * - the nightly transfer at SYNC_CRON in SYNC_TIMEZONE (default 02:00 Europe/Paris);
 * - the outbox sender every OUTBOX_INTERVAL_MS;
 * - the idle-session sweep every minute (R-INT-8: an expired session sends its recaps).
 * With PGlite it runs inside the web server (instrumentation.ts); with PostgreSQL it may also run
 * in any number of `npm run worker` processes: the advisory lock and the run key make the night run
 * once, and SKIP LOCKED shares the outbox between senders.
 */

export type Worker = { stop: () => Promise<void>; mailer: Mailer };

export function startWorker(opts: { db: Db; log: Log; pool?: Pool; mailer?: Mailer }): Worker {
  const { db, log, pool } = opts;
  const e = env();
  if (!cron.validate(e.SYNC_CRON)) throw new Error(`SYNC_CRON invalide : « ${e.SYNC_CRON} »`);
  const mailer = opts.mailer ?? createMailer(e.SMTP_URL);
  const tasks: ScheduledTask[] = [];

  tasks.push(
    cron.schedule(
      e.SYNC_CRON,
      async () => {
        try {
          await run({ db, pool, now: now(), log, mailer, triggeredBy: "cron" });
        } catch (err) {
          log.error(`transfert nocturne : ${(err as Error).message}`);
        }
      },
      { name: "orientation-sync", timezone: e.SYNC_TIMEZONE, noOverlap: true },
    ),
  );
  tasks.push(
    cron.schedule(
      "* * * * *",
      async () => {
        try {
          const n = await expireIdleSessions(db, now());
          if (n > 0) log.info(`${n} session(s) expirée(s)`);
        } catch (err) {
          log.error(`expiration des sessions : ${(err as Error).message}`);
        }
      },
      { name: "orientation-session-expiry", noOverlap: true },
    ),
  );

  // The outbox: a loop, not a cron (its period is in milliseconds); one pass at a time.
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = sendDueEmails({ db, now: now(), mailer, log })
      .catch((err: Error) => log.error(`envoi des courriels : ${err.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, e.OUTBOX_INTERVAL_MS);
      });
  };
  timer = setTimeout(tick, Math.min(1000, e.OUTBOX_INTERVAL_MS));

  log.info(`planificateur démarré : transfert « ${e.SYNC_CRON} » (${e.SYNC_TIMEZONE}), courriels toutes les ${e.OUTBOX_INTERVAL_MS} ms (${mailer.kind === "smtp" ? "SMTP" : "boîte de développement"})`);
  return {
    mailer,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const t of tasks) await t.destroy();
      await current;
      if (!opts.mailer) await mailer.close();
    },
  };
}
