import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AgreementFact, AnswerFact, FamilyAnswersStudentFacts, GuardianFact, ProposalFact } from "@/lib/domain/school-family-answers";
import type { Queryable } from "../client";
import { findGuardiansOfStudents } from "./student-guardians";
import { councilProposals, schoolAgreements, schoolFamilyAnswers, students } from "../schema";
import { lockStudents } from "./student-locks";

/*
 * R-FIN-10: the back-office's answers of the families to the council's proposals, and each
 * guardian's agreement (R-FIN-7), as received from the family service or entered by the school.
 */

/** The proposals, guardians, answer and agreements of some students, keyed by student. */
async function answerFactsOf(q: Queryable, studentIds: readonly string[]) {
  const ids = [...studentIds];
  if (ids.length === 0) return new Map<string, Omit<FamilyAnswersStudentFacts, "id" | "firstName" | "lastName">>();
  // One after the other: inside a transaction, q is one connection.
  const proposals = await q.select().from(councilProposals).where(inArray(councilProposals.studentId, ids)).orderBy(asc(councilProposals.rank));
  const gs = await findGuardiansOfStudents(q, ids);
  const answers = await q.select().from(schoolFamilyAnswers).where(inArray(schoolFamilyAnswers.studentId, ids));
  const agreements = await q.select().from(schoolAgreements).where(inArray(schoolAgreements.studentId, ids));
  const out = new Map<string, Omit<FamilyAnswersStudentFacts, "id" | "firstName" | "lastName">>();
  for (const id of ids) {
    const a = answers.find((x) => x.studentId === id);
    out.set(id, {
      proposals: proposals
        .filter((p) => p.studentId === id)
        .map((p): ProposalFact => ({
          id: p.id,
          kind: p.kind,
          rank: p.rank,
          track: p.track,
          subTrack: p.subTrack,
          freeText: p.freeText,
          statusSchool: p.statusSchool,
          statusApprentice: p.statusApprentice,
          specialties: p.specialties,
          stagePasserelle: p.stagePasserelle,
          answer: p.answer,
          motivation: p.motivation,
        })),
      guardians: gs
        .filter((g) => g.studentId === id)
        .map((g): GuardianFact => ({ id: g.id, rank: g.rank, civility: g.civility, firstName: g.firstName, lastName: g.lastName })),
      answer: a
        ? ({
            source: a.source,
            kind: a.kind,
            acceptedProposalIds: a.acceptedProposalIds,
            answeredByName: a.answeredByName,
            answeredAt: a.answeredAt,
          } satisfies AnswerFact)
        : null,
      agreements: agreements
        .filter((x) => x.studentId === id)
        .map((x): AgreementFact => ({
          guardianId: x.guardianId,
          source: x.source,
          agrees: x.agrees,
          answeredByName: x.answeredByName,
          answeredAt: x.answeredAt,
        })),
    });
  }
  return out;
}

/** R-FIN-10: the students of a division with what the screen shows (those without proposals included, the view filters). */
export async function findDivisionAnswerFacts(q: Queryable, divisionId: string): Promise<FamilyAnswersStudentFacts[]> {
  const ss = await q
    .select({ id: students.id, firstName: students.firstName, lastName: students.lastName })
    .from(students)
    .where(and(eq(students.divisionId, divisionId), sql`${students.outOfProcedureReason} is null`))
    .orderBy(asc(students.lastName), asc(students.firstName));
  const facts = await answerFactsOf(
    q,
    ss.map((s) => s.id),
  );
  return ss.map((s) => ({ ...s, ...facts.get(s.id)! }));
}

/**
 * One student's facts for an entry, read after locking the student's row, so that two entries
 * for the same student (double submit, two staff members) run one after the other.
 */
export async function lockStudentAnswerFacts(q: Queryable, studentId: string) {
  await lockStudents(q, [studentId]);
  return (await answerFactsOf(q, [studentId])).get(studentId)!;
}

/**
 * Writes the school's answer over the row the head's screen was built from (`seen`: none, or that
 * row's source and date). An answer that arrived in between (the night transfer carrying an online
 * answer) is not overwritten: false, and the caller asks the head to look again.
 */
export async function upsertSchoolAnswer(
  q: Queryable,
  v: { studentId: string; kind: "accept" | "refuse_all"; acceptedProposalIds: string[]; byName: string; at: Date },
  seen: { source: "family" | "school"; answeredAt: Date } | null,
): Promise<boolean> {
  const written = await q
    .insert(schoolFamilyAnswers)
    .values({
      studentId: v.studentId,
      source: "school",
      kind: v.kind,
      acceptedProposalIds: v.acceptedProposalIds,
      answeredByName: v.byName,
      answeredAt: v.at,
      receivedAt: v.at,
    })
    .onConflictDoUpdate({
      target: schoolFamilyAnswers.studentId,
      set: {
        source: "school",
        kind: v.kind,
        acceptedProposalIds: v.acceptedProposalIds,
        answeredByName: v.byName,
        answeredAt: v.at,
        receivedAt: v.at,
      },
      // The date compared as JavaScript read it, to the millisecond (PostgreSQL keeps microseconds).
      setWhere: seen
        ? and(
            eq(schoolFamilyAnswers.source, seen.source),
            sql`date_trunc('milliseconds', ${schoolFamilyAnswers.answeredAt}) = ${seen.answeredAt.toISOString()}::timestamptz`,
          )
        : sql`false`,
    })
    .returning({ studentId: schoolFamilyAnswers.studentId });
  return written.length > 0;
}

export async function deleteSchoolAgreements(q: Queryable, studentId: string) {
  await q.delete(schoolAgreements).where(eq(schoolAgreements.studentId, studentId));
}

export async function upsertSchoolAgreement(q: Queryable, v: { studentId: string; guardianId: string; agrees: boolean; byName: string; at: Date }) {
  await q
    .insert(schoolAgreements)
    .values({
      studentId: v.studentId,
      guardianId: v.guardianId,
      source: "school",
      agrees: v.agrees,
      answeredByName: v.byName,
      answeredAt: v.at,
      receivedAt: v.at,
    })
    .onConflictDoUpdate({
      target: [schoolAgreements.studentId, schoolAgreements.guardianId],
      set: { source: "school", agrees: v.agrees, answeredByName: v.byName, answeredAt: v.at, receivedAt: v.at },
    });
}
