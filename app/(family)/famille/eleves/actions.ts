"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { acknowledgeInput } from "@/lib/domain/acknowledgement";
import { validateIntentionsInput } from "@/lib/domain/intentions";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { validateIntentions } from "@/lib/services/family-intentions";

/*
 * The family's server actions (issue 3), shared by the guardian's page and the adult student's
 * home. Reading rights give a 404 to outsiders; the services then refuse, with a French message,
 * a reader who may not enter (the other guardian, a minor student).
 */

async function readableScope(ctx: { actor: Parameters<typeof authorize>[0]; db: Parameters<typeof findStudentScope>[0]; now: Date }, studentId: string) {
  const scope = await findStudentScope(ctx.db, studentId, ctx.now);
  if (!scope) throw new NotFoundError();
  authorize(ctx.actor, "read:student-file", scope);
  return scope;
}

const validateAction = defineAction({
  name: "family.validateIntentions",
  // The list's own rules (R-INT-2/3/5) are parsed again by the service, so that their French
  // messages come back as the message of the refusal.
  schema: validateIntentionsInput.extend({ intentions: z.array(z.unknown()) }),
  authorize: async (ctx) => {
    await readableScope(ctx, ctx.input.studentId);
  },
  handler: async (ctx) => {
    const scope = await readableScope(ctx, ctx.input.studentId);
    return validateIntentions(ctx.db, { actor: ctx.actor, scope, sessionId: ctx.sessionId, intentions: ctx.input.intentions, now: ctx.now });
  },
});

const acknowledgeAction = defineAction({
  name: "family.acknowledgeOpinions",
  schema: acknowledgeInput,
  authorize: async (ctx) => {
    await readableScope(ctx, ctx.input.studentId);
  },
  handler: async (ctx) => {
    const scope = await readableScope(ctx, ctx.input.studentId);
    return acknowledgeOpinions(ctx.db, { actor: ctx.actor, scope, now: ctx.now });
  },
});

export async function validateIntentionsAction(input: unknown) {
  return validateAction(input);
}

export async function acknowledgeOpinionsAction(input: unknown) {
  return acknowledgeAction(input);
}
