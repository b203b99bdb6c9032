import { guardPage } from "@/lib/auth/guard";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeSpecialtyPlanning, NO_2GT_TEXT, type SpecialtyPlanningView } from "@/lib/domain/specialty-planning";
import { loadSpecialtyPlanning } from "@/lib/services/specialty-planning";

export type SpecialtyPlanningPageView = { kind: "planning"; view: SpecialtyPlanningView } | { kind: "no2gt"; text: string };

/**
 * R-2GT-4: «Enseignements de spécialité demandés» of a phase (?phase=final) and a division
 * (?division=<id>), restricted to the divisions the staff member sees (R-SCH-14). A school without
 * 2de GT (a collège) gets a sentence saying so.
 */
export async function loadSpecialtyPlanningPage(searchParams: RawSearchParams = {}): Promise<SpecialtyPlanningPageView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  // A refused query (a control character, docs/security-inputs.md) shows the default phase and every division.
  const query = parseSearchParams(searchParams);
  const data = await loadSpecialtyPlanning(db, actor, scope.schoolId, query.ok ? query.params : {});
  if (!data) return { kind: "no2gt", text: NO_2GT_TEXT };
  return { kind: "planning", view: describeSpecialtyPlanning(data) };
}
