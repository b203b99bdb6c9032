import { defineRoute, notFoundResponse } from "@/lib/auth/guard";
import { spreadsheetResponse } from "@/lib/export/response";
import { statisticsXlsx } from "@/lib/export/academy-statistics";
import { afterAnswer, statisticsView } from "@/lib/loaders/academy-statistics";

/**
 * R-OVS-1: every table of the statistics page as one XLSX (a sheet per table, the summary
 * first), for the same scope, level and phase (?niveau=&phase=&etablissement=&division=).
 * Restricted like the page (the saio of the académie); an unknown or out-of-scope school or
 * division is a 404.
 */
export const GET = defineRoute({
  roles: ["saio"],
  permission: "read:academy",
  resource: () => ({ type: "academy" }),
  handler: async ({ db, scope, query, now }) => {
    const view = await statisticsView(db, scope.academyId, query, { now, later: afterAnswer });
    if (!view) return notFoundResponse();
    return spreadsheetResponse(view.exportName, { xlsx: await statisticsXlsx(view) });
  },
});
