import { defineRoute } from "@/lib/auth/guard";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { pdfResponse } from "@/lib/pdf/response";
import { printDialogueForms } from "@/lib/services/dialogue-forms";

/** R-SCH-13: the fiche de dialogue of one student. Staff only: families read their file on their own pages. */
export const GET = defineRoute({
  roles: SCHOOL_STAFF_ROLES,
  permission: "read:student-file",
  resource: ({ studentId }: { studentId: string }) => ({ type: "student", id: studentId }),
  handler: async ({ db, scope, now }) => {
    const pdf = await printDialogueForms(db, { schoolId: scope.schoolId, studentIds: [scope.studentId], title: "Fiche de dialogue" }, now);
    return pdfResponse(pdf, `fiche-dialogue-${scope.studentId.slice(0, 8)}.pdf`);
  },
});
