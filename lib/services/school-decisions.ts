import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import {
  findOutcomeStudentIds,
  insertAppealRequest,
  insertInterview,
  loadFinalOutcomeFacts,
  recordCommission,
  recordMaintien as writeMaintien,
  recordPaperNotice as writePaperNotice,
  upsertDecision,
  type StudentOutcomeRow,
} from "@/lib/db/repositories/final-outcome";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import {
  DECISION_STALE_MESSAGE,
  BAD_DATE_MESSAGE,
  candidateKey,
  DATE_IN_FUTURE_MESSAGE,
  noticeDeadline,
  planAppealRequest,
  planCommissionDecision,
  planDecision,
  planInterview,
  planMaintien,
  sameTrack,
  type CommissionInput,
  type DecisionInput,
  type DecisionPlan,
  type InterviewInput,
} from "@/lib/domain/decision";
import { DomainError } from "@/lib/domain/errors";
import { parisDayKey } from "@/lib/domain/paris-time";
import { BULK_EMPTY_MESSAGE, BULK_STALE_MESSAGE, bulkSummary, parseFingerprint } from "@/lib/domain/school-decisions-page";
import { isIsoDay, type IsoDay } from "@/lib/domain/working-days";

/*
 * R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: the head's entries at the end of the final phase. The
 * caller has checked "decide:orientation" (the head of the student's school). Each entry: one
 * transaction, the student's row locked (two heads racing run one after the other), the facts
 * reloaded under the lock, the domain's plan, a stale screen refused (the form sends the
 * decision's version it showed), the write audited, a double submit writing nothing more.
 * The night transfer publishes what is written here to the family and notifies the decision.
 */

type Seen = { seenUpdatedAt: string | null };

export const NOT_FOUND_MESSAGE = "Élève introuvable.";
export const CONFIRM_CHANGE_MESSAGE =
  "Une décision d'orientation est déjà enregistrée pour cet élève : confirmez son remplacement (la famille sera de nouveau notifiée).";
export const CONFIRM_COMMISSION_MESSAGE = "Confirmez la décision de la commission d'appel : elle devient la décision d'orientation définitive.";
export const NOTICE_NOT_NEEDED_MESSAGE = "Seule une décision qui diffère de la demande de la famille, et pas encore notifiée, se notifie sur papier ici.";
export const NOTICE_BEFORE_DECISION_MESSAGE = "La notification ne peut pas précéder la décision.";

async function lockedRow(tx: Queryable, studentId: string, now: Date): Promise<StudentOutcomeRow> {
  await lockStudents(tx, [studentId]);
  const row = (await loadFinalOutcomeFacts(tx, [studentId], now)).get(studentId);
  if (!row) throw new DomainError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return row;
}

function assertFresh(row: StudentOutcomeRow, seen: string | null) {
  const current = row.decisionUpdatedAt ? row.decisionUpdatedAt.toISOString() : null;
  if (current !== seen) throw new DomainError("STALE_SCREEN", DECISION_STALE_MESSAGE);
}

const today = (now: Date): IsoDay => parisDayKey(now);

/** R-FIN-8 / R-FIN-9 / R-FIN-11: the head takes (or changes) the decision of one student. */
export async function takeDecision(
  db: Db,
  actor: AuditActor,
  input: DecisionInput & Seen & { studentId: string; confirmed: boolean },
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    const plan = planDecision(row.facts, input, today(now));
    if (!plan.changed) return { changed: false };
    assertFresh(row, input.seenUpdatedAt);
    if (row.facts.decision && !input.confirmed) throw new DomainError("CONFIRMATION_REQUIRED", CONFIRM_CHANGE_MESSAGE);
    await writeDecision(tx, actor, input.studentId, plan, row.facts.decision ? "decision.change" : "decision.take", {}, now);
    return { changed: true };
  });
}

