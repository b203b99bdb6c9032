import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import {
  academies, accounts, campaignWindows, classCouncils, divisions, familyAcknowledgements, familyPublishedDecisions,
  familyPublishedOpinions, familyRequests, homeroomDivisions, schoolFamilyEntries, schoolServiceClosures, schools,
  studentGuardians, students, syncRuns,
} from "../schema";
import type { Level, Phase } from "@/lib/domain/tracks";

/** The students of a guardian (or the one student of a student account), with their school and division. */
export async function findFamilyStudents(q: Queryable, by: { guardianId: string } | { studentId: string }) {
  const base = q
    .select({
      id: students.id, firstName: students.firstName, lastName: students.lastName, birthDate: students.birthDate,
      outOfProcedureReason: students.outOfProcedureReason, divisionId: divisions.id, divisionCode: divisions.code,
      level: divisions.level, schoolId: schools.id, schoolName: schools.name, academyId: schools.academyId, termMode: schools.termMode,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .innerJoin(schools, eq(schools.id, students.schoolId));
  if ("guardianId" in by) {
    return base
      .innerJoin(studentGuardians, eq(studentGuardians.studentId, students.id))
      .where(eq(studentGuardians.guardianId, by.guardianId))
      .orderBy(asc(students.firstName));
  }
  return base.where(eq(students.id, by.studentId));
}

export async function findCampaignWindows(q: Queryable, academyId: string, schoolYear: string) {
  return q.select().from(campaignWindows).where(and(eq(campaignWindows.academyId, academyId), eq(campaignWindows.schoolYear, schoolYear)));
}

export async function findServiceClosures(q: Queryable, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return q.select().from(schoolServiceClosures).where(inArray(schoolServiceClosures.schoolId, schoolIds));
}

export async function findCouncils(q: Queryable, divisionIds: string[], phase: Phase) {
  if (divisionIds.length === 0) return [];
  return q.select().from(classCouncils).where(and(inArray(classCouncils.divisionId, divisionIds), eq(classCouncils.phase, phase)));
}

/** Family-side facts of the provisional phase for a set of students (validated entry, avis, acknowledgement, decision). */
export async function findFamilyFacts(q: Queryable, studentIds: string[]) {
  if (studentIds.length === 0) return { requests: [], opinions: [], acks: [], decisions: [] };
  const [requests, opinions, acks, decisions] = await Promise.all([
    q.select({ studentId: familyRequests.studentId, holderName: familyRequests.holderName, validatedAt: familyRequests.validatedAt })
      .from(familyRequests).where(and(inArray(familyRequests.studentId, studentIds), eq(familyRequests.phase, "provisional"))),
    q.selectDistinct({ studentId: familyPublishedOpinions.studentId }).from(familyPublishedOpinions).where(inArray(familyPublishedOpinions.studentId, studentIds)),
    q.select().from(familyAcknowledgements).where(inArray(familyAcknowledgements.studentId, studentIds)),
    q.select({ studentId: familyPublishedDecisions.studentId }).from(familyPublishedDecisions).where(inArray(familyPublishedDecisions.studentId, studentIds)),
  ]);
  return { requests, opinions, acks, decisions };
}

export type DivisionSummary = {
  id: string; code: string; level: Level; mefLabel: string; students: number; inProcedure: number;
  familyEntries: number; councilOpen: boolean; councilDate: Date | null;
};

/** The back-office home: divisions of a school (or only some) with their counts. */
export async function findDivisionSummaries(q: Queryable, schoolId: string, onlyDivisionIds?: readonly string[]): Promise<DivisionSummary[]> {
  if (onlyDivisionIds && onlyDivisionIds.length === 0) return [];
  const rows = await q
    .select({
      id: divisions.id, code: divisions.code, level: divisions.level, mefLabel: divisions.mefLabel,
      students: sql<number>`count(distinct ${students.id})::int`,
      inProcedure: sql<number>`count(distinct ${students.id}) filter (where ${students.outOfProcedureReason} is null)::int`,
      familyEntries: sql<number>`count(distinct ${schoolFamilyEntries.studentId})::int`,
      councilState: classCouncils.state,
      councilDate: classCouncils.scheduledAt,
    })
    .from(divisions)
    .leftJoin(students, eq(students.divisionId, divisions.id))
    .leftJoin(schoolFamilyEntries, and(eq(schoolFamilyEntries.studentId, students.id), eq(schoolFamilyEntries.phase, "provisional")))
    .leftJoin(classCouncils, and(eq(classCouncils.divisionId, divisions.id), eq(classCouncils.phase, "provisional")))
    .where(onlyDivisionIds ? and(eq(divisions.schoolId, schoolId), inArray(divisions.id, [...onlyDivisionIds])) : eq(divisions.schoolId, schoolId))
    .groupBy(divisions.id, classCouncils.state, classCouncils.scheduledAt)
    .orderBy(asc(divisions.code));
  return rows.map((r) => ({ ...r, councilOpen: r.councilState === "open", councilDate: r.councilDate }));
}

export async function findSchool(q: Queryable, schoolId: string) {
  const [s] = await q.select().from(schools).where(eq(schools.id, schoolId));
  return s ?? null;
}

export async function findAcademy(q: Queryable, academyId: string) {
  const [a] = await q.select().from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

/** The académie home: its schools with counts of students, online entries received and acknowledgements. */
export async function findSchoolSummaries(q: Queryable, academyId: string) {
  return q
    .select({
      id: schools.id, uai: schools.uai, name: schools.name, city: schools.city,
      divisions: sql<number>`(select count(*) from ${divisions} d where d.school_id = "schools"."id")::int`,
      students: sql<number>`(select count(*) from ${students} s where s.school_id = "schools"."id" and s.out_of_procedure_reason is null)::int`,
      familyEntries: sql<number>`(select count(*) from ${schoolFamilyEntries} e join ${students} s on s.id = e.student_id where s.school_id = "schools"."id" and e.phase = 'provisional')::int`,
      councilsOpen: sql<number>`(select count(*) from ${classCouncils} c join ${divisions} d on d.id = c.division_id where d.school_id = "schools"."id" and c.state = 'open' and c.phase = 'provisional')::int`,
    })
    .from(schools)
    .where(eq(schools.academyId, academyId))
    .orderBy(asc(schools.name));
}

/** The admin home: the platform's académies, schools and accounts, and the last transfers. */
export async function findPlatformSummary(q: Queryable) {
  const [acads, schoolCount, accountCounts, runs] = await Promise.all([
    q.select({ id: academies.id, name: academies.name, schools: sql<number>`(select count(*) from ${schools} s where s.academy_id = "academies"."id")::int` }).from(academies).orderBy(asc(academies.name)),
    q.select({ n: count() }).from(schools),
    q.select({ role: accounts.role, n: count() }).from(accounts).where(eq(accounts.disabled, false)).groupBy(accounts.role),
    q.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(5),
  ]);
  return { academies: acads, schools: schoolCount[0]?.n ?? 0, accounts: accountCounts, runs };
}

export async function findHomeroomDivisionIds(q: Queryable, accountId: string): Promise<string[]> {
  const rows = await q.select({ id: homeroomDivisions.divisionId }).from(homeroomDivisions).where(eq(homeroomDivisions.accountId, accountId));
  return rows.map((r) => r.id);
}

