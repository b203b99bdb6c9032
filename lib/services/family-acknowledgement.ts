import type { Actor, StudentScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findAcknowledgement, insertAcknowledgement } from "@/lib/db/repositories/family-acknowledgements";
import { countPublishedOpinions } from "@/lib/db/repositories/family-published";
import { assertCanAcknowledge, type AcknowledgementFact } from "@/lib/domain/acknowledgement";
import { assertMayEnter } from "./family-intentions";

/** R-ACK-1: acknowledges the published avis of a student, once, by either guardian (or the adult student). */
export async function acknowledgeOpinions(db: Db, input: { actor: Actor; scope: StudentScope; now: Date }): Promise<AcknowledgementFact> {
  const { actor, scope, now } = input;
  assertMayEnter(actor, scope);
  return db.transaction(async (tx) => {
    const existing = await findAcknowledgement(tx, scope.studentId);
    assertCanAcknowledge({ opinionsPublished: (await countPublishedOpinions(tx, scope.studentId)) > 0, existing });
    const inserted = await insertAcknowledgement(tx, { studentId: scope.studentId, accountId: actor.accountId, actorName: actor.displayName, at: now });
    if (!inserted) {
      // The other guardian acknowledged in the meantime: say so, as if we had seen it first.
      assertCanAcknowledge({ opinionsPublished: true, existing: await findAcknowledgement(tx, scope.studentId) });
    }
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "family.opinions.acknowledge",
      { type: "student", id: scope.studentId },
      undefined,
      now,
    );
    return { actorName: actor.displayName, acknowledgedAt: now };
  });
}
