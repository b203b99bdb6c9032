import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { decisionPublishedEmail } from "@/emails/decision-published";
import { run as runOutboxJob } from "@/jobs/outbox";
import { now } from "@/lib/clock";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { silentLog } from "@/lib/log";
import { createSmtpMailer, type Mailer, type OutgoingEmail } from "@/lib/outbox/mailer";
import { queueEmails, type EmailToQueue } from "@/lib/outbox/queue";
import { BenchDbRefused, openBenchDb } from "./support/bench-db";
import { oldSendDueEmails } from "./support/outbox-old-sender";
import { startSinkThread } from "./support/smtp-sink-thread";
import { cpuMsOf, loadAverage } from "./support/proc-stats";

/*
 * `npm run bench:outbox [-- --emails 5000 --pool 5 --concurrency 10 --old-emails 1000 --keep]`
 * The outbox at campaign scale (docs/sync.md, « The outbox »): N decision e-mails queued in the
 * bench's own database (BENCH_OUTBOX_DB, default orientation_bench_outbox, on BENCH_PG_URL; never
 * a database it did not create, bench/support/bench-db.ts), then sent by the worker's outbox job
 * (jobs/outbox.ts → sendDueEmails: claim, send, mark) to a real SMTP sink on loopback
 * (bench/support/smtp-sink-thread.ts, BENCH_SMTP_PORT, default any free port). In the same run:
 * - the floor: the same transport sending the same N messages straight to the sink, at the same
 *   concurrency, without the database (measured before and after the job, averaged);
 * - the old sender (bench/support/outbox-old-sender.ts: one e-mail at a time, one UPDATE each) on
 *   --old-emails rows, and what the worker made of it (1,000 per pass, then OUTBOX_INTERVAL_MS).
 * It prints e-mails/s for each and the ratios.
 */

const { values } = parseArgs({
  strict: false,
  options: {
    emails: { type: "string", default: "5000" },
    pool: { type: "string" },
    concurrency: { type: "string" },
    "old-emails": { type: "string", default: "1000" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.emails);
const OLD_N = Math.min(N, Number(values["old-emails"]));
const e = env();
const pool = Number(values.pool ?? e.SMTP_POOL_SIZE);
const concurrency = Number(values.concurrency ?? e.OUTBOX_CONCURRENCY);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_OUTBOX_DB || "orientation_bench_outbox";
const TARGET = 500;

const fmt = (n: number, d = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: d, minimumFractionDigits: d });
const secs = (ms: number) => `${fmt(ms / 1000, 2)} s`;
/** Runs `fn`, says how long it took; returns its result, its wall time and its main-thread CPU time (ms, null if unknown). */
async function timed<T>(label: string, fn: () => Promise<T>): Promise<[T, number, number | null]> {
  process.stderr.write(`${label}… `);
  const cpu0 = cpuMsOf(process.pid, process.pid);
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  const cpu1 = cpuMsOf(process.pid, process.pid);
  process.stderr.write(`${secs(ms)}\n`);
  return [r, ms, cpu0 === null || cpu1 === null ? null : cpu1 - cpu0];
}

/** A decision e-mail of a synthetic guardian (the campaign's largest kind), distinct per n. */
function decisionEmail(n: number, at: Date): EmailToQueue<typeof decisionPublishedEmail> {
  return {
    vars: {
      civility: n % 2 ? "Mme" : "M.",
      notice: {
        studentName: `Élève${n} Banc`,
        level: "3e",
        schoolName: "Collège du Banc d'essai",
        track: "2PRO",
        subTrack: "",
        source: "head",
        differsFromRequest: true,
        reasonKnowledge: "Les connaissances acquises ne permettent pas encore la 2de GT.",
        reasonAbilities: "Les capacités de l'élève seront mieux mises en valeur en 2de professionnelle.",
        reasonInterests: "Ses intérêts rejoignent les enseignements professionnels.",
        decidedAt: at,
        decidedByName: "M. Jean Principal",
        notifiedOn: "2027-05-04",
        noticeChannel: "email",
        appealDeadline: "2027-05-10",
        appealWorkingDays: 3,
        appealCommissionPresident: "Mme la directrice académique",
        appealCommissionAddress: "1 place de l'Académie, 38000 Grenoble",
      },
      familyPageUrl: `https://orientation.example.fr/famille/eleves/${n}?etape=3`,
      school: {
        name: "Collège du Banc d'essai",
        address: "2 rue des Écoles",
        postalCode: "38000",
        city: "Grenoble",
        phone: "04 76 00 00 00",
        email: "ce@ac-banc.fr",
      },
    },
    envelope: { to: `parent${n}@banc.example.fr`, from: "Orientation <ne-pas-repondre@orientation.example.fr>", dedupeKey: `bench:${n}`, at },
  };
}

/** The SMTP leg alone: `emails` handed to the mailer `concurrency` at a time, no database. */
async function sendStraight(mailer: Mailer, emails: readonly OutgoingEmail[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < emails.length) await mailer.send(emails[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, emails.length) }, lane));
}

