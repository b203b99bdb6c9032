import { spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkNight } from "@/jobs/transfer";
import { JOBS } from "@/jobs/registry";
import { startWorker, type Worker } from "@/jobs/worker";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { dailyTimeOfCron, latestScheduledNight } from "@/lib/domain/nightly-schedule";
import { nightRunKey, transferRunsView } from "@/lib/domain/transfer-runs";
import type { Log } from "@/lib/log";
import { silentLog } from "@/lib/log";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { listSyncRuns } from "@/lib/db/transfer/runs";
import { seedCampaign } from "../support/campaign";
import { killSyncMidRun } from "../support/killed-sync";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { queueSampleEmail } from "../support/outbox-sample";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * docs/operations.md: the worker's nightly check (R-SYNC-4) and the interrupted runs (R-SYNC-5),
 * with real worker processes or real workers in this process, on real PostgreSQL.
 */

// The worker reads lib/env.ts once: this process is a production-like one, without a relay nor demo mode.
delete process.env.SMTP_URL;
process.env.DEMO_MODE = "false";

const TIME = dailyTimeOfCron("0 2 * * *")!;
const PARIS = "Europe/Paris";

type Rows<T> = { rows: T[] };
async function rows<T>(db: TestDb["db"], q: string): Promise<T[]> {
  return ((await db.execute(sql.raw(q))) as unknown as Rows<T>).rows;
}

/** A log that keeps what it is told, to count the runs a worker did. */
function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string) => void lines.push(m);
  return { lines, info: keep, warn: keep, error: keep, debug: keep } as unknown as Log & { lines: string[] };
}

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

