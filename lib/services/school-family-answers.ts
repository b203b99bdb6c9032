import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { deleteSchoolAgreements, lockStudentAnswerFacts, upsertSchoolAgreement, upsertSchoolAnswer } from "@/lib/db/repositories/school-family-answers";
import { DomainError } from "@/lib/domain/errors";
import { ANSWER_CHANGED_MEANWHILE_MESSAGE, planSchoolAnswer, type SchoolAnswerInput } from "@/lib/domain/school-family-answers";
import { queueInterviewInvitations } from "@/lib/transfer/interview-invitations";

/*
 * R-FIN-10 «Saisie des réponses des familles». The caller has checked "manage:student-file" on
 * the student (R-SCH-14). The night transfer publishes what is written here to the family
 * (lib/db/transfer/school-answers.ts).
 */

/**
 * Saves the family's answer entered by the school, and the guardians' agreements: who (the staff
 * member's name) and when (now) are kept, the write is audited. The same entry twice writes
 * nothing; replacing an online answer needs `confirmed` (CONFIRMATION_REQUIRED otherwise).
 */
export async function saveSchoolFamilyAnswer(
  db: Db,
  actor: AuditActor,
  input: SchoolAnswerInput & { studentId: string },
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const facts = await lockStudentAnswerFacts(tx, input.studentId);
    const plan = planSchoolAnswer(facts, input);
    if (!plan.changed) return { changed: false };
    const replacedOnline = facts.answer?.source === "family" || facts.agreements.some((a) => a.source === "family");
    if (plan.answer) {
      const seen = facts.answer ? { source: facts.answer.source, answeredAt: facts.answer.answeredAt } : null;
      if (!(await upsertSchoolAnswer(tx, { studentId: input.studentId, ...plan.answer, byName: actor.displayName, at: now }, seen)))
        throw new DomainError("STALE_SCREEN", ANSWER_CHANGED_MEANWHILE_MESSAGE);
    }
    if (plan.clearAgreements) await deleteSchoolAgreements(tx, input.studentId);
    for (const a of plan.agreements) await upsertSchoolAgreement(tx, { studentId: input.studentId, ...a, byName: actor.displayName, at: now });
    // R-FIN-9: an answer entered without agreement (refusal of every proposal, or a guardian's «Non»): the guardians are told the interview is mandatory.
    await queueInterviewInvitations(tx, [input.studentId], now);
    await recordAudit(
      tx,
      actor,
      "family.answer.school",
      { type: "student", id: input.studentId },
      {
        answer: plan.answer,
        answeredByGuardianId: input.answeredByGuardianId,
        agreements: plan.agreements,
        ...(replacedOnline && input.confirmed ? { replacedOnline: true } : {}),
      },
      now,
    );
    return { changed: true };
  });
}
