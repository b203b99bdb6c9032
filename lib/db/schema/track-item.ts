import { sql } from "drizzle-orm";
import { boolean, integer, text } from "drizzle-orm/pg-core";

/**
 * The columns that describe one ranked voie (an intention, a final choice, a proposal, a
 * decision), shared by the family-side and school-side tables. Codes are in lib/domain/tracks.ts.
 */
export function trackItemColumns() {
  return {
    rank: integer().notNull(),
    track: text().notNull(),
    /** 2GT: the série of a 1re technologique (STL with its option), or the target of the voie pro. */
    subTrack: text().notNull().default(""),
    /** R-INT-5: "Spécialité(s) ou famille(s) de métiers" (2de pro) / "Spécialité(s)" (CAP). */
    freeText: text(),
    statusSchool: boolean().notNull().default(false),
    statusApprentice: boolean().notNull().default(false),
    /** R-2GT-2/3: ranked enseignements de spécialité of a 1re générale. */
    specialties: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** R-2GT-5: stage passerelle requested. */
    stagePasserelle: boolean().notNull().default(false),
  };
}