describe("the nightly check (R-SYNC-4, docs/operations.md)", () => {
  it("R-SYNC-4: two workers started after a missed night both check at start, and the night runs once, as of its own cut-off", async () => {
    const t = await createTestDb({ poolSize: 4 });
    const other: DbHandle = await openDatabase({ url: t.url, poolSize: 4 });
    const workers: Worker[] = [];
    const mailer = createSmtpMailer(sink.url);
    try {
      await seedCampaign(t.db, 3);
      const missed = latestScheduledNight(new Date(), TIME, PARIS);
      const before = new Date(missed.getTime() - 24 * 3_600_000);
      // The night before the missed one ran; then the server was down at the missed night's time.
      await t.db.execute(
        sql`insert into sync_runs (run_key, as_of, started_at, finished_at, status, triggered_by) values (${nightRunKey(before)}, ${before.toISOString()}::timestamptz, ${before.toISOString()}::timestamptz, ${before.toISOString()}::timestamptz, 'succeeded', 'cron')`,
      );
      const logs = [recordingLog(), recordingLog()];
      const nightJob = JOBS.filter((j) => j.name === "orientation-sync");
      workers.push(startWorker({ db: t.db, pool: t.pool, log: logs[0]!, mailer, jobs: nightJob }));
      workers.push(startWorker({ db: other.db, pool: other.pool, log: logs[1]!, mailer, jobs: nightJob }));
      const key = nightRunKey(missed);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [r] = await rows<{ status: string }>(t.db, `select status from sync_runs where run_key = '${key}'`);
        if (r?.status === "succeeded") break;
        if (Date.now() > deadline) throw new Error(`the missed night did not run: ${JSON.stringify(logs.map((l) => l.lines))}`);
        await new Promise((res) => setTimeout(res, 100));
      }
      await new Promise((res) => setTimeout(res, 1500)); // both workers have checked by now
      const done = logs.flatMap((l) => l.lines).filter((l) => l.startsWith(`transfert ${key} terminé`));
      expect(done).toHaveLength(1);
      const [run] = await rows<{ as_of: Date; triggered_by: string; n: number }>(
        t.db,
        `select as_of, triggered_by, (select count(*)::int from sync_runs where run_key = '${key}') as n from sync_runs where run_key = '${key}'`,
      );
      expect(run!.n).toBe(1);
      expect(new Date(run!.as_of).toISOString()).toBe(missed.toISOString());
      expect(run!.triggered_by).toBe("cron");
      // The next checks find it done.
      const again = await checkNight({
        db: t.db,
        pool: t.pool,
        now: new Date(),
        mailer,
        log: silentLog,
        cron: "0 2 * * *",
        timezone: PARIS,
        workerStartedAt: new Date(),
      });
      expect(again.outcome).toBe("done");
    } finally {
      for (const w of workers) await w.stop();
      await mailer.close();
      await other.close();
      await t.drop();
    }
  });

  it("R-SYNC-4: a worker on a database where no night ever ran does not run one at start; it waits for its first night", async () => {
    const t = await createTestDb({ poolSize: 2 });
    try {
      const started = new Date();
      const res = await checkNight({
        db: t.db,
        pool: t.pool,
        now: started,
        mailer: null,
        log: silentLog,
        cron: "0 2 * * *",
        timezone: PARIS,
        workerStartedAt: started,
      });
      expect(res.outcome).toBe("not-due");
      expect(await rows(t.db, "select 1 from sync_runs")).toHaveLength(0);
      // Its first night, seen by the check after it: runs.
      const next = new Date(latestScheduledNight(started, TIME, PARIS).getTime() + 24 * 3_600_000);
      const later = new Date(next.getTime() + 60_000);
      const first = await checkNight({
        db: t.db,
        pool: t.pool,
        now: later,
        mailer: null,
        log: silentLog,
        cron: "0 2 * * *",
        timezone: PARIS,
        workerStartedAt: started,
      });
      expect(first).toMatchObject({ outcome: "ran", runKey: nightRunKey(next), result: { status: "succeeded" } });
    } finally {
      await t.drop();
    }
  });

  it("R-SYNC-4: the spring-forward night (Sunday 28 March 2027, 02:00 does not exist) runs at 03:00 CEST, once", async () => {
    const t = await createTestDb({ poolSize: 2 });
    try {
      const saturday = new Date("2027-03-27T01:00:00Z");
      await t.db.execute(
        sql`insert into sync_runs (run_key, as_of, started_at, finished_at, status, triggered_by) values ('night:2027-03-27', ${saturday.toISOString()}::timestamptz, ${saturday.toISOString()}::timestamptz, ${saturday.toISOString()}::timestamptz, 'succeeded', 'cron')`,
      );
      const ctx = { db: t.db, pool: t.pool, mailer: null, log: silentLog, cron: "0 2 * * *", timezone: PARIS, workerStartedAt: saturday };
      // 01:59 CET: the night due is still Saturday's, done.
      expect(await checkNight({ ...ctx, now: new Date("2027-03-28T00:59:00Z") })).toMatchObject({ outcome: "done", runKey: "night:2027-03-27" });
      const ran = await checkNight({ ...ctx, now: new Date("2027-03-28T01:00:30Z") });
      expect(ran).toMatchObject({ outcome: "ran", runKey: "night:2027-03-28", result: { status: "succeeded" } });
      expect((await checkNight({ ...ctx, now: new Date("2027-03-28T01:01:30Z") })).outcome).toBe("done");
      const [r] = await rows<{ as_of: Date }>(t.db, "select as_of from sync_runs where run_key = 'night:2027-03-28'");
      expect(new Date(r!.as_of).toISOString()).toBe("2027-03-28T01:00:00.000Z");
    } finally {
      await t.drop();
    }
  });
});

