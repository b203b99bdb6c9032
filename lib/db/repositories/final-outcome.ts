import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { inSchoolYear } from "./school-year";
import { awaitedAgreements } from "@/lib/domain/badges";
import { isAdult } from "@/lib/domain/calendar";
import { appealFactsOf, decisionFactsOf, interviewFactsOf, type CommissionPlan, type FinalOutcomeFacts, type InterviewPlan } from "@/lib/domain/decision";
import { personName } from "@/lib/domain/person-name";
import { trackItemOf, type TrackItem, type Level } from "@/lib/domain/tracks";
import type { IsoDay } from "@/lib/domain/working-days";
import type { Queryable } from "../client";
import { findGuardiansOfStudents } from "./student-guardians";
import {
  academies,
  appeals,
  councilProposals,
  decisions,
  divisions,
  interviews,
  schoolAgreements,
  schoolFamilyAnswers,
  schoolRequestItems,
  schoolRequests,
  schools,
  students,
} from "../schema";

/*
 * R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: what the back-office holds about the end of a student's
 * final phase (lib/domain/decision.ts `FinalOutcomeFacts`), and the writes of the head's entries:
 * the decision, the interview, the appeal, the commission's decision, the maintien, the paper notice.
 */

export type StudentOutcomeRow = {
  studentId: string;
  firstName: string;
  lastName: string;
  divisionId: string;
  divisionCode: string;
  schoolId: string;
  /** R-FIN-11: the académie's number of jours ouvrables of the appeal deadline. */
  appealDeadlineWorkingDays: number;
  facts: FinalOutcomeFacts;
  /** The version of the decision the screens show (stale screens are refused): null without a decision. */
  decisionUpdatedAt: Date | null;
  /** The day (Paris) the decision was taken, for the paper notice's bounds. */
  decisionDay: IsoDay | null;
  interviewNotes: Map<string, string | null>;
  appealNotes: string | null;
};

/** The facts of these students, keyed by student id (students of no school or unknown are left out). */
export async function loadFinalOutcomeFacts(q: Queryable, studentIds: readonly string[], now: Date): Promise<Map<string, StudentOutcomeRow>> {
  const ids = [...new Set(studentIds)];
  const out = new Map<string, StudentOutcomeRow>();
  if (ids.length === 0) return out;
  // One after the other: inside a transaction, q is one connection.
  const base = await q
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      birthDate: students.birthDate,
      outOfProcedureReason: students.outOfProcedureReason,
      divisionId: students.divisionId,
      divisionCode: divisions.code,
      level: divisions.level,
      schoolId: students.schoolId,
      days: academies.appealDeadlineWorkingDays,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(academies, eq(academies.id, schools.academyId))
    .where(inArray(students.id, ids));
  const choices = await q
    .select({ studentId: schoolRequests.studentId, item: schoolRequestItems })
    .from(schoolRequestItems)
    .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
    .where(and(inArray(schoolRequests.studentId, ids), eq(schoolRequests.phase, "final")))
    .orderBy(asc(schoolRequestItems.rank));
  const proposals = await q.select().from(councilProposals).where(inArray(councilProposals.studentId, ids)).orderBy(asc(councilProposals.rank));
  const answers = await q.select().from(schoolFamilyAnswers).where(inArray(schoolFamilyAnswers.studentId, ids));
  const agreements = await q.select().from(schoolAgreements).where(inArray(schoolAgreements.studentId, ids));
  const gs = await findGuardiansOfStudents(q, ids);
  const ivs = await q.select().from(interviews).where(inArray(interviews.studentId, ids)).orderBy(asc(interviews.heldAt));
  const decs = await q
    .select({ d: decisions, day: sql<string>`(${decisions.decidedAt} at time zone 'Europe/Paris')::date::text` })
    .from(decisions)
    .where(inArray(decisions.studentId, ids));
  const aps = await q.select().from(appeals).where(inArray(appeals.studentId, ids));

  for (const s of base) {
    const a = answers.find((x) => x.studentId === s.id) ?? null;
    const agreed = agreements.filter((x) => x.studentId === s.id);
    const guardians = gs.filter((g) => g.studentId === s.id);
    const nameOf = (guardianId: string) => {
      const g = guardians.find((x) => x.id === guardianId);
      return g ? personName(g) : "";
    };
    // R-FIN-7: every guardian but the one who answered (0 for an adult student). An answer entered by
    // the school records the answerer's own agreement: a guardian without one is still awaited.
    const awaited =
      !a || isAdult(s.birthDate, now)
        ? 0
        : awaitedAgreements(
            guardians.map((g) => personName(g)),
            a.answeredByName,
            agreed.map((x) => nameOf(x.guardianId)),
            a.source,
          ).count;
    const dd = decs.find((x) => x.d.studentId === s.id) ?? null;
    const d = dd?.d ?? null;
    const ap = aps.find((x) => x.studentId === s.id) ?? null;
    const own = ivs.filter((i) => i.studentId === s.id);
    const facts: FinalOutcomeFacts = {
      level: s.level as Level,
      outOfProcedure: s.outOfProcedureReason !== null,
      choices: choices.filter((c) => c.studentId === s.id).map((c): TrackItem => trackItemOf(c.item)),
      proposals: proposals.filter((p) => p.studentId === s.id).map((p) => ({ ...trackItemOf(p), id: p.id, kind: p.kind, answer: p.answer })),
      answer: a ? { kind: a.kind, acceptedProposalIds: a.acceptedProposalIds } : null,
      agreements: agreed.map((x) => ({ agrees: x.agrees })),
      agreementsAwaited: awaited,
      interviews: own.map(interviewFactsOf),
      decision: d ? decisionFactsOf(d) : null,
      appeal: ap ? appealFactsOf(ap) : null,
    };
    out.set(s.id, {
      studentId: s.id,
      firstName: s.firstName,
      lastName: s.lastName,
      divisionId: s.divisionId,
      divisionCode: s.divisionCode,
      schoolId: s.schoolId,
      appealDeadlineWorkingDays: s.days,
      facts,
      decisionUpdatedAt: d?.updatedAt ?? null,
      decisionDay: dd?.day ?? null,
      interviewNotes: new Map(own.map((i) => [i.id, i.notes])),
      appealNotes: ap?.commissionNotes ?? null,
    });
  }
  return out;
}

