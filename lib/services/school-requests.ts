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
import { lockStudents } from "@/lib/db/repositories/final-outcome";
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
import type { Phase, TrackItem } from "@/lib/domain/tracks";
import { queueEmail } from "@/lib/outbox/queue";
import { schoolChangeEmail } from "@/emails/school-change";

export type SaveSchoolRequestResult = {
  changed: boolean;
  kind: "school_entry" | "change_family_entry";
  deletedOpinions: number;
  deletedProposals: number;
  emailsQueued: number;
};

/**
 * R-SCH-1 / R-SCH-5: the head enters a student's intentions, or changes the family's entry after
 * the council's opening. A change that would delete avis needs `confirmed` (the warning first);
 * a family entry changed by the school keeps the original items, bumps the version (the nightly
 * transfer publishes it to the family side) and queues an e-mail to each guardian with an address.
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
    if (request && sameItems(request.items, items)) return { changed: false, kind: decision.kind, deletedOpinions: 0, deletedProposals: 0, emailsQueued: 0 };

    const opinionCount = request ? await countRequestOpinions(tx, request.id) : 0;
    assertAvisDeletionConfirmed(opinionCount, input.confirmed, "change");
    const proposals = request ? await findRequestProposals(tx, request.id) : { count: 0, published: false };
    assertProposalDeletionConfirmed(proposals.count, input.confirmed, "change");

    let requestId: string;
    let version = 1;
    let emailsQueued = 0;
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
      emailsQueued = await queueChangeEmails(tx, {
        requestId,
        version,
        studentId: input.studentId,
        studentName: `${ctx.firstName} ${ctx.lastName}`,
        school: ctx.school,
        from: ctx.senderEmail,
        items,
        originalItems: original,
        originalEnteredBy: request.enteredByName,
        originalEnteredAt: request.enteredAt,
        now,
        phase,
      });
    }
    // The items' avis and proposals go with them (cascade).
    await replaceRequestItems(tx, requestId, items);
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
    return { changed: true, kind: decision.kind, deletedOpinions: opinionCount, deletedProposals: proposals.count, emailsQueued };
  });
}

async function queueChangeEmails(
  tx: Tx,
  v: {
    requestId: string;
    version: number;
    studentId: string;
    studentName: string;
    from: string;
    now: Date;
    school: Parameters<typeof schoolChangeEmail.text>[0]["school"];
    items: TrackItem[];
    originalItems: TrackItem[];
    originalEnteredBy: string;
    originalEnteredAt: Date;
    phase: Phase;
  },
): Promise<number> {
  let n = 0;
  for (const g of await findGuardiansOf(tx, v.studentId)) {
    if (!g.email) continue;
    const queued = await queueEmail(
      tx,
      schoolChangeEmail,
      {
        civility: g.civility,
        studentName: v.studentName,
        changedAt: formatParisDateTime(v.now),
        originalEnteredBy: v.originalEnteredBy,
        originalEnteredAt: formatParisDateTime(v.originalEnteredAt),
        items: v.items.map(describeItemLong),
        originalItems: [...v.originalItems].sort((a, b) => a.rank - b.rank).map(describeItemLong),
        school: v.school,
        phase: v.phase,
      },
      { to: g.email, from: v.from, dedupeKey: `school-change:${v.requestId}:${v.version}:${g.id}`, at: v.now },
    );
    if (queued) n++;
  }
  return n;
}
