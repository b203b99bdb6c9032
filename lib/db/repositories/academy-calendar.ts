import { and, eq, getTableColumns, inArray, sql, type SQLWrapper } from "drizzle-orm";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows } from "../read-together";
import { campaignWindows } from "../schema";

const windowFields = getTableColumns(campaignWindows);
/** R-CAL-1: the windows of one school year of these académies (a list, or a subquery of ids), by level and opening. */
export function academyCampaignWindowsPart(q: Queryable, academyIds: string[] | SQLWrapper, schoolYear: string) {
  return rows(
    windowFields,
    q
      .select(jsonFields(windowFields))
      .from(campaignWindows)
      .where(and(inArray(campaignWindows.academyId, academyIds), eq(campaignWindows.schoolYear, schoolYear))),
    ["level", "opensAt"],
  );
}

export function findAcademyCampaignWindows(q: Queryable, academyId: string, schoolYear: string) {
  return readOne(q, academyCampaignWindowsPart(q, [academyId], schoolYear));
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
