import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { visibleDivisions } from "@/lib/auth/policy";
import { findDivisionAnswerFacts } from "@/lib/db/repositories/school-family-answers";
import { findDivisionOptions } from "@/lib/db/repositories/school-students";
import { findOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { describeFamilyAnswersPage, type FamilyAnswersPageView } from "@/lib/domain/school-family-answers";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";

/**
 * R-FIN-10 «Saisie des réponses des familles»: the divisions the staff member sees (R-SCH-14),
 * and for the chosen one (?division=), which they must be able to manage (a homeroom teacher's
 * own, or any with the delegation; otherwise a 404), its students with the council's proposals.
 */
export async function loadSchoolFamilyAnswersPage(chosenId: string | undefined): Promise<FamilyAnswersPageView> {
  if (!chosenId) {
    const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
    return describeFamilyAnswersPage({ divisions: await findDivisionOptions(db, scope.schoolId, visibleDivisions(actor)), chosen: null, canEdit: false });
  }
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "manage:division", resource: { type: "division", id: chosenId } });
  const [divisions, students, offered] = await Promise.all([
    findDivisionOptions(db, scope.schoolId, visibleDivisions(actor)),
    findDivisionAnswerFacts(db, chosenId),
    findOfferedSpecialties(db, scope.schoolId),
  ]);
  const division = divisions.find((d) => d.id === chosenId);
  if (!division) notFound();
  return describeFamilyAnswersPage({
    divisions,
    chosen: { id: division.id, code: division.code, students },
    canEdit: true,
    offeredSpecialties: division.level === "2GT" ? offered : [],
  });
}