/** Writes a planned decision and its audit line (R-AUTH-3): the one way a head's decision is saved. */
async function writeDecision(
  tx: Queryable,
  actor: AuditActor,
  studentId: string,
  plan: Extract<DecisionPlan, { changed: true }>,
  action: "decision.take" | "decision.change",
  extra: Record<string, string>,
  now: Date,
): Promise<void> {
  const { item, source, differsFromRequest, reasons } = plan;
  await upsertDecision(tx, { studentId, item, source, differsFromRequest, reasons, byName: actor.displayName, at: now });
  await recordAudit(
    tx,
    actor,
    action,
    { type: "student", id: studentId },
    { track: item.track, subTrack: item.subTrack, source, differsFromRequest, ...extra },
    now,
  );
}

/**
 * R-FIN-8: the decisions of a division's students whose family agreed, after the head confirmed
 * the summary (`fingerprint`, lib/domain/school-decisions-page.ts): refused when the set changed
 * since; a double submit (every decision of the summary already taken) writes nothing.
 */
export async function takeDivisionDecisions(
  db: Db,
  actor: AuditActor,
  input: { divisionId: string; fingerprint: string },
  now: Date,
): Promise<{ taken: number }> {
  return db.transaction(async (tx) => {
    const ids = await findOutcomeStudentIds(tx, { divisionId: input.divisionId });
    await lockStudents(tx, ids);
    const facts = await loadFinalOutcomeFacts(tx, ids, now);
    const rows = ids.map((id) => facts.get(id)!).filter(Boolean);
    const summary = bulkSummary(rows, today(now));
    if (summary.fingerprint !== input.fingerprint) {
      const seen = parseFingerprint(input.fingerprint);
      const alreadyTaken =
        seen.length > 0 &&
        seen.every((s) => {
          const d = facts.get(s.studentId)?.facts.decision;
          return d && d.source === "agreement" && candidateKey(d) === s.candidateKey;
        }) &&
        !summary.items.some((i) => seen.some((s) => s.studentId === i.studentId));
      if (alreadyTaken) return { taken: 0 };
      throw new DomainError("STALE_SUMMARY", BULK_STALE_MESSAGE);
    }
    if (summary.items.length === 0) throw new DomainError("NOTHING_TO_DECIDE", BULK_EMPTY_MESSAGE);
    for (const item of summary.items) {
      const row = facts.get(item.studentId)!;
      const plan = planDecision(row.facts, { candidateKey: item.candidateKey, reasons: null }, today(now));
      if (!plan.changed) continue;
      await writeDecision(tx, actor, item.studentId, plan, "decision.take", { bulk: input.divisionId }, now);
    }
    return { taken: summary.items.length };
  });
}

/** R-FIN-9: the interview with the head, once held. The same interview twice is recorded once. */
export async function recordInterview(
  db: Db,
  actor: AuditActor,
  input: InterviewInput & Seen & { studentId: string },
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    const plan = planInterview(row.facts, input, now);
    const same = row.facts.interviews.find(
      (i) =>
        i.heldAt.getTime() === plan.heldAt.getTime() &&
        i.participants === plan.participants &&
        i.outcome === plan.outcome &&
        (i.agreedTrack ?? null) === (plan.agreed?.track ?? null) &&
        i.agreedSubTrack === (plan.agreed?.subTrack ?? ""),
    );
    if (same) return { changed: false };
    assertFresh(row, input.seenUpdatedAt);
    const id = await insertInterview(tx, { studentId: input.studentId, plan, byName: actor.displayName, at: now });
    await recordAudit(
      tx,
      actor,
      "interview.record",
      { type: "student", id: input.studentId },
      { interviewId: id, heldAt: plan.heldAt.toISOString(), outcome: plan.outcome, agreed: plan.agreed },
      now,
    );
    return { changed: true };
  });
}

/** R-FIN-9 / R-FIN-11: the family's appeal, on the day it reached the school. */
export async function recordAppealRequest(
  db: Db,
  actor: AuditActor,
  input: Seen & { studentId: string; requestedOn: IsoDay },
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    if (row.facts.appeal && row.facts.appeal.requestedOn === input.requestedOn) return { changed: false };
    const plan = planAppealRequest(row.facts, input.requestedOn, today(now));
    assertFresh(row, input.seenUpdatedAt);
    await insertAppealRequest(tx, { studentId: input.studentId, requestedOn: plan.requestedOn, byName: actor.displayName, at: now });
    await recordAudit(tx, actor, "appeal.request", { type: "student", id: input.studentId }, { requestedOn: plan.requestedOn }, now);
    return { changed: true };
  });
}

