import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../client";
import { findGuardiansOfStudents } from "./student-guardians";
import { familyAgreements, familyAnswers, familyPublishedDecisions, familyPublishedProposals } from "../schema";
import type { AgreementFact, AnswerFact, PublishedProposalFact } from "@/lib/domain/family-answer";
import type { Intention } from "@/lib/domain/intentions";
import { personName } from "@/lib/domain/person-name";

/* The final phase on the family side (R-FIN-6/7/8/10): published proposals, the answer, the agreements, the decision. */

export async function findPublishedProposals(q: Queryable, studentId: string): Promise<PublishedProposalFact[]> {
  const rows = await q
    .select()
    .from(familyPublishedProposals)
    .where(eq(familyPublishedProposals.studentId, studentId))
    .orderBy(asc(familyPublishedProposals.kind), asc(familyPublishedProposals.rank));
  return rows.map((p) => ({
    id: p.id,
    kind: p.kind,
    rank: p.rank,
    track: p.track as Intention["track"],
    freeText: p.freeText,
    statusSchool: p.statusSchool,
    statusApprentice: p.statusApprentice,
    answer: p.answer,
    motivation: p.motivation,
  }));
}

export async function findFamilyAnswer(q: Queryable, studentId: string): Promise<AnswerFact | null> {
  const [a] = await q.select().from(familyAnswers).where(eq(familyAnswers.studentId, studentId));
  if (!a) return null;
  return {
    source: a.source,
    accountId: a.accountId,
    actorName: a.actorName,
    kind: a.kind,
    acceptedProposalIds: a.acceptedProposalIds,
    answeredAt: a.answeredAt,
  };
}

/** R-FIN-6: the one answer of a student; a second one (even concurrent) inserts nothing. */
export async function insertFamilyAnswer(
  q: Queryable,
  v: { studentId: string; accountId: string; actorName: string; kind: "accept" | "refuse_all"; acceptedProposalIds: string[]; at: Date },
): Promise<boolean> {
  const rows = await q
    .insert(familyAnswers)
    .values({
      studentId: v.studentId,
      source: "family",
      accountId: v.accountId,
      actorName: v.actorName,
      kind: v.kind,
      acceptedProposalIds: v.acceptedProposalIds,
      answeredAt: v.at,
    })
    .onConflictDoNothing({ target: familyAnswers.studentId })
    .returning({ studentId: familyAnswers.studentId });
  return rows.length > 0;
}

export async function findFamilyAgreements(q: Queryable, studentId: string): Promise<AgreementFact[]> {
  const rows = await q.select().from(familyAgreements).where(eq(familyAgreements.studentId, studentId)).orderBy(asc(familyAgreements.answeredAt));
  return rows.map((a) => ({
    guardianId: a.guardianId,
    source: a.source,
    accountId: a.accountId,
    actorName: a.actorName,
    agrees: a.agrees,
    answeredAt: a.answeredAt,
  }));
}

/** R-FIN-7: one agreement per (student, guardian); a second one (even concurrent) inserts nothing. */
export async function insertFamilyAgreement(
  q: Queryable,
  v: { studentId: string; guardianId: string; accountId: string; actorName: string; agrees: boolean; at: Date },
): Promise<boolean> {
  const rows = await q
    .insert(familyAgreements)
    .values({
      studentId: v.studentId,
      guardianId: v.guardianId,
      source: "family",
      accountId: v.accountId,
      actorName: v.actorName,
      agrees: v.agrees,
      answeredAt: v.at,
    })
    .onConflictDoNothing({ target: [familyAgreements.studentId, familyAgreements.guardianId] })
    .returning({ studentId: familyAgreements.studentId });
  return rows.length > 0;
}

/** The guardians of a student, by rank, with their display name. */
export async function findStudentGuardianNames(q: Queryable, studentId: string) {
  const rows = await findGuardiansOfStudents(q, [studentId]);
  return rows.map((g) => ({ id: g.id, rank: g.rank, name: personName(g) }));
}

export async function findPublishedDecision(q: Queryable, studentId: string) {
  const [d] = await q
    .select({ track: familyPublishedDecisions.track, decidedAt: familyPublishedDecisions.decidedAt })
    .from(familyPublishedDecisions)
    .where(and(eq(familyPublishedDecisions.studentId, studentId)));
  return d ?? null;
}
