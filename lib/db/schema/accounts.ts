import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { academies, divisions, schools } from "./organisation";
import { guardians, students } from "./people";

/**
 * Everyone who signs in. The role fixes which scope column is set:
 * guardian → guardianId, student → studentId, head/homeroom → schoolId, saio → academyId.
 */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    role: roleEnum().notNull(),
    displayName: text().notNull(),
    /** Password sign-in name (the former ATEN accounts for families, staff logins). */
    login: text().unique(),
    /** scrypt hash, "scrypt$N$r$p$salt$hash"; null for OIDC-only accounts. */
    passwordHash: text(),
    email: text(),
    guardianId: uuid().references(() => guardians.id, { onDelete: "cascade" }),
    studentId: uuid().references(() => students.id, { onDelete: "cascade" }),
    schoolId: uuid().references(() => schools.id, { onDelete: "cascade" }),
    academyId: text().references(() => academies.id, { onDelete: "cascade" }),
    /** R-SCH-14: a homeroom teacher with the head's delegation has the head's rights. */
    delegatedByHead: boolean().notNull().default(false),
    disabled: boolean().notNull().default(false),
    /** Created by the demo seed (docs/production.md): signs in only in demo mode; the server refuses to boot with one outside it. */
    demo: boolean().notNull().default(false),
    /** A one-time password (npm run admin:create): every signed-in page sends the account to /compte/mot-de-passe until it is changed. */
    mustChangePassword: boolean().notNull().default(false),
    /** R-OVS-5: the language of the family pages' guidance texts, chosen by the family ("fr", "en", "ar"). */
    locale: text().notNull().default("fr"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_guardian").on(t.guardianId),
    uniqueIndex("accounts_student").on(t.studentId),
    check(
      "account_scope",
      sql`
    (${t.role} = 'guardian' and ${t.guardianId} is not null and ${t.studentId} is null and ${t.schoolId} is null and ${t.academyId} is null)
    or (${t.role} = 'student' and ${t.studentId} is not null and ${t.guardianId} is null and ${t.schoolId} is null and ${t.academyId} is null)
    or (${t.role} in ('head', 'homeroom') and ${t.schoolId} is not null and ${t.guardianId} is null and ${t.studentId} is null and ${t.academyId} is null)
    or (${t.role} = 'saio' and ${t.academyId} is not null and ${t.guardianId} is null and ${t.studentId} is null and ${t.schoolId} is null)
    or (${t.role} = 'admin' and ${t.guardianId} is null and ${t.studentId} is null and ${t.schoolId} is null and ${t.academyId} is null)`,
    ),
    check("account_locale", sql`${t.locale} in ('fr', 'en', 'ar')`),
    check("delegation_homeroom_only", sql`not ${t.delegatedByHead} or ${t.role} = 'homeroom'`),
  ],
);

/** R-AUTH-2/4: an OpenID Connect identity (issuer + subject) linked to one account. */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    issuer: text().notNull(),
    subject: text().notNull(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    lastSignInAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

/** R-SCH-14: the divisions of which a homeroom teacher is professeur principal. */
export const homeroomDivisions = pgTable(
  "homeroom_divisions",
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.divisionId] }), index("homeroom_divisions_division").on(t.divisionId)],
);

/**
 * One row per sign-in. The JWT carries its id; a session is live while endedAt is null and it
 * is not past expiresAt. Ending it (logout, or the expiry sweep) is the event R-INT-8 hangs on.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text(), // "logout" | "expired"
    /** Set when the holder validated something in this session (R-INT-8: recap once per session with changes). */
    changedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("auth_sessions_open")
      .on(t.expiresAt)
      .where(sql`${t.endedAt} is null`),
    check("end_reason", sql`${t.endReason} is null or ${t.endReason} in ('logout', 'expired')`),
  ],
);

/**
 * Password sign-in throttling (docs/security-sign-in.md): one row per (login, source) whose
 * failures delay that source only, and one row per login (source "*") counting failures from
 * every source, whose ceiling takes away the free attempts of every source.
 */
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text().primaryKey(),
  login: text().notNull().default(""),
  source: text().notNull().default(""),
  /** Whether the last attempt reserved on this row may check its password (set by the reservation itself). */
  lastAttemptChecked: boolean().notNull().default(false),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});

/** R-AUTH-3: every write, who and when. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    accountId: uuid().references(() => accounts.id, { onDelete: "set null" }),
    actorName: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    details: text(), // JSON text, kept small
  },
  (t) => [index("audit_log_entity").on(t.entityType, t.entityId), index("audit_log_at").on(t.at)],
);

/**
 * R-DATA-2: a one-time link to set one's password (a new staff account, «mot de passe oublié»).
 * Only the SHA-256 of the token is stored; the link works once, before expiresAt.
 */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    tokenHash: text().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("password_tokens_account").on(t.accountId), check("password_token_purpose", sql`${t.purpose} in ('welcome', 'reset')`)],
);
