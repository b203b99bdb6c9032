import { guardPage } from "@/lib/auth/guard";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import {
  findGuardiansWithoutEmail,
  findReminderCandidates,
  findRemindedAtSchool,
  findSchoolReminderContext,
  listReminders,
} from "@/lib/db/repositories/reminders";
import { schoolYearOf, windowState } from "@/lib/domain/calendar";
import {
  describeGuardianToCall,
  describeReminder,
  describeRemindedLine,
  describeWindowForReminders,
  isFamilyToRemind,
  REMINDER_PHASE_OPTIONS,
  type ReminderLine,
} from "@/lib/domain/reminders";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { LEVEL_LABELS } from "@/lib/domain/tracks";
import type { RemindersFormOptions } from "./academy-reminders";

/** The longest list of guardians reached shown on the page (the newest first). */
export const REMINDED_LIMIT = 2000;

export type SchoolRemindersView = {
  form: RemindersFormOptions;
  reminders: ReminderLine[];
  reminded: ReturnType<typeof describeRemindedLine>[];
  remindedTruncated: boolean;
  toCall: ReturnType<typeof describeGuardianToCall>[];
};

/**
 * R-OVS-2: the head's reminders of their school (manage:school; not the homeroom teachers):
 * the form and the school's own reminders, who the reminders (the académie's and the school's)
 * reached among the school's students, and the guardians without an e-mail address of the
 * families that have not validated the phase open now (the same rule as the job's).
 */
export async function loadSchoolRemindersPage(): Promise<SchoolRemindersView> {
  const { db, scope, now } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "manage:school", resource: { type: "school" } });
  const schoolYear = schoolYearOf(now);
  const [ctx, windows, rows, reminded] = await Promise.all([
    findSchoolReminderContext(db, scope.schoolId),
    findAcademyCampaignWindows(db, scope.academyId, schoolYear),
    listReminders(db, { academyId: scope.academyId, schoolId: scope.schoolId }),
    findRemindedAtSchool(db, scope.schoolId, REMINDED_LIMIT + 1),
  ]);
  const levels = ctx?.levels ?? [];
  const schoolWindows = windows.filter((w) => levels.includes(w.level));
  const toCall: SchoolRemindersView["toCall"] = [];
  for (const w of schoolWindows) {
    if (windowState(w, now) !== "open") continue;
    const candidates = await findReminderCandidates(db, { academyId: scope.academyId, schoolId: scope.schoolId, schoolYear, level: w.level, phase: w.phase });
    const ids = candidates.filter((c) => isFamilyToRemind({ ...c, window: w }, now)).map((c) => c.studentId);
    for (const g of await findGuardiansWithoutEmail(db, ids)) toCall.push(describeGuardianToCall({ ...g, phase: w.phase }));
  }
  return {
    form: {
      levels: levels.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
      phases: REMINDER_PHASE_OPTIONS,
      windows: schoolWindows.map(describeWindowForReminders),
    },
    reminders: rows.map((r) => describeReminder(r, now)),
    reminded: reminded.slice(0, REMINDED_LIMIT).map(describeRemindedLine),
    remindedTruncated: reminded.length > REMINDED_LIMIT,
    toCall,
  };
}
