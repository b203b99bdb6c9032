import { sql } from "drizzle-orm";
import { boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { councilStateEnum, levelEnum, phaseEnum, termModeEnum } from "./enums";

/** R-DATA-3: the school year of today, Paris time ("2026-2027"; lib/domain/calendar.ts schoolYearOf in SQL: a year starts on 1 September, so 8 months before today falls in its first calendar year). */
const CURRENT_SCHOOL_YEAR = sql`(extract(year from (now() at time zone 'Europe/Paris') - interval '8 months')::int || '-' || extract(year from (now() at time zone 'Europe/Paris') - interval '8 months')::int + 1)`;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** An académie and its parameters (set by its saio). */
export const academies = pgTable(
  "academies",
  {
    id: text().primaryKey(), // short code, e.g. "grenoble"
    name: text().notNull(),
    /** R-INT-5: families may give a métier/formation text and a status for 2de pro and CAP. */
    allowTrackDetails: boolean().notNull().default(true),
    /** R-2GT-5: a "stage passerelle" can be requested online (default: no). */
    allowStagePasserelle: boolean().notNull().default(false),
    /** Generic sender address of the e-mails sent to families of this académie. */
    senderEmail: text().notNull(),
    /** R-FIN-11: appeal deadline in working days from receipt of the decision. */
    appealDeadlineWorkingDays: integer().notNull().default(3),
    appealCommissionPresident: text().notNull().default(""),
    appealCommissionAddress: text().notNull().default(""),
    /** R-FIN-12: where the family page points once a decision exists (the affectation service); "" = no link. */
    affectationUrl: text().notNull().default(""),
    /** R-OVS-5: the académie's pages for families (resources on the procedure, assistance); "" = none. */
    resourcesUrl: text().notNull().default(""),
    assistanceUrl: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("appeal_deadline_positive", sql`${t.appealDeadlineWorkingDays} between 1 and 30`)],
);

/** R-CAL-1: opening and closing of the family service, per académie, school year, level and phase. */
export const campaignWindows = pgTable(
  "campaign_windows",
  {
    id: uuid().primaryKey().defaultRandom(),
    academyId: text()
      .notNull()
      .references(() => academies.id, { onDelete: "cascade" }),
    schoolYear: text().notNull(), // "2026-2027"
    level: levelEnum().notNull(),
    phase: phaseEnum().notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_windows_key").on(t.academyId, t.schoolYear, t.level, t.phase),
    check("campaign_window_order", sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const schools = pgTable(
  "schools",
  {
    id: uuid().primaryKey().defaultRandom(),
    uai: text().notNull().unique(),
    academyId: text()
      .notNull()
      .references(() => academies.id),
    name: text().notNull(),
    address: text().notNull(),
    postalCode: text().notNull(),
    city: text().notNull(),
    phone: text().notNull(),
    email: text().notNull(),
    /** R-CAL-4: trimesters or semesters, for the term labels of the calendar. */
    termMode: termModeEnum().notNull().default("trimester"),
    /**
     * R-DATA-3: the school year the school works in ("2026-2027"). Its divisions and students of
     * earlier years are closed: kept, readable and printable, never written again. A new school
     * starts in the school year of its creation (Paris time; a year starts on 1 September).
     */
    schoolYear: text().notNull().default(CURRENT_SCHOOL_YEAR),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("uai_format", sql`${t.uai} ~ '^[0-9]{7}[A-Z]$'`), index("schools_academy").on(t.academyId)],
);

/** R-CAL-3: the head closes (and reopens) the family service of a phase for their school. */
export const schoolServiceClosures = pgTable(
  "school_service_closures",
  {
    schoolId: uuid()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    level: levelEnum().notNull(),
    phase: phaseEnum().notNull(),
    closed: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedByName: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.level, t.phase] })],
);

/** R-SCH-13: the head's scanned signature printed on the fiche de dialogue. */
export const schoolSignatures = pgTable(
  "school_signatures",
  {
    schoolId: uuid()
      .primaryKey()
      .references(() => schools.id, { onDelete: "cascade" }),
    mimeType: text().notNull(),
    image: bytea().notNull(),
    signatoryName: text().notNull(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("signature_mime", sql`${t.mimeType} in ('image/png', 'image/jpeg')`)],
);

/** R-2GT-4: the spécialités a lycée offers (codes from lib/domain/tracks.ts). */
export const schoolSpecialties = pgTable(
  "school_specialties",
  {
    schoolId: uuid()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    specialty: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.specialty] })],
);

export const divisions = pgTable(
  "divisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    code: text().notNull(), // "3A"
    /**
     * R-DATA-3: a division belongs to one school year; next year's "3A" is another division. When
     * not given, the database fills it with its school's current year (trigger, migration 0007).
     */
    schoolYear: text()
      .notNull()
      .$defaultFn(() => sql`null`),
    level: levelEnum().notNull(),
    mefCode: text().notNull(),
    mefLabel: text().notNull(),
  },
  (t) => [uniqueIndex("divisions_school_year_code").on(t.schoolId, t.schoolYear, t.code)],
);

/** R-SCH-3, R-SCH-6, R-FIN-4: the class council of a division, per phase. */
export const classCouncils = pgTable(
  "class_councils",
  {
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id, { onDelete: "cascade" }),
    phase: phaseEnum().notNull(),
    state: councilStateEnum().notNull().default("planned"),
    scheduledAt: timestamp({ withTimezone: true }),
    openedAt: timestamp({ withTimezone: true }),
    openedByName: text(),
  },
  (t) => [primaryKey({ columns: [t.divisionId, t.phase] }), check("council_open_has_date", sql`${t.state} = 'planned' or ${t.openedAt} is not null`)],
);
