import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { civilityEnum } from "./enums";
import { divisions, schools } from "./organisation";

export const students = pgTable(
  "students",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The national student id; unique per school and year (R-DATA-1: the same student may be enrolled again next year, or elsewhere). */
    ine: text().notNull(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    lastName: text().notNull(),
    firstName: text().notNull(),
    birthDate: date({ mode: "string" }).notNull(),
    /** R-DATA-3: the school year of this enrolment: always its division's (set by a trigger, migration 0007). */
    schoolYear: text()
      .notNull()
      .$defaultFn(() => sql`null`),
    /** R-DATA-1: Siècle's ELEVE_ID of the student in the school's base (links the guardians' export to the students). */
    siecleId: text(),
    /** R-DATA-1: the student's own MEF when the export gives one (the division's otherwise). */
    mefCode: text(),
    /** R-DATA-1: entry into the school and leaving date (DATE_ENTREE, DATE_SORTIE). A student who left is kept, read-only. */
    enteredOn: date({ mode: "string" }),
    leftOn: date({ mode: "string" }),
    /** R-SCH-12: set when the student leaves the procedure (exceptional repeat year, special path). */
    outOfProcedureReason: text(),
    outOfProcedureAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("students_school_year_ine").on(t.schoolId, t.schoolYear, t.ine),
    uniqueIndex("students_school_year_siecle_id").on(t.schoolId, t.schoolYear, t.siecleId),
    index("students_ine").on(t.ine),
    index("students_division").on(t.divisionId),
    index("students_school").on(t.schoolId),
    check("ine_format", sql`${t.ine} ~ '^[0-9A-Z]{11}$'`),
    check("out_of_procedure_pair", sql`(${t.outOfProcedureReason} is null) = (${t.outOfProcedureAt} is null)`),
  ],
);

/**
 * A guardian. One person may be known to several schools' bases (siblings in a collège and a
 * lycée): R-DATA-1's import links each school's PERSONNE_ID to one guardian (guardianSiecleIds).
 */
export const guardians = pgTable(
  "guardians",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null when unknown (e.g. an identity provider that gives none): greetings then say «Madame, Monsieur». */
    civility: civilityEnum(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    email: text(),
  },
  // R-DATA-1: the import finds a parent already known to another school of the académie by e-mail.
  (t) => [index("guardians_email_lower").on(sql`lower(${t.email})`)],
);

/** A student has one or two guardians (rank 1 and 2); a guardian may have several students. */
export const studentGuardians = pgTable(
  "student_guardians",
  {
    studentId: uuid()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    guardianId: uuid()
      .notNull()
      .references(() => guardians.id, { onDelete: "cascade" }),
    rank: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studentId, t.guardianId] }),
    uniqueIndex("student_guardians_rank").on(t.studentId, t.rank),
    index("student_guardians_guardian").on(t.guardianId),
    check("guardian_rank", sql`${t.rank} in (1, 2)`),
  ],
);

/** R-DATA-1: a school's Siècle PERSONNE_ID of a guardian: re-importing the school's export finds the same guardian. */
export const guardianSiecleIds = pgTable(
  "guardian_siecle_ids",
  {
    schoolId: uuid()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    siecleId: text().notNull(),
    guardianId: uuid()
      .notNull()
      .references(() => guardians.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.siecleId] }), index("guardian_siecle_ids_guardian").on(t.guardianId)],
);
