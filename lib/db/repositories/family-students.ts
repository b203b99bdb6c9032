import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../client";
import {
  divisions,
  accounts,
  familyAcknowledgements,
  familyAgreements,
  familyAnswers,
  familyPublishedAppeals,
  familyPublishedDecisions,
  familyPublishedInterviews,
  familyPublishedProposals,
  familyPublishedOpinions,
  familyRequests,
  schools,
  studentGuardians,
  students,
} from "../schema";

/* The students a family account opens, and the family-side facts its home page shows. */

/** The students of a guardian (or the one student of a student account), with their school and division. */
export async function findFamilyStudents(q: Queryable, by: { guardianId: string } | { studentId: string }) {
  const base = q
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      birthDate: students.birthDate,
      outOfProcedureReason: students.outOfProcedureReason,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      level: divisions.level,
      schoolId: schools.id,
      schoolName: schools.name,
      academyId: schools.academyId,
      termMode: schools.termMode,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .innerJoin(schools, eq(schools.id, students.schoolId));
  if ("guardianId" in by) {
    return base
      .innerJoin(studentGuardians, eq(studentGuardians.studentId, students.id))
      .where(eq(studentGuardians.guardianId, by.guardianId))
      .orderBy(asc(students.firstName));
  }
  return base.where(eq(students.id, by.studentId));
}

/** Family-side facts of the provisional phase for a set of students (validated entry, avis, acknowledgement, decision). */
export async function findFamilyFacts(q: Queryable, studentIds: string[]) {
  if (studentIds.length === 0) return { requests: [], opinions: [], acks: [], decisions: [] };
  const [requests, opinions, acks, decisions] = await Promise.all([
    q
      .select({
        studentId: familyRequests.studentId,
        holderAccountId: familyRequests.holderAccountId,
        holderName: familyRequests.holderName,
        validatedAt: familyRequests.validatedAt,
      })
      .from(familyRequests)
      .where(and(inArray(familyRequests.studentId, studentIds), eq(familyRequests.phase, "provisional"))),
    q
      .selectDistinct({ studentId: familyPublishedOpinions.studentId })
      .from(familyPublishedOpinions)
      .where(inArray(familyPublishedOpinions.studentId, studentIds)),
    q.select().from(familyAcknowledgements).where(inArray(familyAcknowledgements.studentId, studentIds)),
    q
      .select({
        studentId: familyPublishedDecisions.studentId,
        source: familyPublishedDecisions.source,
        differsFromRequest: familyPublishedDecisions.differsFromRequest,
        notifiedOn: familyPublishedDecisions.notifiedOn,
        appealDeadline: familyPublishedDecisions.appealDeadline,
        maintienAt: familyPublishedDecisions.maintienAt,
      })
      .from(familyPublishedDecisions)
      .where(inArray(familyPublishedDecisions.studentId, studentIds)),
  ]);
  return { requests, opinions, acks, decisions };
}

/** Family-side facts of the final phase for a set of students (R-CAL-2 home): choices, proposals, answer, agreements, guardians, interviews, appeals. */
export async function findFamilyFinalFacts(q: Queryable, studentIds: string[]) {
  if (studentIds.length === 0) return { requests: [], proposals: [], answers: [], agreements: [], guardians: [], interviews: [], appeals: [] };
  const [requests, proposals, answers, agreements, guardians, interviews, appeals] = await Promise.all([
    q
      .select({
        studentId: familyRequests.studentId,
        holderAccountId: familyRequests.holderAccountId,
        holderName: familyRequests.holderName,
        validatedAt: familyRequests.validatedAt,
      })
      .from(familyRequests)
      .where(and(inArray(familyRequests.studentId, studentIds), eq(familyRequests.phase, "final"))),
    q
      .selectDistinct({ studentId: familyPublishedProposals.studentId })
      .from(familyPublishedProposals)
      .where(inArray(familyPublishedProposals.studentId, studentIds)),
    q.select().from(familyAnswers).where(inArray(familyAnswers.studentId, studentIds)),
    q.select().from(familyAgreements).where(inArray(familyAgreements.studentId, studentIds)),
    q
      .select({ studentId: studentGuardians.studentId, guardianId: studentGuardians.guardianId, accountId: accounts.id })
      .from(studentGuardians)
      .leftJoin(accounts, eq(accounts.guardianId, studentGuardians.guardianId))
      .where(inArray(studentGuardians.studentId, studentIds)),
    q
      .select({ studentId: familyPublishedInterviews.studentId, heldAt: familyPublishedInterviews.heldAt })
      .from(familyPublishedInterviews)
      .where(inArray(familyPublishedInterviews.studentId, studentIds)),
    q
      .select({ studentId: familyPublishedAppeals.studentId, outcome: familyPublishedAppeals.outcome })
      .from(familyPublishedAppeals)
      .where(inArray(familyPublishedAppeals.studentId, studentIds)),
  ]);
  return { requests, proposals, answers, agreements, guardians, interviews, appeals };
}
