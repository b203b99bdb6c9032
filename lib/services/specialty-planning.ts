import { visibleDivisions, type Actor } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { findDivisionOptions } from "@/lib/db/repositories/school-students";
import { findOfferedSpecialties, findSchoolLevels } from "@/lib/db/repositories/school-settings";
import { findSpecialtyPlanningFacts } from "@/lib/db/repositories/specialty-planning";
import { buildSpecialtyPlanning, parseSpecialtyPlanningFilters, type SpecialtyPlanning, type SpecialtyPlanningFilters } from "@/lib/domain/specialty-planning";

export type SpecialtyPlanningData = {
  filters: SpecialtyPlanningFilters;
  /** The lycée's 2de GT divisions the actor may see (R-SCH-14). */
  divisions: { id: string; code: string }[];
  planning: SpecialtyPlanning;
};

/**
 * R-2GT-4: the spécialités requested in a lycée for a phase (and a division), restricted to the
 * divisions the actor may see (R-SCH-14, the policy's `visibleDivisions`). Null when the school has
 * no 2de GT (a collège): nothing to plan. The caller has checked "read:school" on the school.
 */
export async function loadSpecialtyPlanning(
  q: Queryable,
  actor: Actor,
  schoolId: string,
  params: Record<string, string | string[] | undefined>,
): Promise<SpecialtyPlanningData | null> {
  const levels = await findSchoolLevels(q, schoolId);
  if (!levels.includes("2GT")) return null;
  const visible = visibleDivisions(actor);
  const divisions = (await findDivisionOptions(q, schoolId, visible)).filter((d) => d.level === "2GT").map((d) => ({ id: d.id, code: d.code }));
  const filters = parseSpecialtyPlanningFilters(
    params,
    divisions.map((d) => d.id),
  );
  const [offered, students] = await Promise.all([
    findOfferedSpecialties(q, schoolId),
    findSpecialtyPlanningFacts(q, { schoolId, phase: filters.phase, divisions: visible, divisionId: filters.divisionId }),
  ]);
  return { filters, divisions, planning: buildSpecialtyPlanning({ phase: filters.phase, offered, students }) };
}
