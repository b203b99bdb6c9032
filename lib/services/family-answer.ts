import { answerAgreementEmail } from "@/emails/answer-agreement";
import { proposalsAnswerEmail } from "@/emails/proposals-answer";
import { can, type Actor, type StudentScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import { findFamilyAgreements, findFamilyAnswer, findPublishedProposals, insertFamilyAgreement, insertFamilyAnswer } from "@/lib/db/repositories/family-final";
import { findEntryContext, findFamilyRequest, findRecapRecipients } from "@/lib/db/repositories/family-requests";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import { DomainError } from "@/lib/domain/errors";
import {
  ANSWER_BY_HOLDER_ONLY_MESSAGE,
  ANSWER_BY_SCHOOL_MESSAGE,
  assertCanAgree,
  assertValidAnswer,
  proposalLabel,
  type AnswerFact,
  type AnswerChoice,
} from "@/lib/domain/family-answer";
import { serviceMessageOf } from "@/lib/domain/family-page";
import { sameAnswer } from "@/lib/domain/family-writes";
import { STUDENT_READ_ONLY_MESSAGE } from "@/lib/domain/intentions";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { queueEmail } from "@/lib/outbox/queue";
import { assertMayEnter, loadServiceState } from "./family-intentions";

/**
 * R-FIN-6: the family's window to answer is the final phase's (académie window, school closure,
 * hors procédure); the council is over once its proposals are published.
 */
async function assertFinalServiceOpen(q: Queryable, studentId: string, now: Date): Promise<void> {
  const ctx = await findEntryContext(q, studentId, "final");
  if (!ctx) throw new DomainError("UNKNOWN_STUDENT", "Élève introuvable.");
  const service = await loadServiceState(q, { ...ctx, councilState: null }, "final", now);
  if (!service.open) throw new DomainError("SERVICE_CLOSED", serviceMessageOf(service, "final")!.text);
}

/**
 * R-FIN-6: the holder of the final phase (or the adult student) answers the published proposals,
 * once: accepts one or more acceptable ones, or refuses them all. Every guardian with an address
 * is e-mailed at once, in the same transaction (the outbox). Idempotent
 * (docs/decisions/010-idempotent-writes.md): the same answer by the same account again gets the
 * saved answer; nothing is written, audited or e-mailed.
 */
export async function answerProposals(db: Db, input: { actor: Actor; scope: StudentScope; answer: AnswerChoice; now: Date }): Promise<AnswerFact> {
  const { actor, scope, now } = input;
  assertMayEnter(actor, scope);
  return db.transaction(async (tx) => {
    await lockStudents(tx, [scope.studentId]);
    await assertFinalServiceOpen(tx, scope.studentId, now);
    const request = await findFamilyRequest(tx, scope.studentId, "final");
    if (!request) throw new DomainError("ANSWER_BY_SCHOOL", ANSWER_BY_SCHOOL_MESSAGE);
    if (request.holderAccountId !== actor.accountId) throw new DomainError("NOT_HOLDER", ANSWER_BY_HOLDER_ONLY_MESSAGE);
    const [proposals, existing] = await Promise.all([findPublishedProposals(tx, scope.studentId), findFamilyAnswer(tx, scope.studentId)]);
    if (sameAnswer(existing, actor.accountId, input.answer)) return existing;
    const accepted = assertValidAnswer({ proposals, existing, answer: input.answer });
    const inserted = await insertFamilyAnswer(tx, {
      studentId: scope.studentId,
      accountId: actor.accountId,
      actorName: actor.displayName,
      kind: input.answer.kind,
      acceptedProposalIds: accepted,
      at: now,
    });
    // Another tab (or the school's night) answered in the meantime: say so, as if we had seen it first.
    if (!inserted) assertValidAnswer({ proposals, existing: await findFamilyAnswer(tx, scope.studentId), answer: input.answer });
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "family.proposals.answer",
      { type: "student", id: scope.studentId },
      { kind: input.answer.kind, accepted },
      now,
    );
    const who = await findRecapRecipients(tx, scope.studentId);
    if (who) {
      const labels = proposals.filter((p) => accepted.includes(p.id)).map(proposalLabel);
      for (const g of who.guardians) {
        if (!g.email) continue;
        await queueEmail(
          tx,
          proposalsAnswerEmail,
          {
            variant: g.accountId === actor.accountId ? "holder" : "other",
            answeredBy: actor.displayName,
            answeredAt: formatParisDateTime(now),
            studentName: `${who.student.firstName} ${who.student.lastName}`,
            accepted: labels,
            refusedAll: input.answer.kind === "refuse_all",
            agreementAsked: !scope.studentIsAdult,
            school: who.school,
          },
          { to: g.email, from: who.senderEmail, dedupeKey: `answer:${scope.studentId}:${g.guardianId}`, at: now },
        );
      }
    }
    return {
      source: "family",
      accountId: actor.accountId,
      actorName: actor.displayName,
      kind: input.answer.kind,
      acceptedProposalIds: accepted,
      answeredAt: now,
    };
  });
}

