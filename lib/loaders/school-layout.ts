import { guardPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { findSchoolLevels } from "@/lib/db/repositories/school-settings";
import { SCHOOL_STAFF_ROLES, schoolNav, type NavLink } from "@/lib/domain/school-home";

export type SchoolLayoutView = { userName: string; nav: NavLink[] };

/** The back-office frame: the staff member's name and menu (R-SCH-14: "Vie de l'établissement" for the head only). */
export async function loadSchoolLayout(): Promise<SchoolLayoutView> {
  const { actor, scope, db } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  return {
    userName: actor.displayName,
    nav: schoolNav({
      mayManageSchool: can(actor, "manage:school", scope),
      mayDecide: can(actor, "decide:orientation", scope),
      mayImport: can(actor, "import:school-data", scope),
      hasSecondeGT: (await findSchoolLevels(db, scope.schoolId)).includes("2GT"),
    }),
  };
}
