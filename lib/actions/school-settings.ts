"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  OFFERED_SPECIALTIES_MAX,
  SIGNATORY_NAME_MAX,
  SIGNATORY_NAME_TOO_LONG_MESSAGE,
  SIGNATORY_REQUIRED_MESSAGE,
  SIGNATURE_FILE_REQUIRED_MESSAGE,
  signatureFileProblem,
  TERM_MODE_REQUIRED_MESSAGE,
} from "@/lib/domain/school-settings";
import { SPECIALTY_CODE_MAX } from "@/lib/domain/school-requests";
import {
  removeSignature,
  saveSignature,
  setFamilyServiceClosed,
  setHomeroomDelegation,
  setOfferedSpecialties,
  setTermMode,
} from "@/lib/services/school-settings";
import { rollOverSchoolYear } from "@/lib/services/school-year";

/**
 * "Vie de l'établissement" is the head's own school only ("manage:school"; R-SCH-14: never a
 * homeroom teacher, even with the delegation). Handlers get the loaded school scope.
 */
const onOwnSchool = { permission: "manage:school", resource: { type: "school" } } as const;

/** R-CAL-3: close or reopen the family service of a level and phase (R-FIN-4: a reopening too soon is confirmed first). */
export const setServiceClosedAction = defineAction({
  name: "school.service.set",
  schema: z.object({ level: z.enum(["3e", "2GT"]), phase: z.enum(["provisional", "final"]), closed: z.boolean(), confirmed: z.boolean().default(false) }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    await setFamilyServiceClosed(db, actor, scope, input, now);
    return { closed: input.closed };
  },
});

/** R-CAL-4 */
export const setTermModeAction = defineAction({
  name: "school.term-mode",
  schema: z.object({ termMode: z.enum(["trimester", "semester"], { message: TERM_MODE_REQUIRED_MESSAGE }) }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    await setTermMode(db, actor, scope, { termMode: input.termMode }, now);
    return { saved: true };
  },
});

/** R-2GT-4 */
export const setSpecialtiesAction = defineAction({
  name: "school.specialties",
  schema: z.object({
    specialties: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().max(SPECIALTY_CODE_MAX)).max(OFFERED_SPECIALTIES_MAX),
    ),
  }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    await setOfferedSpecialties(db, actor, scope, { specialties: input.specialties }, now);
    return { saved: true };
  },
});

/** R-SCH-14: the service checks the teacher's account belongs to the head's school (else a 404). */
export const setDelegationAction = defineAction({
  name: "school.delegation",
  schema: z.object({ accountId: z.string().uuid(), delegated: z.boolean() }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    await setHomeroomDelegation(db, actor, scope, input, now);
    return { delegated: input.delegated };
  },
});

/** R-SCH-13: the head's scanned signature (multipart form: image + signatory name). */
export const uploadSignatureAction = defineAction({
  name: "school.signature.upload",
  schema: z.object({
    signatoryName: z.string().trim().min(1, SIGNATORY_REQUIRED_MESSAGE).max(SIGNATORY_NAME_MAX, SIGNATORY_NAME_TOO_LONG_MESSAGE),
    // Size and declared type refused before the bytes are read (the bytes' own type is checked by the service).
    image: z.instanceof(File, { message: SIGNATURE_FILE_REQUIRED_MESSAGE }).superRefine((file, ctx) => {
      const problem = signatureFileProblem(file);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    const bytes = new Uint8Array(await input.image.arrayBuffer());
    await saveSignature(db, actor, scope, { image: bytes, signatoryName: input.signatoryName }, now);
    return { saved: true };
  },
});

/** R-SCH-13 */
export const removeSignatureAction = defineAction({
  name: "school.signature.remove",
  schema: z.object({}),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, now }) => {
    await removeSignature(db, actor, scope, now);
    return { removed: true };
  },
});

/** R-DATA-3: close the school's year and open the next one (confirmed first). */
export const rollOverSchoolYearAction = defineAction({
  name: "school.year.rollover",
  schema: z.object({ fromYear: z.string().max(9), confirmed: z.boolean().default(false) }),
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => rollOverSchoolYear(db, actor, scope, input, now),
});
