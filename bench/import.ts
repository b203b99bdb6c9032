import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { authorize, type Actor, type SchoolScope } from "@/lib/auth/policy";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { isEmptyPlan, type ImportCounts } from "@/lib/domain/siecle/plan";
import { parseSiecleUploads, type SiecleUpload } from "@/lib/domain/siecle/parse";
import { applyImport, previewUploads, type PreviewResult } from "@/lib/services/siecle-import";
import { BenchDbRefused, openBenchDb } from "./support/bench-db";
import { cpuMsOf, loadAverage } from "./support/proc-stats";
import { changeLycee, exportFiles, generateLycee, MEF_2GT, type ExportFiles, type Lycee } from "./support/siecle-exports";

/*
 * `npm run bench:import [-- --students 2000 --keep]`
 * R-DATA-1's Siècle import at the scale of a lycée, in the bench's own database (BENCH_IMPORT_DB,
 * default orientation_bench_import, on BENCH_PG_URL; never a database it did not create,
 * bench/support/bench-db.ts). The exports of a lycée of N students (bench/support/siecle-exports.ts:
 * ISO-8859-15 XML, and each zipped) are imported by its head as the import page does: parsing
 * (lib/domain/siecle/parse.ts), the preview (previewUploads: parse, read the school, plan, store),
 * then its confirmation (applyImport); then the same files again (zipped: a plan with nothing to
 * write), then the changes of a term (10 % of the students in another division, 5 % leaving with
 * their DATE_SORTIE, 5 % new, 2 % of the guardians with a new e-mail). Each step is checked
 * (counts expected, rows in the database); a wrong figure makes the bench exit non-zero.
 * The floor, measured in the same run on the same database, twice (before the import and after):
 * the same rows (divisions, students, guardians, their PERSONNE_IDs, links) written with plain
 * multi-row INSERTs in one transaction into another school, without parsing, plan or preview.
 * Wall time, the CPU time of this process's main thread, and the CPU time of the PostgreSQL server
 * process serving each query (when the server runs on this machine: /proc).
 */

