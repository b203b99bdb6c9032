import { parseArgs } from "node:util";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { refreshAcademyStatistics, statisticsStatement, type StatisticsScopeKind } from "@/lib/db/repositories/academy-statistics";
import type { StatisticsFilters } from "@/lib/domain/academy-statistics";
import type { Level, Phase } from "@/lib/domain/tracks";
import { statisticsView } from "@/lib/loaders/academy-statistics";
import { academyHomeView } from "@/lib/loaders/academy-home";
import { parisDateTime } from "@/lib/domain/paris-time";
import { BenchDbRefused, openBenchDb } from "./support/bench-db";
import { generateCampaign } from "./support/sync-campaign";
import { loadAverage } from "./support/proc-stats";
import { fmt } from "./support/format";

/*
 * `npm run bench:statistics [-- --students 1400000 --runs 15 --keep --reuse --explain]`
 * R-OVS-1: the académie's statistics pages on a national campaign. The campaign of bench:sync
 * (bench/support/sync-campaign.ts: 1.4 M students, provisional and final phases) is spread over
 * 30 académies as the country is (the largest, «bench», holds 9 % of the schools, like
 * Versailles), one division in three made a 2de GT, one student in a hundred «hors procédure»,
 * the entries received by the schools, the acknowledgements, the decisions (most of them
 * differing from the request), interviews and appeals added. Then each page as its loader
 * builds it (lib/loaders/academy-statistics.ts `statisticsView`, without the session) is timed
 * warm, `--runs` times: the largest académie for each level and phase (its kept counts), one of
 * its schools and one division (live); and the recomputation of the académie's counts (run
 * after the page has answered, at most every 5 minutes); against a baseline measured in the
 * same run: a plain count(*) of the same students (the largest académie's, hors procédure
 * excluded). Own database: BENCH_DB (default orientation_bench_statistics),
 * BENCH_PG_URL the server; the bench never drops a database it did not create.
 */

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "1400000" },
    runs: { type: "string", default: "15" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
  },
});
const N = Number(values.students);
const RUNS = Math.max(3, Number(values.runs));
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_DB || "orientation_bench_statistics";
const TARGET_MS = 200;

const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  process.stderr.write(`${label}… `);
  const t0 = performance.now();
  const r = await fn();
  process.stderr.write(`${fmt((performance.now() - t0) / 1000, 1)} s\n`);
  return r;
};

/** What the statistics add to the sync bench's campaign (set-based, triggers and foreign keys skipped while generating). */
async function completeCampaign(c: pg.Client, at: string) {
  await c.query("set session_replication_role = replica");
  await c.query(`insert into academies (id, name, sender_email) select 'ac' || k, 'Académie ' || k, 'ce@ac-' || k || '.fr' from generate_series(1, 29) k`);
  // 9 % of the schools in «bench», the rest spread over 29 académies.
  await c.query(`update schools set academy_id = case when substr(uai, 1, 7)::int % 100 < 9 then 'bench' else 'ac' || (1 + substr(uai, 1, 7)::int % 29) end`);
  // One division in three is a 2de GT.
  await c.query(`update divisions set level = '2GT', code = '2-' || substr(code, 3) where substr(code, 3)::int % 3 = 0`);
  // One student in a hundred hors procédure (R-SCH-12).
  await c.query(`update students set out_of_procedure_reason = 'Parcours particulier', out_of_procedure_at = $1 where substr(ine, 1, 10)::int % 100 = 7`, [at]);
  // The entries the schools have received (what the night's transfer would have written).
  await c.query(`insert into school_family_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at)
      select student_id, phase, version, '[]'::jsonb, holder_name, validated_at, validated_at from family_requests where substr(student_id::text, 1, 1) <> 'f'`);
  // Half of the students whose avis were given acknowledged them.
  await c.query(
    `insert into family_acknowledgements (student_id, account_id, actor_name, acknowledged_at)
      select fr.student_id, fr.holder_account_id, fr.holder_name, $1 from family_requests fr
       where fr.phase = 'provisional' and exists (select 1 from opinions o where o.student_id = fr.student_id) and substr(fr.student_id::text, 2, 1) < '8'`,
    [at],
  );
  // Decisions for the students with proposals: the voie answered «Oui» (same as the request) or, one in two, 2de pro (differing).
  await c.query(
    `insert into decisions (student_id, rank, track, source, differs_from_request, reason_knowledge, reason_abilities, reason_interests, decided_at, decided_by_name, updated_at)
      select p.student_id, 1, case when d then '2PRO' else '2GT' end, case when d then 'head' else 'agreement' end::decision_source, d,
             case when d then 'Connaissances' end, case when d then 'Aptitudes' end, case when d then 'Intérêts' end, $1, 'M. Principal', $1
        from (select student_id, substr(student_id::text, 3, 1) < '8' as d from council_proposals where rank = 1) p`,
    [at],
  );
  await c.query(
    `insert into interviews (student_id, held_at, participants, outcome, entered_by_name, entered_at, updated_at)
      select student_id, $1, 'Le chef d''établissement, la famille', 'disagreement', 'M. Principal', $1, $1 from decisions where differs_from_request`,
    [at],
  );
  await c.query(
    `insert into appeals (student_id, requested_on, requested_by_name, updated_at)
      select student_id, '2027-06-14', 'M. Principal', $1 from decisions where differs_from_request and substr(student_id::text, 4, 1) < '4'`,
    [at],
  );
  await c.query("set session_replication_role = origin");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}
