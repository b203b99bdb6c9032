"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { markStudentFamilyInformed } from "@/lib/services/school-opinions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { changeOutOfProcedure } from "@/lib/services/school-students";

/** Every action of a student's back-office file acts on that student (R-AUTH-1, R-SCH-14). */
const onStudentFile = { permission: "manage:student-file", resource: { type: "student", from: "studentId" } } as const;

const studentInput = z.object({ studentId: z.string().min(1) });

/** R-SCH-1 / R-SCH-5: the school's intentions for a student (its own entry, or a change of the family's). */
export const saveSchoolRequestAction = defineAction({
  name: "school-request.save",
  schema: studentInput.extend({
    items: z.array(z.object({
      track: z.string().min(1, "Choisissez une voie d'orientation.").max(20),
      subTrack: z.string().max(20).optional(),
      freeText: z.string().max(200, "La précision ne peut pas dépasser 200 caractères.").nullable().optional(),
      statusSchool: z.boolean().optional(),
      statusApprentice: z.boolean().optional(),
      specialties: z.array(z.string().max(40)).max(5).optional(),
    })).max(11),
    confirmed: z.boolean(),
  }),
  ...onStudentFile,
  handler: ({ db, actor, input, now }) => saveSchoolRequest(db, actor, { studentId: input.studentId, items: input.items, confirmed: input.confirmed }, now),
});

/** R-SCH-12: sets (reason) or clears (null) "hors procédure". */
export const setOutOfProcedureAction = defineAction({
  name: "student.out-of-procedure",
  schema: studentInput.extend({ reason: z.string().max(500, "La raison ne peut pas dépasser 500 caractères.").nullable() }),
  ...onStudentFile,
  handler: async ({ db, actor, input, now }) => {
    await changeOutOfProcedure(db, actor, { studentId: input.studentId, reason: input.reason }, now);
    return { ok: true };
  },
});

/** R-SCH-9: the family was informed of the changed avis. */
export const markFamilyInformedAction = defineAction({
  name: "family.informed",
  schema: studentInput,
  ...onStudentFile,
  handler: async ({ db, actor, input, now }) => {
    await markStudentFamilyInformed(db, actor, input.studentId, now);
    return { ok: true };
  },
});
