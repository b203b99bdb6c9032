import type { NextRequest } from "next/server";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { getSignedIn } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findDivisionLabel, findDivisionStudentIds } from "@/lib/db/repositories/dialogue-forms";
import { findDivisionScope } from "@/lib/db/repositories/scopes";
import { printDialogueForms } from "@/lib/services/dialogue-forms";
import { guardedPdf, pdfResponse } from "@/lib/pdf/response";

/** R-SCH-13: the fiches de dialogue of a whole division, one page per student. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ divisionId: string }> }): Promise<Response> {
  const signedIn = await getSignedIn();
  const { divisionId } = await params;
  return guardedPdf(async () => {
    const db = await getDb();
    const scope = await findDivisionScope(db, divisionId);
    if (!scope) throw new NotFoundError();
    authorize(signedIn!.actor, "read:division", scope);
    const [division, studentIds] = await Promise.all([findDivisionLabel(db, divisionId), findDivisionStudentIds(db, divisionId)]);
    const pdf = await printDialogueForms(db, { schoolId: scope.schoolId, studentIds, title: `Fiches de dialogue – ${division?.code ?? ""}` }, now());
    return pdfResponse(pdf, `fiches-dialogue-${division?.code ?? "division"}.pdf`);
  }, signedIn !== null, req.nextUrl.origin);
}
