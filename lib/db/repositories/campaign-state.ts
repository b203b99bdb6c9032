import { and, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows } from "../read-together";
import { classCouncils, schoolServiceClosures } from "../schema";
import type { Phase } from "@/lib/domain/tracks";

/*
 * What closes the family service besides the académie's windows (R-CAL-1, read from
 * academy-calendar.ts): the school closures (R-CAL-3) and the class councils (R-SCH-3).
 */

const closureFields = getTableColumns(schoolServiceClosures);
export function serviceClosuresPart(q: Queryable, schoolIds: string[]) {
  return rows(closureFields, q.select(jsonFields(closureFields)).from(schoolServiceClosures).where(inArray(schoolServiceClosures.schoolId, schoolIds)));
}

export async function findServiceClosures(q: Queryable, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return readOne(q, serviceClosuresPart(q, schoolIds));
}

export async function findCouncils(q: Queryable, divisionIds: string[], phase: Phase) {
  if (divisionIds.length === 0) return [];
  return q
    .select()
    .from(classCouncils)
    .where(and(inArray(classCouncils.divisionId, divisionIds), eq(classCouncils.phase, phase)));
}
