import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { findCouncil } from "@/lib/db/repositories/school-councils";
import { findOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { findDivisionOptions, findStudentRows } from "@/lib/db/repositories/school-students";
import { describeDivisionPage, parseDivisionPhase, type DivisionPageView } from "@/lib/domain/school-division-page";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { findOutcomeStudentIds, loadFinalOutcomeFacts } from "@/lib/db/repositories/final-outcome";
import { parisDayKey } from "@/lib/domain/paris-time";
import { describeDivisionDecisions, type DivisionDecisionsView } from "@/lib/domain/school-decisions-page";

/**
 * A division: its class council (R-SCH-3, R-SCH-6), its avis (R-SCH-7) and its proposals (R-FIN-5),
 * spécialités marked against the lycée's list (R-2GT-4). R-SCH-14: another
 * division than a homeroom teacher's own is a 404, unless the head delegated.
 */
export async function loadSchoolDivisionPage(
  divisionId: string,
  phaseParam?: string | string[],
): Promise<DivisionPageView & { decisions: DivisionDecisionsView | null }> {
  const { actor, db, scope, now } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:division", resource: { type: "division", id: divisionId } });
  const phase = parseDivisionPhase(phaseParam);
  if (!phase) notFound();
  const [[division], council, rows, offeredSpecialties] = await Promise.all([
    findDivisionOptions(db, scope.schoolId, [divisionId]),
    findCouncil(db, divisionId, phase),
    findStudentRows(db, { schoolId: scope.schoolId, filters: { divisionId }, phase }),
    findOfferedSpecialties(db, scope.schoolId),
  ]);
  if (!division) notFound();
  // R-FIN-5: the final phase's proposals, for its form.
  const students = rows.map((r) => (phase === "final" ? { ...r, proposals: r.final.proposals } : r));
  const view = describeDivisionPage({ division, council, students, canManage: can(actor, "manage:division", scope), phase, offeredSpecialties });
  // R-FIN-8: the head takes the decisions of the families who agreed, after a summary.
  let decisions: DivisionDecisionsView | null = null;
  if (phase === "final" && can(actor, "decide:orientation", scope)) {
    const ids = await findOutcomeStudentIds(db, { divisionId });
    const facts = await loadFinalOutcomeFacts(db, ids, now);
    decisions = describeDivisionDecisions(division.code, ids.map((id) => facts.get(id)!).filter(Boolean), parisDayKey(now));
  }
  return { ...view, decisions };
}
