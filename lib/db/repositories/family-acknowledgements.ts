import { eq, getTableColumns } from "drizzle-orm";
import type { Queryable } from "../client";
import { first, jsonFields, readOne } from "../read-together";
import { familyAcknowledgements } from "../schema";

/* R-ACK-1: the family's one acknowledgement of the published avis provisoires. */

const ackFields = getTableColumns(familyAcknowledgements);
export function acknowledgementPart(q: Queryable, studentId: string) {
  return first(ackFields, q.select(jsonFields(ackFields)).from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, studentId)));
}

export function findAcknowledgement(q: Queryable, studentId: string) {
  return readOne(q, acknowledgementPart(q, studentId));
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
