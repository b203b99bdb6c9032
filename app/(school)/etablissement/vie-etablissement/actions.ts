"use server";

import { z } from "zod";
import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import {
  removeSignature, saveSignature, setFamilyServiceClosed, setHomeroomDelegation, setOfferedSpecialties, setTermMode,
} from "@/lib/services/settings-school";

/** "Vie de l'établissement" is the head's own school only ("manage:school"; R-SCH-14: never a homeroom teacher). */
async function manageOwnSchool(ctx: ActionContext<unknown>) {
  const scope = ctx.actor.schoolId ? await findSchoolScope(ctx.db, ctx.actor.schoolId) : null;
  if (!scope) throw new NotFoundError();
  authorize(ctx.actor, "manage:school", scope);
}

/** R-CAL-3: close or reopen the family service of a level and phase. */
export const setServiceClosedAction = defineAction({
  name: "school.service.set",
  schema: z.object({ level: z.enum(["3e", "2GT"]), phase: z.enum(["provisional", "final"]), closed: z.boolean() }),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, input, now }) => {
    await setFamilyServiceClosed(db, actor, { schoolId: actor.schoolId!, ...input }, now);
    return { closed: input.closed };
  },
});

/** R-CAL-4 */
export const setTermModeAction = defineAction({
  name: "school.term-mode",
  schema: z.object({ termMode: z.enum(["trimester", "semester"], { message: "Choisissez trimestres ou semestres." }) }),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, input, now }) => {
    await setTermMode(db, actor, { schoolId: actor.schoolId!, termMode: input.termMode }, now);
    return { saved: true };
  },
});

/** R-2GT-4 */
export const setSpecialtiesAction = defineAction({
  name: "school.specialties",
  schema: z.object({ specialties: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(40)) }),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, input, now }) => {
    await setOfferedSpecialties(db, actor, { schoolId: actor.schoolId!, specialties: input.specialties }, now);
    return { saved: true };
  },
});

/** R-SCH-14 */
export const setDelegationAction = defineAction({
  name: "school.delegation",
  schema: z.object({ accountId: z.string().uuid(), delegated: z.boolean() }),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, input, now }) => {
    await setHomeroomDelegation(db, actor, { schoolId: actor.schoolId!, ...input }, now);
    return { delegated: input.delegated };
  },
});

/** R-SCH-13: the head's scanned signature (multipart form: image + signatory name). */
export const uploadSignatureAction = defineAction({
  name: "school.signature.upload",
  schema: z.object({
    signatoryName: z.string().trim().min(1, "Saisissez le nom du signataire.").max(200),
    image: z.instanceof(File, { message: "Choisissez un fichier image." }),
  }),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, input, now }) => {
    const bytes = new Uint8Array(await input.image.arrayBuffer());
    await saveSignature(db, actor, { schoolId: actor.schoolId!, image: bytes, signatoryName: input.signatoryName }, now);
    return { saved: true };
  },
});

export const removeSignatureAction = defineAction({
  name: "school.signature.remove",
  schema: z.object({}),
  authorize: manageOwnSchool,
  handler: async ({ db, actor, now }) => {
    await removeSignature(db, actor, { schoolId: actor.schoolId! }, now);
    return { removed: true };
  },
});
