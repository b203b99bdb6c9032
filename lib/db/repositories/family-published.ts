import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { familyPublishedOpinions } from "../schema";

/* What the school has published to the family side (R-SYNC-2): the avis provisoires (the final phase's publications: family-final.ts). */

/** The avis provisoires as published to the family, by rank of the intention they answer. */
export async function findPublishedOpinions(q: Queryable, studentId: string) {
  return q.select().from(familyPublishedOpinions).where(eq(familyPublishedOpinions.studentId, studentId)).orderBy(asc(familyPublishedOpinions.rank));
}

export async function countPublishedOpinions(q: Queryable, studentId: string): Promise<number> {
  const [r] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(familyPublishedOpinions)
    .where(eq(familyPublishedOpinions.studentId, studentId));
  return r?.n ?? 0;
}
