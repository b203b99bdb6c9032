import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  appealOutcomeEnum,
  decisionSourceEnum,
  familyAnswerKindEnum,
  interviewOutcomeEnum,
  noticeChannelEnum,
  opinionValueEnum,
  phaseEnum,
  proposalKindEnum,
  requestSourceEnum,
  yesNoEnum,
} from "./enums";
import { guardians, students } from "./people";
import { trackItemColumns } from "./track-item";

/*
 * The back-office's own tables (Siècle Orientation side, docs/rules.md §8).
 */

/** A ranked voie as carried in a JSON snapshot (family entries received, original entries kept). */
export type TrackItemSnapshot = {
  rank: number;
  track: string;
  subTrack: string;
  freeText: string | null;
  statusSchool: boolean;
  statusApprentice: boolean;
  specialties: string[];
  stagePasserelle: boolean;
};

/**
 * R-SCH-2 / R-SCH-4: the family's validated entry as received by the nightly transfer, marked
 * "TS" with who entered it and when. nonTraitee: validated on the day its council opened.
 */
export const schoolFamilyEntries = pgTable(
  "school_family_entries",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    phase: phaseEnum().notNull(),
    /** The family version received: the transfer's watermark for family entries (R-SYNC-4). */
    familyVersion: integer().notNull(),
    items: jsonb().$type<TrackItemSnapshot[]>().notNull(),
    enteredByName: text().notNull(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    nonTraitee: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.phase] })],
);

/**
 * The back-office's intentions / final choices of a student: entered by the school (R-SCH-1),
 * or generated from the family entry at the council's opening (R-SCH-3), possibly changed by the
 * school afterwards (R-SCH-5, the original family items kept).
 */
export const schoolRequests = pgTable(
  "school_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    phase: phaseEnum().notNull(),
    source: requestSourceEnum().notNull(),
    enteredByName: text().notNull(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    changedBySchoolAt: timestamp({ withTimezone: true }),
    changedBySchoolName: text(),
    originalFamilyItems: jsonb().$type<TrackItemSnapshot[]>(),
    /** Bumped at each change; the transfer publishes school changes to the family once (R-SYNC-2). */
    version: integer().notNull().default(1),
    publishedVersion: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("school_requests_student_phase").on(t.studentId, t.phase),
    check("school_change_keeps_original", sql`${t.changedBySchoolAt} is null or ${t.originalFamilyItems} is not null or ${t.source} = 'school'`),
  ],
);

export const schoolRequestItems = pgTable(
  "school_request_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => schoolRequests.id, { onDelete: "cascade" }),
    ...trackItemColumns(),
  },
  (t) => [
    uniqueIndex("school_request_items_rank").on(t.requestId, t.rank),
    uniqueIndex("school_request_items_track").on(t.requestId, t.track, t.subTrack),
    check("school_item_rank", sql`${t.rank} between 1 and 11`),
    check("school_item_free_text", sql`${t.freeText} is null or char_length(${t.freeText}) <= 200`),
  ],
);

/** R-SCH-7: avis provisoire on one intention; deleted with it (R-SCH-5, R-SCH-6). */
export const opinions = pgTable(
  "opinions",
  {
    itemId: uuid()
      .primaryKey()
      .references(() => schoolRequestItems.id, { onDelete: "cascade" }),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    value: opinionValueEnum().notNull(),
    comment: text(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    enteredByName: text().notNull(),
    /**
     * The transfer publishes the avis entered or changed up to its cut-off whose published copy
     * (familyPublishedOpinions) differs (R-SCH-7, R-SYNC-2): no watermark is written back here.
     */
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("opinions_student").on(t.studentId), check("opinion_comment_length", sql`${t.comment} is null or char_length(${t.comment}) <= 1000`)],
);

/** R-ACK-2: the acknowledgement as received. */
export const schoolAcknowledgements = pgTable("school_acknowledgements", {
  studentId: uuid()
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  acknowledgedByName: text().notNull(),
  acknowledgedAt: timestamp({ withTimezone: true }).notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * R-SCH-9, per phase: "famille à informer". Provisional: the avis changed after the family
 * acknowledged them; final: the council's proposals changed after they were published. Set by
 * the change, cleared when the head marks the family informed (who and when kept).
 */
export const schoolFamilyToInform = pgTable(
  "school_family_to_inform",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    phase: phaseEnum().notNull(),
    toInform: boolean().notNull(),
    flaggedAt: timestamp({ withTimezone: true }).notNull(),
    informedAt: timestamp({ withTimezone: true }),
    informedByName: text(),
  },
  (t) => [
    primaryKey({ columns: [t.studentId, t.phase] }),
    check("family_informed_pair", sql`(${t.informedAt} is null) = (${t.informedByName} is null)`),
    index("school_family_to_inform_pending")
      .on(t.studentId)
      .where(sql`${t.toInform}`),
  ],
);

/** R-FIN-5: «Oui»/«Non» on each family choice, or a voie the family did not ask for. */
export const councilProposals = pgTable(
  "council_proposals",
  {
    id: uuid().primaryKey().defaultRandom(),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    kind: proposalKindEnum().notNull(),
    choiceItemId: uuid().references(() => schoolRequestItems.id, { onDelete: "cascade" }),
    ...trackItemColumns(),
    answer: yesNoEnum(),
    motivation: text(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    enteredByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("council_proposals_student").on(t.studentId),
    uniqueIndex("council_proposals_choice").on(t.choiceItemId),
    check(
      "proposal_shape",
      sql`(${t.kind} = 'answer_to_choice' and ${t.choiceItemId} is not null and ${t.answer} is not null)
    or (${t.kind} = 'extra' and ${t.choiceItemId} is null)`,
    ),
  ],
);

/** R-FIN-6 / R-FIN-10: the family's answer, received from the family service or entered by the school. */
export const schoolFamilyAnswers = pgTable("school_family_answers", {
  studentId: uuid()
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  source: requestSourceEnum().notNull(),
  kind: familyAnswerKindEnum().notNull(),
  acceptedProposalIds: uuid()
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  answeredByName: text().notNull(),
  answeredAt: timestamp({ withTimezone: true }).notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull(),
});

/** R-FIN-7 / R-FIN-10: each guardian's agreement with the answer, as received or entered by the school. */
export const schoolAgreements = pgTable(
  "school_agreements",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    guardianId: uuid()
      .notNull()
      .references(() => guardians.id, { onDelete: "cascade" }),
    source: requestSourceEnum().notNull().default("family"),
    agrees: boolean().notNull(),
    answeredByName: text().notNull(),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.guardianId] })],
);

