import { findOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db, Tx } from "@/lib/db/client";
import {
  countRequestOpinions,
  findAcknowledgement,
  findStudentContext,
  insertRequest,
  lockRequest,
  replaceRequestItems,
  toSnapshot,
  updateRequest,
} from "@/lib/db/repositories/school-requests";
import { flagFamilyToInform } from "@/lib/db/repositories/family-to-inform";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import { expireReminderEmails } from "@/lib/db/repositories/reminders";
import { findRequestProposals } from "@/lib/db/repositories/council-proposals";
import { assertProposalDeletionConfirmed } from "@/lib/domain/proposals";
import { findGuardiansOf } from "@/lib/db/repositories/school-students";
import { DomainError } from "@/lib/domain/errors";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import {
  assertAvisDeletionConfirmed,
  decideSchoolEntry,
  describeItemLong,
  normaliseSchoolItems,
  sameItems,
  type SchoolItemInput,
} from "@/lib/domain/school-requests";
import type { Phase } from "@/lib/domain/tracks";
import { queueEmail } from "@/lib/outbox/queue";
import type { SchoolChangeToMail } from "@/lib/db/transfer/school-to-family";
import { schoolChangeEmail } from "@/emails/school-change";

export type SaveSchoolRequestResult = {
  changed: boolean;
  kind: "school_entry" | "change_family_entry";
  deletedOpinions: number;
  deletedProposals: number;
  /** R-SCH-5: the guardians with an address, e-mailed by the night's transfer when it publishes the change. */
  guardiansToEmail: number;
};

/**
 * R-SCH-1 / R-SCH-5: the head enters a student's intentions, or changes the family's entry after
 * the council's opening. A change that would delete avis needs `confirmed` (the warning first);
 * a family entry changed by the school keeps the original items and bumps the version: the nightly
 * transfer publishes it to the family side and then e-mails each guardian with an address
 * (queueSchoolChangeEmails, R-SYNC-3), so the e-mail and the family page change together.
 * Final phase: the same for the choix définitifs; a change deletes the council's proposals on the
 * changed choices (confirmed first), and raises «famille à informer» when they had been published
 * (R-SCH-9). The caller has checked "manage:student-file". Idempotent
 * (docs/decisions/010-idempotent-writes.md): under the student's row lock, the same items again
 * (a replay, two tabs, even the first entry twice at once) write nothing and queue nothing.
 */
