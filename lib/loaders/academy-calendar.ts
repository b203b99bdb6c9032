import { guardPage } from "@/lib/auth/guard";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { calendarSchoolYear, describeAcademyCalendar, type AcademyCalendarView } from "@/lib/domain/academy-pages";

export type { AcademyCalendarView, CalendarFormValues } from "@/lib/domain/academy-pages";

/** R-CAL-1: the saio's campaign calendar of the school year asked (manage:academy on their own académie). */
export async function loadAcademyCalendarPage(requestedYear: string | undefined): Promise<AcademyCalendarView> {
  const { db, scope, now } = await guardPage({ roles: ["saio"], permission: "manage:academy", resource: { type: "academy" } });
  const schoolYear = calendarSchoolYear(now, requestedYear);
  const windows = await findAcademyCampaignWindows(db, scope.academyId, schoolYear);
  return describeAcademyCalendar({ now, requestedYear: schoolYear, windows });
}
