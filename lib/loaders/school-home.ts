import { guardPage } from "@/lib/auth/guard";
import { visibleDivisions, type Actor } from "@/lib/auth/policy";
import { findDivisionSummaries, findSchool } from "@/lib/db/repositories/schools";
import { describeSchoolHome, SCHOOL_STAFF_ROLES, type SchoolHomeView, type StaffFacts } from "@/lib/domain/school-home";

/** The staff member as the back-office screens name them (the guard let only SCHOOL_STAFF_ROLES in). */
function staffFactsOf(actor: Actor): StaffFacts {
  return { role: actor.role === "head" ? "head" : "homeroom", delegatedByHead: actor.delegatedByHead };
}

/** The back-office home: the school and the divisions the staff member sees (R-SCH-14). */
export async function loadSchoolHomePage(): Promise<SchoolHomeView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const visible = visibleDivisions(actor);
  const [school, divisions] = await Promise.all([findSchool(db, scope.schoolId), findDivisionSummaries(db, scope.schoolId, visible)]);
  return describeSchoolHome({ school, staff: staffFactsOf(actor), visible, divisions });
}
