import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, SchoolScope } from "@/lib/auth/policy";
import { isEmptyPlan } from "@/lib/domain/siecle/plan";
import type { SiecleExport, SiecleGuardian, SiecleLink, SiecleStudent } from "@/lib/domain/siecle/types";
import { DomainError } from "@/lib/domain/errors";
import { applyImport, previewParsedImport, readStoredPreview, type PreviewResult } from "@/lib/services/siecle-import";
import { silentLog } from "@/lib/log";
import { IMPORT_PREVIEW_TTL_MS, run as dropStalePreviews } from "@/jobs/import-previews";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-DATA-1: the Siècle import against real PostgreSQL. Each test works in its own new school
 * (its own UAI and head), with exports built in code.
 */
const NOW = new Date("2026-11-30T10:00:00Z");
const YEAR = "2026-2027";
let t: TestDb;
let seq = 0;

type School = { id: string; uai: string; scope: SchoolScope; head: Actor };

async function newSchool(): Promise<School> {
  seq++;
  const uai = `0389${String(seq).padStart(3, "0")}X`;
  const s = await t.db.execute<{ id: string }>(sql`
    insert into schools (uai, academy_id, name, address, postal_code, city, phone, email, school_year)
    values (${uai}, 'grenoble', ${`Collège d'essai ${seq}`}, '1 rue de l''École', '38000', 'Grenoble', '0400000000', 'ce@exemple.fr', ${YEAR}) returning id`);
  const id = s.rows[0]!.id;
  const a = await t.db.execute<{ id: string }>(sql`
    insert into accounts (role, display_name, login, school_id) values ('head', ${`Chef ${seq}`}, ${`chef.essai.${seq}.${t.name}`}, ${id}) returning id`);
  const head: Actor = {
    accountId: a.rows[0]!.id,
    role: "head",
    displayName: `Chef ${seq}`,
    guardianId: null,
    studentId: null,
    schoolId: id,
    academyId: "grenoble",
    delegatedByHead: false,
    homeroomDivisionIds: [],
  };
  return { id, uai, scope: { type: "school", schoolId: id, academyId: "grenoble" }, head };
}

function eleve(school: School, n: number, over: Partial<SiecleStudent> = {}): SiecleStudent {
  return {
    siecleId: `${1000 + n}`,
    ine: `${String(seq).padStart(3, "0")}${String(n).padStart(7, "0")}K`,
    lastName: `NOM${n}`,
    firstName: `Prénom${n}`,
    birthDate: "2012-05-06",
    mefCode: "10310019110",
    divisionCode: n % 2 === 0 ? "3A" : "3B",
    enteredOn: "2023-09-01",
    leftOn: null,
    line: 20 + n,
    ...over,
  };
}
function personne(n: number, over: Partial<SiecleGuardian> = {}): SiecleGuardian {
  return {
    siecleId: `${5000 + n}`,
    civility: n % 2 ? "Mme" : "M.",
    lastName: `PARENT${n}`,
    firstName: `Dominique${n}`,
    email: `p${n}.${seq}@exemple.fr`,
    line: 200 + n,
    ...over,
  };
}
const lien = (student: number, guardian: number, legal: 0 | 1 | 2, line = 900): SiecleLink => ({
  studentSiecleId: `${1000 + student}`,
  guardianSiecleId: `${5000 + guardian}`,
  legal,
  line,
});
function exportsOf(school: School, students: SiecleStudent[], guardians: SiecleGuardian[], links: SiecleLink[]): SiecleExport[] {
  const h = { uai: school.uai, schoolYear: YEAR, exportedAt: "2026-11-29 08:00:00" };
  return [
    { ...h, kind: "eleves", fileName: "ElevesSansAdresses.xml", students },
    { ...h, kind: "responsables", fileName: "ResponsablesAvecAdresses.xml", guardians, links },
  ];
}
/** n students, each with two guardians (2k+1, 2k+2) and one other contact. */
function family(school: School, n: number): SiecleExport[] {
  const students = Array.from({ length: n }, (_, i) => eleve(school, i + 1));
  const guardians = Array.from({ length: 2 * n + 1 }, (_, i) => personne(i + 1));
  const links = students.flatMap((_, i) => [lien(i + 1, 2 * i + 1, 1), lien(i + 1, 2 * i + 2, 2), lien(i + 1, 2 * n + 1, 0)]);
  return exportsOf(school, students, guardians, links);
}
const files = (exports: SiecleExport[]) => exports.map((e) => ({ name: e.fileName, kind: e.kind, sha256: "0".repeat(64), bytes: 1 }));

async function preview(school: School, exports: SiecleExport[], now = NOW): Promise<PreviewResult> {
  return previewParsedImport(t.db, school.head, school.scope, { exports, files: files(exports) }, now);
}
async function previewed(school: School, exports: SiecleExport[]): Promise<string> {
  const p = await preview(school, exports);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.importId;
}
async function importNow(school: School, exports: SiecleExport[]) {
  return applyImport(t.db, school.head, school.scope, await previewed(school, exports), NOW);
}

/** Everything an import may touch, for "the database is unchanged". */
async function state(): Promise<string> {
  const r = await t.db.execute<{ s: string }>(sql`select concat_ws('|',
      (select json_agg(x order by x.id)::text from students x), (select json_agg(x order by x.id)::text from guardians x),
      (select json_agg(x order by x.student_id, x.rank)::text from student_guardians x), (select json_agg(x order by x.id)::text from divisions x),
      (select json_agg(x order by x.school_id, x.siecle_id)::text from guardian_siecle_ids x), (select count(*) from siecle_imports), (select count(*) from audit_log)) as s`);
  return r.rows[0]!.s;
}
async function studentsOf(school: School) {
  const r = await t.db.execute<{ id: string; siecle_id: string; division: string; left_on: string | null; last_name: string }>(sql`
    select s.id, s.siecle_id, d.code as division, s.left_on::text as left_on, s.last_name from students s join divisions d on d.id = s.division_id
     where s.school_id = ${school.id} order by s.siecle_id`);
  return r.rows;
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
  await t.db.execute(
    sql`insert into academies (id, name, sender_email) values ('grenoble', 'Académie de Grenoble', 'ne-pas-repondre@ac-grenoble.fr') on conflict do nothing`,
  );
});
afterAll(async () => t?.drop());