/** R-FIN-9: the appeal commission's decision, which becomes the (final) decision. */
export async function recordCommissionDecision(
  db: Db,
  actor: AuditActor,
  input: CommissionInput & Seen & { studentId: string; confirmed: boolean },
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    const f = row.facts;
    if (
      f.appeal &&
      f.appeal.outcome !== "pending" &&
      f.decision?.source === "commission" &&
      f.appeal.commissionDate === input.commissionDate &&
      candidateKey(f.decision) === input.candidateKey
    )
      return { changed: false };
    const plan = planCommissionDecision(f, input, today(now));
    assertFresh(row, input.seenUpdatedAt);
    if (!input.confirmed) throw new DomainError("CONFIRMATION_REQUIRED", CONFIRM_COMMISSION_MESSAGE);
    await recordCommission(tx, { studentId: input.studentId, plan, byName: actor.displayName, at: now });
    await recordAudit(
      tx,
      actor,
      "appeal.commission",
      { type: "student", id: input.studentId },
      {
        commissionDate: plan.commissionDate,
        outcome: plan.outcome,
        track: plan.item.track,
        subTrack: plan.item.subTrack,
        upheld: f.decision ? sameTrack(f.decision, plan.item) : false,
      },
      now,
    );
    return { changed: true };
  });
}

/** R-FIN-12: the family keeps the student in 3e one more year. Twice is recorded once. */
export async function recordMaintien(db: Db, actor: AuditActor, input: Seen & { studentId: string }, now: Date): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    if (row.facts.decision?.maintienAt) return { changed: false };
    planMaintien(row.facts);
    assertFresh(row, input.seenUpdatedAt);
    await writeMaintien(tx, { studentId: input.studentId, byName: actor.displayName, at: now });
    await recordAudit(tx, actor, "decision.maintien", { type: "student", id: input.studentId }, undefined, now);
    return { changed: true };
  });
}

/**
 * R-FIN-11: the notice handed to the family on paper on `day`: the day of receipt, from which the
 * appeal deadline runs (the académie's jours ouvrables). Only for a decision that differs from
 * the request and is not yet notified; the day neither in the future nor before the decision.
 */
export async function recordPaperNotice(
  db: Db,
  actor: AuditActor,
  input: Seen & { studentId: string; day: IsoDay },
  now: Date,
): Promise<{ changed: boolean; deadline: IsoDay | null }> {
  return db.transaction(async (tx) => {
    const row = await lockedRow(tx, input.studentId, now);
    const d = row.facts.decision;
    if (d && d.noticeChannel === "paper" && d.notifiedOn === input.day) return { changed: false, deadline: d.appealDeadline };
    if (!d || !d.differsFromRequest || d.source === "commission" || d.notifiedOn) throw new DomainError("NOTICE_NOT_NEEDED", NOTICE_NOT_NEEDED_MESSAGE);
    if (!isIsoDay(input.day)) throw new DomainError("BAD_DATE", BAD_DATE_MESSAGE, { day: [BAD_DATE_MESSAGE] });
    if (input.day > today(now)) throw new DomainError("DATE_IN_FUTURE", DATE_IN_FUTURE_MESSAGE, { day: [DATE_IN_FUTURE_MESSAGE] });
    if (row.decisionDay && input.day < row.decisionDay)
      throw new DomainError("NOTICE_BEFORE_DECISION", NOTICE_BEFORE_DECISION_MESSAGE, { day: [NOTICE_BEFORE_DECISION_MESSAGE] });
    assertFresh(row, input.seenUpdatedAt);
    const deadline = noticeDeadline(d, input.day, row.appealDeadlineWorkingDays)!;
    await writePaperNotice(tx, { studentId: input.studentId, day: input.day, deadline, at: now });
    await recordAudit(tx, actor, "decision.paper-notice", { type: "student", id: input.studentId }, { notifiedOn: input.day, appealDeadline: deadline }, now);
    return { changed: true, deadline };
  });
}
