import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../client";
import { campaignWindows, classCouncils, schoolServiceClosures } from "../schema";
import type { Phase } from "@/lib/domain/tracks";

/* What opens or closes the family service: the académie windows (R-CAL-1), the school closures (R-CAL-3) and the class councils (R-SCH-3). */

export async function findCampaignWindows(q: Queryable, academyId: string, schoolYear: string) {
  return q.select().from(campaignWindows).where(and(eq(campaignWindows.academyId, academyId), eq(campaignWindows.schoolYear, schoolYear)));
}

export async function findServiceClosures(q: Queryable, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return q.select().from(schoolServiceClosures).where(inArray(schoolServiceClosures.schoolId, schoolIds));
}

export async function findCouncils(q: Queryable, divisionIds: string[], phase: Phase) {
  if (divisionIds.length === 0) return [];
  return q.select().from(classCouncils).where(and(inArray(classCouncils.divisionId, divisionIds), eq(classCouncils.phase, phase)));
}
