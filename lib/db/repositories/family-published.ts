import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows, type Part } from "../read-together";
import { familyPublishedOpinions } from "../schema";

/* What the school has published to the family side (R-SYNC-2): the avis provisoires (the final phase's publications: family-final.ts). */

/** The avis provisoires as published to the family, by rank of the intention they answer. */
const opinionFields = getTableColumns(familyPublishedOpinions);
export function publishedOpinionsPart(q: Queryable, studentId: string) {
  return rows(opinionFields, q.select(jsonFields(opinionFields)).from(familyPublishedOpinions).where(eq(familyPublishedOpinions.studentId, studentId)), [
    "rank",
  ]);
}

export function findPublishedOpinions(q: Queryable, studentId: string) {
  return readOne(q, publishedOpinionsPart(q, studentId));
}

/** Whether any avis is published for the student. */
export function opinionsPublishedPart(q: Queryable, studentId: string): Part<boolean> {
  return {
    sql: sql`exists (${q
      .select({ one: sql`1` })
      .from(familyPublishedOpinions)
      .where(eq(familyPublishedOpinions.studentId, studentId))})`,
    decode: (v) => v === true,
  };
}
