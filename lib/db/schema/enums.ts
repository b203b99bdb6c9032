import { pgEnum } from "drizzle-orm/pg-core";

export const levelEnum = pgEnum("level", ["3e", "2GT"]);
export const phaseEnum = pgEnum("phase", ["provisional", "final"]);
export const roleEnum = pgEnum("role", ["guardian", "student", "head", "homeroom", "saio", "admin"]);
export const termModeEnum = pgEnum("term_mode", ["trimester", "semester"]);
export const civilityEnum = pgEnum("civility", ["M.", "Mme"]);
export const councilStateEnum = pgEnum("council_state", ["planned", "open"]);
export const requestSourceEnum = pgEnum("request_source", ["family", "school"]);
export const opinionValueEnum = pgEnum("opinion_value", ["favorable", "reserve", "defavorable"]);
export const proposalKindEnum = pgEnum("proposal_kind", ["answer_to_choice", "extra"]);
export const yesNoEnum = pgEnum("yes_no", ["yes", "no"]);
export const familyAnswerKindEnum = pgEnum("family_answer_kind", ["accept", "refuse_all"]);
/** "expired": an e-mail whose content is only true on the day it is sent (R-FIN-11 notice) and that could not leave that day. */
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "expired"]);
/** R-SYNC-5: "interrupted": a run whose process died (its row still said running while the transfer lock was free). */
export const syncStatusEnum = pgEnum("sync_status", ["running", "succeeded", "failed", "interrupted"]);
export const appealOutcomeEnum = pgEnum("appeal_outcome", ["pending", "upheld", "changed"]);
/** R-FIN-8 / R-FIN-9: where a decision comes from: the family's agreement with a proposal, the head after an interview, the appeal commission. */
export const decisionSourceEnum = pgEnum("decision_source", ["agreement", "head", "commission"]);
/** R-FIN-11: how the notice reached the family (the day of receipt starts the appeal deadline). */
export const noticeChannelEnum = pgEnum("notice_channel", ["email", "paper"]);
/** R-FIN-9: the outcome of the interview with the head. */
export const interviewOutcomeEnum = pgEnum("interview_outcome", ["agreement", "disagreement"]);