async function count(db: Db, status: string): Promise<number> {
  const r = await db.execute(sql`select count(*)::int as n from outbox_emails where status = ${status}::outbox_status`);
  return (r.rows[0] as { n: number }).n;
}

async function main() {
  const benchDb = await openBenchDb(serverUrl, dbName);
  const handle = await openDatabase({ url: benchDb.url, poolSize: 4 });
  const sink = await startSinkThread(Number(process.env.BENCH_SMTP_PORT ?? 0));
  const mailer = createSmtpMailer(sink.url, { maxConnections: pool });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const at = new Date(now().getTime() - 60_000);
    const [queued, queueMs] = await timed(`File : ${fmt(N)} courriels de décision (queueEmails)`, () =>
      queueEmails(
        db,
        decisionPublishedEmail,
        Array.from({ length: N }, (_, i) => decisionEmail(i, at)),
      ),
    );
    if (queued !== N) throw new Error(`${queued} courriels en file au lieu de ${N}`);
    await db.execute(sql`vacuum analyze outbox_emails`);
    const stored = (await db.execute(sql`select id, from_address, to_address, subject, html, text from outbox_emails order by id`)).rows as {
      id: string;
      from_address: string;
      to_address: string;
      subject: string;
      html: string;
      text: string;
    }[];
    const emails: OutgoingEmail[] = stored.map((r) => ({
      from: r.from_address,
      to: r.to_address,
      subject: r.subject,
      text: r.text,
      html: r.html,
      messageId: `<outbox-${r.id}@orientation.invalid>`,
    }));
    const bytes = stored.reduce((s, r) => s + r.html.length + r.text.length, 0) / stored.length;

    // Warm-up: connections open, code compiled.
    await timed("Échauffement (200 envois directs)", () => sendStraight(mailer, emails.slice(0, 200)));

    const [, floorMs1, floorCpu1] = await timed(`Plancher : ${fmt(N)} envois SMTP directs, ${concurrency} à la fois`, () => sendStraight(mailer, emails));
    const before = sink.received();
    const [res, jobMs, jobCpu] = await timed(`Tâche d'envoi du worker (jobs/outbox.ts) : ${fmt(N)} courriels`, () =>
      runOutboxJob({ db, now: now(), mailer, log: silentLog, concurrency }),
    );
    const receivedByJob = sink.received() - before;
    const sentRows = await count(db, "sent");
    const [, floorMs2, floorCpu2] = await timed(`Plancher, à nouveau`, () => sendStraight(mailer, emails));
    const floorMs = (floorMs1 + floorMs2) / 2;
    const floorCpu = floorCpu1 === null || floorCpu2 === null ? null : (floorCpu1 + floorCpu2) / 2;

    // The old sender (bench/support/outbox-old-sender.ts): one e-mail at a time, one UPDATE each.
    await db.execute(sql`
      update outbox_emails set status = 'pending', attempts = 0, sent_at = null, message_id = null, next_attempt_at = ${at.toISOString()}::timestamptz
       where id in (select id from outbox_emails order by id limit ${OLD_N})`);
    const beforeOld = sink.received();
    const [oldSent, oldMs, oldCpu] = await timed(`Ancien envoi : ${fmt(OLD_N)} courriels un à la fois`, () => oldSendDueEmails(db, now(), mailer));
    const receivedOld = sink.received() - beforeOld;

    const verified = res?.sent === N && receivedByJob === N && sentRows === N && oldSent === OLD_N && receivedOld === OLD_N;
    const rate = N / (jobMs / 1000);
    const floorRate = N / (floorMs / 1000);
    const oldRate = OLD_N / (oldMs / 1000);
    // The worker called the old sender every OUTBOX_INTERVAL_MS, 1,000 e-mails at most each time.
    const oldWorkerRate = 1000 / (1000 / oldRate + e.OUTBOX_INTERVAL_MS / 1000);
    console.log(
      [
        "",
        `Outbox — ${fmt(N)} courriels de décision (${fmt(bytes / 1024, 1)} Ko de HTML et texte chacun), ${pool} connexion(s) SMTP, ${concurrency} envoi(s) simultané(s)`,
        `  vérifié                     : ${verified ? "oui" : "NON"} (envoyés ${fmt(res?.sent ?? 0)}, reçus par le puits ${fmt(receivedByJob)}, lignes « sent » ${fmt(sentRows)} ; ancien : ${fmt(oldSent)} envoyés, ${fmt(receivedOld)} reçus)`,
        `  mise en file (set-based)    : ${secs(queueMs)} (${fmt(N / (queueMs / 1000))} courriels/s)`,
        `  tâche d'envoi du worker     : ${secs(jobMs)} → ${fmt(rate)} courriels/s`,
        `  plancher (SMTP seul)        : ${secs(floorMs)} → ${fmt(floorRate)} courriels/s (${secs(floorMs1)} puis ${secs(floorMs2)})`,
        `  rapport tâche / plancher    : ${fmt(rate / floorRate, 2)} (le débit de la tâche en fraction de celui du SMTP seul)`,
        `  ancien envoi (1 à la fois)  : ${fmt(OLD_N)} en ${secs(oldMs)} → ${fmt(oldRate)} courriels/s ; la tâche va ${fmt(rate / oldRate, 1)}× plus vite`,
        `  ancien, au rythme du worker : ${fmt(oldWorkerRate)} courriels/s (1 000 par passage puis ${fmt(e.OUTBOX_INTERVAL_MS)} ms d'attente) ; la tâche va ${fmt(rate / oldWorkerRate, 1)}× plus vite`,
        jobCpu === null || floorCpu === null || oldCpu === null
          ? `  CPU du fil d'envoi          : non mesuré (pas de /proc)`
          : `  CPU du fil d'envoi          : tâche ${fmt(jobCpu / N, 2)} ms par courriel, plancher ${fmt(floorCpu / N, 2)} ms, ancien ${fmt(oldCpu / OLD_N, 2)} ms → rapport tâche / plancher ${fmt(jobCpu / floorCpu, 2)}`,
        `  charge (load average)       : ${loadAverage()} à la fin (machine partagée : les débits bougent avec elle, le CPU par courriel beaucoup moins)`,
        `  objectif                    : ≥ ${TARGET} courriels/s → ${rate >= TARGET ? "OK" : "NON ATTEINT"}`,
      ].join("\n"),
    );
    if (!verified) process.exitCode = 1;
  } finally {
    await mailer.close();
    await sink.close();
    await handle.close();
    if (!values.keep) await benchDb.drop();
  }
}

main().catch((err) => {
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
