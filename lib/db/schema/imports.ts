import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { schools } from "./organisation";

/**
 * R-DATA-1: one import of a school's Siècle exports. A preview is stored ("previewed", with the
 * parsed files as `payload`); confirming applies it ("applied", payload cleared, counts kept) or
 * finds the school changed since and asks for a new preview. Listed with its counts on the import page.
 */
export const siecleImports = pgTable(
  "siecle_imports",
  {
    id: uuid().primaryKey().defaultRandom(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    schoolYear: text().notNull(),
    state: text().notNull().default("previewed"),
    /** The files as uploaded: [{ name, kind, sha256, bytes }]. */
    files: jsonb().$type<{ name: string; kind: string; sha256: string; bytes: number }[]>().notNull(),
    /** The parsed exports, kept between the preview and its confirmation; null once applied or abandoned. */
    payload: jsonb(),
    /** What the preview announced, then what the apply did (added, changed, moved, left, …). */
    counts: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** Fingerprint of the school's data the preview was computed on: a confirmation on changed data is refused. */
    basisHash: text().notNull(),
    accountId: uuid().references(() => accounts.id, { onDelete: "set null" }),
    actorName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("siecle_imports_school").on(t.schoolId, t.createdAt), check("siecle_import_state", sql`${t.state} in ('previewed', 'applied', 'abandoned')`)],
);
