import { eq, getTableColumns, inArray, type SQLWrapper } from "drizzle-orm";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows, type Part } from "../read-together";
import { academyFamilyLinksPart } from "./academies";
import { academyCampaignWindowsPart } from "./academy-calendar";
import { serviceClosuresPart } from "./campaign-state";
import {
  divisions,
  accounts,
  classCouncils,
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

/*
 * The students a family account opens, and the family-side facts its home page shows: every read
 * is a part (lib/db/read-together.ts), so that the home and a file page read them all in one
 * statement (docs/performance.md).
 */

export type FamilyStudentsOf = { guardianId: string } | { studentId: string };

/** The ids of the students `by` opens, as a subquery (a guardian's children) or the one id. */
function studentIdsOf(q: Queryable, by: FamilyStudentsOf): SQLWrapper | string[] {
  return "guardianId" in by
    ? q.select({ id: studentGuardians.studentId }).from(studentGuardians).where(eq(studentGuardians.guardianId, by.guardianId))
    : [by.studentId];
}

const studentFields = {
  id: students.id,
  firstName: students.firstName,
  lastName: students.lastName,
  birthDate: students.birthDate,
  outOfProcedureReason: students.outOfProcedureReason,
  schoolYear: students.schoolYear,
  leftOn: students.leftOn,
  openYear: schools.schoolYear,
  divisionId: divisions.id,
  divisionCode: divisions.code,
  level: divisions.level,
  schoolId: schools.id,
  schoolName: schools.name,
  academyId: schools.academyId,
  termMode: schools.termMode,
};

/** The students of a guardian (or the one student of a student account), with their school and division, by first name. */
export function familyStudentsPart(q: Queryable, by: FamilyStudentsOf) {
  return rows(
    studentFields,
    q
      .select(jsonFields(studentFields))
      .from(students)
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(inArray(students.id, studentIdsOf(q, by))),
    ["firstName"],
  );
}

export function findFamilyStudents(q: Queryable, by: FamilyStudentsOf) {
  return readOne(q, familyStudentsPart(q, by));
}

const councilFields = getTableColumns(classCouncils);

/**
 * What opens and closes the service for these students (R-CAL-1/3, R-SCH-3): their académies'
 * windows of the school year, their schools' closures, their divisions' councils of both phases.
 */
/** The académies of the students `by` opens, as a subquery. */
function academiesOf(q: Queryable, by: FamilyStudentsOf) {
  return q
    .select({ v: schools.academyId })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(inArray(students.id, studentIdsOf(q, by)));
}

/** R-OVS-5: the pages for families of the académies of the students `by` opens. */
export function familyAcademyLinksPart(q: Queryable, by: FamilyStudentsOf) {
  return academyFamilyLinksPart(q, academiesOf(q, by));
}

export function familyServiceParts(q: Queryable, by: FamilyStudentsOf, schoolYear: string) {
  const ids = studentIdsOf(q, by);
  const of = (column: typeof students.schoolId | typeof students.divisionId) => q.select({ v: column }).from(students).where(inArray(students.id, ids));
  return {
    windows: academyCampaignWindowsPart(q, academiesOf(q, by), schoolYear),
    closures: serviceClosuresPart(q, of(students.schoolId)),
    councils: rows(
      councilFields,
      q
        .select(jsonFields(councilFields))
        .from(classCouncils)
        .where(inArray(classCouncils.divisionId, of(students.divisionId))),
    ),
  };
}

const requestFields = {
  studentId: familyRequests.studentId,
  phase: familyRequests.phase,
  holderAccountId: familyRequests.holderAccountId,
  holderName: familyRequests.holderName,
  validatedAt: familyRequests.validatedAt,
};
const decisionFields = {
  studentId: familyPublishedDecisions.studentId,
  source: familyPublishedDecisions.source,
  differsFromRequest: familyPublishedDecisions.differsFromRequest,
  notifiedOn: familyPublishedDecisions.notifiedOn,
  appealDeadline: familyPublishedDecisions.appealDeadline,
  maintienAt: familyPublishedDecisions.maintienAt,
};
const ackFields = getTableColumns(familyAcknowledgements);
const answerFields = getTableColumns(familyAnswers);
const agreementFields = getTableColumns(familyAgreements);
const guardianAccountFields = { studentId: studentGuardians.studentId, guardianId: studentGuardians.guardianId, accountId: accounts.id };

/**
 * The family-side facts of both phases for these students (R-CAL-2 home): the validated entries,
 * whether avis and proposals are published, the acknowledgement, the answer, the agreements, the
 * guardians with their accounts, the interviews, the decision and the appeal.
 */
export function familyFactParts(q: Queryable, by: FamilyStudentsOf) {
  const ids = studentIdsOf(q, by);
  const published = (table: typeof familyPublishedOpinions | typeof familyPublishedProposals) =>
    rows(
      { studentId: table.studentId },
      q
        .selectDistinct(jsonFields({ studentId: table.studentId }))
        .from(table)
        .where(inArray(table.studentId, ids)),
    );
  return {
    requests: rows(requestFields, q.select(jsonFields(requestFields)).from(familyRequests).where(inArray(familyRequests.studentId, ids))),
    opinions: published(familyPublishedOpinions),
    proposals: published(familyPublishedProposals),
    acks: rows(ackFields, q.select(jsonFields(ackFields)).from(familyAcknowledgements).where(inArray(familyAcknowledgements.studentId, ids))),
    decisions: rows(
      decisionFields,
      q.select(jsonFields(decisionFields)).from(familyPublishedDecisions).where(inArray(familyPublishedDecisions.studentId, ids)),
    ),
    answers: rows(answerFields, q.select(jsonFields(answerFields)).from(familyAnswers).where(inArray(familyAnswers.studentId, ids))),
    agreements: rows(agreementFields, q.select(jsonFields(agreementFields)).from(familyAgreements).where(inArray(familyAgreements.studentId, ids))),
    guardians: rows(
      guardianAccountFields,
      q
        .select(jsonFields(guardianAccountFields))
        .from(studentGuardians)
        .leftJoin(accounts, eq(accounts.guardianId, studentGuardians.guardianId))
        .where(inArray(studentGuardians.studentId, ids)),
    ) as Part<{ studentId: string; guardianId: string; accountId: string | null }[]>,
    interviews: rows(
      { studentId: familyPublishedInterviews.studentId, heldAt: familyPublishedInterviews.heldAt },
      q
        .select(jsonFields({ studentId: familyPublishedInterviews.studentId, heldAt: familyPublishedInterviews.heldAt }))
        .from(familyPublishedInterviews)
        .where(inArray(familyPublishedInterviews.studentId, ids)),
    ),
    appeals: rows(
      { studentId: familyPublishedAppeals.studentId, outcome: familyPublishedAppeals.outcome },
      q
        .select(jsonFields({ studentId: familyPublishedAppeals.studentId, outcome: familyPublishedAppeals.outcome }))
        .from(familyPublishedAppeals)
        .where(inArray(familyPublishedAppeals.studentId, ids)),
    ),
  };
}
