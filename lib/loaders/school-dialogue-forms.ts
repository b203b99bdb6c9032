import { authorizeInPage, guardPage } from "@/lib/auth/guard";
import { visibleDivisions } from "@/lib/auth/policy";
import { findDivisionStudents } from "@/lib/db/repositories/dialogue-forms";
import { findDivisionSummaries } from "@/lib/db/repositories/schools";
import { describeDialogueForms, SCHOOL_STAFF_ROLES, type DialogueFormsView } from "@/lib/domain/school-home";

/**
 * R-SCH-13: the index of the fiches de dialogue, for the divisions the staff member sees
 * (R-SCH-14); a chosen division (?division=) they may not read is a 404.
 */
export async function loadSchoolDialogueFormsPage(chosenId: string | undefined): Promise<DialogueFormsView> {
  const page = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const { actor, db, scope } = page;
  const divisions = await findDivisionSummaries(db, scope.schoolId, visibleDivisions(actor));
  let chosen: { id: string; students: { id: string; lastName: string; firstName: string }[] } | null = null;
  if (chosenId) {
    await authorizeInPage(page, "read:division", { type: "division", id: chosenId });
    chosen = { id: chosenId, students: await findDivisionStudents(db, chosenId) };
  }
  return describeDialogueForms({ divisions, chosen });
}
