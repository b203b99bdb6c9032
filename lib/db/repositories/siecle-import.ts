import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { schools, siecleImports } from "@/lib/db/schema";
import type { Civility, ImportSnapshot, StudentFields } from "@/lib/domain/siecle/plan";
import type { Level } from "@/lib/domain/tracks";

/*
 * R-DATA-1: the queries of the Siècle import. Reads give the school's open year as the plan sees
 * it (lib/domain/siecle/plan.ts); writes are set-based: one statement per kind of row, the rows
 * as one jsonb parameter (a 2,000-student lycée imports in a handful of statements).
 */

export type ImportSchool = { id: string; uai: string; schoolYear: string; academyId: string; name: string };

export async function findImportSchool(q: Queryable, schoolId: string): Promise<ImportSchool | null> {
  const [s] = await q
    .select({ id: schools.id, uai: schools.uai, schoolYear: schools.schoolYear, academyId: schools.academyId, name: schools.name })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return s ?? null;
}

/** One import at a time per school: the school's row is locked until the transaction ends. */
export async function lockSchoolForImport(q: Queryable, schoolId: string): Promise<void> {
  await q.execute(sql`select id from schools where id = ${schoolId} for no key update`);
}

/**
 * The school's open year as the plan reads it, with the académie's guardians whose e-mail is one
 * of `emails` (lower-case). Ordered, so that its fingerprint changes only when the data does.
 */
export async function readImportSnapshot(q: Queryable, school: ImportSchool, emails: readonly string[]): Promise<ImportSnapshot> {
  const year = school.schoolYear;
  const divisions = await q.execute<{ id: string; code: string; level: Level }>(
    sql`select id, code, level::text as level from divisions where school_id = ${school.id} and school_year = ${year} order by code, id`,
  );
  const students = await q.execute<{
    id: string;
    siecle_id: string | null;
    ine: string;
    division_id: string;
    last_name: string;
    first_name: string;
    birth_date: string;
    mef_code: string | null;
    entered_on: string | null;
    left_on: string | null;
  }>(sql`select id, siecle_id, ine, division_id, last_name, first_name, birth_date::text as birth_date, mef_code,
              entered_on::text as entered_on, left_on::text as left_on
         from students where school_id = ${school.id} and school_year = ${year} order by id`);
  // A link is "held" when its guardian entered something for that student (R-DATA-1: such a link is never removed by an import).
  const links = await q.execute<{ student_id: string; guardian_id: string; rank: number; held: boolean }>(sql`
    select sg.student_id, sg.guardian_id, sg.rank,
           (exists (select 1 from family_requests fr join accounts a on a.id = fr.holder_account_id where fr.student_id = sg.student_id and a.guardian_id = sg.guardian_id)
            or exists (select 1 from family_acknowledgements fa join accounts a on a.id = fa.account_id where fa.student_id = sg.student_id and a.guardian_id = sg.guardian_id)
            or exists (select 1 from family_answers fn join accounts a on a.id = fn.account_id where fn.student_id = sg.student_id and a.guardian_id = sg.guardian_id)
            or exists (select 1 from family_agreements fg where fg.student_id = sg.student_id and fg.guardian_id = sg.guardian_id)
            or exists (select 1 from school_agreements sa where sa.student_id = sg.student_id and sa.guardian_id = sg.guardian_id)) as held
      from student_guardians sg join students s on s.id = sg.student_id
     where s.school_id = ${school.id} and s.school_year = ${year}
     order by sg.student_id, sg.rank`);
  const guardians = await q.execute<{
    id: string;
    civility: Civility | null;
    first_name: string;
    last_name: string;
    email: string | null;
    siecle_ids: string[];
    in_academy: boolean;
  }>(sql`
    with cand as (
      select sg.guardian_id as id from student_guardians sg join students s on s.id = sg.student_id where s.school_id = ${school.id} and s.school_year = ${year}
      union select guardian_id from guardian_siecle_ids where school_id = ${school.id}
      union select id from guardians where lower(email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
    )
    select g.id, g.civility::text as civility, g.first_name, g.last_name, g.email,
           coalesce((select array_agg(gs.siecle_id order by gs.siecle_id) from guardian_siecle_ids gs where gs.guardian_id = g.id and gs.school_id = ${school.id}), '{}') as siecle_ids,
           exists (select 1 from student_guardians sg join students s on s.id = sg.student_id join schools sc on sc.id = s.school_id
                    where sg.guardian_id = g.id and sc.academy_id = ${school.academyId}) as in_academy
      from guardians g join cand on cand.id = g.id
     order by g.id`);
  return {
    school: { id: school.id, uai: school.uai, schoolYear: year },
    divisions: divisions.rows.map((d) => ({ id: d.id, code: d.code, level: d.level })),
    students: students.rows.map((s) => ({
      id: s.id,
      siecleId: s.siecle_id,
      ine: s.ine,
      divisionId: s.division_id,
      lastName: s.last_name,
      firstName: s.first_name,
      birthDate: s.birth_date,
      mefCode: s.mef_code,
      enteredOn: s.entered_on,
      leftOn: s.left_on,
    })),
    guardians: guardians.rows.map((g) => ({
      id: g.id,
      civility: g.civility,
      firstName: g.first_name,
      lastName: g.last_name,
      email: g.email,
      siecleIds: g.siecle_ids,
      inAcademy: g.in_academy,
    })),
    links: links.rows.map((l) => ({ studentId: l.student_id, guardianId: l.guardian_id, rank: Number(l.rank), held: l.held })),
  };
}

