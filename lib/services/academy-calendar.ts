import type { Actor } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { upsertCampaignWindow } from "@/lib/db/repositories/academy-calendar";
import { validateCampaignCalendar, type WindowInput } from "@/lib/domain/campaign-calendar";
import type { Level } from "@/lib/domain/tracks";

/**
 * R-CAL-1: the saio sets the two windows of a level for a school year. Both are checked together
 * (closing after opening, final after provisional, within the school year) and saved at once.
 */
export async function saveCampaignCalendar(
  db: Db,
  actor: Actor,
  input: { academyId: string; schoolYear: string; level: Level; windows: WindowInput[] },
  now: Date,
): Promise<void> {
  const windows = validateCampaignCalendar(input.schoolYear, input.windows);
  await db.transaction(async (tx) => {
    for (const w of windows) {
      await upsertCampaignWindow(tx, { academyId: input.academyId, schoolYear: input.schoolYear, level: input.level, ...w, updatedAt: now });
    }
    await recordAudit(
      tx,
      actor,
      "campaign_calendar.save",
      { type: "academy", id: input.academyId },
      {
        schoolYear: input.schoolYear,
        level: input.level,
        windows: windows.map((w) => ({ phase: w.phase, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() })),
      },
      now,
    );
  });
}