describe("R-DATA-1: importing the school's Siècle exports", () => {
  it("R-DATA-1: a preview then its confirmation import divisions, students, guardians and ranked links; the same files again change nothing", async () => {
    const school = await newSchool();
    const exports = family(school, 6);
    const p = await preview(school, exports);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.plan.counts).toMatchObject({ divisionsAdded: 2, studentsAdded: 6, guardiansAdded: 12, linksAdded: 12, otherContactsIgnored: 6 });
    expect((await studentsOf(school)).length).toBe(0); // a preview writes nothing but itself
    const applied = await applyImport(t.db, school.head, school.scope, p.importId, NOW);
    expect(applied).toMatchObject({ alreadyApplied: false, counts: { studentsAdded: 6, guardiansAdded: 12, linksAdded: 12 } });
    expect((await studentsOf(school)).map((s) => [s.siecle_id, s.division])).toEqual([
      ["1001", "3B"],
      ["1002", "3A"],
      ["1003", "3B"],
      ["1004", "3A"],
      ["1005", "3B"],
      ["1006", "3A"],
    ]);
    const links = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from student_guardians sg join students s on s.id = sg.student_id where s.school_id = ${school.id}`,
    );
    expect(links.rows[0]!.n).toBe(12);
    const stored = await t.db.execute<{ state: string; payload: unknown }>(sql`select state, payload from siecle_imports where id = ${p.importId}`);
    expect(stored.rows[0]).toEqual({ state: "applied", payload: null });
    const audit = await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${p.importId} order by at, id`);
    expect(audit.rows.map((a) => a.action)).toEqual(["siecle_import.preview", "siecle_import.apply"]);

    const again = await preview(school, exports);
    expect(again.ok && isEmptyPlan(again.plan)).toBe(true);
    const before = await state();
    if (again.ok) await applyImport(t.db, school.head, school.scope, again.importId, NOW);
    const after = await state();
    // Only the import's own row and its audit lines differ.
    expect(after.split("|").slice(0, 5)).toEqual(before.split("|").slice(0, 5));
  });

  it("R-DATA-1: a student who changes division keeps their row and everything entered for them", async () => {
    const school = await newSchool();
    await importNow(school, family(school, 2));
    const [s] = await studentsOf(school);
    expect(s!.division).toBe("3B");
    // A guardian's validated intentions and the school's avis on the student's request.
    const g = await t.db.execute<{ guardian_id: string }>(sql`select guardian_id from student_guardians where student_id = ${s!.id} and rank = 1`);
    const acc = await t.db.execute<{ id: string }>(
      sql`insert into accounts (role, display_name, login, guardian_id) values ('guardian', 'Parent', ${`parent.move.${t.name}`}, ${g.rows[0]!.guardian_id}) returning id`,
    );
    await t.db.execute(sql`
      with fr as (insert into family_requests (student_id, phase, holder_account_id, holder_name, validated_at) values (${s!.id}, 'provisional', ${acc.rows[0]!.id}, 'Parent', ${NOW}) returning id)
      insert into family_request_items (request_id, rank, track) select id, 1, '2GT' from fr`);
    await t.db.execute(sql`
      with sr as (insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values (${s!.id}, 'provisional', 'school', 'Chef', ${NOW}) returning id),
           it as (insert into school_request_items (request_id, rank, track) select id, 1, '2GT' from sr returning id)
      insert into opinions (item_id, student_id, value, entered_at, entered_by_name, updated_at) select id, ${s!.id}, 'favorable', ${NOW}, 'Chef', ${NOW} from it`);

    const exports = family(school, 2);
    (exports[0] as Extract<SiecleExport, { kind: "eleves" }>).students[0]!.divisionCode = "3C";
    const p = await preview(school, exports);
    expect(p.ok && p.plan.studentsMoved).toEqual([{ id: s!.id, name: "NOM1 Prénom1", from: "3B", to: "3C" }]);
    await applyImport(t.db, school.head, school.scope, (p as { importId: string }).importId, NOW);
    const moved = (await studentsOf(school)).find((x) => x.siecle_id === "1001")!;
    expect(moved).toMatchObject({ id: s!.id, division: "3C" });
    const kept = await t.db.execute<{ fr: number; op: number; links: number }>(sql`select
        (select count(*)::int from family_requests where student_id = ${s!.id}) as fr,
        (select count(*)::int from opinions where student_id = ${s!.id}) as op,
        (select count(*)::int from student_guardians where student_id = ${s!.id}) as links`);
    expect(kept.rows[0]).toEqual({ fr: 1, op: 1, links: 2 });
  });

  it("R-DATA-1: a student with a DATE_SORTIE, or absent from the élèves export, is marked left, never deleted", async () => {
    const school = await newSchool();
    await importNow(school, family(school, 3));
    const exports = family(school, 3);
    const el = exports[0] as Extract<SiecleExport, { kind: "eleves" }>;
    el.students[0]!.leftOn = "2026-11-20";
    el.students.splice(1, 1); // student 2 no longer in the school's base
    const resp = exports[1] as Extract<SiecleExport, { kind: "responsables" }>;
    resp.links = resp.links.filter((l) => l.studentSiecleId !== "1002");
    const applied = await importNow(school, exports);
    expect(applied.counts).toMatchObject({ studentsLeft: 2, studentsAdded: 0 });
    expect((await studentsOf(school)).map((s) => [s.siecle_id, s.left_on])).toEqual([
      ["1001", "2026-11-20"],
      ["1002", "2026-11-30"],
      ["1003", null],
    ]);
    // Their guardians' links stay: a student who left stays readable with their family.
    const links = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from student_guardians sg join students s on s.id = sg.student_id where s.school_id = ${school.id}`,
    );
    expect(links.rows[0]!.n).toBe(6);
  });

  it("R-DATA-1: a guardian's new e-mail in Siècle replaces the old one; an empty one never erases it", async () => {
    const school = await newSchool();
    await importNow(school, family(school, 1));
    const exports = family(school, 1);
    const resp = exports[1] as Extract<SiecleExport, { kind: "responsables" }>;
    resp.guardians[0]!.email = "Nouvelle.Adresse@exemple.fr";
    resp.guardians[1]!.email = null;
    const applied = await importNow(school, exports);
    expect(applied.counts).toMatchObject({ guardiansChanged: 1, guardiansAdded: 0 });
    const g = await t.db.execute<{ email: string }>(sql`
      select g.email from guardians g join guardian_siecle_ids gs on gs.guardian_id = g.id where gs.school_id = ${school.id} order by gs.siecle_id`);
    expect(g.rows.map((r) => r.email)).toEqual(["Nouvelle.Adresse@exemple.fr", `p2.${seq}@exemple.fr`]); // 5003, another contact, is not imported
  });

  it("R-DATA-1: a parent with children in two schools of the académie is one guardian (same e-mail and names)", async () => {
    const a = await newSchool();
    await importNow(a, exportsOf(a, [eleve(a, 1)], [personne(1, { email: "famille.commune@exemple.fr" })], [lien(1, 1, 1)]));
    const b = await newSchool();
    await importNow(
      b,
      exportsOf(b, [eleve(b, 1)], [personne(7, { lastName: "PARENT1", firstName: "Dominique1", email: "FAMILLE.COMMUNE@exemple.fr" })], [lien(1, 7, 1)]),
    );
    const r = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from guardians where lower(email) = 'famille.commune@exemple.fr'`);
    expect(r.rows[0]!.n).toBe(1);
  });

  it("R-DATA-1: a link to a student unknown in the file and in the school is refused with its line, and the database is unchanged", async () => {
    const school = await newSchool();
    const exports = exportsOf(school, [eleve(school, 1)], [personne(1)], [lien(1, 1, 1), lien(77, 1, 1, 314)]);
    const before = await state();
    const p = await preview(school, exports);
    expect(p).toEqual({ ok: false, errors: [expect.objectContaining({ code: "UNKNOWN_STUDENT", line: 314, fileName: "ResponsablesAvecAdresses.xml" })] });
    expect(await state()).toBe(before);
  });

  it("R-DATA-1: another school's export, or another year's, is refused with a French message, and the database is unchanged", async () => {
    const school = await newSchool();
    const other = family(school, 1).map((e) => ({ ...e, uai: "0380999Z" }));
    const before = await state();
    const p = await preview(school, other);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.errors.map((e) => e.code)).toEqual(["OTHER_SCHOOL", "OTHER_SCHOOL"]);
    const nextYear = await preview(
      school,
      family(school, 1).map((e) => ({ ...e, schoolYear: "2027-2028" })),
    );
    expect(!nextYear.ok && nextYear.errors[0]!.message).toMatch(/année scolaire 2027-2028.*Passez d'abord votre établissement à la nouvelle année/);
    expect(await state()).toBe(before);
  });

  it("R-DATA-1: a confirmation after the school's data changed is refused and changes nothing", async () => {
    const school = await newSchool();
    await importNow(school, family(school, 2));
    const exports = family(school, 2);
    (exports[0] as Extract<SiecleExport, { kind: "eleves" }>).students[0]!.lastName = "RENOMMÉ";
    const id = await previewed(school, exports);
    await t.db.execute(
      sql`update guardians set email = 'saisie.ecole@exemple.fr' where id in (select guardian_id from guardian_siecle_ids where school_id = ${school.id} and siecle_id = '5002')`,
    );
    expect((await readStoredPreview(t.db, school.scope, id, NOW))!.stale).toBe(true);
    const before = await state();
    expect(await codeOf(applyImport(t.db, school.head, school.scope, id, NOW))).toBe("IMPORT_STALE");
    expect(await state()).toBe(before);
  });

  it("R-DATA-1: two confirmations at once apply the import once", async () => {
    const school = await newSchool();
    const id = await previewed(school, family(school, 20));
    const results = await Promise.all([applyImport(t.db, school.head, school.scope, id, NOW), applyImport(t.db, school.head, school.scope, id, NOW)]);
    expect(results.map((r) => r.alreadyApplied).sort()).toEqual([false, true]);
    expect((await studentsOf(school)).length).toBe(20);
    const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'siecle_import.apply'`);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it("R-DATA-1: a preview left unconfirmed for a day is abandoned by the worker's job, its files dropped; then it cannot be confirmed", async () => {
    const school = await newSchool();
    const fresh = await previewed(school, family(school, 1));
    const old = await previewed(school, family(school, 2));
    await t.db.execute(
      sql`update siecle_imports set created_at = ${new Date(NOW.getTime() - IMPORT_PREVIEW_TTL_MS - 1000).toISOString()}::timestamptz where id = ${old}`,
    );
    const runs = await Promise.all([
      dropStalePreviews({ db: t.db, now: NOW, mailer: null, log: silentLog }),
      dropStalePreviews({ db: t.db, now: NOW, mailer: null, log: silentLog }),
    ]);
    expect(runs.sort()).toEqual([0, 1]);
    const rows = await t.db.execute<{ id: string; state: string; has_payload: boolean }>(
      sql`select id, state, payload is not null as has_payload from siecle_imports where id in (${fresh}, ${old})`,
    );
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, [r.state, r.has_payload]]))).toEqual({ [fresh]: ["previewed", true], [old]: ["abandoned", false] });
    expect(await codeOf(applyImport(t.db, school.head, school.scope, old, NOW))).toBe("IMPORT_ABANDONED");
  });

  it("R-DATA-1: a 2,000-student lycée's exports import in one set-based transaction", async () => {
    const school = await newSchool();
    const students = Array.from({ length: 2000 }, (_, i) =>
      eleve(school, i + 1, { mefCode: "20010018110", divisionCode: `2-${String((i % 60) + 1).padStart(2, "0")}` }),
    );
    const guardians = Array.from({ length: 4000 }, (_, i) => personne(i + 1));
    const links = students.flatMap((_, i) => [lien(i + 1, 2 * i + 1, 1), lien(i + 1, 2 * i + 2, 2)]);
    const exports = exportsOf(school, students, guardians, links);
    let t0 = performance.now();
    const id = await previewed(school, exports);
    const previewMs = performance.now() - t0;
    t0 = performance.now();
    const applied = await applyImport(t.db, school.head, school.scope, id, NOW);
    const applyMs = performance.now() - t0;
    console.log(`R-DATA-1: 2,000 students, 4,000 guardians, 4,000 links: preview ${previewMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms`);
    expect(applied.counts).toMatchObject({ studentsAdded: 2000, guardiansAdded: 4000, linksAdded: 4000, divisionsAdded: 60 });
    t0 = performance.now();
    const again = await preview(school, exports);
    console.log(`R-DATA-1: the same 2,000-student files again: preview ${(performance.now() - t0).toFixed(0)} ms`);
    expect(again.ok && isEmptyPlan(again.plan)).toBe(true);
  });
});