/** The in-procedure students of a division or of a school, by name (the lists and the bulk decision). */
export async function findOutcomeStudentIds(q: Queryable, where: { divisionId: string } | { schoolId: string; divisionIds: "all" | readonly string[] }) {
  const cond =
    "divisionId" in where
      ? eq(students.divisionId, where.divisionId)
      : where.divisionIds === "all"
        ? and(eq(students.schoolId, where.schoolId), inSchoolYear(students.schoolYear, students.schoolId))
        : and(
            eq(students.schoolId, where.schoolId),
            inSchoolYear(students.schoolYear, students.schoolId),
            inArray(students.divisionId, [...where.divisionIds, "00000000-0000-0000-0000-000000000000"]),
          );
  const rows = await q
    .select({ id: students.id })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .where(and(cond, sql`${students.outOfProcedureReason} is null`))
    .orderBy(asc(divisions.code), asc(students.lastName), asc(students.firstName), asc(students.id));
  return rows.map((r) => r.id);
}

/**
 * A new or changed decision. The notice is reset (notified_on, channel, deadline): the night
 * transfer publishes it again and notifies the family of it (R-FIN-8, R-FIN-11).
 */
export async function upsertDecision(
  q: Queryable,
  v: {
    studentId: string;
    item: TrackItem;
    source: "agreement" | "head" | "commission";
    differsFromRequest: boolean;
    reasons: { knowledge: string; abilities: string; interests: string } | null;
    byName: string;
    at: Date;
  },
) {
  const row = {
    ...trackItemOf(v.item),
    source: v.source,
    differsFromRequest: v.differsFromRequest,
    reasonKnowledge: v.reasons?.knowledge ?? null,
    reasonAbilities: v.reasons?.abilities ?? null,
    reasonInterests: v.reasons?.interests ?? null,
    notifiedOn: null,
    noticeChannel: null,
    appealDeadline: null,
    decidedAt: v.at,
    decidedByName: v.byName,
    updatedAt: v.at,
  };
  await q
    .insert(decisions)
    .values({ studentId: v.studentId, ...row })
    .onConflictDoUpdate({ target: decisions.studentId, set: row });
}

export async function insertInterview(q: Queryable, v: { studentId: string; plan: InterviewPlan; byName: string; at: Date }): Promise<string> {
  const [row] = await q
    .insert(interviews)
    .values({
      studentId: v.studentId,
      heldAt: v.plan.heldAt,
      participants: v.plan.participants,
      outcome: v.plan.outcome,
      agreedTrack: v.plan.agreed?.track ?? null,
      agreedSubTrack: v.plan.agreed?.subTrack ?? "",
      notes: v.plan.notes,
      enteredByName: v.byName,
      enteredAt: v.at,
      updatedAt: v.at,
    })
    .returning({ id: interviews.id });
  return row!.id;
}

export async function insertAppealRequest(q: Queryable, v: { studentId: string; requestedOn: IsoDay; byName: string; at: Date }) {
  await q.insert(appeals).values({ studentId: v.studentId, requestedOn: v.requestedOn, requestedByName: v.byName, updatedAt: v.at });
}

/**
 * R-FIN-9: the commission's decision, on the appeal, and as the decision itself (source
 * «commission», no appeal deadline, the reasons of the head's decision kept).
 */
export async function recordCommission(q: Queryable, v: { studentId: string; plan: CommissionPlan; byName: string; at: Date }) {
  await q
    .update(appeals)
    .set({
      commissionDate: v.plan.commissionDate,
      outcome: v.plan.outcome,
      commissionTrack: v.plan.item.track,
      commissionSubTrack: v.plan.item.subTrack,
      commissionNotes: v.plan.notes,
      commissionDecidedAt: v.at,
      commissionEnteredByName: v.byName,
      updatedAt: v.at,
    })
    .where(eq(appeals.studentId, v.studentId));
  await q
    .update(decisions)
    .set({
      ...trackItemOf(v.plan.item),
      source: "commission",
      differsFromRequest: v.plan.differsFromRequest,
      appealDeadline: null,
      decidedAt: v.at,
      decidedByName: v.byName,
      updatedAt: v.at,
    })
    .where(eq(decisions.studentId, v.studentId));
}

/** R-FIN-12: the family keeps the student in 3e one more year. */
export async function recordMaintien(q: Queryable, v: { studentId: string; byName: string; at: Date }) {
  await q.update(decisions).set({ maintienAt: v.at, maintienByName: v.byName, updatedAt: v.at }).where(eq(decisions.studentId, v.studentId));
}

/** R-FIN-11: the notice handed on paper on `day`, and the appeal deadline it opens. */
export async function recordPaperNotice(q: Queryable, v: { studentId: string; day: IsoDay; deadline: IsoDay; at: Date }) {
  await q
    .update(decisions)
    .set({ notifiedOn: v.day, noticeChannel: "paper", appealDeadline: v.deadline, updatedAt: v.at })
    .where(eq(decisions.studentId, v.studentId));
}
