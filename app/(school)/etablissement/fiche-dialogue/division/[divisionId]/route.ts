import { defineRoute } from "@/lib/auth/guard";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { pdfResponse } from "@/lib/pdf/response";
import { printDivisionDialogueForms } from "@/lib/services/dialogue-forms";

/** R-SCH-13: the fiches de dialogue of a whole division, one page per student (R-SCH-14: a division the staff member may read). */
export const GET = defineRoute({
  roles: SCHOOL_STAFF_ROLES,
  permission: "read:division",
  resource: ({ divisionId }: { divisionId: string }) => ({ type: "division", id: divisionId }),
  handler: async ({ db, scope, now }) => {
    const { pdf, fileName } = await printDivisionDialogueForms(db, scope, now);
    return pdfResponse(pdf, fileName);
  },
});
