import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import {
  countDivisionOpinions,
  deleteDivisionOpinions,
  generateRequestsFromFamilyEntries,
  lockCouncil,
  markCouncilOpen,
  markCouncilPlanned,
  setCouncilDate,
} from "@/lib/db/repositories/school-councils";
import { countDivisionProposals, deleteDivisionProposals, findClosingFacts } from "@/lib/db/repositories/council-proposals";
import { schoolYearOf } from "@/lib/domain/calendar";
import { assertCanOpenCouncil, assertCanResetCouncil, assertCouncilDate, assertCouncilDateConfirmed, familyServiceClosingAt } from "@/lib/domain/council";
import { assertProposalDeletionConfirmed } from "@/lib/domain/proposals";
import { assertAvisDeletionConfirmed } from "@/lib/domain/school-requests";
import type { Phase } from "@/lib/domain/tracks";

/*
 * Class council of a division (R-SCH-3, R-SCH-6). The caller has checked "manage:division".
 */

/**
 * R-SCH-3: opening is immediate (the family service of the division closes at once, since it
 * reads class_councils.state) and generates the division's back-office intentions from the
 * family entries received, in the same transaction.
 */
export async function openCouncil(db: Db, actor: AuditActor, input: { divisionId: string; phase?: Phase }, now: Date) {
  const phase = input.phase ?? "provisional";
  return db.transaction(async (tx) => {
    const council = await lockCouncil(tx, input.divisionId, phase);
    assertCanOpenCouncil(council);
    await markCouncilOpen(tx, input.divisionId, phase, now, actor.displayName);
    const generated = await generateRequestsFromFamilyEntries(tx, input.divisionId, phase);
    await recordAudit(tx, actor, "council.open", { type: "division", id: input.divisionId }, { phase, generated }, now);
    return { generated };
  });
}

/**
 * R-SCH-6: the council date can be changed (or cleared). R-FIN-4: a final council set less than
 * 24 h after the closing of the family service (the académie's, or the school's own earlier
 * closure) needs the head's confirmation.
 */
export async function changeCouncilDate(
  db: Db,
  actor: AuditActor,
  input: { divisionId: string; scheduledAt: Date | null; phase?: Phase; confirmed?: boolean },
  now: Date,
) {
  const phase = input.phase ?? "provisional";
  if (input.scheduledAt) assertCouncilDate(input.scheduledAt, now);
  await db.transaction(async (tx) => {
    const before = await lockCouncil(tx, input.divisionId, phase);
    if (input.scheduledAt && phase === "final") {
      const facts = await findClosingFacts(tx, input.divisionId, phase, schoolYearOf(now));
      assertCouncilDateConfirmed(input.scheduledAt, familyServiceClosingAt(facts.windowClosesAt, facts.schoolClosure), input.confirmed ?? false);
    }
    await setCouncilDate(tx, input.divisionId, phase, input.scheduledAt);
    await recordAudit(
      tx,
      actor,
      "council.date",
      { type: "division", id: input.divisionId },
      {
        phase,
        from: before.scheduledAt?.toISOString() ?? null,
        to: input.scheduledAt?.toISOString() ?? null,
      },
      now,
    );
  });
}

/**
 * R-SCH-6: resetting the council deletes the avis (provisional) or the proposals (final) already
 * entered, once the head confirmed; the council is planned again, so the family service of the
 * division reopens for the phase. Families who had acknowledged the avis, or whose proposals had
 * been published, are flagged (R-SCH-9).
 */
export async function resetCouncil(db: Db, actor: AuditActor, input: { divisionId: string; confirmed: boolean; phase?: Phase }, now: Date) {
  const phase = input.phase ?? "provisional";
  return db.transaction(async (tx) => {
    const council = await lockCouncil(tx, input.divisionId, phase);
    assertCanResetCouncil(council);
    if (phase === "final") {
      const proposals = await countDivisionProposals(tx, input.divisionId);
      assertProposalDeletionConfirmed(proposals, input.confirmed, "reset");
      const deletedProposals = await deleteDivisionProposals(tx, input.divisionId, now);
      await markCouncilPlanned(tx, input.divisionId, phase);
      await recordAudit(tx, actor, "council.reset", { type: "division", id: input.divisionId }, { phase, deletedProposals }, now);
      return { deletedOpinions: 0, deletedProposals };
    }
    const count = await countDivisionOpinions(tx, input.divisionId, phase);
    assertAvisDeletionConfirmed(count, input.confirmed, "reset");
    const deleted = await deleteDivisionOpinions(tx, input.divisionId, phase, now);
    await markCouncilPlanned(tx, input.divisionId, phase);
    await recordAudit(tx, actor, "council.reset", { type: "division", id: input.divisionId }, { phase, deletedOpinions: deleted }, now);
    return { deletedOpinions: deleted, deletedProposals: 0 };
  });
}
