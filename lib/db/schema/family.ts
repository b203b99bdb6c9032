import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
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
 * The family service's own tables (docs/rules.md §8, docs/sync.md). Nothing here is read by the back-office;
 * the nightly transfer (lib/transfer, docs/sync.md) copies between these and lib/db/schema/school.ts.
 */

/**
 * The validated intentions (provisional) or final choices (final) of a student.
 * R-INT-1 / R-FIN-1: the row's holder is the one who holds the hand for the phase; the unique
 * (student, phase) key makes a second holder impossible. Only validated entries are stored (R-INT-6).
 */
export const familyRequests = pgTable(
  "family_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    phase: phaseEnum().notNull(),
    holderAccountId: uuid()
      .notNull()
      .references(() => accounts.id),
    holderName: text().notNull(),
    /**
     * Incremented at each validation. The transfer copies a version once (R-SYNC-4): the version
     * received is kept on the school side (schoolFamilyEntries.familyVersion), written by the same
     * statement as the copy, so this row is never rewritten by the transfer.
     */
    version: integer().notNull().default(1),
    validatedAt: timestamp({ withTimezone: true }).notNull(),
    /** R-SCH-5 / R-SYNC-2: the school changed this entry at the family's request. */
    changedBySchoolAt: timestamp({ withTimezone: true }),
    changedBySchoolName: text(),
  },
  (t) => [uniqueIndex("family_requests_student_phase").on(t.studentId, t.phase), check("family_request_version", sql`${t.version} >= 1`)],
);

export const familyRequestItems = pgTable(
  "family_request_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => familyRequests.id, { onDelete: "cascade" }),
    ...trackItemColumns(),
  },
  (t) => [
    uniqueIndex("family_request_items_rank").on(t.requestId, t.rank),
    // R-INT-3: a voie cannot be requested twice.
    uniqueIndex("family_request_items_track").on(t.requestId, t.track, t.subTrack),
    check("family_item_rank", sql`${t.rank} between 1 and 11`),
    check("family_item_free_text", sql`${t.freeText} is null or char_length(${t.freeText}) <= 200`),
  ],
);

/** R-ACK-1: one acknowledgement per student, never changed. */
export const familyAcknowledgements = pgTable("family_acknowledgements", {
  studentId: uuid()
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  accountId: uuid()
    .notNull()
    .references(() => accounts.id),
  actorName: text().notNull(),
  acknowledgedAt: timestamp({ withTimezone: true }).notNull(),
  transferredAt: timestamp({ withTimezone: true }),
});

/**
 * R-FIN-6: the family's answer to the council's proposals, by the holder of the final phase; or
 * R-FIN-10: entered by the school for a family that does not use the online service (source
 * "school", no account), published to the family by the transfer.
 */
export const familyAnswers = pgTable(
  "family_answers",
  {
    studentId: uuid()
      .primaryKey()
      .references(() => students.id, { onDelete: "cascade" }),
    source: requestSourceEnum().notNull().default("family"),
    accountId: uuid().references(() => accounts.id),
    actorName: text().notNull(),
    kind: familyAnswerKindEnum().notNull(),
    /** Ids of the accepted published proposals (familyPublishedProposals.id) when kind = accept. */
    acceptedProposalIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    transferredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check("family_answer_accepts", sql`(${t.kind} = 'accept') = (cardinality(${t.acceptedProposalIds}) > 0)`),
    check("family_answer_source", sql`(${t.source} = 'family') = (${t.accountId} is not null)`),
  ],
);

/**
 * R-FIN-7: each guardian says whether they agree with the answer («Oui» / «Non»), once; keyed by
 * the guardian, so that the school can enter it for a guardian without an account (R-FIN-10,
 * source "school", published to the family by the transfer).
 */
export const familyAgreements = pgTable(
  "family_agreements",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    guardianId: uuid()
      .notNull()
      .references(() => guardians.id, { onDelete: "cascade" }),
    source: requestSourceEnum().notNull().default("family"),
    accountId: uuid().references(() => accounts.id),
    actorName: text().notNull(),
    agrees: boolean().notNull(),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    transferredAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.guardianId] }), check("family_agreement_source", sql`(${t.source} = 'family') = (${t.accountId} is not null)`)],
);

/** R-SYNC-2: the avis provisoires as published to the family, with the intention they answer. */
export const familyPublishedOpinions = pgTable(
  "family_published_opinions",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    ...trackItemColumns(),
    value: opinionValueEnum().notNull(),
    comment: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.rank] })],
);

/** R-FIN-5: the council's proposals as published to the family. */
export const familyPublishedProposals = pgTable(
  "family_published_proposals",
  {
    id: uuid().primaryKey(), // same id as councilProposals.id
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    kind: proposalKindEnum().notNull(),
    ...trackItemColumns(),
    answer: yesNoEnum(),
    motivation: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("family_published_proposals_student").on(t.studentId)],
);

/** R-FIN-8/11/12: the orientation decision as published to the family. */
export const familyPublishedDecisions = pgTable("family_published_decisions", {
  studentId: uuid()
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  ...trackItemColumns(),
  source: decisionSourceEnum().notNull(),
  differsFromRequest: boolean().notNull(),
  reasonKnowledge: text(),
  reasonAbilities: text(),
  reasonInterests: text(),
  notifiedOn: date({ mode: "string" }),
  noticeChannel: noticeChannelEnum(),
  appealDeadline: date({ mode: "string" }),
  decidedAt: timestamp({ withTimezone: true }).notNull(),
  decidedByName: text().notNull(),
  maintienAt: timestamp({ withTimezone: true }),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
});

/** R-FIN-9: the interviews held with the head, as published to the family. */
export const familyPublishedInterviews = pgTable(
  "family_published_interviews",
  {
    id: uuid().primaryKey(),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    heldAt: timestamp({ withTimezone: true }).notNull(),
    participants: text().notNull(),
    outcome: interviewOutcomeEnum().notNull(),
    agreedTrack: text(),
    agreedSubTrack: text().notNull().default(""),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("family_published_interviews_student").on(t.studentId)],
);

/** R-FIN-9: the appeal, as published to the family. */
export const familyPublishedAppeals = pgTable("family_published_appeals", {
  studentId: uuid()
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  requestedOn: date({ mode: "string" }).notNull(),
  commissionDate: date({ mode: "string" }),
  outcome: appealOutcomeEnum().notNull(),
  commissionTrack: text(),
  commissionSubTrack: text().notNull().default(""),
  commissionDecidedAt: timestamp({ withTimezone: true }),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
});
