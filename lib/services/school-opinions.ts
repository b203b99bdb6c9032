import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { flagFamilyToInform, markFamilyInformed } from "@/lib/db/repositories/family-to-inform";
import { lockCouncil } from "@/lib/db/repositories/school-councils";
import { deleteOpinion, findAcknowledgement, findDivisionItems, insertOpinion, updateOpinion } from "@/lib/db/repositories/school-requests";
import { assertCouncilOpenForOpinions } from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";
import type { Phase } from "@/lib/domain/tracks";
import { mustInformFamily, planOpinionChanges, type OpinionInput, type StoredOpinion } from "@/lib/domain/opinions";

/**
 * R-SCH-7: saves the avis of a division's screen in one transaction; only what changed is
 * written (so unchanged avis are not published again). R-SCH-9: a student whose family had
 * acknowledged gets "famille à informer" when their avis change. The caller has checked
 * "manage:division".
 */
export async function saveDivisionOpinions(db: Db, actor: AuditActor, input: { divisionId: string; entries: OpinionInput[] }, now: Date) {
  const phase = "provisional" as const;
  return db.transaction(async (tx) => {
    assertCouncilOpenForOpinions(await lockCouncil(tx, input.divisionId, phase));
    const items = await findDivisionItems(tx, input.divisionId, phase);
    const byItem = new Map(items.map((i) => [i.itemId, i]));
    for (const e of input.entries) {
      const item = byItem.get(e.itemId);
      // An item of another division, or one deleted since the screen was loaded.
      if (!item)
        throw new DomainError(
          "STALE_SCREEN",
          "Les intentions de la division ont changé depuis l'affichage de la page. Rechargez la page puis saisissez à nouveau les avis.",
        );
      if (item.outOfProcedure && e.value !== null) throw new DomainError("OUT_OF_PROCEDURE", "Un élève hors procédure ne reçoit pas d'avis.");
    }
    const stored: StoredOpinion[] = items.filter((i) => i.value !== null).map((i) => ({ itemId: i.itemId, value: i.value!, comment: i.comment }));
    const changes = planOpinionChanges(input.entries, stored);
    const changedStudents = new Set<string>();
    for (const c of changes) {
      const studentId = byItem.get(c.itemId)!.studentId;
      changedStudents.add(studentId);
      if (c.kind === "insert") {
        await insertOpinion(tx, {
          itemId: c.itemId,
          studentId,
          value: c.value,
          comment: c.comment,
          enteredAt: now,
          enteredByName: actor.displayName,
          updatedAt: now,
        });
      } else if (c.kind === "update") {
        await updateOpinion(tx, c.itemId, { value: c.value, comment: c.comment, updatedAt: now, enteredByName: actor.displayName });
      } else {
        await deleteOpinion(tx, c.itemId);
      }
    }
    const toInform: string[] = [];
    for (const studentId of changedStudents) {
      const ack = await findAcknowledgement(tx, studentId);
      if (
        mustInformFamily(
          ack !== null,
          changes.filter((c) => byItem.get(c.itemId)!.studentId === studentId),
        )
      )
        toInform.push(studentId);
    }
    await flagFamilyToInform(tx, toInform, phase, now);
    if (changes.length > 0) {
      await recordAudit(
        tx,
        actor,
        "opinions.save",
        { type: "division", id: input.divisionId },
        {
          phase,
          inserted: changes.filter((c) => c.kind === "insert").length,
          updated: changes.filter((c) => c.kind === "update").length,
          deleted: changes.filter((c) => c.kind === "delete").length,
          familiesToInform: toInform.length,
        },
        now,
      );
    }
    return { changed: changes.length, familiesToInform: toInform.length };
  });
}

/** R-SCH-9: the head marks that the family was told about the changed avis (provisional) or proposals (final). */
export async function markStudentFamilyInformed(db: Db, actor: AuditActor, studentId: string, now: Date, phase: Phase = "provisional") {
  return db.transaction(async (tx) => {
    const done = await markFamilyInformed(tx, studentId, phase, now, actor.displayName);
    if (!done) throw new DomainError("NOTHING_TO_DO", "Aucune information de la famille n'est en attente pour cet élève.");
    await recordAudit(tx, actor, "family.informed", { type: "student", id: studentId }, { phase }, now);
  });
}
