import type { Queryable } from "@/lib/db/client";
import { loadDialogueFormInputs } from "@/lib/db/repositories/dialogue-forms";
import { findSignature } from "@/lib/db/repositories/settings-school";
import { schoolYearOf } from "@/lib/domain/calendar";
import { buildDialogueForm } from "@/lib/domain/dialogue-form";
import { renderDialogueForms } from "@/lib/pdf/dialogue-form-pdf";

/**
 * R-SCH-13: the PDF of the fiches de dialogue of some students of one school (one page each),
 * with the head's signature. The caller has authorized each student or the division.
 */
export async function printDialogueForms(q: Queryable, input: { schoolId: string; studentIds: string[]; title: string }, now: Date): Promise<Uint8Array> {
  const [inputs, signature] = await Promise.all([
    loadDialogueFormInputs(q, input.studentIds, schoolYearOf(now)),
    findSignature(q, input.schoolId),
  ]);
  return renderDialogueForms(inputs.map(buildDialogueForm), signature ? { mimeType: signature.mimeType, image: signature.image } : null, { title: input.title });
}
