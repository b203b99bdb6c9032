import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { AcademyParameters } from "@/lib/domain/academy-parameters";
import type { Queryable } from "../client";
import type { AcademyDecisionCounts } from "@/lib/domain/academy-pages";
import { academies, appeals, classCouncils, decisions, divisions, interviews, schoolFamilyEntries, schools, students } from "../schema";

/* An académie (its name and its parameters) and its schools, as the académie's screens show them. */

export async function findAcademy(q: Queryable, academyId: string) {
  const [a] = await q.select().from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

/** R-INT-5, R-2GT-5, R-FIN-11 and the sender address: the parameters the saio sets. */
export async function updateAcademyParameters(q: Queryable, academyId: string, p: AcademyParameters) {
  await q.update(academies).set(p).where(eq(academies.id, academyId));
}

/** R-OVS-5: the pages for families ("" = none) of the académies named, as the family home links them. */
export async function findAcademyFamilyLinks(q: Queryable, academyIds: readonly string[]) {
  if (academyIds.length === 0) return [];
  return q
    .select({ id: academies.id, name: academies.name, resourcesUrl: academies.resourcesUrl, assistanceUrl: academies.assistanceUrl })
    .from(academies)
    .where(inArray(academies.id, [...academyIds]))
    .orderBy(asc(academies.name));
}

/** The académie home: its schools with counts of students and online entries received, hors procédure excluded (R-SCH-12). */
export async function findSchoolSummaries(q: Queryable, academyId: string) {
  return q
    .select({
      id: schools.id,
      uai: schools.uai,
      name: schools.name,
      city: schools.city,
      // R-DATA-3: the school's open year only (its closed years are read back from the school's screens).
      divisions: sql<number>`(select count(*) from ${divisions} d where d.school_id = "schools"."id" and d.school_year = "schools"."school_year")::int`,
      students: sql<number>`(select count(*) from ${students} s where s.school_id = "schools"."id" and s.school_year = "schools"."school_year" and s.out_of_procedure_reason is null)::int`,
      familyEntries: sql<number>`(select count(*) from ${schoolFamilyEntries} e join ${students} s on s.id = e.student_id where s.school_id = "schools"."id" and s.school_year = "schools"."school_year" and s.out_of_procedure_reason is null and e.phase = 'provisional')::int`,
      councilsOpen: sql<number>`(select count(*) from ${classCouncils} c join ${divisions} d on d.id = c.division_id where d.school_id = "schools"."id" and d.school_year = "schools"."school_year" and c.state = 'open' and c.phase = 'provisional')::int`,
    })
    .from(schools)
    .where(eq(schools.academyId, academyId))
    .orderBy(asc(schools.name));
}

/**
 * R-OVS-1 for R-FIN-8, R-FIN-9, R-FIN-11: the decisions per level and voie (and how many differ
 * from the family's request), the interviews and the appeals by outcome, of the académie's
 * schools only; hors procédure excluded (R-SCH-12).
 */
export async function findAcademyDecisionCounts(q: Queryable, academyId: string): Promise<AcademyDecisionCounts> {
  const inAcademy = and(eq(schools.academyId, academyId), eq(students.schoolYear, schools.schoolYear), isNull(students.outOfProcedureReason));
  const [byTrack, byInterview, byAppeal] = await Promise.all([
    q
      .select({
        level: divisions.level,
        track: decisions.track,
        subTrack: decisions.subTrack,
        decisions: count(),
        differing: sql<number>`(count(*) filter (where ${decisions.differsFromRequest}))::int`,
      })
      .from(decisions)
      .innerJoin(students, eq(students.id, decisions.studentId))
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(inAcademy)
      .groupBy(divisions.level, decisions.track, decisions.subTrack),
    q
      .select({ level: divisions.level, interviews: count(), students: sql<number>`(count(distinct ${interviews.studentId}))::int` })
      .from(interviews)
      .innerJoin(students, eq(students.id, interviews.studentId))
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(inAcademy)
      .groupBy(divisions.level),
    q
      .select({ level: divisions.level, outcome: appeals.outcome, appeals: count() })
      .from(appeals)
      .innerJoin(students, eq(students.id, appeals.studentId))
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(inAcademy)
      .groupBy(divisions.level, appeals.outcome),
  ]);
  return { byTrack, byInterview, byAppeal };
}
