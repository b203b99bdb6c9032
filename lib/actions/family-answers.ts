"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { PROPOSALS_MAX } from "@/lib/domain/school-family-answers";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";

/**
 * R-FIN-10: the school enters a family's answer to the council's proposals and the guardians'
 * agreements. Acts on the student's file (R-AUTH-1; R-SCH-14: a homeroom teacher's own
 * divisions, or any with the delegation).
 */
export const saveSchoolFamilyAnswerAction = defineAction({
  name: "family-answer.school",
  permission: "manage:student-file",
  resource: { type: "student", from: "studentId" },
  schema: z.object({
    studentId: z.string().uuid(),
    kind: z.enum(["accept", "refuse_all"], { message: "Indiquez la réponse de la famille." }),
    acceptedProposalIds: z.array(z.string().uuid()).max(PROPOSALS_MAX),
    answeredByGuardianId: z.string().uuid({ message: "Indiquez le représentant légal qui a donné la réponse." }),
    otherAgreement: z.boolean().nullable(),
    confirmed: z.boolean(),
  }),
  handler: ({ db, actor, input, now }) => saveSchoolFamilyAnswer(db, actor, input, now),
});
