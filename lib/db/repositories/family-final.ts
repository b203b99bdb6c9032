import { decisionFactsOf } from "@/lib/domain/decision";
import { eq, getTableColumns } from "drizzle-orm";
import type { Queryable } from "../client";
import { first, jsonFields, mapPart, readOne, rows, type Part } from "../read-together";
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

const proposalFields = getTableColumns(familyPublishedProposals);
export function publishedProposalsPart(q: Queryable, studentId: string): Part<PublishedProposalFact[]> {
  const part = rows(
    proposalFields,
    q.select(jsonFields(proposalFields)).from(familyPublishedProposals).where(eq(familyPublishedProposals.studentId, studentId)),
    ["kind", "rank"],
  );
  return mapPart(part, (list) => list.map(proposalFactOf));
}

export function findPublishedProposals(q: Queryable, studentId: string): Promise<PublishedProposalFact[]> {
  return readOne(q, publishedProposalsPart(q, studentId));
}

function proposalFactOf(p: typeof familyPublishedProposals.$inferSelect): PublishedProposalFact {
  return {
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
  };
}

const answerFields = getTableColumns(familyAnswers);
export function familyAnswerPart(q: Queryable, studentId: string): Part<AnswerFact | null> {
  return mapPart(
    first(answerFields, q.select(jsonFields(answerFields)).from(familyAnswers).where(eq(familyAnswers.studentId, studentId))),
    (a) => a && answerFactOf(a),
  );
}

export function findFamilyAnswer(q: Queryable, studentId: string): Promise<AnswerFact | null> {
  return readOne(q, familyAnswerPart(q, studentId));
}

function answerFactOf(a: typeof familyAnswers.$inferSelect): AnswerFact {
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

const agreementFields = getTableColumns(familyAgreements);
export function familyAgreementsPart(q: Queryable, studentId: string): Part<AgreementFact[]> {
  const part = rows(agreementFields, q.select(jsonFields(agreementFields)).from(familyAgreements).where(eq(familyAgreements.studentId, studentId)), [
    "answeredAt",
  ]);
  return mapPart(part, (list) =>
    list.map((a) => ({
      guardianId: a.guardianId,
      source: a.source,
      accountId: a.accountId,
      actorName: a.actorName,
      agrees: a.agrees,
      answeredAt: a.answeredAt,
    })),
  );
}

export function findFamilyAgreements(q: Queryable, studentId: string): Promise<AgreementFact[]> {
  return readOne(q, familyAgreementsPart(q, studentId));
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
const decisionFields = getTableColumns(familyPublishedDecisions);
export function publishedDecisionPart(q: Queryable, studentId: string): Part<FamilyDecisionFact | null> {
  const part = first(
    decisionFields,
    q.select(jsonFields(decisionFields)).from(familyPublishedDecisions).where(eq(familyPublishedDecisions.studentId, studentId)),
  );
  return mapPart(part, (d) => d && decisionFactsOf(d));
}

export function findPublishedDecision(q: Queryable, studentId: string): Promise<FamilyDecisionFact | null> {
  return readOne(q, publishedDecisionPart(q, studentId));
}

/** R-FIN-9: the interviews held with the head, as published to the family, oldest first. */
const interviewFields = getTableColumns(familyPublishedInterviews);
export function publishedInterviewsPart(q: Queryable, studentId: string): Part<FamilyInterviewFact[]> {
  const part = rows(
    interviewFields,
    q.select(jsonFields(interviewFields)).from(familyPublishedInterviews).where(eq(familyPublishedInterviews.studentId, studentId)),
    ["heldAt", "id"],
  );
  return mapPart(part, (list) =>
    list.map((i) => ({
      id: i.id,
      heldAt: i.heldAt,
      participants: i.participants,
      outcome: i.outcome,
      agreedTrack: i.agreedTrack,
      agreedSubTrack: i.agreedSubTrack,
    })),
  );
}

export function findPublishedInterviews(q: Queryable, studentId: string): Promise<FamilyInterviewFact[]> {
  return readOne(q, publishedInterviewsPart(q, studentId));
}

/** R-FIN-9: the appeal as published to the family, or null. */
const appealFields = getTableColumns(familyPublishedAppeals);
export function publishedAppealPart(q: Queryable, studentId: string): Part<FamilyAppealFact | null> {
  return mapPart(
    first(appealFields, q.select(jsonFields(appealFields)).from(familyPublishedAppeals).where(eq(familyPublishedAppeals.studentId, studentId))),
    (a) => (a ? appealFactOf(a) : null),
  );
}

export function findPublishedAppeal(q: Queryable, studentId: string): Promise<FamilyAppealFact | null> {
  return readOne(q, publishedAppealPart(q, studentId));
}

function appealFactOf(a: typeof familyPublishedAppeals.$inferSelect): FamilyAppealFact {
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
const academyDecisionFields = {
  appealWorkingDays: academies.appealDeadlineWorkingDays,
  commissionPresident: academies.appealCommissionPresident,
  commissionAddress: academies.appealCommissionAddress,
  affectationUrl: academies.affectationUrl,
};
export function academyDecisionParametersPart(q: Queryable, academyId: string): Part<AcademyDecisionParameters | null> {
  return first(academyDecisionFields, q.select(jsonFields(academyDecisionFields)).from(academies).where(eq(academies.id, academyId)));
}

export function findAcademyDecisionParameters(q: Queryable, academyId: string): Promise<AcademyDecisionParameters | null> {
  return readOne(q, academyDecisionParametersPart(q, academyId));
}

/** The school's name and postal address, for the head of the notice. */
export async function findNoticeSchool(q: Queryable, schoolId: string) {
  const [s] = await q
    .select({ name: schools.name, address: schools.address, postalCode: schools.postalCode, city: schools.city, phone: schools.phone, email: schools.email })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return s ?? null;
}
