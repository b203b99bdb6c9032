import { and, eq } from "drizzle-orm";
import { isAdult } from "@/lib/domain/calendar";
import type { Actor, DivisionScope, SchoolScope, StudentScope } from "@/lib/auth/policy";
import type { Queryable } from "../client";
import { accounts, divisions, homeroomDivisions, schools, studentGuardians, students } from "../schema";

/** What the policy needs to know about an account (lib/auth/policy.ts Actor). */
export async function findActor(q: Queryable, accountId: string): Promise<Actor | null> {
  const [a] = await q
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.disabled, false)));
  if (!a) return null;
  const homeroom =
    a.role === "homeroom"
      ? await q.select({ divisionId: homeroomDivisions.divisionId }).from(homeroomDivisions).where(eq(homeroomDivisions.accountId, a.id))
      : [];
  return {
    accountId: a.id,
    role: a.role,
    displayName: a.displayName,
    guardianId: a.guardianId,
    studentId: a.studentId,
    schoolId: a.schoolId,
    academyId: a.academyId,
    delegatedByHead: a.delegatedByHead,
    homeroomDivisionIds: homeroom.map((h) => h.divisionId),
    mustChangePassword: a.mustChangePassword,
  };
}

/** The scope of one student's file, or null when the id is unknown (answered as a 404). */
export async function findStudentScope(q: Queryable, studentId: string, now: Date): Promise<StudentScope | null> {
  if (!isUuid(studentId)) return null;
  const [s] = await q
    .select({ id: students.id, divisionId: students.divisionId, schoolId: students.schoolId, academyId: schools.academyId, birthDate: students.birthDate })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, studentId));
  if (!s) return null;
  const g = await q.select({ guardianId: studentGuardians.guardianId }).from(studentGuardians).where(eq(studentGuardians.studentId, studentId));
  return {
    type: "student",
    studentId: s.id,
    divisionId: s.divisionId,
    schoolId: s.schoolId,
    academyId: s.academyId,
    guardianIds: g.map((r) => r.guardianId),
    studentIsAdult: isAdult(s.birthDate, now),
  };
}

export async function findDivisionScope(q: Queryable, divisionId: string): Promise<DivisionScope | null> {
  if (!isUuid(divisionId)) return null;
  const [d] = await q
    .select({ divisionId: divisions.id, schoolId: divisions.schoolId, academyId: schools.academyId })
    .from(divisions)
    .innerJoin(schools, eq(schools.id, divisions.schoolId))
    .where(eq(divisions.id, divisionId));
  return d ? { type: "division", ...d } : null;
}

export async function findSchoolScope(q: Queryable, schoolId: string): Promise<SchoolScope | null> {
  if (!isUuid(schoolId)) return null;
  const [s] = await q.select({ schoolId: schools.id, academyId: schools.academyId }).from(schools).where(eq(schools.id, schoolId));
  return s ? { type: "school", ...s } : null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
