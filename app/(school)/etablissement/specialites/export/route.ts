import { defineRoute, notFoundResponse } from "@/lib/auth/guard";
import { parisDayKey } from "@/lib/domain/paris-time";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { exportFileName, SPECIALTY_PLANNING_TITLE } from "@/lib/domain/specialty-planning";
import { spreadsheetResponse } from "@/lib/export/response";
import { specialtyPlanningCsv, specialtyPlanningXlsx } from "@/lib/export/specialty-planning";
import { loadSpecialtyPlanning } from "@/lib/services/specialty-planning";

/**
 * R-2GT-4: the spécialités requested of a phase as a spreadsheet (?phase=provisional|final,
 * ?division=<id>, ?format=xlsx|csv), the same rows as the screen, restricted like it (R-SCH-14).
 * A school without 2de GT, and anyone else, gets a 404.
 */
export const GET = defineRoute({
  roles: SCHOOL_STAFF_ROLES,
  permission: "read:school",
  resource: () => ({ type: "school" }),
  handler: async ({ db, actor, scope, now, query }) => {
    const format = query.format === "csv" ? "csv" : "xlsx";
    const data = await loadSpecialtyPlanning(db, actor, scope.schoolId, query);
    if (!data) return notFoundResponse();
    const { planning, filters } = data;
    const division = data.divisions.find((d) => d.id === filters.divisionId)?.code ?? null;
    const name = exportFileName(filters.phase, division, parisDayKey(now));
    if (format === "csv") return spreadsheetResponse(name, { csv: specialtyPlanningCsv(planning) });
    const title = `${SPECIALTY_PLANNING_TITLE} – phase ${filters.phase === "final" ? "définitive" : "provisoire"}${division ? ` – ${division}` : ""}`;
    return spreadsheetResponse(name, { xlsx: await specialtyPlanningXlsx(planning, title) });
  },
});
