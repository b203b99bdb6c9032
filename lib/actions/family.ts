"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { acknowledgeInput } from "@/lib/domain/acknowledgement";
import { validateIntentionsInput } from "@/lib/domain/intentions";
import { agreementInput, answerInput } from "@/lib/domain/family-answer";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { agreeWithAnswer, answerProposals } from "@/lib/services/family-answer";
import { HandTakenError, type HeldEntry } from "@/lib/domain/family-writes";
import { validateFamilyRequest, validateIntentions, type ValidatedIntentions } from "@/lib/services/family-intentions";

/*
 * The family's server actions, shared by the guardian's page and the adult student's home.
 * The guard asks "read:student-file" on the student the input names: an outsider gets the 404
 * before anything else (R-AUTH-1), even with invalid input. The services then refuse, with a
 * French message, a reader who may not enter (the other guardian, a minor student: R-INT-1,
 * R-AUTH-4). The loaded scope goes to the services: nothing looks it up again.
 */
const onStudentFile = { permission: "read:student-file", resource: { type: "student", from: "studentId" } } as const;

/**
 * What a validation answers: the saved entry, or (R-INT-1 / R-FIN-3) the refusal of a guardian
 * who does not hold the hand, with the holder's entry, so that the page turns read-only on it at
 * once (the losing guardian of two validating together).
 */
export type RequestValidation = ({ outcome: "validated" } & ValidatedIntentions) | { outcome: "hand_taken"; message: string; held: HeldEntry };

async function validation(run: () => Promise<ValidatedIntentions>): Promise<RequestValidation> {
  try {
    return { outcome: "validated", ...(await run()) };
  } catch (e) {
    if (e instanceof HandTakenError && e.held) return { outcome: "hand_taken", message: e.message, held: e.held };
    throw e;
  }
}

/** R-INT-1/2/3/5/6: validates the whole list of intentions. */
export const validateIntentionsAction = defineAction({
  name: "family.validateIntentions",
  // The list's own rules (R-INT-2/3/5) are parsed again by the service, so that their French
  // messages come back as the message of the refusal.
  schema: validateIntentionsInput.extend({ intentions: z.array(z.unknown()) }),
  ...onStudentFile,
  handler: ({ db, actor, scope, sessionId, input, now }) =>
    validation(() => validateIntentions(db, { actor, scope, sessionId, intentions: input.intentions, now })),
});

/** R-ACK-1: acknowledges the published avis, once. */
export const acknowledgeOpinionsAction = defineAction({
  name: "family.acknowledgeOpinions",
  schema: acknowledgeInput,
  ...onStudentFile,
  handler: ({ db, actor, scope, now }) => acknowledgeOpinions(db, { actor, scope, now }),
});

/** R-FIN-1/2/3: validates the whole list of final choices (same rules as the intentions, the final phase's own hand). */
export const validateFinalChoicesAction = defineAction({
  name: "family.validateFinalChoices",
  schema: validateIntentionsInput.extend({ intentions: z.array(z.unknown()) }),
  ...onStudentFile,
  handler: ({ db, actor, scope, sessionId, input, now }) =>
    validation(() => validateFamilyRequest(db, { actor, scope, sessionId, phase: "final", intentions: input.intentions, now })),
});

/** R-FIN-6: the holder of the final phase answers the council's proposals, once. */
export const answerProposalsAction = defineAction({
  name: "family.answerProposals",
  schema: answerInput,
  ...onStudentFile,
  handler: ({ db, actor, scope, input, now }) =>
    answerProposals(db, {
      actor,
      scope,
      answer: input.kind === "accept" ? { kind: "accept", acceptedProposalIds: input.acceptedProposalIds } : { kind: "refuse_all" },
      now,
    }),
});

/** R-FIN-7: another guardian says «Oui» / «Non» to the answer, once. */
export const agreeWithAnswerAction = defineAction({
  name: "family.agreeWithAnswer",
  schema: agreementInput,
  ...onStudentFile,
  handler: ({ db, actor, scope, input, now }) => agreeWithAnswer(db, { actor, scope, agrees: input.agrees, now }),
});
