import { and, eq, sql } from "drizzle-orm";
import { isAdult } from "@/lib/domain/calendar";
import { parisDayKey } from "@/lib/domain/paris-time";
import { fileClosure } from "@/lib/domain/school-year";
import type { Actor, DivisionScope, SchoolScope, StudentScope } from "@/lib/auth/policy";
import type { Queryable } from "../client";
import { preparedOnce } from "../read-together";
import type { SessionTimes } from "@/lib/auth/session-lifecycle";
import { accounts, authSessions, divisions, homeroomDivisions, schools, studentGuardians, students } from "../schema";

const homeroomDivisionIds = sql<
  string[]
>`array(select ${homeroomDivisions.divisionId} from ${homeroomDivisions} where ${homeroomDivisions.accountId} = ${accounts.id})`;

function actorOf(a: typeof accounts.$inferSelect, homeroom: string[]): Actor {
  return {
    accountId: a.id,
    role: a.role,
    displayName: a.displayName,
    guardianId: a.guardianId,
    studentId: a.studentId,
    schoolId: a.schoolId,
    academyId: a.academyId,
    delegatedByHead: a.delegatedByHead,
    homeroomDivisionIds: a.role === "homeroom" ? homeroom : [],
    mustChangePassword: a.mustChangePassword,
    locale: a.locale === "en" || a.locale === "ar" ? a.locale : "fr",
  };
}

/** What the policy needs to know about an account (lib/auth/policy.ts Actor). */
export async function findActor(q: Queryable, accountId: string): Promise<Actor | null> {
  const [r] = await q
    .select({ account: accounts, homeroom: homeroomDivisionIds })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.disabled, false)));
  return r ? actorOf(r.account, r.homeroom) : null;
}

/**
 * A signed-in request's one read (docs/performance.md): the server-side session's times and its
 * account as an actor, in one statement. Null when the session is unknown or belongs to another
 * account; the actor is null when the account is disabled.
 */
export async function findSessionActor(q: Queryable, sessionId: string, accountId: string): Promise<{ session: SessionTimes; actor: Actor | null } | null> {
  if (!isUuid(sessionId) || !isUuid(accountId)) return null;
  const statement = preparedOnce(q, "session_actor", (db) =>
    db
      .select({ endedAt: authSessions.endedAt, expiresAt: authSessions.expiresAt, account: accounts, homeroom: homeroomDivisionIds })
      .from(authSessions)
      .innerJoin(accounts, eq(accounts.id, authSessions.accountId))
      .where(and(eq(authSessions.id, sql.placeholder("sessionId")), eq(authSessions.accountId, sql.placeholder("accountId"))))
      .prepare("session_actor"),
  );
  const [r] = await statement.execute({ sessionId, accountId });
  if (!r) return null;
  return { session: { endedAt: r.endedAt, expiresAt: r.expiresAt }, actor: r.account.disabled ? null : actorOf(r.account, r.homeroom) };
}

/** The scope of one student's file, or null when the id is unknown (answered as a 404). */
export async function findStudentScope(q: Queryable, studentId: string, now: Date): Promise<StudentScope | null> {
  if (!isUuid(studentId)) return null;
  const statement = preparedOnce(q, "student_scope", (db) =>
    db
      .select({
        id: students.id,
        divisionId: students.divisionId,
        schoolId: students.schoolId,
        academyId: schools.academyId,
        birthDate: students.birthDate,
        schoolYear: students.schoolYear,
        leftOn: students.leftOn,
        openYear: schools.schoolYear,
        guardianIds: sql<string[]>`array(select ${studentGuardians.guardianId} from ${studentGuardians} where ${studentGuardians.studentId} = ${students.id})`,
      })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(eq(students.id, sql.placeholder("studentId")))
      .prepare("student_scope"),
  );
  const [s] = await statement.execute({ studentId });
  if (!s) return null;
  return {
    type: "student",
    studentId: s.id,
    divisionId: s.divisionId,
    schoolId: s.schoolId,
    academyId: s.academyId,
    guardianIds: s.guardianIds,
    studentIsAdult: isAdult(s.birthDate, now),
    closed: fileClosure(s, s.openYear, parisDayKey(now)),
  };
}

export async function findDivisionScope(q: Queryable, divisionId: string): Promise<DivisionScope | null> {
  if (!isUuid(divisionId)) return null;
  const [d] = await q
    .select({
      divisionId: divisions.id,
      schoolId: divisions.schoolId,
      academyId: schools.academyId,
      closed: sql<boolean>`${divisions.schoolYear} <> ${schools.schoolYear}`.mapWith(Boolean),
    })
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
