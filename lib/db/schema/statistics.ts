import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { StatisticsCounts } from "@/lib/domain/academy-statistics";
import { levelEnum, phaseEnum } from "./enums";
import { academies } from "./organisation";

/**
 * R-OVS-1: the académie-wide statistics of one level and phase, as last computed (the counts of
 * lib/db/repositories/academy-statistics.ts, per school and per voie). The académie page reads
 * this row (a few milliseconds whatever the académie's size) and has it recomputed, after
 * answering, when it is older than a few minutes; the school and division pages are computed
 * live (docs/performance.md).
 */
export const academyStatistics = pgTable(
  "academy_statistics",
  {
    academyId: text()
      .notNull()
      .references(() => academies.id, { onDelete: "cascade" }),
    level: levelEnum().notNull(),
    phase: phaseEnum().notNull(),
    counts: jsonb().$type<StatisticsCounts>().notNull(),
    /** When the computation started: the counts are those of that instant. */
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.academyId, t.level, t.phase] })],
);
