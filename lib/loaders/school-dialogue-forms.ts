import { authorizeInPage, guardPage } from "@/lib/auth/guard";
import { visibleDivisions } from "@/lib/auth/policy";
import { findDivisionStudents } from "@/lib/db/repositories/dialogue-forms";
import { findDivisionSummaries } from "@/lib/db/repositories/schools";
import { findSchoolYears } from "@/lib/db/repositories/school-year";
import { isSchoolYear } from "@/lib/domain/school-year";
import { describeDialogueForms, SCHOOL_STAFF_ROLES, type DialogueFormsView } from "@/lib/domain/school-home";

/**
 * R-SCH-13: the index of the fiches de dialogue, for the divisions the staff member sees
 * (R-SCH-14); a chosen division (?division=) they may not read is a 404.
 */
export async function loadSchoolDialogueFormsPage(chosenId: string | undefined, year?: string): Promise<DialogueFormsView> {
  const page = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const { actor, db, scope } = page;
  // R-DATA-3: a closed year's fiches stay printable (?annee=).
  const schoolYear = year && isSchoolYear(year) ? year : null;
  const [divisions, years] = await Promise.all([
    findDivisionSummaries(db, scope.schoolId, visibleDivisions(actor), schoolYear),
    findSchoolYears(db, scope.schoolId),
  ]);
  let chosen: { id: string; students: { id: string; lastName: string; firstName: string }[] } | null = null;
  if (chosenId) {
    await authorizeInPage(page, "read:division", { type: "division", id: chosenId });
    chosen = { id: chosenId, students: await findDivisionStudents(db, chosenId) };
  }
  return describeDialogueForms({ divisions, chosen, years, schoolYear });
}