async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const benchDb = await openBenchDb(serverUrl, dbName, { reuse: values.reuse });
  const handle = await openDatabase({ url: benchDb.url, poolSize: 2 });
  const c = new pg.Client({ connectionString: benchDb.url });
  await c.connect();
  const at = parisDateTime("2027-03-10", "18:00").toISOString();
  if (benchDb.reused) {
    const n = (await c.query<{ n: number }>("select count(*)::int as n from students")).rows[0]!.n;
    if (n !== N) throw new Error(`--reuse : la base « ${dbName} » contient ${fmt(n)} élèves, pas ${fmt(N)}`);
  } else {
    await migrateDatabase(handle);
    await step(`Génération de la campagne de bench:sync : ${fmt(N)} élèves`, () =>
      generateCampaign(c, N, { validatedAt: at, avisAt: at, councilOpenedAt: at, answeredAt: at }),
    );
    await step("Académies, 2de GT, hors procédure, saisies reçues, accusés, décisions, entretiens, appels", () => completeCampaign(c, at));
    await step("VACUUM ANALYZE", () => c.query("vacuum analyze"));
  }
  const sizes = (
    await c.query<{ academy_id: string; students: number }>(
      `select sc.academy_id, count(*)::int as students from students s join schools sc on sc.id = s.school_id group by sc.academy_id order by 2 desc`,
    )
  ).rows;
  const largest = sizes[0]!.academy_id;
  const [pick] = (
    await c.query<{ school_id: string; division_id: string }>(
      `select s.school_id, s.division_id from students s join schools sc on sc.id = s.school_id join divisions d on d.id = s.division_id
        where sc.academy_id = $1 and d.level = '3e' group by s.school_id, s.division_id order by count(*) desc, s.school_id limit 1`,
      [largest],
    )
  ).rows;
  const inScope = (
    await c.query<{ n3: number; n2: number }>(
      `select count(*) filter (where d.level = '3e')::int as n3, count(*) filter (where d.level = '2GT')::int as n2
         from students s join schools sc on sc.id = s.school_id and sc.school_year = s.school_year join divisions d on d.id = s.division_id
        where sc.academy_id = $1 and s.out_of_procedure_reason is null`,
      [largest],
    )
  ).rows[0]!;

  // The baseline: a plain count(*) of the same students (largest académie, hors procédure excluded).
  const baseline = await time(() =>
    c.query(
      `select count(*) from schools sc join students s on s.school_id = sc.id and s.school_year = sc.school_year where sc.academy_id = $1 and s.out_of_procedure_reason is null`,
      [largest],
    ),
  );

  // The académie's counts as the page keeps them (computed once here, then read: ctx.now is the instant computed).
  const computedAt = new Date();
  const ctx = { now: computedAt, later: () => undefined };
  const combos: [Level, Phase][] = [
    ["3e", "provisional"],
    ["3e", "final"],
    ["2GT", "provisional"],
    ["2GT", "final"],
  ];
  const recompute: { label: string; ms: number[] }[] = [];
  for (const [level, phase] of combos) {
    const ms = await time(() => refreshAcademyStatistics(handle.db, largest, level, phase, computedAt), 3);
    recompute.push({ label: `${level === "3e" ? "3e" : "2de GT"}, phase ${phase === "final" ? "définitive" : "provisoire"}`, ms });
  }

  const pages: { label: string; params: Record<string, string>; f: StatisticsFilters; kind: StatisticsScopeKind }[] = [
    ...combos.map(([level, phase]) => ({
      label: `académie, ${level === "3e" ? "3e" : "2de GT"}, phase ${phase === "final" ? "définitive" : "provisoire"}`,
      params: { niveau: level, ...(phase === "final" ? { phase } : {}) },
      f: { level, phase, schoolId: null, divisionId: null },
      kind: "academy" as const,
    })),
    {
      label: "établissement, 3e, phase définitive",
      params: { niveau: "3e", phase: "final", etablissement: pick!.school_id },
      f: { level: "3e", phase: "final", schoolId: pick!.school_id, divisionId: null },
      kind: "school",
    },
    {
      label: "division, 3e, phase définitive",
      params: { niveau: "3e", phase: "final", division: pick!.division_id },
      f: { level: "3e", phase: "final", schoolId: pick!.school_id, divisionId: pick!.division_id },
      kind: "division",
    },
  ];
  const results: { label: string; ms: number[]; rows: number }[] = [];
  for (const p of pages) {
    let view = await statisticsView(handle.db, largest, p.params, ctx);
    const ms = await time(async () => {
      view = await statisticsView(handle.db, largest, p.params, ctx);
    });
    results.push({ label: p.label, ms, rows: view!.sections[0]!.table.rows.length });
    if (values.explain) {
      const plan = await handle.db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${statisticsStatement(largest, p.f, p.kind)}`);
      console.log(`\nEXPLAIN ${p.label} (le calcul)\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }
  // The académie's home (its schools with their counts, and the decisions, interviews and appeals):
  // the saio's landing page, read as its loader reads it (the kept statistics, the live divisions).
  const home = await time(() => academyHomeView(handle.db, largest, "Bench", ctx));
  results.push({ label: "accueil de l'académie", ms: home, rows: 0 });
  await c.end();
  await handle.close();

  const base = median(baseline);
  const worst = Math.max(...results.map((r) => median(r.ms)));
  const line = (label: string, ms: number[], extra = "") =>
    `  ${label.padEnd(40)} médiane ${fmt(median(ms), 1).padStart(8)} ms, p95 ${fmt(p95(ms), 1).padStart(8)} ms, rapport à la référence ${fmt(median(ms) / base, 1).padStart(6)}${extra}`;
  const lines = [
    "",
    `Statistiques de l'académie (R-OVS-1) — ${fmt(N)} élèves, ${sizes.length} académies ; la plus grande (« ${largest} ») : ${fmt(sizes[0]!.students)} élèves, ` +
      `dont ${fmt(inScope.n3)} en 3e et ${fmt(inScope.n2)} en 2de GT dans la procédure`,
    `  référence : count(*) des mêmes élèves   médiane ${fmt(base, 1)} ms (p95 ${fmt(p95(baseline), 1)} ms)`,
    "  pages (chargement complet hors session : académie, établissement ou division, comptes, mise en forme) :",
    ...results.map((r) => line(r.label, r.ms, ` (${fmt(r.rows)} lignes)`)),
    "  recalcul des chiffres de l'académie (après la réponse, au plus une fois toutes les 5 minutes et par niveau et phase) :",
    ...recompute.map((r) => line(r.label, r.ms)),
    `  ${RUNS} mesures par page après une mesure à froid (3 par recalcul) ; charge (load average) ${loadAverage()} à la fin`,
    `  objectif : chaque page < ${TARGET_MS} ms → ${worst < TARGET_MS ? "OK" : "DÉPASSÉ"} (la plus lente : ${fmt(worst, 1)} ms)`,
  ];
  console.log(lines.join("\n"));
  if (!values.keep) await benchDb.drop();
  if (worst >= TARGET_MS) process.exitCode = 1;
}

main().catch((err) => {
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
