import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { schoolFamilyToInform } from "../schema";
import type { Phase } from "@/lib/domain/tracks";

/*
 * R-SCH-9, per phase: "famille à informer". Raised when the school changes what the family was
 * already shown (provisional: avis after the acknowledgement; final: proposals after their
 * publication), cleared when the head marks the family informed, who and when kept.
 */

export type FamilyToInformRow = { studentId: string; phase: Phase; toInform: boolean; flaggedAt: Date; informedAt: Date | null; informedByName: string | null };

/** Raises the flag of these students for the phase (again, if it had been cleared). */
export async function flagFamilyToInform(q: Queryable, studentIds: readonly string[], phase: Phase, at: Date): Promise<void> {
  if (studentIds.length === 0) return;
  await q
    .insert(schoolFamilyToInform)
    .values([...new Set(studentIds)].map((studentId) => ({ studentId, phase, toInform: true, flaggedAt: at })))
    .onConflictDoUpdate({
      target: [schoolFamilyToInform.studentId, schoolFamilyToInform.phase],
      set: { toInform: true, flaggedAt: at, informedAt: null, informedByName: null },
    });
}

/** Clears a raised flag; false when none was raised. */
export async function markFamilyInformed(q: Queryable, studentId: string, phase: Phase, at: Date, byName: string): Promise<boolean> {
  const r = await q
    .update(schoolFamilyToInform)
    .set({ toInform: false, informedAt: at, informedByName: byName })
    .where(and(eq(schoolFamilyToInform.studentId, studentId), eq(schoolFamilyToInform.phase, phase), eq(schoolFamilyToInform.toInform, true)))
    .returning({ id: schoolFamilyToInform.studentId });
  return r.length > 0;
}

/** The flags of these students (both phases). */
export async function findFamilyToInform(q: Queryable, studentIds: readonly string[]): Promise<FamilyToInformRow[]> {
  if (studentIds.length === 0) return [];
  return q
    .select()
    .from(schoolFamilyToInform)
    .where(inArray(schoolFamilyToInform.studentId, [...studentIds]));
}

/** The SQL that raises the flag for a set of students given as a subquery of `student_id` (set-based callers). */
export function flagFamilyToInformSql(studentIdsQuery: ReturnType<typeof sql>, phase: Phase, at: Date) {
  return sql`
    insert into school_family_to_inform (student_id, phase, to_inform, flagged_at)
    select distinct x.student_id, ${phase}::phase, true, ${at.toISOString()}::timestamptz from (${studentIdsQuery}) x
    on conflict (student_id, phase) do update set to_inform = true, flagged_at = excluded.flagged_at, informed_at = null, informed_by_name = null`;
}