const rows = (v: unknown[]) => sql`${JSON.stringify(v)}::jsonb`;

export async function insertDivisions(
  q: Queryable,
  schoolId: string,
  list: { code: string; level: Level; mefCode: string; mefLabel: string }[],
): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    insert into divisions (school_id, code, level, mef_code, mef_label)
    select ${schoolId}, x.code, x.level::level, x."mefCode", x."mefLabel"
      from jsonb_to_recordset(${rows(list)}) as x(code text, level text, "mefCode" text, "mefLabel" text)`);
}

type StudentRow = StudentFields & { id: string };
const STUDENT_RECORD = sql.raw(
  `x(id uuid, ine text, "siecleId" text, "lastName" text, "firstName" text, "birthDate" date, "mefCode" text, "enteredOn" date, "leftOn" date, "divisionCode" text)`,
);

/** New students, in their division of the school's open year (by code). Returns how many were written. */
export async function insertStudents(q: Queryable, schoolId: string, year: string, list: StudentRow[]): Promise<number> {
  if (list.length === 0) return 0;
  const r = await q.execute(sql`
    insert into students (id, ine, school_id, division_id, last_name, first_name, birth_date, siecle_id, mef_code, entered_on, left_on)
    select x.id, x.ine, ${schoolId}, d.id, x."lastName", x."firstName", x."birthDate", x."siecleId", x."mefCode", x."enteredOn", x."leftOn"
      from jsonb_to_recordset(${rows(list)}) as ${STUDENT_RECORD}
      join divisions d on d.school_id = ${schoolId} and d.school_year = ${year} and d.code = x."divisionCode"`);
  return r.rowCount ?? 0;
}

/** Existing students of the school's open year: the same rows, their fields and division set (a move keeps the row). */
export async function updateStudents(q: Queryable, schoolId: string, year: string, list: StudentRow[]): Promise<number> {
  if (list.length === 0) return 0;
  const r = await q.execute(sql`
    update students s
       set ine = x.ine, siecle_id = x."siecleId", last_name = x."lastName", first_name = x."firstName", birth_date = x."birthDate",
           mef_code = x."mefCode", entered_on = x."enteredOn", left_on = x."leftOn", division_id = d.id
      from jsonb_to_recordset(${rows(list)}) as ${STUDENT_RECORD}
      join divisions d on d.school_id = ${schoolId} and d.school_year = ${year} and d.code = x."divisionCode"
     where s.id = x.id and s.school_id = ${schoolId} and s.school_year = ${year}`);
  return r.rowCount ?? 0;
}

type GuardianRow = { id: string; civility: Civility | null; lastName: string; firstName: string; email: string | null };
const GUARDIAN_RECORD = sql.raw(`x(id uuid, civility text, "lastName" text, "firstName" text, email text)`);

export async function insertGuardians(q: Queryable, list: GuardianRow[]): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    insert into guardians (id, civility, last_name, first_name, email)
    select x.id, x.civility::civility, x."lastName", x."firstName", x.email from jsonb_to_recordset(${rows(list)}) as ${GUARDIAN_RECORD}`);
}

