import type { DivisionScope } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { findDivisionLabel, findDivisionStudentIds, loadDialogueFormInputs } from "@/lib/db/repositories/dialogue-forms";
import { findSignature } from "@/lib/db/repositories/school-settings";
import { schoolYearOf } from "@/lib/domain/calendar";
import { buildDialogueForm } from "@/lib/domain/dialogue-form";
import { renderDialogueForms } from "@/lib/pdf/dialogue-form-pdf";

/**
 * R-SCH-13: the PDF of the fiches de dialogue of some students of one school (one page each),
 * with the head's signature. The caller has authorized each student or the division.
 */
export async function printDialogueForms(q: Queryable, input: { schoolId: string; studentIds: string[]; title: string }, now: Date): Promise<Uint8Array> {
  const [inputs, signature] = await Promise.all([loadDialogueFormInputs(q, input.studentIds, schoolYearOf(now)), findSignature(q, input.schoolId)]);
  return renderDialogueForms(inputs.map(buildDialogueForm), signature ? { mimeType: signature.mimeType, image: signature.image } : null, {
    title: input.title,
  });
}

/** R-SCH-13: the fiches of a whole division, in print order. The caller has authorized "read:division" on it. */
export async function printDivisionDialogueForms(q: Queryable, division: DivisionScope, now: Date): Promise<{ pdf: Uint8Array; fileName: string }> {
  const [label, studentIds] = await Promise.all([findDivisionLabel(q, division.divisionId), findDivisionStudentIds(q, division.divisionId)]);
  const pdf = await printDialogueForms(q, { schoolId: division.schoolId, studentIds, title: `Fiches de dialogue – ${label?.code ?? ""}` }, now);
  return { pdf, fileName: `fiches-dialogue-${label?.code ?? "division"}.pdf` };
}
