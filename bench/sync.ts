import { parseArgs } from "node:util";
import pg from "pg";
import { now } from "@/lib/clock";
import { runTransfer } from "@/lib/transfer/run";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parisDateTime } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";

/*
 * `npm run bench:sync [-- --students 1400000 --batch-size 100000]`
 * A synthetic national campaign in its own PostgreSQL database (BENCH_PG_URL names the server,
 * default the local one): students, two guardians each, 3 validated intentions each, avis on the 3
 * intentions of half of them. Then the nightly transfer, timed, against the floor: the bare
 * INSERT … SELECT of the same rows (one statement per kind, no batches, no watermarks), run in the
 * same process on the same server.
 */

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "1400000" },
    "batch-size": { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.students);
const batchSize = Number(values["batch-size"]);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = "orientation_bench";
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const fmt = (n: number, d = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: d, minimumFractionDigits: d });
const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const step = async <T>(label: string, fn: () => Promise<T>): Promise<[T, number]> => {
  process.stderr.write(`${label}… `);
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  process.stderr.write(`${secs(ms)}\n`);
  return [r, ms];
};

async function main() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();

  const handle = await openDatabase({ url: dbUrl, poolSize: 4 });
  await migrateDatabase(handle);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();

  const validatedAt = parisDateTime("2026-11-23", "18:00").toISOString();
  const avisAt = parisDateTime("2026-11-23", "16:00").toISOString();
  const schools = Math.max(1, Math.ceil(N / 250));
  const divisions = Math.max(1, Math.ceil(N / 25));

  await step(`Génération : ${fmt(N)} élèves, ${fmt(2 * N)} représentants, ${fmt(3 * N)} intentions, ${fmt(3 * Math.floor(N / 2))} avis`, async () => {
    // Triggers (item-count constraints) and foreign-key checks are skipped while generating.
    await c.query("set session_replication_role = replica");
    await c.query(`insert into academies (id, name, sender_email) values ('bench', 'Académie de test', 'ce.orientation@ac-test.fr')`);
    await c.query(`create temp table g_schools as select gen_random_uuid() as id, n from generate_series(1, $1::int) n`, [schools]);
    await c.query(`insert into schools (id, uai, academy_id, name, address, postal_code, city, phone, email)
      select id, lpad(n::text, 7, '0') || 'A', 'bench', 'Collège ' || n, '1 rue de l''École', '75000', 'Paris', '01 00 00 00 00', 'ce.' || n || '@ac-test.fr' from g_schools`);
    await c.query(
      `create temp table g_div as select gen_random_uuid() as id, n, (select id from g_schools s where s.n = 1 + (d.n % $2::int)) as school_id from generate_series(1, $1::int) d(n)`,
      [divisions, schools],
    );
    await c.query(
      `insert into divisions (id, school_id, code, level, mef_code, mef_label) select id, school_id, '3-' || n, '3e', '10310019110', '3EME' from g_div`,
    );
    await c.query(`create temp table g_div_idx as select id, school_id, row_number() over (order by n) - 1 as k from g_div`);
    await c.query(`create index on g_div_idx (k)`);
    await c.query(
      `create unlogged table g_students as
      select gen_random_uuid() as id, n, gen_random_uuid() as g1, gen_random_uuid() as g2, gen_random_uuid() as a1, gen_random_uuid() as fr,
             (n % 2 = 0) as with_avis, gen_random_uuid() as sr
        from generate_series(1, $1::int) n`,
      [N],
    );
    await c.query(
      `insert into students (id, ine, school_id, division_id, last_name, first_name, birth_date)
      select s.id, lpad(s.n::text, 10, '0') || 'X', d.school_id, d.id, 'Nom' || s.n, 'Prénom', '2012-01-01'
        from g_students s join g_div_idx d on d.k = s.n % $1::int`,
      [divisions],
    );
    await c.query(`insert into guardians (id, civility, first_name, last_name, email)
      select g1, 'Mme'::civility, 'Claire', 'Parent' || n, 'p1.' || n || '@example.fr' from g_students
      union all select g2, 'M.'::civility, 'Paul', 'Parent' || n, 'p2.' || n || '@example.fr' from g_students`);
    await c.query(`insert into student_guardians (student_id, guardian_id, rank)
      select id, g1, 1 from g_students union all select id, g2, 2 from g_students`);
    await c.query(`insert into accounts (id, role, display_name, guardian_id) select a1, 'guardian', 'Claire Parent' || n, g1 from g_students`);
    await c.query(
      `insert into family_requests (id, student_id, phase, holder_account_id, holder_name, version, validated_at)
      select fr, id, 'provisional', a1, 'Mme Claire Parent' || n, 1, $1::timestamptz from g_students`,
      [validatedAt],
    );
    await c.query(`insert into family_request_items (request_id, rank, track, free_text, status_school, status_apprentice)
      select s.fr, r.rank, (array['2GT', '2PRO', 'CAP'])[r.rank], case when r.rank > 1 then 'Métiers de la relation client' end, r.rank > 1, r.rank = 3
        from g_students s cross join generate_series(1, 3) r(rank)`);
    await c.query(
      `insert into school_requests (id, student_id, phase, source, entered_by_name, entered_at)
      select sr, id, 'provisional', 'family', 'Mme Claire Parent' || n, $1::timestamptz from g_students where with_avis`,
      [validatedAt],
    );
    await c.query(`create unlogged table g_items as
      select gen_random_uuid() as item_id, s.sr, s.id as student_id, r.rank from g_students s cross join generate_series(1, 3) r(rank) where s.with_avis`);
    await c.query(`insert into school_request_items (id, request_id, rank, track) select item_id, sr, rank, (array['2GT', '2PRO', 'CAP'])[rank] from g_items`);
    await c.query(
      `insert into opinions (item_id, student_id, value, comment, entered_at, entered_by_name, updated_at)
      select item_id, student_id, (array['favorable', 'reserve', 'defavorable'])[rank]::opinion_value, case when rank = 1 then 'Bon travail' end,
             $1::timestamptz, 'M. Principal', $1::timestamptz from g_items`,
      [avisAt],
    );
    await c.query("set session_replication_role = origin");
    await c.query("drop table g_students, g_items");
  });
  await step("VACUUM ANALYZE", () => c.query("vacuum analyze"));

  // The transfer, as the night would run it.
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  let lastLine = 0;
  const [result, transferMs] = await step(`Transfert (lots de ${fmt(batchSize)} élèves)`, () =>
    runTransfer({
      db: handle.db,
      pool: handle.pool,
      now: now(),
      asOf: parisDateTime("2026-11-24", "02:00"),
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
  const peakTransfer = peakRss;
  if (result.status !== "succeeded") throw new Error(`transfert en échec : ${JSON.stringify(result)}`);
  const counts = result.counts;
  const rows = (counts.familyEntries ?? 0) + (counts.opinions ?? 0);

  // The floor: the same rows, copied by bare INSERT … SELECT into tables of the same shape, with
  // the same columns computed from the same sources (the « non traitée » flag from the division's
  // council, the avis of the provisional phase only), but in one statement per kind, without
  // batches and without watermarks.
  const [, floorMs] = await step("Plancher : INSERT … SELECT des mêmes lignes", async () => {
    // The transfer's batches get the same memory (lib/transfer/run.ts sets work_mem per batch).
    await c.query("set work_mem = '64MB'");
    await c.query("create table floor_entries (like school_family_entries including all)");
    await c.query("create table floor_opinions (like family_published_opinions including all)");
    // LIKE does not copy foreign keys; the real destinations check theirs on every row, so the
    // floor's copies carry the same ones (same shape, same per-row work).
    for (const [from, to] of [
      ["school_family_entries", "floor_entries"],
      ["family_published_opinions", "floor_opinions"],
    ] as const) {
      const fks = await c.query<{ def: string }>(
        `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = '${from}'::regclass and contype = 'f'`,
      );
      for (const fk of fks.rows) await c.query(`alter table ${to} add ${fk.def}`);
    }
    await c.query(`insert into floor_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
      select fr.student_id, fr.phase, fr.version,
             (select jsonb_agg(jsonb_build_object(
                'rank', i.rank, 'track', i.track, 'subTrack', i.sub_track, 'freeText', i.free_text,
                'statusSchool', i.status_school, 'statusApprentice', i.status_apprentice,
                'specialties', to_jsonb(i.specialties), 'stagePasserelle', i.stage_passerelle) order by i.rank)
                from family_request_items i where i.request_id = fr.id),
             fr.holder_name, fr.validated_at, now(),
             coalesce(cc.opened_at is not null
               and (fr.validated_at at time zone 'Europe/Paris')::date = (cc.opened_at at time zone 'Europe/Paris')::date, false)
        from family_requests fr
        join students s on s.id = fr.student_id
        left join class_councils cc on cc.division_id = s.division_id and cc.phase = fr.phase`);
    await c.query(`insert into floor_opinions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, value, comment, published_at)
      select o.student_id, i.rank, i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties, i.stage_passerelle, o.value, o.comment, now()
        from opinions o join school_request_items i on i.id = o.item_id
        join school_requests r on r.id = i.request_id and r.phase = 'provisional'`);
  });

  const [[check]] = [
    (
      await c.query<{ e: number; o: number }>(
        "select (select count(*) from school_family_entries)::int as e, (select count(*) from family_published_opinions)::int as o",
      )
    ).rows,
  ];
  await c.end();
  await handle.close();
  clearInterval(sampler);

  const ratio = transferMs / floorMs;
  const lines = [
    "",
    `Transfert nocturne — ${fmt(N)} élèves (lots de ${fmt(batchSize)})`,
    `  lignes transmises       : ${fmt(rows)} (saisies TS ${fmt(counts.familyEntries ?? 0)}, avis ${fmt(counts.opinions ?? 0)}) — vérifié : ${fmt(check!.e)} + ${fmt(check!.o)}`,
    `  durée totale            : ${secs(transferMs)}`,
    `  débit                   : ${fmt(rows / (transferMs / 1000))} lignes/s`,
    `  mémoire (pic RSS)       : ${fmt(peakTransfer / 1048576)} Mo (${fmt(rssBefore / 1048576)} Mo avant le transfert)`,
    `  plancher INSERT…SELECT  : ${secs(floorMs)}`,
    `  rapport transfert/plancher : ${fmt(ratio, 2)}`,
    `  objectif                : < 5 min pour 1,4 M élèves et ≤ 2× le plancher → ${transferMs < 300_000 ? "durée OK" : "durée DÉPASSÉE"}, ${ratio <= 2 ? "rapport OK" : "rapport DÉPASSÉ"}`,
  ];
  console.log(lines.join("\n"));
  if (!values.keep) {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`drop database if exists ${dbName} with (force)`);
    await a.end();
  }
}

main().catch((err) => {
  clearInterval(sampler);
  console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
