import cron, { type ScheduledTask } from "node-cron";
import type { Pool } from "pg";
import { now } from "@/lib/clock";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Log } from "@/lib/log";
import { dailyTimeOfCron, invalidScheduleMessage } from "@/lib/domain/nightly-schedule";
import { createMailer, NO_MAILER_MESSAGE, type Mailer } from "@/lib/outbox/mailer";
import { JOBS, type ScheduledJob } from "./registry";

/*
 * The scheduler: runs every job of jobs/registry.ts on its schedule, each tick with the product's
 * `now` (lib/clock.ts, read here and nowhere in the jobs). With PGlite it runs inside the web
 * server (instrumentation.ts → jobs/in-process.ts); with PostgreSQL it may also run in any number
 * of `npm run worker` processes: the advisory lock and the run key make the night run once, and
 * SKIP LOCKED shares the outbox between senders.
 */

export type Worker = { stop: () => Promise<void>; mailer: Mailer | null };

export function startWorker(opts: { db: Db; log: Log; pool?: Pool; mailer?: Mailer; jobs?: readonly ScheduledJob[] }): Worker {
  const { db, log, pool } = opts;
  const e = env();
  if (!dailyTimeOfCron(e.SYNC_CRON)) throw new Error(invalidScheduleMessage(e.SYNC_CRON));
  for (const job of opts.jobs ?? JOBS) {
    const s = job.schedule(e);
    if ("cron" in s && !cron.validate(s.cron)) throw new Error(`Planification invalide pour ${job.label} : « ${s.cron} »`);
  }
  const mailer = opts.mailer ?? createMailer(e);
  // Outside demo mode without SMTP_URL: no outbox job (nothing is "sent" anywhere), said loudly.
  if (!mailer) log.error(`${NO_MAILER_MESSAGE} L'envoi des courriels n'est pas démarré.`);
  const jobs = (opts.jobs ?? JOBS).filter((job) => mailer || !job.needsMailer);
  const workerStartedAt = now();
  // Aborted by stop(): the outbox's drain ends after the batch under way.
  const stopping = new AbortController();
  const tick = async (job: ScheduledJob) => {
    try {
      await job.run({ db, pool, now: now(), mailer, log, env: e, workerStartedAt, signal: stopping.signal });
    } catch (err) {
      log.error(`${job.label} : ${(err as Error).message}`);
    }
  };

  const tasks: ScheduledTask[] = [];
  // Interval jobs: a loop, not a cron (the period is in milliseconds); one pass at a time.
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  for (const job of jobs) {
    const s = job.schedule(e);
    if ("cron" in s) {
      tasks.push(cron.schedule(s.cron, () => tick(job), { name: job.name, noOverlap: true, ...(s.timezone ? { timezone: s.timezone } : {}) }));
      continue;
    }
    // The next pass starts `everyMs` after the previous one ended; the outbox's pass itself sends
    // everything due before it ends (lib/outbox/sender.ts: the drain), so the interval is only the
    // wait when nothing is due.
    const loop = () => {
      if (stopped) return;
      const pass = tick(job).finally(() => {
        running.delete(pass);
        if (!stopped) timers.add(setTimeout(loop, s.everyMs));
      });
      running.add(pass);
    };
    timers.add(setTimeout(loop, Math.min(1000, s.everyMs)));
  }

  log.info(
    `planificateur démarré : transfert « ${e.SYNC_CRON} » (${e.SYNC_TIMEZONE}), vérifié au démarrage puis chaque minute ; ${
      mailer
        ? `courriels toutes les ${e.OUTBOX_INTERVAL_MS} ms (${mailer.kind === "smtp" ? `SMTP, ${e.SMTP_POOL_SIZE} connexion(s), ${e.OUTBOX_CONCURRENCY} envoi(s) simultané(s)` : "boîte de développement"})`
        : "courriels non envoyés (pas de SMTP_URL)"
    }`,
  );
  return {
    mailer,
    async stop() {
      stopped = true;
      stopping.abort();
      for (const t of timers) clearTimeout(t);
      for (const t of tasks) await t.destroy();
      await Promise.all(running);
      if (!opts.mailer) await mailer?.close();
    },
  };
}
