import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { familyAcknowledgements, familyPublishedDecisions, familyPublishedOpinions } from "../schema";

/** R-SYNC-2: the avis provisoires as published to the family, by rank of the intention they answer. */
export async function findPublishedOpinions(q: Queryable, studentId: string) {
  return q.select().from(familyPublishedOpinions).where(eq(familyPublishedOpinions.studentId, studentId)).orderBy(asc(familyPublishedOpinions.rank));
}

export async function countPublishedOpinions(q: Queryable, studentId: string): Promise<number> {
  const [r] = await q.select({ n: sql<number>`count(*)::int` }).from(familyPublishedOpinions).where(eq(familyPublishedOpinions.studentId, studentId));
  return r?.n ?? 0;
}

export async function hasPublishedDecision(q: Queryable, studentId: string): Promise<boolean> {
  const rows = await q.select({ id: familyPublishedDecisions.studentId }).from(familyPublishedDecisions).where(eq(familyPublishedDecisions.studentId, studentId));
  return rows.length > 0;
}

export async function findAcknowledgement(q: Queryable, studentId: string) {
  const [a] = await q.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, studentId));
  return a ?? null;
}

/** R-ACK-1: the one acknowledgement of a student; a second one (even concurrent) inserts nothing. */
export async function insertAcknowledgement(q: Queryable, v: { studentId: string; accountId: string; actorName: string; at: Date }): Promise<boolean> {
  const rows = await q
    .insert(familyAcknowledgements)
    .values({ studentId: v.studentId, accountId: v.accountId, actorName: v.actorName, acknowledgedAt: v.at })
    .onConflictDoNothing({ target: familyAcknowledgements.studentId })
    .returning({ studentId: familyAcknowledgements.studentId });
  return rows.length > 0;
}
