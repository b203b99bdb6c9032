import { parseArgs } from "node:util";
import pg from "pg";
import { now } from "@/lib/clock";
import { runTransfer } from "@/lib/transfer/run";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parisDateTime } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";
import { BenchDbRefused, DEFAULT_BENCH_DB, openBenchDb } from "./support/bench-db";
import { campaignShape, generateCampaign, resetCampaign } from "./support/sync-campaign";
import { runFloor, type FloorKind } from "./support/sync-floors";
import { cpuMsOf, loadAverage } from "./support/proc-stats";
import { fmt, secs, step } from "./support/format";

/*
 * `npm run bench:sync [-- --students 1400000 --batch-size 100000 --keep --reuse]`
 * A synthetic national campaign (bench/support/sync-campaign.ts: provisional and final phases)
 * in its own PostgreSQL database: BENCH_DB names it (default orientation_bench_sync), BENCH_PG_URL
 * the server (default the local one). The bench never drops a database it did not create
 * (bench/support/bench-db.ts). Then the nightly transfer, timed per kind, against two floors
 * measured in the same run on the same rows (bench/support/sync-floors.ts): the floor as defined
 * since 23/11/2026, and the floor as defined before.
 */

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "1400000" },
    "batch-size": { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const N = Number(values.students);
const batchSize = Number(values["batch-size"]);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_DB || DEFAULT_BENCH_DB;
const TIME_TARGET_MS = 300_000;
const RATIO_TARGET = 1.5;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

/*
 * The transfer's time per kind: every query of the process is timed and put under the kind whose
 * destination (or source mark) it writes. The transfer runs one statement at a time, so the sum
 * is its wall time.
 */
const KINDS: [string, RegExp][] = [
  ["saisies TS (intentions et choix définitifs)", /insert into school_family_entries/],
  ["avis provisoires", /insert into family_published_opinions/],
  ["propositions du conseil", /insert into family_published_proposals/],
  ["réponses des familles", /insert into school_family_answers/],
  ["accords des représentants", /insert into school_agreements/],
  ["accusés de réception", /insert into school_acknowledgements/],
  ["décisions", /insert into family_published_decisions/],
  ["retraits (avis, propositions, décisions)", /delete from family_published_/],
  ["modifications par l'établissement", /school_requests|family_request_items/],
];
const perKind = new Map<string, number>();
let timing = false;
/*
 * The CPU time the PostgreSQL server process spends on each query (when the server runs on this
 * machine: /proc/<backend pid>/stat), per phase of the bench. The machine is shared, so wall times
 * move with the load; the server's CPU time for the same work moves much less, and the ratio of
 * CPU times is printed next to the ratio of durations. Background work of the server (checkpoints,
 * WAL writer, autovacuum) is not counted.
 */
type Phase = "transfer" | "floor" | "old_floor";
let phase: Phase | null = null;
const serverCpuMs: Record<Phase, number> = { transfer: 0, floor: 0, old_floor: 0 };
let serverCpuMeasured = true;
function instrument() {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: { processID?: number }, ...args: unknown[]) {
    const current = phase;
    const cpu0 = current ? cpuMsOf(this.processID) : null;
    const res = original.apply(this, args);
    if (!(res instanceof Promise) || (!timing && !current)) return res;
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    const kind = KINDS.find(([, re]) => re.test(text))?.[0] ?? "le reste (lots, journal, transactions)";
    const t0 = performance.now();
    const done = () => {
      if (timing) perKind.set(kind, (perKind.get(kind) ?? 0) + performance.now() - t0);
      if (current) {
        const cpu1 = cpuMsOf(this.processID);
        if (cpu0 === null || cpu1 === null) serverCpuMeasured = false;
        else serverCpuMs[current] += cpu1 - cpu0;
      }
    };
    res.then(done, done);
    return res;
  };
}

