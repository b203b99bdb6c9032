import { defineRoute } from "@/lib/auth/guard";
import { parisDayKey } from "@/lib/domain/paris-time";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { parseListFilters } from "@/lib/domain/school-lists";
import { spreadsheetResponse } from "@/lib/export/response";
import { studentListCsv, studentListXlsx } from "@/lib/export/student-list";
import { loadStudentList } from "@/lib/services/school-students";

/**
 * R-SCH-10: the filtered student list as a spreadsheet (?format=xlsx|csv plus the list's
 * filters and phase), with the same columns and rows as the screen. Restricted like the screen (R-SCH-14);
 * anyone else gets a 404.
 */
export const GET = defineRoute({
  roles: SCHOOL_STAFF_ROLES,
  permission: "read:school",
  resource: () => ({ type: "school" }),
  handler: async ({ db, actor, scope, now, query }) => {
    const format = query.format === "csv" ? "csv" : "xlsx";
    const filters = parseListFilters(query);
    const phase = filters.phase ?? "provisional";
    const today = parisDayKey(now);
    const { rows } = await loadStudentList(db, actor, filters, today, scope.schoolId);
    const name = `liste-eleves-${phase === "final" ? "phase-definitive-" : ""}${today}`;
    if (format === "csv") return spreadsheetResponse(name, { csv: studentListCsv(rows, phase, today) });
    return spreadsheetResponse(name, {
      xlsx: await studentListXlsx(rows, phase === "final" ? "Liste des élèves – phase définitive" : "Liste des élèves", phase, today),
    });
  },
});
