import { and, asc, eq } from "drizzle-orm";
import type { Level } from "@/lib/domain/tracks";
import type { Queryable } from "../client";
import { accounts, divisions, guardians, studentGuardians, students } from "../schema";

/**
 * R-FIN-13: what the simulation d'accès needs about a student: the level of their division, and
 * each guardian by rank with the account they sign in with (null: no account, or disabled).
 */
export async function findSimulationFacts(q: Queryable, studentId: string) {
  const [s] = await q
    .select({ level: divisions.level })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .where(eq(students.id, studentId));
  if (!s) return null;
  const gs = await q
    .select({
      id: guardians.id,
      rank: studentGuardians.rank,
      civility: guardians.civility,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      accountId: accounts.id,
    })
    .from(studentGuardians)
    .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
    .leftJoin(accounts, and(eq(accounts.guardianId, guardians.id), eq(accounts.disabled, false)))
    .where(eq(studentGuardians.studentId, studentId))
    .orderBy(asc(studentGuardians.rank));
  return { level: s.level as Level, guardians: gs };
}
