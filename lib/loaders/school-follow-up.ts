import { guardPage } from "@/lib/auth/guard";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeFamilyEntryFollowUp, type FollowUpView } from "@/lib/domain/school-lists";
import { loadFamilyEntryFollowUp } from "@/lib/services/school-students";

/** R-SCH-11: "Suivi des saisies TS", restricted like the list (R-SCH-14). */
export async function loadSchoolFollowUpPage(): Promise<FollowUpView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  return describeFamilyEntryFollowUp(await loadFamilyEntryFollowUp(db, actor, scope.schoolId));
}
