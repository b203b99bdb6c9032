import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { civilityEnum } from "./enums";
import { divisions, schools } from "./organisation";

export const students = pgTable(
  "students",
  {
    id: uuid().primaryKey().defaultRandom(),
    ine: text().notNull().unique(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    lastName: text().notNull(),
    firstName: text().notNull(),
    birthDate: date({ mode: "string" }).notNull(),
    /** R-SCH-12: set when the student leaves the procedure (exceptional repeat year, special path). */
    outOfProcedureReason: text(),
    outOfProcedureAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("students_division").on(t.divisionId),
    index("students_school").on(t.schoolId),
    check("ine_format", sql`${t.ine} ~ '^[0-9A-Z]{11}$'`),
    check("out_of_procedure_pair", sql`(${t.outOfProcedureReason} is null) = (${t.outOfProcedureAt} is null)`),
  ],
);

export const guardians = pgTable("guardians", {
  id: uuid().primaryKey().defaultRandom(),
  /** Null when unknown (e.g. an identity provider that gives none): greetings then say «Madame, Monsieur». */
  civility: civilityEnum(),
  firstName: text().notNull(),
  lastName: text().notNull(),
  email: text(),
});

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
