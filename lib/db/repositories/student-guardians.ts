import { asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../client";
import { guardians, studentGuardians } from "../schema";

/** The guardians of these students (one or two each), by rank: who they are and their e-mail address. */
export async function findGuardiansOfStudents(q: Queryable, studentIds: readonly string[]) {
  if (studentIds.length === 0) return [];
  return q
    .select({
      studentId: studentGuardians.studentId,
      id: guardians.id,
      rank: studentGuardians.rank,
      civility: guardians.civility,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      email: guardians.email,
    })
    .from(studentGuardians)
    .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
    .where(inArray(studentGuardians.studentId, [...studentIds]))
    .orderBy(asc(studentGuardians.rank));
}
