import { eq } from "drizzle-orm";
import type { Queryable } from "../client";
import { familyAcknowledgements } from "../schema";

/* R-ACK-1: the family's one acknowledgement of the published avis provisoires. */

export async function findAcknowledgement(q: Queryable, studentId: string) {
  const [a] = await q.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, studentId));
  return a ?? null;
}

/** The one acknowledgement of a student; a second one (even concurrent) inserts nothing. */
export async function insertAcknowledgement(q: Queryable, v: { studentId: string; accountId: string; actorName: string; at: Date }): Promise<boolean> {
  const rows = await q
    .insert(familyAcknowledgements)
    .values({ studentId: v.studentId, accountId: v.accountId, actorName: v.actorName, acknowledgedAt: v.at })
    .onConflictDoNothing({ target: familyAcknowledgements.studentId })
    .returning({ studentId: familyAcknowledgements.studentId });
  return rows.length > 0;
}
