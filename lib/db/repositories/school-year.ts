import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "../client";
import { divisions, schoolServiceClosures, schools, siecleImports } from "../schema";

/**
 * R-DATA-3: rows of one school year: `year` when given (a closed year the school reads back),
 * else the school's open year. `yearColumn` and `schoolIdColumn` are the row's (divisions or students).
 */
export function inSchoolYear(yearColumn: AnyPgColumn, schoolIdColumn: AnyPgColumn, year?: string | null): SQL {
  return year ? eq(yearColumn, year) : sql`${yearColumn} = (select s.school_year from ${schools} s where s.id = ${schoolIdColumn})`;
}

/** The open year of a school, then the closed years it has divisions in (most recent first). */
export async function findSchoolYears(q: Queryable, schoolId: string): Promise<{ open: string; closed: string[] }> {
  const [school] = await q.select({ open: schools.schoolYear }).from(schools).where(eq(schools.id, schoolId));
  if (!school) return { open: "", closed: [] };
  const years = await q
    .selectDistinct({ year: divisions.schoolYear })
    .from(divisions)
    .where(eq(divisions.schoolId, schoolId))
    .orderBy(desc(divisions.schoolYear));
  return { open: school.open, closed: years.map((y) => y.year).filter((y) => y !== school.open) };
}

/** R-DATA-3: the school's row, locked for the year change (a second rollover, or an import's confirmation, waits, then sees the new year; rows that only reference the school are not held up). */
export async function lockSchoolYear(q: Queryable, schoolId: string): Promise<string | null> {
  const [s] = await q.select({ year: schools.schoolYear }).from(schools).where(eq(schools.id, schoolId)).for("no key update");
  return s?.year ?? null;
}

/**
 * R-DATA-3: the school moves on to `nextYear`. The head's closures of the family service were for
 * the year's campaign: the new one starts with the service as the académie's calendar sets it.
 * Previews of imports made for the closed year can no longer be confirmed.
 */
export async function moveSchoolToYear(q: Queryable, schoolId: string, nextYear: string): Promise<{ closuresCleared: number; importsAbandoned: number }> {
  await q.update(schools).set({ schoolYear: nextYear }).where(eq(schools.id, schoolId));
  const cleared = await q.delete(schoolServiceClosures).where(eq(schoolServiceClosures.schoolId, schoolId)).returning({ level: schoolServiceClosures.level });
  const abandoned = await q
    .update(siecleImports)
    .set({ state: "abandoned", payload: null })
    .where(and(eq(siecleImports.schoolId, schoolId), eq(siecleImports.state, "previewed")))
    .returning({ id: siecleImports.id });
  return { closuresCleared: cleared.length, importsAbandoned: abandoned.length };
}