export async function saveSchoolRequest(
  db: Db,
  actor: AuditActor,
  input: { studentId: string; items: SchoolItemInput[]; confirmed: boolean; phase?: Phase },
  now: Date,
): Promise<SaveSchoolRequestResult> {
  const phase = input.phase ?? "provisional";
  return db.transaction(async (tx) => {
    await lockStudents(tx, [input.studentId]);
    const ctx = await findStudentContext(tx, input.studentId, phase);
    if (!ctx) throw new DomainError("UNKNOWN_STUDENT", "Élève introuvable.");
    const request = await lockRequest(tx, input.studentId, phase);
    const decision = decideSchoolEntry({
      request: request ? { source: request.source } : null,
      councilOpen: ctx.councilOpen,
      outOfProcedure: ctx.outOfProcedureReason !== null,
      phase,
    });
    const offeredSpecialties = ctx.level === "2GT" ? await findOfferedSpecialties(tx, ctx.schoolId) : [];
    const items = normaliseSchoolItems(ctx.level, phase, input.items, { allowTrackDetails: ctx.allowTrackDetails, offeredSpecialties });
    if (request && sameItems(request.items, items))
      return { changed: false, kind: decision.kind, deletedOpinions: 0, deletedProposals: 0, guardiansToEmail: 0 };

    const opinionCount = request ? await countRequestOpinions(tx, request.id) : 0;
    assertAvisDeletionConfirmed(opinionCount, input.confirmed, "change");
    const proposals = request ? await findRequestProposals(tx, request.id) : { count: 0, published: false };
    assertProposalDeletionConfirmed(proposals.count, input.confirmed, "change");

    let requestId: string;
    let version = 1;
    let guardiansToEmail = 0;
    if (!request) {
      requestId = await insertRequest(tx, {
        studentId: input.studentId,
        phase,
        source: "school",
        enteredByName: actor.displayName,
        enteredAt: now,
        version: 1,
        publishedVersion: 0,
      });
    } else if (decision.kind === "school_entry") {
      requestId = request.id;
      version = request.version + 1;
      await updateRequest(tx, request.id, { enteredByName: actor.displayName, enteredAt: now, version });
    } else {
      requestId = request.id;
      version = request.version + 1;
      const original = request.originalFamilyItems ?? toSnapshot(request.items);
      await updateRequest(tx, request.id, { changedBySchoolAt: now, changedBySchoolName: actor.displayName, originalFamilyItems: original, version });
      // R-SCH-5 / R-SYNC-3: the guardians are e-mailed by the night's transfer, when it publishes the change to the family page.
      guardiansToEmail = (await findGuardiansOf(tx, input.studentId)).filter((g) => g.email).length;
    }
    // The items' avis and proposals go with them (cascade).
    await replaceRequestItems(tx, requestId, items);
    // R-OVS-2: an entry by the school counts as the family's answer: its reminders still waiting never leave.
    await expireReminderEmails(tx, input.studentId, phase);
    if (opinionCount > 0 && (await findAcknowledgement(tx, input.studentId))) await flagFamilyToInform(tx, [input.studentId], "provisional", now);
    if (proposals.published) await flagFamilyToInform(tx, [input.studentId], "final", now);
    await recordAudit(
      tx,
      actor,
      decision.kind === "school_entry" ? "school-request.enter" : "school-request.change-family-entry",
      { type: "student", id: input.studentId },
      {
        phase,
        version,
        items: items.map((i) => `${i.track}${i.subTrack ? `:${i.subTrack}` : ""}`),
        deletedOpinions: opinionCount,
        deletedProposals: proposals.count,
      },
      now,
    );
    return { changed: true, kind: decision.kind, deletedOpinions: opinionCount, deletedProposals: proposals.count, guardiansToEmail };
  });
}

/**
 * R-SCH-5 / R-SYNC-3: the e-mails of the school's changes the night's transfer carried to the
 * family side (lib/db/transfer/school-to-family.ts), one per guardian with an address, queued in
 * the batch's transaction at `at` (the run's time): the e-mail and the family page change
 * together. The dedupe key names the request's version: a re-run queues none twice (R-SYNC-4), and
 * two changes of one day send one e-mail, with the entry as the night publishes it.
 * Returns how many were queued.
 */
export async function queueSchoolChangeEmails(tx: Tx, changes: readonly SchoolChangeToMail[], at: Date): Promise<number> {
  let n = 0;
  for (const c of changes) {
    const request = await lockRequest(tx, c.studentId, c.phase);
    if (!request || request.id !== c.schoolRequestId || !request.changedBySchoolAt) continue;
    const ctx = await findStudentContext(tx, c.studentId, c.phase);
    if (!ctx) continue;
    const original = request.originalFamilyItems ?? toSnapshot(request.items);
    for (const g of await findGuardiansOf(tx, c.studentId)) {
      if (!g.email) continue;
      const queued = await queueEmail(
        tx,
        schoolChangeEmail,
        {
          civility: g.civility,
          studentName: `${ctx.firstName} ${ctx.lastName}`,
          changedAt: formatParisDateTime(request.changedBySchoolAt),
          originalEnteredBy: request.enteredByName,
          originalEnteredAt: formatParisDateTime(request.enteredAt),
          items: request.items.map(describeItemLong),
          originalItems: [...original].sort((a, b) => a.rank - b.rank).map(describeItemLong),
          school: ctx.school,
          phase: c.phase,
        },
        { to: g.email, from: ctx.senderEmail, dedupeKey: `school-change:${c.schoolRequestId}:${c.version}:${g.id}`, at },
      );
      if (queued) n++;
    }
  }
  return n;
}
