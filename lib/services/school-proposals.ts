import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { deleteProposal, findDivisionProposalFacts, insertProposal, updateProposal } from "@/lib/db/repositories/council-proposals";
import { flagFamilyToInform } from "@/lib/db/repositories/family-to-inform";
import { lockCouncil } from "@/lib/db/repositories/school-councils";
import { assertCouncilOpenForProposals } from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";
import {
  mustInformFamilyOfProposals,
  planStudentProposals,
  STALE_PROPOSALS_MESSAGE,
  type ProposalChange,
  type StudentProposalsInput,
} from "@/lib/domain/proposals";

/**
 * R-FIN-5: saves the class council's proposals of a division's screen in one transaction, once
 * its final council is open. Only what changed is written, with updated_at bumped: the nightly
 * transfer publishes a proposal whose published_at is older (R-SYNC-2). R-SCH-9: a proposal
 * changed or withdrawn after its publication raises «famille à informer» (final phase). A student
 * who is not (or no longer) in the division makes the screen stale. The caller has checked
 * "manage:division".
 */
export async function saveDivisionProposals(db: Db, actor: AuditActor, input: { divisionId: string; students: StudentProposalsInput[] }, now: Date) {
  return db.transaction(async (tx) => {
    assertCouncilOpenForProposals(await lockCouncil(tx, input.divisionId, "final"));
    const facts = new Map((await findDivisionProposalFacts(tx, input.divisionId)).map((f) => [f.studentId, f]));
    const seen = new Set<string>();
    const changes: ProposalChange[] = [];
    const toInform: string[] = [];
    for (const s of input.students) {
      const f = facts.get(s.studentId);
      // Another division's student, one who left it, or the same student twice.
      if (!f || seen.has(s.studentId)) throw new DomainError("STALE_SCREEN", STALE_PROPOSALS_MESSAGE);
      seen.add(s.studentId);
      const planned = planStudentProposals(s, f);
      if (mustInformFamilyOfProposals(planned)) toInform.push(s.studentId);
      changes.push(...planned);
    }
    for (const c of changes) {
      if (c.kind === "delete") await deleteProposal(tx, c.id);
      else if (c.kind === "update")
        await updateProposal(tx, c.id, { answer: c.answer, motivation: c.motivation, rank: c.rank, updatedAt: now, enteredByName: actor.displayName });
      else {
        await insertProposal(tx, {
          studentId: c.studentId,
          kind: c.kind === "insert_answer" ? "answer_to_choice" : "extra",
          choiceItemId: c.kind === "insert_answer" ? c.itemId : null,
          rank: c.rank,
          track: c.track,
          subTrack: c.subTrack,
          // R-2GT-3: the council's «Oui» to a 1re générale goes with the family's ranked spécialités (the decision keeps them).
          specialties: c.kind === "insert_answer" ? c.specialties : [],
          answer: c.kind === "insert_answer" ? c.answer : null,
          motivation: c.motivation,
          enteredAt: now,
          enteredByName: actor.displayName,
          updatedAt: now,
        });
      }
    }
    await flagFamilyToInform(tx, toInform, "final", now);
    if (changes.length > 0) {
      await recordAudit(
        tx,
        actor,
        "proposals.save",
        { type: "division", id: input.divisionId },
        {
          inserted: changes.filter((c) => c.kind.startsWith("insert")).length,
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
