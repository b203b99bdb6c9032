import { parseArgs } from "node:util";
import pg from "pg";
import { sql } from "drizzle-orm";
import { now as clockNow } from "@/lib/clock";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { schoolYearOf } from "@/lib/domain/calendar";
import { REMINDER_BATCH_SIZE, sendOneDueReminder } from "@/lib/services/reminders";
import { BenchDbRefused, openBenchDb } from "./support/bench-db";
import { BENCH_ACADEMY_ID, generateReminderAcademy, openStudentIds, reminderAcademyShape } from "./support/reminders-academy";
import { loadAverage } from "./support/proc-stats";
import { fmt, secs as secsIn, step as timedStep } from "./support/format";

/*
 * `npm run bench:reminders [-- --students 100000 --batch-size 1000 --keep]`
 * R-OVS-2 at the scale of a large académie: N 3e students (bench/support/reminders-academy.ts:
 * 40 % have not validated, two guardians each, one in ten of the second guardians without e-mail)
 * in the bench's own database (BENCH_REMINDERS_DB, default orientation_bench_reminders, on
 * BENCH_PG_URL; never a database it did not create, bench/support/bench-db.ts). Then ONE
 * académie-wide reminder, as the reminders job sends it (sendOneDueReminder), timed: total time,
 * its longest transaction, the longest hold of the students' locks (from the FOR NO KEY UPDATE to
 * the commit), rows written. Meanwhile a «validating family» probe locks, every 50 ms, one
 * student whose family has not validated, like a validation does (lib/db/repositories/student-locks.ts),
 * and records how long it waited. The floor, measured in the same run: the plain INSERT … SELECT
 * of the same outbox and reminder_sends rows into copies of their tables (same indexes).
 */