async function main() {
  instrument();
  const benchDb = await openBenchDb(serverUrl, dbName, { reuse: values.reuse });
  const handle = await openDatabase({ url: benchDb.url, poolSize: 4 });
  const c = new pg.Client({ connectionString: benchDb.url });
  await c.connect();
  const shape = campaignShape(N);
  const validatedAt = parisDateTime("2026-11-23", "18:00").toISOString();
  const at = {
    validatedAt,
    avisAt: parisDateTime("2026-11-23", "16:00").toISOString(),
    councilOpenedAt: parisDateTime("2026-11-23", "09:00").toISOString(),
    answeredAt: parisDateTime("2026-11-23", "19:00").toISOString(),
  };
  const asOfDate = parisDateTime("2026-11-24", "02:00");

  if (benchDb.reused) {
    const [[row]] = [(await c.query<{ n: number }>("select count(*)::int as n from students")).rows];
    if (row?.n !== N) throw new Error(`--reuse : la base « ${dbName} » contient ${row?.n ?? 0} élèves, pas ${N}`);
    await step("Base conservée : remise à l'état généré", () => resetCampaign(c));
  } else {
    await migrateDatabase(handle);
    await step(
      `Génération : ${fmt(N)} élèves, ${fmt(shape.guardians)} représentants, ${fmt(shape.intentions)} intentions, ${fmt(shape.avis)} avis, ` +
        `${fmt(shape.finalEntries)} saisies définitives (${fmt(shape.finalChoices)} choix), ${fmt(shape.proposals)} propositions, ` +
        `${fmt(shape.answers)} réponses, ${fmt(shape.agreements)} accords`,
      () => generateCampaign(c, N, at),
    );
  }
  await step("VACUUM ANALYZE", () => c.query("vacuum analyze"));

  // The transfer, as the night would run it.
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  let lastLine = 0;
  timing = true;
  phase = "transfer";
  const [result, transferMs] = await step(`Transfert (lots de ${fmt(batchSize)} élèves)`, () =>
    runTransfer({
      db: handle.db,
      pool: handle.pool,
      now: now(),
      asOf: asOfDate,
      log: silentLog,
      batchSize,
      runKey: "bench",
      onProgress: (p) => {
        if (Date.now() - lastLine > 5000) {
          lastLine = Date.now();
          process.stderr.write(`\n  ${fmt(p.studentsDone)}/${fmt(p.studentsTotal)} élèves `);
        }
      },
    }),
  );
  timing = false;
  phase = null;
  const peakTransfer = peakRss;
  if (result.status !== "succeeded") throw new Error(`transfert en échec : ${JSON.stringify(result)}`);
  const counts = result.counts;
  const kinds = ["familyEntries", "opinions", "proposals", "answers", "agreements"] as const;
  const rows = kinds.reduce((s, k) => s + (counts[k] ?? 0), 0);

  phase = "floor";
  const [floor, floorMs] = await step("Plancher (défini le 23/11) : INSERT … SELECT des mêmes lignes", () => runFloor(c, "floor", asOfDate.toISOString()));
  phase = "old_floor";
  const [oldFloor, oldFloorMs] = await step("Ancien plancher (avant le 23/11)", () => runFloor(c, "old_floor", asOfDate.toISOString()));
  phase = null;

  const [check] = (
    await c.query<{ entries: number; nt: number; opinions: number; proposals: number; answers: number; agreements: number; floor_nt: number }>(
      `select (select count(*) from school_family_entries)::int as entries, (select count(*) from school_family_entries where non_traitee)::int as nt,
              (select count(*) from family_published_opinions)::int as opinions, (select count(*) from family_published_proposals)::int as proposals,
              (select count(*) from school_family_answers)::int as answers, (select count(*) from school_agreements)::int as agreements,
              (select count(*) from floor_entries where non_traitee)::int as floor_nt`,
    )
  ).rows;
  await c.end();
  await handle.close();
  clearInterval(sampler);

  const expected = {
    familyEntries: shape.students + shape.finalEntries,
    opinions: shape.avis,
    proposals: shape.proposals,
    answers: shape.answers,
    agreements: shape.agreements,
  };
  const verified =
    check!.entries === expected.familyEntries &&
    check!.opinions === expected.opinions &&
    check!.proposals === expected.proposals &&
    check!.answers === expected.answers &&
    check!.agreements === expected.agreements &&
    check!.nt === check!.floor_nt &&
    kinds.every((k) => counts[k] === expected[k]) &&
    floor.rows.entries === expected.familyEntries &&
    floor.rows.opinions === expected.opinions;
  const ratio = transferMs / floorMs;
  const oldRatio = transferMs / oldFloorMs;
  const floorKinds: [FloorKind, string][] = [
    ["entries", "saisies TS"],
    ["opinions", "avis"],
    ["proposals", "propositions"],
    ["answers", "réponses"],
    ["agreements", "accords"],
  ];
  const perFloorKind = (f: { ms: Record<FloorKind, number> }) => floorKinds.map(([k, label]) => `${label} ${secs(f.ms[k])}`).join(", ");
  const lines = [
    "",
    `Transfert nocturne — ${fmt(N)} élèves (lots de ${fmt(batchSize)})`,
    `  lignes transmises       : ${fmt(rows)} (saisies TS ${fmt(counts.familyEntries ?? 0)} dont ${fmt(counts.nonTraitee ?? 0)} non traitées, avis ${fmt(counts.opinions ?? 0)}, ` +
      `propositions ${fmt(counts.proposals ?? 0)}, réponses ${fmt(counts.answers ?? 0)}, accords ${fmt(counts.agreements ?? 0)})`,
    `  vérifié                 : ${verified ? "oui" : "NON"} (destinations ${fmt(check!.entries)} + ${fmt(check!.opinions)} + ${fmt(check!.proposals)} + ${fmt(check!.answers)} + ${fmt(check!.agreements)}, non traitées ${fmt(check!.nt)} = plancher ${fmt(check!.floor_nt)})`,
    `  durée totale            : ${secs(transferMs)}`,
    ...[...perKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `      ${k.padEnd(42)} ${secs(ms)}`),
    `  débit                   : ${fmt(rows / (transferMs / 1000))} lignes/s`,
    `  mémoire (pic RSS)       : ${fmt(peakTransfer / 1048576)} Mo (${fmt(rssBefore / 1048576)} Mo avant le transfert)`,
    `  plancher (depuis 23/11) : ${secs(floorMs)} (${perFloorKind(floor)})`,
    `  ancien plancher         : ${secs(oldFloorMs)} (${perFloorKind(oldFloor)})`,
    `  plancher / ancien       : ${fmt(floorMs / oldFloorMs, 2)}`,
    `  rapport transfert/plancher : ${fmt(ratio, 2)} (contre l'ancien plancher : ${fmt(oldRatio, 2)})`,
    serverCpuMeasured
      ? `  CPU du serveur          : transfert ${secs(serverCpuMs.transfer)}, plancher ${secs(serverCpuMs.floor)}, ancien plancher ${secs(serverCpuMs.old_floor)} → rapports ${fmt(serverCpuMs.transfer / serverCpuMs.floor, 2)} et ${fmt(serverCpuMs.transfer / serverCpuMs.old_floor, 2)}`
      : `  CPU du serveur          : non mesuré (serveur sur une autre machine)`,
    `  charge (load average)   : ${loadAverage()} à la fin`,
    `  objectif                : < 5 min pour 1,4 M élèves et ≤ ${fmt(RATIO_TARGET, 1)}× le plancher → ${transferMs < TIME_TARGET_MS ? "durée OK" : "durée DÉPASSÉE"}, ${ratio <= RATIO_TARGET ? "rapport OK" : "rapport DÉPASSÉ"}`,
  ];
  console.log(lines.join("\n"));
  if (!values.keep) await benchDb.drop();
  if (!verified) process.exitCode = 1;
}

main().catch((err) => {
  clearInterval(sampler);
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