describe("interrupted runs (R-SYNC-5, docs/operations.md)", () => {
  it("R-SYNC-5: a transfer process killed mid-run (SIGKILL) is marked « interrompu » by the next check, and the night is resumed and finished", async () => {
    const t = await createTestDb({ poolSize: 4 });
    try {
      const N = 12;
      await seedCampaign(t.db, N);
      expect(await killSyncMidRun({ db: t.db, url: t.url, smtpUrl: sink.url, afterStudents: 3 })).toBe("SIGKILL");
      const statusOf = async () => (await rows<{ status: string }>(t.db, "select status from sync_runs where run_key = 'night:2026-11-24'"))[0]!.status;
      expect(await statusOf()).toBe("running");

      // The worker's check (every minute): once the server has dropped the dead connection's lock, the row is interrupted.
      const ctx = { db: t.db, pool: t.pool, mailer: null, log: silentLog, cron: "0 2 * * *", timezone: PARIS, workerStartedAt: new Date() };
      for (let i = 0; i < 100 && (await statusOf()) === "running"; i++) {
        await checkNight({ ...ctx, now: new Date() });
        if ((await statusOf()) === "running") await new Promise((res) => setTimeout(res, 100));
      }
      expect(await statusOf()).toBe("interrupted");
      const dead = (await listSyncRuns(t.db)).find((r) => r.runKey === "night:2026-11-24");
      const view = transferRunsView({
        schedule: { cron: "0 2 * * *", timezone: PARIS },
        runs: [{ ...dead!, id: Number(dead!.id) }],
        outbox: [],
        emailKinds: [],
        failedEmails: [],
      });
      expect(view.runs[0]!.status).toBe("Interrompu");
      expect(view.runs[0]!.finishedAt).not.toBe("—");

      // The same night, run again, resumes it and finishes every student.
      const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--now", "2026-11-24T02:00"], {
        env: { ...process.env, DATABASE_URL: t.url, SMTP_URL: sink.url, NODE_ENV: "test" },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      const [done] = await rows<{ status: string; students: number }>(
        t.db,
        "select status, (counts->>'students')::int as students from sync_runs where run_key = 'night:2026-11-24'",
      );
      expect(done!.status).toBe("succeeded");
      expect(done!.students).toBeGreaterThanOrEqual(N);
    } finally {
      await t.drop();
    }
  });
});

describe("no development mailbox outside demo mode (R-SYNC-3, docs/operations.md)", () => {
  it("R-SYNC-3: `npm run sync` without SMTP_URL and DEMO_MODE off claims no e-mail, marks none sent, and says so in French", async () => {
    const t = await createTestDb({ poolSize: 2 });
    try {
      await queueSampleEmail(t.db, {
        to: "parent@example.fr",
        from: "ne-pas-repondre@orientation.example.fr",
        dedupeKey: "ops:1",
        at: new Date(Date.now() - 60_000),
      });
      const env = { ...process.env, DATABASE_URL: t.url, NODE_ENV: "test", DEMO_MODE: "false" } as NodeJS.ProcessEnv;
      delete env.SMTP_URL;
      const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--manual"], { env, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain("Aucun serveur SMTP configuré (SMTP_URL) : les courriels ne sont pas envoyés et restent en attente");
      const [row] = await rows<{ status: string; attempts: number; sent_at: Date | null }>(t.db, "select status, attempts, sent_at from outbox_emails");
      expect(row).toEqual({ status: "pending", attempts: 0, sent_at: null });

      // In demo mode, the development mailbox takes it (nothing leaves the machine).
      const demo = spawnSync(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--manual"], { env: { ...env, DEMO_MODE: "true" }, encoding: "utf8" });
      expect(demo.status, demo.stderr).toBe(0);
      expect((await rows<{ status: string }>(t.db, "select status from outbox_emails"))[0]!.status).toBe("sent");
    } finally {
      await t.drop();
    }
  });

  it("R-SYNC-3: the worker without SMTP_URL outside demo mode does not start its outbox job: nothing is claimed", async () => {
    const t = await createTestDb({ poolSize: 2 });
    const log = recordingLog();
    let worker: Worker | undefined;
    try {
      await queueSampleEmail(t.db, {
        to: "parent@example.fr",
        from: "ne-pas-repondre@orientation.example.fr",
        dedupeKey: "ops:2",
        at: new Date(Date.now() - 60_000),
      });
      worker = startWorker({ db: t.db, pool: t.pool, log, jobs: JOBS.filter((j) => j.name === "orientation-outbox") });
      expect(worker.mailer).toBeNull();
      await new Promise((res) => setTimeout(res, 1500));
      expect(log.lines.join("\n")).toContain("L'envoi des courriels n'est pas démarré.");
      const [row] = await rows<{ status: string; attempts: number }>(t.db, "select status, attempts from outbox_emails");
      expect(row).toEqual({ status: "pending", attempts: 0 });
    } finally {
      await worker?.stop();
      await t.drop();
    }
  });
});