export async function updateGuardians(q: Queryable, list: GuardianRow[]): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    update guardians g set civility = x.civility::civility, last_name = x."lastName", first_name = x."firstName", email = x.email
      from jsonb_to_recordset(${rows(list)}) as ${GUARDIAN_RECORD} where g.id = x.id`);
}

export async function insertGuardianSiecleIds(q: Queryable, schoolId: string, list: { guardianId: string; siecleId: string }[]): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    insert into guardian_siecle_ids (school_id, siecle_id, guardian_id)
    select ${schoolId}, x."siecleId", x."guardianId" from jsonb_to_recordset(${rows(list)}) as x("siecleId" text, "guardianId" uuid)
    on conflict do nothing`);
}

export async function deleteLinks(q: Queryable, list: { studentId: string; guardianId: string }[]): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    delete from student_guardians sg using jsonb_to_recordset(${rows(list)}) as x("studentId" uuid, "guardianId" uuid)
     where sg.student_id = x."studentId" and sg.guardian_id = x."guardianId"`);
}

export async function insertLinks(q: Queryable, list: { studentId: string; guardianId: string; rank: number }[]): Promise<void> {
  if (list.length === 0) return;
  await q.execute(sql`
    insert into student_guardians (student_id, guardian_id, rank)
    select x."studentId", x."guardianId", x.rank from jsonb_to_recordset(${rows(list)}) as x("studentId" uuid, "guardianId" uuid, rank int)`);
}

export type ImportFile = { name: string; kind: string; sha256: string; bytes: number };

export async function insertImport(
  q: Queryable,
  row: {
    schoolId: string;
    schoolYear: string;
    files: ImportFile[];
    payload: unknown;
    counts: Record<string, number>;
    basisHash: string;
    accountId: string | null;
    actorName: string;
    createdAt: Date;
  },
): Promise<string> {
  const [r] = await q.insert(siecleImports).values(row).returning({ id: siecleImports.id });
  return r!.id;
}

export type StoredImport = typeof siecleImports.$inferSelect;

/** An import of the school (locked when `forUpdate`), or null. */
export async function findImport(q: Queryable, schoolId: string, importId: string, opts: { forUpdate?: boolean } = {}): Promise<StoredImport | null> {
  const base = q
    .select()
    .from(siecleImports)
    .where(and(eq(siecleImports.id, importId), eq(siecleImports.schoolId, schoolId)));
  const [r] = opts.forUpdate ? await base.for("update") : await base;
  return r ?? null;
}

export async function markImportApplied(q: Queryable, importId: string, counts: Record<string, number>, at: Date): Promise<void> {
  await q.update(siecleImports).set({ state: "applied", payload: null, counts, appliedAt: at }).where(eq(siecleImports.id, importId));
}

export async function markImportAbandoned(q: Queryable, importId: string): Promise<number> {
  const r = await q
    .update(siecleImports)
    .set({ state: "abandoned", payload: null })
    .where(and(eq(siecleImports.id, importId), eq(siecleImports.state, "previewed")))
    .returning({ id: siecleImports.id });
  return r.length;
}

/**
 * R-DATA-1: previews left unconfirmed since before `before` are abandoned and their parsed files
 * (personal data) dropped. One statement: two workers running it at once abandon each row once.
 */
export async function abandonStalePreviews(q: Queryable, before: Date): Promise<number> {
  const r = await q
    .update(siecleImports)
    .set({ state: "abandoned", payload: null })
    .where(and(eq(siecleImports.state, "previewed"), lt(siecleImports.createdAt, before)))
    .returning({ id: siecleImports.id });
  return r.length;
}

/** The school's imports, newest first (without their payloads). */
export async function listImports(q: Queryable, schoolId: string, limit = 50) {
  return q
    .select({
      id: siecleImports.id,
      state: siecleImports.state,
      files: siecleImports.files,
      counts: siecleImports.counts,
      actorName: siecleImports.actorName,
      createdAt: siecleImports.createdAt,
      appliedAt: siecleImports.appliedAt,
      schoolYear: siecleImports.schoolYear,
    })
    .from(siecleImports)
    .where(eq(siecleImports.schoolId, schoolId))
    .orderBy(desc(siecleImports.createdAt))
    .limit(limit);
}
