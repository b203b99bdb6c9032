import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { findHomeroomTeachers, findOfferedSpecialties, findSchoolClosures, findSchoolLevels, findSignatureInfo } from "@/lib/db/repositories/school-settings";
import { findSchool } from "@/lib/db/repositories/schools";
import { schoolYearOf, type TermMode } from "@/lib/domain/calendar";
import { describeSchoolSettings, type SchoolSettingsView } from "@/lib/domain/school-settings";

/** "Vie de l'établissement": the head only, even when a homeroom teacher has the delegation (R-SCH-14). */
export async function loadSchoolSettingsPage(): Promise<SchoolSettingsView> {
  const { actor, db, scope, now } = await guardPage({ roles: ["head"], permission: "manage:school", resource: { type: "school" } });
  const school = await findSchool(db, scope.schoolId);
  if (!school) notFound();
  // R-DATA-3: the campaign of the school's open year.
  const schoolYear = school.schoolYear;
  const [levels, closures, windows, offeredSpecialties, teachers, signature] = await Promise.all([
    findSchoolLevels(db, scope.schoolId),
    findSchoolClosures(db, scope.schoolId),
    findAcademyCampaignWindows(db, scope.academyId, schoolYear),
    findOfferedSpecialties(db, scope.schoolId),
    findHomeroomTeachers(db, scope.schoolId),
    findSignatureInfo(db, scope.schoolId),
  ]);
  return describeSchoolSettings({
    school: { name: school.name, termMode: school.termMode as TermMode },
    schoolYear,
    levels,
    windows,
    closures,
    offeredSpecialties,
    teachers,
    signature,
    actorName: actor.displayName,
    calendarYear: schoolYearOf(now),
    now,
  });
}
