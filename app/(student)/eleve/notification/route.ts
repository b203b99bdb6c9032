import { defineRoute } from "@/lib/auth/guard";
import { NO_DECISION_PUBLISHED_MESSAGE } from "@/lib/domain/decision-notice";
import { textResponse } from "@/lib/http/text-response";
import { pdfResponse } from "@/lib/pdf/response";
import { printDecisionNotice } from "@/lib/services/decision-notice";

/** R-FIN-11: the notice of the decision (PDF) for the signed-in student; no decision published: 404. */
export const GET = defineRoute({
  roles: ["student"],
  permission: "read:student-file",
  // The resource is the signed-in student's own file: the session names it.
  resource: (_params: Record<string, string>, actor) => ({ type: "student", id: actor.studentId ?? "" }),
  handler: async ({ db, scope, now }) => {
    const notice = await printDecisionNotice(db, scope, now);
    if (!notice) return textResponse(404, NO_DECISION_PUBLISHED_MESSAGE);
    return pdfResponse(notice.pdf, notice.fileName);
  },
});
