import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows } from "../read-together";
import { campaignWindows } from "../schema";

const windowFields = getTableColumns(campaignWindows);
/** R-CAL-1: the académie's windows of one school year, by level and opening. */
export function academyCampaignWindowsPart(q: Queryable, academyId: string, schoolYear: string) {
  return rows(
    windowFields,
    q
      .select(jsonFields(windowFields))
      .from(campaignWindows)
      .where(and(eq(campaignWindows.academyId, academyId), eq(campaignWindows.schoolYear, schoolYear))),
    ["level", "opensAt"],
  );
}

export function findAcademyCampaignWindows(q: Queryable, academyId: string, schoolYear: string) {
  return readOne(q, academyCampaignWindowsPart(q, academyId, schoolYear));
}

export async function upsertCampaignWindow(
  q: Queryable,
  w: { academyId: string; schoolYear: string; level: Level; phase: Phase; opensAt: Date; closesAt: Date; updatedAt: Date },
) {
  await q
    .insert(campaignWindows)
    .values(w)
    .onConflictDoUpdate({
      target: [campaignWindows.academyId, campaignWindows.schoolYear, campaignWindows.level, campaignWindows.phase],
      set: { opensAt: sql`excluded.opens_at`, closesAt: sql`excluded.closes_at`, updatedAt: sql`excluded.updated_at` },
    });
}
