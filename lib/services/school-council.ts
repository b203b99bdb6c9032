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
import { assertCanOpenCouncil, assertCanResetCouncil, assertCouncilDate } from "@/lib/domain/council";
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

/** R-SCH-6: the council date can be changed (or cleared). */
export async function changeCouncilDate(db: Db, actor: AuditActor, input: { divisionId: string; scheduledAt: Date | null; phase?: Phase }, now: Date) {
  const phase = input.phase ?? "provisional";
  if (input.scheduledAt) assertCouncilDate(input.scheduledAt, now);
  await db.transaction(async (tx) => {
    const before = await lockCouncil(tx, input.divisionId, phase);
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
 * R-SCH-6: resetting the council deletes the avis already entered, once the head confirmed;
 * the council is planned again. Families who had acknowledged are flagged (R-SCH-9).
 */
export async function resetCouncil(db: Db, actor: AuditActor, input: { divisionId: string; confirmed: boolean; phase?: Phase }, now: Date) {
  const phase = input.phase ?? "provisional";
  return db.transaction(async (tx) => {
    const council = await lockCouncil(tx, input.divisionId, phase);
    assertCanResetCouncil(council);
    const count = await countDivisionOpinions(tx, input.divisionId, phase);
    assertAvisDeletionConfirmed(count, input.confirmed, "reset");
    const deleted = await deleteDivisionOpinions(tx, input.divisionId, phase, now);
    await markCouncilPlanned(tx, input.divisionId, phase);
    await recordAudit(tx, actor, "council.reset", { type: "division", id: input.divisionId }, { phase, deletedOpinions: deleted }, now);
    return { deletedOpinions: deleted };
  });
}
