import type { NextRequest } from "next/server";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { getSignedIn } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { printDialogueForms } from "@/lib/services/dialogue-forms";
import { guardedPdf, pdfResponse } from "@/lib/pdf/response";

/** R-SCH-13: the fiche de dialogue of one student. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ studentId: string }> }): Promise<Response> {
  const signedIn = await getSignedIn();
  const { studentId } = await params;
  return guardedPdf(async () => {
    const db = await getDb();
    const t = now();
    const scope = await findStudentScope(db, studentId, t);
    if (!scope) throw new NotFoundError();
    // Staff only: families read their file on their own pages.
    if (signedIn!.actor.role !== "head" && signedIn!.actor.role !== "homeroom") throw new NotFoundError();
    authorize(signedIn!.actor, "read:student-file", scope);
    const pdf = await printDialogueForms(db, { schoolId: scope.schoolId, studentIds: [studentId], title: "Fiche de dialogue" }, t);
    return pdfResponse(pdf, `fiche-dialogue-${studentId.slice(0, 8)}.pdf`);
  }, signedIn !== null, req.nextUrl.origin);
}
