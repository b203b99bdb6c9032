import { guardPage } from "@/lib/auth/guard";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { listReminders } from "@/lib/db/repositories/reminders";
import { schoolYearOf } from "@/lib/domain/calendar";
import { describeReminder, describeWindowForReminders, REMINDER_PHASE_OPTIONS, type ReminderLine } from "@/lib/domain/reminders";
import { LEVEL_LABELS, LEVELS, type Level, type Phase } from "@/lib/domain/tracks";

export type RemindersFormOptions = {
  levels: { value: Level; label: string }[];
  phases: readonly { value: Phase; label: string }[];
  /** The académie's windows of the school year, to recall when a reminder may leave. */
  windows: string[];
};

export type AcademyRemindersView = { schoolYear: string; form: RemindersFormOptions; reminders: ReminderLine[] };

/** R-OVS-2: the saio's reminders of their académie (manage:academy): the form and the list. */
export async function loadAcademyRemindersPage(): Promise<AcademyRemindersView> {
  const { db, scope, now } = await guardPage({ roles: ["saio"], permission: "manage:academy", resource: { type: "academy" } });
  const schoolYear = schoolYearOf(now);
  const [windows, rows] = await Promise.all([
    findAcademyCampaignWindows(db, scope.academyId, schoolYear),
    listReminders(db, { academyId: scope.academyId, schoolId: null }),
  ]);
  return {
    schoolYear,
    form: {
      levels: LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
      phases: REMINDER_PHASE_OPTIONS,
      windows: windows.map(describeWindowForReminders),
    },
    reminders: rows.map((r) => describeReminder(r, now)),
  };
}
