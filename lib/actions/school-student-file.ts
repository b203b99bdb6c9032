"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  FREE_TEXT_MAX,
  FREE_TEXT_TOO_LONG_MESSAGE,
  OUT_OF_PROCEDURE_REASON_MAX,
  OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE,
  SCHOOL_ITEMS_MAX,
  SPECIALTY_CHOICES_MAX,
  SPECIALTY_CODE_MAX,
  TRACK_CODE_MAX,
  TRACK_REQUIRED_MESSAGE,
} from "@/lib/domain/school-requests";
import { markStudentFamilyInformed } from "@/lib/services/school-opinions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { changeOutOfProcedure } from "@/lib/services/school-students";

/** Every action of a student's back-office file acts on that student (R-AUTH-1, R-SCH-14). */
const onStudentFile = { permission: "manage:student-file", resource: { type: "student", from: "studentId" } } as const;

const studentInput = z.object({ studentId: z.string().min(1) });

/** R-SCH-1 / R-SCH-5: the school's intentions or final choices for a student (its own entry, or a change of the family's). */
export const saveSchoolRequestAction = defineAction({
  name: "school-request.save",
  schema: studentInput.extend({
    items: z
      .array(
        z.object({
          track: z.string().min(1, TRACK_REQUIRED_MESSAGE).max(TRACK_CODE_MAX),
          subTrack: z.string().max(TRACK_CODE_MAX).optional(),
          freeText: z.string().max(FREE_TEXT_MAX, FREE_TEXT_TOO_LONG_MESSAGE).nullable().optional(),
          statusSchool: z.boolean().optional(),
          statusApprentice: z.boolean().optional(),
          specialties: z.array(z.string().max(SPECIALTY_CODE_MAX)).max(SPECIALTY_CHOICES_MAX).optional(),
          stagePasserelle: z.boolean().optional(),
        }),
      )
      .max(SCHOOL_ITEMS_MAX),
    confirmed: z.boolean(),
    phase: z.enum(["provisional", "final"]).default("provisional"),
  }),
  ...onStudentFile,
  handler: ({ db, actor, input, now }) =>
    saveSchoolRequest(db, actor, { studentId: input.studentId, items: input.items, confirmed: input.confirmed, phase: input.phase }, now),
});

/** R-SCH-12: sets (reason) or clears (null) "hors procédure". */
export const setOutOfProcedureAction = defineAction({
  name: "student.out-of-procedure",
  schema: studentInput.extend({ reason: z.string().max(OUT_OF_PROCEDURE_REASON_MAX, OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE).nullable() }),
  ...onStudentFile,
  handler: async ({ db, actor, input, now }) => {
    await changeOutOfProcedure(db, actor, { studentId: input.studentId, reason: input.reason }, now);
    return { ok: true };
  },
});

/** R-SCH-9: the family was informed of the changed avis (provisional) or proposals (final). */
export const markFamilyInformedAction = defineAction({
  name: "family.informed",
  schema: studentInput.extend({ phase: z.enum(["provisional", "final"]).default("provisional") }),
  ...onStudentFile,
  handler: async ({ db, actor, input, now }) => {
    await markStudentFamilyInformed(db, actor, input.studentId, now, input.phase);
    return { ok: true };
  },
});
