import { guardPage } from "@/lib/auth/guard";
import { findOutcomeStudentIds, loadFinalOutcomeFacts } from "@/lib/db/repositories/final-outcome";
import { parisDayKey } from "@/lib/domain/paris-time";
import { describeDecisionsPage, type DecisionsPageView } from "@/lib/domain/school-decisions-page";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";

/**
 * R-FIN-8 / R-FIN-9 / R-FIN-11 «Entretiens à mener et délais d'appel»: the school's students whose
 * procedure awaits the head (interview, decision), and the open appeal windows. The head's page
 * (policy "decide:orientation" on the school); anyone else gets a 404.
 */
export async function loadSchoolDecisionsPage(): Promise<DecisionsPageView> {
  const { db, scope, now } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "decide:orientation", resource: { type: "school" } });
  const ids = await findOutcomeStudentIds(db, { schoolId: scope.schoolId, divisionIds: "all" });
  const facts = await loadFinalOutcomeFacts(db, ids, now);
  return describeDecisionsPage(ids.map((id) => facts.get(id)!).filter(Boolean), parisDayKey(now));
}
