import { decisionFactsOf } from "@/lib/domain/decision";
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "../client";
import { findGuardiansOfStudents } from "./student-guardians";
import {
  academies,
  familyAgreements,
  familyAnswers,
  familyPublishedAppeals,
  familyPublishedDecisions,
  familyPublishedInterviews,
  familyPublishedProposals,
  schools,
} from "../schema";
import type { AgreementFact, AnswerFact, PublishedProposalFact } from "@/lib/domain/family-answer";
import type { AcademyDecisionParameters, FamilyAppealFact, FamilyDecisionFact, FamilyInterviewFact } from "@/lib/domain/family-decision";
import type { Intention } from "@/lib/domain/intentions";
import { personName } from "@/lib/domain/person-name";

/*
 * The final phase on the family side (R-FIN-6/7/8/9/10/11/12): published proposals, the answer,
 * the agreements, the interviews, the decision and the appeal. Reads only the family's own tables
 * (docs/rules.md §8) and the organisation's.
 */

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
    subTrack: p.subTrack,
    freeText: p.freeText,
    statusSchool: p.statusSchool,
    statusApprentice: p.statusApprentice,
    specialties: p.specialties,
    stagePasserelle: p.stagePasserelle,
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

/** R-FIN-8/11/12: the decision as published to the family, or null. */
export async function findPublishedDecision(q: Queryable, studentId: string): Promise<FamilyDecisionFact | null> {
  const [d] = await q.select().from(familyPublishedDecisions).where(eq(familyPublishedDecisions.studentId, studentId));
  return d ? decisionFactsOf(d) : null;
}

/** R-FIN-9: the interviews held with the head, as published to the family, oldest first. */
export async function findPublishedInterviews(q: Queryable, studentId: string): Promise<FamilyInterviewFact[]> {
  const rows = await q
    .select()
    .from(familyPublishedInterviews)
    .where(eq(familyPublishedInterviews.studentId, studentId))
    .orderBy(asc(familyPublishedInterviews.heldAt), asc(familyPublishedInterviews.id));
  return rows.map((i) => ({
    id: i.id,
    heldAt: i.heldAt,
    participants: i.participants,
    outcome: i.outcome,
    agreedTrack: i.agreedTrack,
    agreedSubTrack: i.agreedSubTrack,
  }));
}

/** R-FIN-9: the appeal as published to the family, or null. */
export async function findPublishedAppeal(q: Queryable, studentId: string): Promise<FamilyAppealFact | null> {
  const [a] = await q.select().from(familyPublishedAppeals).where(eq(familyPublishedAppeals.studentId, studentId));
  if (!a) return null;
  return {
    requestedOn: a.requestedOn,
    commissionDate: a.commissionDate,
    outcome: a.outcome,
    commissionTrack: a.commissionTrack,
    commissionSubTrack: a.commissionSubTrack,
    commissionDecidedAt: a.commissionDecidedAt,
  };
}

/** R-FIN-11/12: the académie's appeal deadline, commission and affectation link. */
export async function findAcademyDecisionParameters(q: Queryable, academyId: string): Promise<AcademyDecisionParameters | null> {
  const [a] = await q
    .select({
      appealWorkingDays: academies.appealDeadlineWorkingDays,
      commissionPresident: academies.appealCommissionPresident,
      commissionAddress: academies.appealCommissionAddress,
      affectationUrl: academies.affectationUrl,
    })
    .from(academies)
    .where(eq(academies.id, academyId));
  return a ?? null;
}

/** The school's name and postal address, for the head of the notice. */
export async function findNoticeSchool(q: Queryable, schoolId: string) {
  const [s] = await q
    .select({ name: schools.name, address: schools.address, postalCode: schools.postalCode, city: schools.city, phone: schools.phone, email: schools.email })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return s ?? null;
}
