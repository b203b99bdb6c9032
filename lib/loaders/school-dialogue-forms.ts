import { notFound } from "next/navigation";
import { authorizeScope, guardPage } from "@/lib/auth/guard";
import { NotFoundError, visibleDivisions } from "@/lib/auth/policy";
import { findDivisionStudents } from "@/lib/db/repositories/dialogue-forms";
import { findDivisionSummaries } from "@/lib/db/repositories/schools";
import { describeDialogueForms, SCHOOL_STAFF_ROLES, type DialogueFormsView } from "@/lib/domain/school-home";

/**
 * R-SCH-13: the index of the fiches de dialogue, for the divisions the staff member sees
 * (R-SCH-14); a chosen division (?division=) they may not read is a 404.
 */
export async function loadSchoolDialogueFormsPage(chosenId: string | undefined): Promise<DialogueFormsView> {
  const { actor, db, scope, now } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const divisions = await findDivisionSummaries(db, scope.schoolId, visibleDivisions(actor));
  let chosen: { id: string; students: { id: string; lastName: string; firstName: string }[] } | null = null;
  if (chosenId) {
    try {
      await authorizeScope(db, actor, "read:division", { type: "division", id: chosenId }, now);
    } catch (err) {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }
    chosen = { id: chosenId, students: await findDivisionStudents(db, chosenId) };
  }
  return describeDialogueForms({ divisions, chosen });
}
