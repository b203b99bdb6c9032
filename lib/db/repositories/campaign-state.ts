import { getTableColumns, inArray, type SQLWrapper } from "drizzle-orm";
import type { Queryable } from "../client";
import { jsonFields, rows } from "../read-together";
import { schoolServiceClosures } from "../schema";

/*
 * What closes the family service besides the académie's windows (R-CAL-1, read from
 * academy-calendar.ts): the school closures (R-CAL-3). The class councils (R-SCH-3) are read with
 * the family's other facts (family-students.ts `familyServiceParts`).
 */

const closureFields = getTableColumns(schoolServiceClosures);
/** The closures of these schools (a list, or a subquery of ids). */
export function serviceClosuresPart(q: Queryable, schoolIds: string[] | SQLWrapper) {
  return rows(closureFields, q.select(jsonFields(closureFields)).from(schoolServiceClosures).where(inArray(schoolServiceClosures.schoolId, schoolIds)));
}