/**
 * R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: the orientation decision (one per student), taken by the
 * head, or the appeal commission's. A decision that differs from the family's request carries the
 * three reasons; its appeal deadline runs from the day the family received the notice.
 */
export const decisions = pgTable(
  "decisions",
  {
    studentId: uuid()
      .primaryKey()
      .references(() => students.id, { onDelete: "cascade" }),
    ...trackItemColumns(),
    source: decisionSourceEnum().notNull(),
    differsFromRequest: boolean().notNull(),
    /** R-FIN-11: the three grounds the law names: the student's knowledge, abilities and interests. */
    reasonKnowledge: text(),
    reasonAbilities: text(),
    reasonInterests: text(),
    /** R-FIN-11: the day of receipt (Europe/Paris): the e-mail's sending day, or the day the school handed the notice on paper. */
    notifiedOn: date({ mode: "string" }),
    noticeChannel: noticeChannelEnum(),
    /** R-FIN-11: last day to appeal (jours ouvrables after notifiedOn), for a decision that differs from the request. */
    appealDeadline: date({ mode: "string" }),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
    decidedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    /** R-FIN-12: the family used its right to keep the student in the same class for one year. */
    maintienAt: timestamp({ withTimezone: true }),
    maintienByName: text(),
  },
  (t) => [
    check(
      "decision_reasons",
      sql`not ${t.differsFromRequest} or (coalesce(${t.reasonKnowledge}, '') <> '' and coalesce(${t.reasonAbilities}, '') <> '' and coalesce(${t.reasonInterests}, '') <> '')`,
    ),
    check("decision_notice", sql`(${t.notifiedOn} is null) = (${t.noticeChannel} is null)`),
    check(
      "decision_deadline",
      sql`(${t.appealDeadline} is not null) = (${t.differsFromRequest} and ${t.notifiedOn} is not null and ${t.source} <> 'commission')`,
    ),
    check("decision_maintien_pair", sql`(${t.maintienAt} is null) = (${t.maintienByName} is null)`),
  ],
);

/** R-FIN-9: the mandatory interview with the head (several may be held). */
export const interviews = pgTable(
  "interviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    heldAt: timestamp({ withTimezone: true }).notNull(),
    /** Who took part (the head, the guardians, the student, others), as the school writes it. */
    participants: text().notNull(),
    outcome: interviewOutcomeEnum().notNull(),
    /** With an agreement: the voie the family and the head agreed on (a code of lib/domain/tracks.ts). */
    agreedTrack: text(),
    agreedSubTrack: text().notNull().default(""),
    notes: text(),
    enteredByName: text().notNull(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("interviews_student").on(t.studentId), check("interview_agreed_track", sql`(${t.outcome} = 'agreement') = (${t.agreedTrack} is not null)`)],
);

/** R-FIN-9: the appeal request, the commission's date and its final decision. */
export const appeals = pgTable(
  "appeals",
  {
    studentId: uuid()
      .primaryKey()
      .references(() => students.id, { onDelete: "cascade" }),
    /** The day the family's appeal reached the school (Europe/Paris). */
    requestedOn: date({ mode: "string" }).notNull(),
    requestedByName: text().notNull(),
    commissionDate: date({ mode: "string" }),
    outcome: appealOutcomeEnum().notNull().default("pending"),
    /** The commission's decision: a voie (lib/domain/tracks.ts) that becomes the decision. */
    commissionTrack: text(),
    commissionSubTrack: text().notNull().default(""),
    commissionNotes: text(),
    commissionDecidedAt: timestamp({ withTimezone: true }),
    commissionEnteredByName: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check(
      "appeal_decided",
      sql`(${t.outcome} = 'pending') = (${t.commissionDecidedAt} is null) and (${t.outcome} = 'pending') = (${t.commissionTrack} is null) and (${t.outcome} = 'pending') = (${t.commissionEnteredByName} is null)`,
    ),
  ],
);
