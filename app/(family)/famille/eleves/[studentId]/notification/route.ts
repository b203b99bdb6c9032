import { defineRoute } from "@/lib/auth/guard";
import { NO_DECISION_PUBLISHED_MESSAGE } from "@/lib/domain/decision-notice";
import { textResponse } from "@/lib/http/text-response";
import { pdfResponse } from "@/lib/pdf/response";
import { printDecisionNotice } from "@/lib/services/decision-notice";

/** R-FIN-11: the notice of the decision (PDF) for a guardian of the student; another family's child, or no decision published: 404. */
export const GET = defineRoute({
  roles: ["guardian"],
  permission: "read:student-file",
  resource: ({ studentId }: { studentId: string }) => ({ type: "student", id: studentId }),
  handler: async ({ db, scope, now }) => {
    const notice = await printDecisionNotice(db, scope, now);
    if (!notice) return textResponse(404, NO_DECISION_PUBLISHED_MESSAGE);
    return pdfResponse(notice.pdf, notice.fileName);
  },
});
