import type { Actor, StudentScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import { readOne, readTogether } from "@/lib/db/read-together";
import { academyCampaignWindowsPart } from "@/lib/db/repositories/academy-calendar";
import { serviceClosuresPart } from "@/lib/db/repositories/campaign-state";
import { findEntryContext } from "@/lib/db/repositories/family-requests";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import { CAMPAIGN_CLOSED_MESSAGE, schoolYearOf, windowState } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { serviceMessageOf } from "@/lib/domain/family-page";
import { findAcknowledgement, insertAcknowledgement } from "@/lib/db/repositories/family-acknowledgements";
import { opinionsPublishedPart } from "@/lib/db/repositories/family-published";
import { assertCanAcknowledge, type AcknowledgementFact } from "@/lib/domain/acknowledgement";
import { assertMayEnter } from "./family-intentions";

/**
 * R-ACK-1 / R-FIN-2: an acknowledgement is made while a window of the student's level is open
 * (provisional, or final for a family that acknowledges before its final choices), and not once
 * the school closed its service for that phase (R-CAL-3).
 */
async function assertAcknowledgementWindow(q: Queryable, studentId: string, now: Date): Promise<void> {
  const ctx = await findEntryContext(q, studentId, "provisional");
  if (!ctx) throw new DomainError("UNKNOWN_STUDENT", "Élève introuvable.");
  const { windows, closures } = await readTogether(q, {
    windows: academyCampaignWindowsPart(q, [ctx.academyId], schoolYearOf(now)),
    closures: serviceClosuresPart(q, [ctx.schoolId]),
  });
  const open = windows.filter((w) => w.level === ctx.level && windowState(w, now) === "open");
  if (open.length === 0) throw new DomainError("SERVICE_CLOSED", CAMPAIGN_CLOSED_MESSAGE);
  const available = open.filter((w) => !closures.some((c) => c.level === ctx.level && c.phase === w.phase && c.closed));
  if (available.length === 0) throw new DomainError("SERVICE_CLOSED", serviceMessageOf({ open: false, reason: "school_closed" }, open[0]!.phase)!.text);
}

/**
 * R-ACK-1: acknowledges the published avis of a student, once, by either guardian (or the adult
 * student). Idempotent (docs/decisions/010-idempotent-writes.md): the same account acknowledging
 * again (a replayed request, a second tab) gets the saved acknowledgement, and nothing is written.
 */
export async function acknowledgeOpinions(db: Db, input: { actor: Actor; scope: StudentScope; now: Date }): Promise<AcknowledgementFact> {
  const { actor, scope, now } = input;
  assertMayEnter(actor, scope);
  return db.transaction(async (tx) => {
    await lockStudents(tx, [scope.studentId]);
    await assertAcknowledgementWindow(tx, scope.studentId, now);
    const existing = await findAcknowledgement(tx, scope.studentId);
    if (existing && existing.accountId === actor.accountId) return { actorName: existing.actorName, acknowledgedAt: existing.acknowledgedAt };
    assertCanAcknowledge({ opinionsPublished: await readOne(tx, opinionsPublishedPart(tx, scope.studentId)), existing });
    const inserted = await insertAcknowledgement(tx, { studentId: scope.studentId, accountId: actor.accountId, actorName: actor.displayName, at: now });
    if (!inserted) {
      // The school's night carried a paper acknowledgement in the meantime: say so, as if we had seen it first.
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