const { values } = parseArgs({
  strict: false,
  options: {
    students: { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.students);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_IMPORT_DB || "orientation_bench_import";
const ACADEMY = "bench";
const YEAR = 2026;
const SCHOOL_YEAR = `${YEAR}-${YEAR + 1}`;
const UAI = "0389999Z";
/** The first import at the rentrée; the term's changes in January (their DATE_SORTIE and DATE_ENTREE that day). */
const AT_FIRST = new Date("2026-09-03T08:00:00Z");
const AT_CHANGE = new Date("2027-01-06T08:00:00Z");
const CHANGE_DAY = "2027-01-05";

const fmt = (n: number, d = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (v: number) => `${fmt(v)} ms`;
const ko = (bytes: number) => `${fmt(bytes / 1024)} Ko`;

/*
 * The server's CPU time per query: /proc/<backend pid>/stat before and after each query of this
 * process (as bench/sync.ts does), summed while a step is measured.
 */
let measuring = false;
let serverCpu = 0;
let serverCpuKnown = true;
function instrument() {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: { processID?: number }, ...args: unknown[]) {
    if (!measuring) return original.apply(this, args);
    const cpu0 = cpuMsOf(this.processID);
    const res = original.apply(this, args);
    if (!(res instanceof Promise)) return res;
    const done = () => {
      const cpu1 = cpuMsOf(this.processID);
      if (cpu0 === null || cpu1 === null) serverCpuKnown = false;
      else serverCpu += cpu1 - cpu0;
    };
    res.then(done, done);
    return res;
  };
}

type Measure = { wall: number; cpu: number | null; server: number | null };
/** Runs `fn`, says how long it took; its result, wall time, main-thread CPU time and the server's CPU time (ms). */
async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<[T, Measure]> {
  process.stderr.write(`${label}… `);
  const cpu0 = cpuMsOf(process.pid, process.pid);
  serverCpu = 0;
  serverCpuKnown = true;
  measuring = true;
  const t0 = performance.now();
  let r: T;
  try {
    r = await fn();
  } finally {
    measuring = false;
  }
  const wall = performance.now() - t0;
  const cpu1 = cpuMsOf(process.pid, process.pid);
  process.stderr.write(`${ms(wall)}\n`);
  return [r, { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, server: serverCpuKnown ? serverCpu : null }];
}

const problems: string[] = [];
function expectEqual(what: string, actual: unknown, expected: unknown) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${what} : ${JSON.stringify(actual)} au lieu de ${JSON.stringify(expected)}`);
}

async function newSchool(db: Db, uai: string, name: string): Promise<{ scope: SchoolScope; head: Actor; id: string }> {
  const s = await db.execute<{ id: string }>(sql`
    insert into schools (uai, academy_id, name, address, postal_code, city, phone, email, school_year)
    values (${uai}, ${ACADEMY}, ${name}, '1 place de l''Europe', '38400', 'Saint-Martin-d''Hères', '0476000000', ${`ce.${uai.toLowerCase()}@ac-banc.fr`}, ${SCHOOL_YEAR})
    returning id`);
  const id = s.rows[0]!.id;
  const a = await db.execute<{ id: string }>(sql`
    insert into accounts (role, display_name, login, school_id) values ('head', 'Mme Hélène Proviseure', ${`proviseur.${uai.toLowerCase()}`}, ${id}) returning id`);
  const head: Actor = {
    accountId: a.rows[0]!.id,
    role: "head",
    displayName: "Mme Hélène Proviseure",
    guardianId: null,
    studentId: null,
    schoolId: id,
    academyId: ACADEMY,
    delegatedByHead: false,
    homeroomDivisionIds: [],
  };
  const scope: SchoolScope = { type: "school", schoolId: id, academyId: ACADEMY };
  authorize(head, "import:school-data", scope);
  return { id, head, scope };
}

/** What the school holds after an import: rows of its open year, and the guardians linked to them. */
async function rowsOf(db: Db, schoolId: string) {
  const r = await db.execute<{ divisions: number; students: number; left: number; guardians: number; links: number; ids: number; mails: number }>(sql`
    select (select count(*)::int from divisions where school_id = ${schoolId}) as divisions,
           (select count(*)::int from students where school_id = ${schoolId}) as students,
           (select count(*)::int from students where school_id = ${schoolId} and left_on is not null) as left,
           (select count(distinct sg.guardian_id)::int from student_guardians sg join students s on s.id = sg.student_id where s.school_id = ${schoolId}) as guardians,
           (select count(*)::int from student_guardians sg join students s on s.id = sg.student_id where s.school_id = ${schoolId}) as links,
           (select count(*)::int from guardian_siecle_ids where school_id = ${schoolId}) as ids,
           (select count(*)::int from guardians g where g.email like '%.nouvelle-adresse.%') as mails`);
  return r.rows[0]!;
}

/** What the lycée's files should give: legal guardians and links only (RESP_LEGAL 0 is not imported). */
function shapeOf(l: Lycee) {
  const legal = l.links.filter((x) => x.legal !== 0);
  return {
    students: l.students.length,
    guardians: new Set(legal.map((x) => x.personSiecleId)).size,
    links: legal.length,
    contacts: l.links.length - legal.length,
  };
}

/** The floor: the same rows, plain multi-row INSERTs in one transaction, into another school. */
async function floor(pool: pg.Pool, schoolId: string, l: Lycee): Promise<number> {
  const c = await pool.connect();
  let written = 0;
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    const per = Math.floor(60000 / columns.length);
    for (let at = 0; at < rows.length; at += per) {
      const chunk = rows.slice(at, at + per);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(", ")})`);
      const r = await c.query(`insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")}`, params);
      written += r.rowCount ?? 0;
    }
  };
  try {
    await c.query("begin");
    const divisionIds = new Map(l.divisions.map((d) => [d, randomUUID()]));
    await insert(
      "divisions",
      ["id", "school_id", "code", "level", "mef_code", "mef_label"],
      l.divisions.map((d) => [divisionIds.get(d), schoolId, d, "2GT", MEF_2GT, "2NDE GENERALE & TECHNO"]),
    );
    const studentIds = new Map(l.students.map((s) => [s.siecleId, randomUUID()]));
    await insert(
      "students",
      ["id", "ine", "school_id", "division_id", "last_name", "first_name", "birth_date", "siecle_id", "mef_code", "entered_on", "left_on"],
      l.students.map((s) => [
        studentIds.get(s.siecleId),
        s.ine,
        schoolId,
        divisionIds.get(s.division),
        s.lastName,
        s.firstName,
        s.birthDate,
        s.siecleId,
        MEF_2GT,
        s.enteredOn,
        s.leftOn,
      ]),
    );
    const legal = l.links.filter((x) => x.legal !== 0);
    const linked = new Set(legal.map((x) => x.personSiecleId));
    const persons = l.persons.filter((p) => linked.has(p.siecleId));
    const guardianIds = new Map(persons.map((p) => [p.siecleId, randomUUID()]));
    await insert(
      "guardians",
      ["id", "civility", "last_name", "first_name", "email"],
      // Another domain: the import's preview reads the académie's guardians with the file's e-mails as candidates, and must not find these.
      persons.map((p) => [guardianIds.get(p.siecleId), p.civility, p.lastName, p.firstName, p.email?.replace("@exemple.fr", "@plancher.fr") ?? null]),
    );
    await insert(
      "guardian_siecle_ids",
      ["school_id", "siecle_id", "guardian_id"],
      persons.map((p) => [schoolId, p.siecleId, guardianIds.get(p.siecleId)]),
    );
    await insert(
      "student_guardians",
      ["student_id", "guardian_id", "rank"],
      legal.map((x) => [studentIds.get(x.studentSiecleId), guardianIds.get(x.personSiecleId), x.legal]),
    );
    await c.query("commit");
    return written;
  } catch (err) {
    await c.query("rollback").catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

function previewed(p: PreviewResult, what: string): Extract<PreviewResult, { ok: true }> {
  if (!p.ok) throw new Error(`${what} refusé : ${p.errors.map((e) => e.message).join(" ; ")}`);
  return p;
}

const uploadsOf = (f: ExportFiles, zipped: boolean): SiecleUpload[] =>
  zipped
    ? [
        { name: "ElevesSansAdresses.zip", bytes: f.elevesZip },
        { name: "ResponsablesAvecAdresses.zip", bytes: f.responsablesZip },
      ]
    : [
        { name: "ElevesSansAdresses.xml", bytes: f.eleves },
        { name: "ResponsablesAvecAdresses.xml", bytes: f.responsables },
      ];

/** The write counts of a plan or an applied import, without those that are zero. */
function writes(c: ImportCounts | Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(c).filter(([k, v]) => v !== 0 && k !== "otherContactsIgnored"));
}

