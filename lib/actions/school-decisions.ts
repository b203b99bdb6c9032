"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { BAD_DATE_MESSAGE, REASON_MAX_LENGTH } from "@/lib/domain/decision";
import { DomainError } from "@/lib/domain/errors";
import { isStrictDay } from "@/lib/domain/inputs";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import {
  recordAppealRequest,
  recordCommissionDecision,
  recordInterview,
  recordMaintien,
  recordPaperNotice,
  takeDecision,
  takeDivisionDecisions,
} from "@/lib/services/school-decisions";

/**
 * R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: the head's entries at the end of the final phase
 * (permission "decide:orientation": the head of the student's school, not the homeroom teachers).
 * Each form sends the version of the decision it showed (`seenUpdatedAt`): a stale screen is refused.
 */

const studentId = z.string().uuid();
const seenUpdatedAt = z.string().max(40).nullable();
/** A day of the procedure: a real calendar day, never rolled over ("2026-02-30" is refused: lib/domain/inputs.ts). */
const day = z.string().max(10, { message: BAD_DATE_MESSAGE }).refine(isStrictDay, { message: BAD_DATE_MESSAGE });
const text = z.string().max(REASON_MAX_LENGTH + 500);
const reasons = z.object({ knowledge: text, abilities: text, interests: text }).nullable();

export const takeDecisionAction = defineAction({
  name: "decision.take",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({
    studentId,
    seenUpdatedAt,
    candidateKey: z.string().min(1, { message: "Choisissez la voie de la décision." }).max(200),
    reasons,
    confirmed: z.boolean(),
  }),
  handler: ({ db, actor, input, now }) => takeDecision(db, actor, input, now),
});

export const takeDivisionDecisionsAction = defineAction({
  name: "decision.take-division",
  permission: "decide:orientation",
  resource: { type: "division", from: "divisionId" },
  schema: z.object({ divisionId: z.string().uuid(), fingerprint: z.string().max(100_000) }),
  handler: ({ db, actor, input, now }) => takeDivisionDecisions(db, actor, input, now),
});

export const recordInterviewAction = defineAction({
  name: "interview.record",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({
    studentId,
    seenUpdatedAt,
    heldAt: z.string().max(40),
    participants: text,
    outcome: z.enum(["agreement", "disagreement"], { message: "Indiquez l'issue de l'entretien." }),
    agreedCandidateKey: z.string().max(200).nullable(),
    notes: text,
  }),
  handler: ({ db, actor, input, now }) => {
    const heldAt = fromParisInputValue(input.heldAt);
    if (!heldAt) throw new DomainError("BAD_DATE", "Date et heure de l'entretien invalides.", { heldAt: ["Date et heure de l'entretien invalides."] });
    return recordInterview(db, actor, { ...input, heldAt }, now);
  },
});

export const recordAppealRequestAction = defineAction({
  name: "appeal.request",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({ studentId, seenUpdatedAt, requestedOn: day }),
  handler: ({ db, actor, input, now }) => recordAppealRequest(db, actor, input, now),
});

export const recordCommissionDecisionAction = defineAction({
  name: "appeal.commission",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({
    studentId,
    seenUpdatedAt,
    commissionDate: day,
    candidateKey: z.string().min(1, { message: "Choisissez la voie décidée par la commission." }).max(200),
    notes: text,
    confirmed: z.boolean(),
  }),
  handler: ({ db, actor, input, now }) => recordCommissionDecision(db, actor, input, now),
});

export const recordMaintienAction = defineAction({
  name: "decision.maintien",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({ studentId, seenUpdatedAt }),
  handler: ({ db, actor, input, now }) => recordMaintien(db, actor, input, now),
});

export const recordPaperNoticeAction = defineAction({
  name: "decision.paper-notice",
  permission: "decide:orientation",
  resource: { type: "student", from: "studentId" },
  schema: z.object({ studentId, seenUpdatedAt, day }),
  handler: ({ db, actor, input, now }) => recordPaperNotice(db, actor, input, now),
});
