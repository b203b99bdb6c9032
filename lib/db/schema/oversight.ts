import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { levelEnum, phaseEnum } from "./enums";
import { academies, schools } from "./organisation";
import { outboxEmails } from "./ops";
import { guardians, students } from "./people";

/*
 * The académie's oversight of the campaign (docs/rules.md §9): reminders (R-OVS-2) and alerts on a
 * voie (R-OVS-3). Statistics (R-OVS-1) are read from the procedure's own tables; the on-demand
 * transfer (R-OVS-4) is a sync_runs row with its school.
 */

/**
 * R-OVS-2: a reminder scheduled by the académie (schoolId null: every school of the académie) or
 * by a school (its own families), for the open phase of a level, sent at sendAt. The reminders job
 * takes a due reminder once (processedAt set in the same transaction as its sends).
 */
export const reminders = pgTable(
  "reminders",
  {
    id: uuid().primaryKey().defaultRandom(),
    academyId: text()
      .notNull()
      .references(() => academies.id, { onDelete: "cascade" }),
    schoolId: uuid().references(() => schools.id, { onDelete: "cascade" }),
    schoolYear: text().notNull(),
    level: levelEnum().notNull(),
    phase: phaseEnum().notNull(),
    sendAt: timestamp({ withTimezone: true }).notNull(),
    createdByAccountId: uuid().references(() => accounts.id, { onDelete: "set null" }),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledByName: text(),
    processedAt: timestamp({ withTimezone: true }),
    /**
     * The reminders job's claim (lib/services/reminders.ts sendOneDueReminder): the worker's token
     * and its lease on the DATABASE's clock, renewed by each batch. Claimed, a reminder can no longer
     * be cancelled; a lease run out (the worker died) lets another worker take it over.
     */
    claimToken: uuid(),
    claimedUntil: timestamp({ withTimezone: true }),
    /** The last student (id order) of the last batch committed: a resumed run continues after it. */
    progressStudentId: uuid(),
  },
  (t) => [
    index("reminders_due")
      .on(t.sendAt)
      .where(sql`${t.processedAt} is null and ${t.cancelledAt} is null`),
    index("reminders_academy").on(t.academyId, t.schoolYear),
    index("reminders_school").on(t.schoolId),
  ],
);

/**
 * R-OVS-2: who a reminder reached: one row per (reminder, student, guardian), so a family is
 * reminded once per reminder. toAddress null: the guardian has no e-mail (the school calls them).
 */
export const reminderSends = pgTable(
  "reminder_sends",
  {
    reminderId: uuid()
      .notNull()
      .references(() => reminders.id, { onDelete: "cascade" }),
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    guardianId: uuid()
      .notNull()
      .references(() => guardians.id, { onDelete: "cascade" }),
    toAddress: text(),
    outboxId: bigint({ mode: "number" }).references(() => outboxEmails.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reminderId, t.studentId, t.guardianId] }), index("reminder_sends_student").on(t.studentId)],
);

/**
 * R-OVS-3: an alert the académie attaches to a voie (subTrack "": the whole voie) or to one série
 * of it (e.g. 1T + STD2A): a message and a date, shown to a family that enters it.
 */
export const trackAlerts = pgTable(
  "track_alerts",
  {
    id: uuid().primaryKey().defaultRandom(),
    academyId: text()
      .notNull()
      .references(() => academies.id, { onDelete: "cascade" }),
    level: levelEnum().notNull(),
    track: text().notNull(),
    subTrack: text().notNull().default(""),
    message: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("track_alerts_key").on(t.academyId, t.level, t.track, t.subTrack),
    check("track_alert_message", sql`length(${t.message}) between 1 and 1000`),
  ],
);
