import { and, asc, eq, sql } from "drizzle-orm";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { Queryable } from "../client";
import { campaignWindows } from "../schema";

/** R-CAL-1: the académie's windows of one school year. */
export async function findAcademyCampaignWindows(q: Queryable, academyId: string, schoolYear: string) {
  return q
    .select()
    .from(campaignWindows)
    .where(and(eq(campaignWindows.academyId, academyId), eq(campaignWindows.schoolYear, schoolYear)))
    .orderBy(asc(campaignWindows.level), asc(campaignWindows.opensAt));
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