const { values } = parseArgs({
  strict: false,
  options: {
    students: { type: "string", default: "100000" },
    "batch-size": { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.students);
const batchSize = values["batch-size"] ? Number(values["batch-size"]) : REMINDER_BATCH_SIZE;
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_REMINDERS_DB || "orientation_bench_reminders";
const LOCK_TARGET_MS = 2000;

const secs = (ms: number) => secsIn(ms, 2);
const step = <T>(label: string, fn: () => Promise<T>) => timedStep(label, fn, 2);

/*
 * Every transaction of the pool's connections, timed from its BEGIN to its COMMIT/ROLLBACK, and the
 * time each holds students' locks (from the statement that takes them to the end of the transaction).
 */
const transactions: { ms: number; lockMs: number | null }[] = [];
let watching = false;
/** The probe's own connection is not the job's: not counted. */
const unwatched = new WeakSet<object>();
function instrument() {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const open = new WeakMap<object, { t0: number; lockAt: number | null }>();
  proto.query = function (this: object, ...args: unknown[]) {
    if (watching && !unwatched.has(this)) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === "string" ? first : (first?.text ?? "")).trimStart().toLowerCase();
      const tx = open.get(this);
      if (text.startsWith("begin")) open.set(this, { t0: performance.now(), lockAt: null });
      else if (tx && /^(commit|rollback)/.test(text)) {
        const end = performance.now();
        transactions.push({ ms: end - tx.t0, lockMs: tx.lockAt === null ? null : end - tx.lockAt });
        open.delete(this);
      } else if (tx && tx.lockAt === null && text.includes("from students") && text.includes("for no key update")) tx.lockAt = performance.now();
    }
    return original.apply(this, args);
  };
}

/** A family validating while the reminder runs: lock one open student's row (FOR NO KEY UPDATE), commit; how long it waited. */
function startProbe(url: string, ids: readonly string[]) {
  const waits: number[] = [];
  let stop = false;
  const done = (async () => {
    const c = new pg.Client({ connectionString: url });
    unwatched.add(c);
    await c.connect();
    let i = 0;
    while (!stop) {
      const id = ids[(i++ * 7919) % ids.length]!;
      const t0 = performance.now();
      await c.query("begin");
      await c.query("select 1 from students where id = $1 for no key update", [id]);
      await c.query("commit");
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    await c.end();
  })();
  return {
    waits,
    stop: async () => {
      stop = true;
      await done;
    },
  };
}

async function count(c: pg.Client, q: string): Promise<number> {
  return (await c.query<{ n: number }>(q)).rows[0]!.n;
}

async function main() {
  instrument();
  const benchDb = await openBenchDb(serverUrl, dbName);
  const handle = await openDatabase({ url: benchDb.url, poolSize: 4 });
  const c = new pg.Client({ connectionString: benchDb.url });
  await c.connect();
  const shape = reminderAcademyShape(N);
  const now = clockNow();
  const schoolYear = schoolYearOf(now);
  try {
    await migrateDatabase(handle);
    const [, genMs] = await step(
      `Génération : une académie de ${fmt(N)} élèves de 3e (${fmt(shape.schools)} collèges), ${fmt(shape.families)} familles sans saisie`,
      () =>
        generateReminderAcademy(c, N, {
          schoolYear,
          opensAt: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
          closesAt: new Date(now.getTime() + 10 * 86_400_000).toISOString(),
          validatedAt: new Date(now.getTime() - 86_400_000).toISOString(),
        }),
    );
    await step("VACUUM ANALYZE", () => c.query("vacuum analyze"));
    const open = await openStudentIds(c);
    await handle.db.execute(sql`
      insert into reminders (academy_id, school_id, school_year, level, phase, send_at, created_by_name)
      values (${BENCH_ACADEMY_ID}, null, ${schoolYear}, '3e', 'provisional', ${new Date(now.getTime() - 60_000).toISOString()}, 'Banc d''essai')`);

    const probe = startProbe(benchDb.url, open);
    await new Promise((r) => setTimeout(r, 200));
    watching = true;
    const [run, totalMs] = await step(`Relance académique (lots de ${fmt(batchSize)} élèves)`, () => sendOneDueReminder(handle.db, now, { batchSize }));
    watching = false;
    await probe.stop();
    if (!run) throw new Error("aucune relance due");

    const sends = await count(c, "select count(*)::int as n from reminder_sends");
    const outbox = await count(c, "select count(*)::int as n from outbox_emails");
    const families = await count(c, "select count(distinct student_id)::int as n from reminder_sends");
    const processed = await count(c, "select count(*)::int as n from reminders where processed_at is not null");
    const linked = await count(c, "select count(*)::int as n from reminder_sends where to_address is not null and outbox_id is not null");

    // The floor: the same rows, written by a plain INSERT … SELECT into copies of the tables (same indexes, no rendering, no selection).
    await c.query("create table floor_outbox (like outbox_emails including all)");
    await c.query("create table floor_sends (like reminder_sends including all)");
    const [, floorMs] = await step("Plancher : INSERT … SELECT des mêmes lignes (outbox_emails, reminder_sends)", async () => {
      await c.query("begin");
      await c.query("insert into floor_outbox overriding system value select * from outbox_emails");
      await c.query("insert into floor_sends select * from reminder_sends");
      await c.query("commit");
    });

    const longestTx = Math.max(0, ...transactions.map((t) => t.ms));
    const lockHolds = transactions.map((t) => t.lockMs).filter((x): x is number => x !== null);
    const longestLock = Math.max(0, ...lockHolds);
    const probeMax = Math.max(0, ...probe.waits);
    const probeSlow = probe.waits.filter((w) => w > 1000).length;
    const verified = families === shape.families && sends === shape.guardians && outbox === shape.emails && linked === shape.emails && processed === 1;
    const lines = [
      "",
      `Relance académique — ${fmt(N)} élèves de 3e, ${fmt(shape.schools)} collèges, lots de ${fmt(batchSize)} élèves (génération ${secs(genMs)})`,
      `  familles relancées        : ${fmt(families)} (${fmt(sends)} représentants, ${fmt(outbox)} courriels en file, ${fmt(sends - outbox)} sans adresse)`,
      `  vérifié                   : ${verified ? "oui" : "NON"} (attendu ${fmt(shape.families)} familles, ${fmt(shape.guardians)} envois, ${fmt(shape.emails)} courriels liés ; relance marquée envoyée : ${processed === 1 ? "oui" : "non"})`,
      `  durée totale              : ${secs(totalMs)} (${fmt(outbox / (totalMs / 1000))} courriels/s)`,
      `  transactions              : ${fmt(transactions.length)}, la plus longue ${secs(longestTx)}`,
      `  verrous des élèves        : tenus au plus ${secs(longestLock)} (${fmt(lockHolds.length)} prise(s))`,
      `  famille qui valide        : ${fmt(probe.waits.length)} essais, attente max ${secs(probeMax)}, ${fmt(probeSlow)} attente(s) > 1 s`,
      `  plancher (INSERT … SELECT) : ${secs(floorMs)}`,
      `  rapport relance/plancher  : ${fmt(totalMs / floorMs, 2)}`,
      `  charge (load average)     : ${loadAverage()} à la fin`,
      `  objectif                  : verrous tenus ≤ ${secs(LOCK_TARGET_MS)} → ${longestLock <= LOCK_TARGET_MS ? "OK" : "DÉPASSÉ"}`,
    ];
    console.log(lines.join("\n"));
    if (!verified) process.exitCode = 1;
  } finally {
    await c.end();
    await handle.close();
    if (!values.keep) await benchDb.drop();
  }
}

main().catch((err) => {
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