async function main() {
  instrument();
  const benchDb = await openBenchDb(serverUrl, dbName);
  const handle = await openDatabase({ url: benchDb.url, poolSize: 4 });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const pool = handle.pool!;
    await db.execute(
      sql`insert into academies (id, name, sender_email) values (${ACADEMY}, 'Académie du banc d''essai', 'ne-pas-repondre@ac-banc.fr') on conflict do nothing`,
    );
    const school = await newSchool(db, UAI, "Lycée du Banc d'essai");
    const floorSchools = [await newSchool(db, "0389998Y", "Lycée plancher 1"), await newSchool(db, "0389997X", "Lycée plancher 2")];

    // The exports.
    const [generated, genM] = await timed(`Génération des exports : lycée de ${fmt(N)} élèves`, () => {
      const lycee = generateLycee(UAI, YEAR, N);
      return { lycee, files: exportFiles(lycee) };
    });
    const { lycee, files } = generated;
    const shape = shapeOf(lycee);
    const changes = { moved: Math.round(N * 0.1), left: Math.round(N * 0.05), added: Math.round(N * 0.05), emailsChanged: Math.round(shape.guardians * 0.02) };
    const change = changeLycee(lycee, { ...changes, leftOn: CHANGE_DAY });
    const changedFiles = exportFiles(change.lycee);
    expectEqual("changements générés", [change.moved, change.left, change.added, change.emailsChanged], Object.values(changes));

    // Parsing alone (the files as uploaded, then their zips).
    const [parsedXml, parseXmlM] = await timed("Lecture des 2 fichiers XML (parseSiecleUploads)", () => parseSiecleUploads(uploadsOf(files, false)));
    const [parsedZip, parseZipM] = await timed("Lecture des 2 fichiers zip", () => parseSiecleUploads(uploadsOf(files, true)));
    for (const [what, p] of [
      ["lecture XML", parsedXml],
      ["lecture zip", parsedZip],
    ] as const) {
      if (!p.ok) {
        problems.push(`${what} refusée : ${p.errors.map((e) => e.message).join(" ; ")}`);
        continue;
      }
      const eleves = p.exports.find((e) => e.kind === "eleves");
      const resps = p.exports.find((e) => e.kind === "responsables");
      expectEqual(`${what} : élèves`, eleves?.kind === "eleves" ? eleves.students.length : -1, N);
      expectEqual(`${what} : personnes`, resps?.kind === "responsables" ? resps.guardians.length : -1, lycee.persons.length);
      expectEqual(`${what} : liens`, resps?.kind === "responsables" ? resps.links.length : -1, lycee.links.length);
      if (eleves?.kind === "eleves")
        eleves.students.forEach((s, i) => {
          const written = lycee.students[i]!;
          if (s.lastName !== written.lastName || s.firstName !== written.firstName)
            problems.push(`${what} : « ${s.firstName} ${s.lastName} » lu au lieu de « ${written.firstName} ${written.lastName} »`);
        });
    }

    // The floor, before.
    const [floor1Rows, floor1M] = await timed("Plancher : mêmes lignes en INSERT multi-lignes, une transaction", () => floor(pool, floorSchools[0]!.id, lycee));

    // The first import: preview (parsing included), then its confirmation.
    const [first, previewM] = await timed("Premier aperçu (previewUploads, fichiers XML)", () =>
      previewUploads(db, school.head, school.scope, uploadsOf(files, false), AT_FIRST),
    );
    const p1 = previewed(first, "premier aperçu");
    const expectedFirst = {
      divisionsAdded: lycee.divisions.length,
      studentsAdded: N,
      guardiansAdded: shape.guardians,
      linksAdded: shape.links,
    };
    expectEqual("premier aperçu", writes(p1.plan.counts), expectedFirst);
    expectEqual("premier aperçu : autres contacts ignorés", p1.plan.counts.otherContactsIgnored, shape.contacts);
    const [applied1, applyM] = await timed("Confirmation (applyImport)", () => applyImport(db, school.head, school.scope, p1.importId, AT_FIRST));
    expectEqual("import appliqué", writes(applied1.counts), expectedFirst);
    const rows1 = await rowsOf(db, school.id);
    expectEqual("lignes après l'import", rows1, {
      divisions: lycee.divisions.length,
      students: N,
      left: 0,
      guardians: shape.guardians,
      links: shape.links,
      ids: shape.guardians,
      mails: 0,
    });

    // The floor, after.
    const [floor2Rows, floor2M] = await timed("Plancher, à nouveau", () => floor(pool, floorSchools[1]!.id, lycee));
    const floorRows = lycee.divisions.length + N + 3 * shape.guardians;
    expectEqual("lignes du plancher", [floor1Rows, floor2Rows], [floorRows, floorRows]);

    // The same files again (zipped): nothing to write.
    const [again, againM] = await timed("Réimport des mêmes fichiers (zip) : aperçu", () =>
      previewUploads(db, school.head, school.scope, uploadsOf(files, true), AT_FIRST),
    );
    const p2 = previewed(again, "réimport");
    if (!isEmptyPlan(p2.plan)) problems.push(`réimport : le plan n'est pas vide (${JSON.stringify(writes(p2.plan.counts))})`);

    // The term's changes.
    const [changed, changePreviewM] = await timed(
      `Changements du trimestre (${fmt(change.moved)} changements de division, ${fmt(change.left)} départs, ${fmt(change.added)} arrivées, ${fmt(change.emailsChanged)} courriels) : aperçu`,
      () => previewUploads(db, school.head, school.scope, uploadsOf(changedFiles, false), AT_CHANGE),
    );
    const p3 = previewed(changed, "changements");
    const expectedChange = {
      studentsAdded: change.added,
      studentsMoved: change.moved,
      studentsLeft: change.left,
      guardiansAdded: 2 * change.added,
      guardiansChanged: change.emailsChanged,
      linksAdded: 2 * change.added,
    };
    expectEqual("aperçu des changements", writes(p3.plan.counts), expectedChange);
    const [applied3, changeApplyM] = await timed("Changements : confirmation", () => applyImport(db, school.head, school.scope, p3.importId, AT_CHANGE));
    expectEqual("changements appliqués", writes(applied3.counts), expectedChange);
    const shape3 = shapeOf(change.lycee);
    expectEqual("lignes après les changements", await rowsOf(db, school.id), {
      divisions: lycee.divisions.length,
      students: shape3.students,
      left: change.left,
      guardians: shape3.guardians,
      links: shape3.links,
      ids: shape3.guardians,
      mails: change.emailsChanged,
    });
    const [afterChange] = await timed("Réimport des fichiers des changements : aperçu", () =>
      previewUploads(db, school.head, school.scope, uploadsOf(changedFiles, false), AT_CHANGE),
    );
    const p4 = previewed(afterChange, "réimport des changements");
    if (!isEmptyPlan(p4.plan)) problems.push(`réimport des changements : le plan n'est pas vide (${JSON.stringify(writes(p4.plan.counts))})`);

    // The report.
    const floorWall = (floor1M.wall + floor2M.wall) / 2;
    const floorServer = floor1M.server === null || floor2M.server === null ? null : (floor1M.server + floor2M.server) / 2;
    const floorCpu = floor1M.cpu === null || floor2M.cpu === null ? null : (floor1M.cpu + floor2M.cpu) / 2;
    const whole = previewM.wall + applyM.wall;
    const wholeServer = previewM.server === null || applyM.server === null ? null : previewM.server + applyM.server;
    const total = (...m: Measure[]) => (m.every((x) => x.cpu !== null && x.server !== null) ? m.reduce((t, x) => t + x.cpu! + x.server!, 0) : null);
    const floorTotal = floorCpu === null || floorServer === null ? null : floorCpu + floorServer;
    const [applyTotal, wholeTotal] = [total(applyM), total(previewM, applyM)];
    const cpuRatio = (v: number | null) => (v !== null && floorTotal ? `, CPU Node + serveur ${fmt(v / floorTotal, 2)}` : "");
    const cpu = (m: Measure) => `${m.cpu === null ? "?" : ms(m.cpu)} · ${m.server === null ? "?" : ms(m.server)}`;
    const line = (label: string, m: Measure, extra = "") => `  ${label.padEnd(40)}: ${ms(m.wall).padStart(9)}   (CPU Node · serveur : ${cpu(m)})${extra}`;
    const verified = problems.length === 0;
    console.log(
      [
        "",
        `Import Siècle (R-DATA-1) — lycée de ${fmt(N)} élèves en ${fmt(lycee.divisions.length)} divisions, ${fmt(shape.guardians)} représentants légaux (${fmt(lycee.persons.filter((p) => p.email === null).length)} sans courriel), ${fmt(shape.links)} liens, ${fmt(shape.contacts)} autres contacts`,
        `  fichiers                                : ElevesSansAdresses.xml ${ko(files.eleves.length)} (zip ${ko(files.elevesZip.length)}), ResponsablesAvecAdresses.xml ${ko(files.responsables.length)} (zip ${ko(files.responsablesZip.length)}), ISO-8859-15 ; générés en ${ms(genM.wall)}`,
        `  vérifié                                 : ${verified ? "oui" : "NON"} (comptes attendus, lignes en base après chaque confirmation, réimports sans rien à écrire)`,
        line("lecture XML (parseSiecleUploads)", parseXmlM),
        line("lecture zip", parseZipM),
        line("premier aperçu (lecture comprise)", previewM),
        line("confirmation (applyImport)", applyM),
        line("réimport des mêmes fichiers (zip)", againM, " → rien à écrire"),
        line("changements : aperçu", changePreviewM),
        line("changements : confirmation", changeApplyM),
        line(
          "plancher (INSERT multi-lignes)",
          { wall: floorWall, cpu: floorCpu, server: floorServer },
          ` — ${ms(floor1M.wall)} puis ${ms(floor2M.wall)}, ${fmt(floorRows)} lignes`,
        ),
        `  rapport confirmation / plancher         : ${fmt(applyM.wall / floorWall, 2)}${applyM.server !== null && floorServer ? ` (CPU serveur ${fmt(applyM.server / floorServer, 2)}${cpuRatio(applyTotal)})` : ""}`,
        `  rapport import entier / plancher        : ${fmt(whole / floorWall, 2)} (aperçu avec lecture + confirmation : ${ms(whole)})${wholeServer !== null && floorServer ? ` (CPU serveur ${fmt(wholeServer / floorServer, 2)}${cpuRatio(wholeTotal)})` : ""}`,
        `  charge (load average)                   : ${loadAverage()} à la fin (machine partagée : les durées bougent avec elle, les temps CPU beaucoup moins)`,
        ...problems.slice(0, 20).map((p) => `  ERREUR : ${p}`),
        ...(problems.length > 20 ? [`  … et ${fmt(problems.length - 20)} autres erreurs`] : []),
      ].join("\n"),
    );
    if (!verified) process.exitCode = 1;
  } finally {
    await handle.close();
    if (!values.keep) await benchDb.drop();
  }
}

main().catch((err) => {
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
