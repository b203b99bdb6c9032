import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { inSchoolYear } from "./school-year";
import type { Queryable } from "../client";
import { classCouncils, divisions, schoolFamilyEntries, schools, students } from "../schema";
import type { Level } from "@/lib/domain/tracks";

/* A school and its divisions, as the back-office home shows them. */

export async function findSchool(q: Queryable, schoolId: string) {
  const [s] = await q.select().from(schools).where(eq(schools.id, schoolId));
  return s ?? null;
}

export type DivisionSummary = {
  id: string;
  code: string;
  level: Level;
  mefLabel: string;
  students: number;
  inProcedure: number;
  familyEntries: number;
  councilOpen: boolean;
  councilDate: Date | null;
};

/**
 * The back-office home: divisions of a school with their counts, all of them or only those of
 * `only` (R-SCH-14: the policy's `visibleDivisions`).
 */
/** The divisions of the school's open year, or of `schoolYear` (R-DATA-3: a closed year read back). */
export async function findDivisionSummaries(
  q: Queryable,
  schoolId: string,
  only: "all" | readonly string[] = "all",
  schoolYear?: string | null,
): Promise<DivisionSummary[]> {
  if (only !== "all" && only.length === 0) return [];
  const rows = await q
    .select({
      id: divisions.id,
      code: divisions.code,
      level: divisions.level,
      mefLabel: divisions.mefLabel,
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
    .where(
      and(
        eq(divisions.schoolId, schoolId),
        inSchoolYear(divisions.schoolYear, divisions.schoolId, schoolYear),
        only !== "all" ? inArray(divisions.id, [...only]) : undefined,
      ),
    )
    .groupBy(divisions.id, classCouncils.state, classCouncils.scheduledAt)
    .orderBy(asc(divisions.code));
  return rows.map((r) => ({ ...r, councilOpen: r.councilState === "open", councilDate: r.councilDate }));
}