/**
 * R-FIN-7: a guardian who did not answer says «Oui» / «Non» to the answer, once. Not the one who
 * answered, not the student, not the guardians of an adult student (no agreement is asked).
 * Idempotent: the same «Oui» / «Non» by the same account again gets the saved agreement, and
 * nothing is written, audited or e-mailed.
 */
export async function agreeWithAnswer(db: Db, input: { actor: Actor; scope: StudentScope; agrees: boolean; now: Date }) {
  const { actor, scope, now } = input;
  const guardianId = actor.role === "guardian" ? actor.guardianId : null;
  if (!guardianId || !can(actor, "read:student-file", scope)) throw new DomainError("READ_ONLY", STUDENT_READ_ONLY_MESSAGE);
  return db.transaction(async (tx) => {
    await lockStudents(tx, [scope.studentId]);
    await assertFinalServiceOpen(tx, scope.studentId, now);
    const answer = await findFamilyAnswer(tx, scope.studentId);
    const mine = () => findFamilyAgreements(tx, scope.studentId).then((all) => all.find((a) => a.guardianId === guardianId) ?? null);
    const saved = await mine();
    if (saved && saved.source === "family" && saved.accountId === actor.accountId && saved.agrees === input.agrees) {
      return { guardianId, actorName: saved.actorName, agrees: saved.agrees, answeredAt: saved.answeredAt };
    }
    assertCanAgree({ studentIsAdult: scope.studentIsAdult, answer, guardianId, accountId: actor.accountId, existing: saved });
    const inserted = await insertFamilyAgreement(tx, {
      studentId: scope.studentId,
      guardianId,
      accountId: actor.accountId,
      actorName: actor.displayName,
      agrees: input.agrees,
      at: now,
    });
    if (!inserted) assertCanAgree({ studentIsAdult: false, answer, guardianId, accountId: actor.accountId, existing: await mine() });
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "family.answer.agree",
      { type: "student", id: scope.studentId },
      { agrees: input.agrees },
      now,
    );
    const who = await findRecapRecipients(tx, scope.studentId);
    if (who) {
      for (const g of who.guardians) {
        if (!g.email) continue;
        await queueEmail(
          tx,
          answerAgreementEmail,
          {
            agreedBy: actor.displayName,
            agreedAt: formatParisDateTime(now),
            agrees: input.agrees,
            studentName: `${who.student.firstName} ${who.student.lastName}`,
            school: who.school,
          },
          { to: g.email, from: who.senderEmail, dedupeKey: `agreement:${scope.studentId}:${guardianId}:${g.guardianId}`, at: now },
        );
      }
    }
    return { guardianId, actorName: actor.displayName, agrees: input.agrees, answeredAt: now };
  });
}
