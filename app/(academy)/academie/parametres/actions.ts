"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { authorize } from "@/lib/auth/policy";
import { academyParametersSchema, parametersFromForm } from "@/lib/domain/academy-parameters";
import { saveAcademyParameters } from "@/lib/services/academy-parameters";

/** R-INT-5, R-2GT-5, R-FIN-11 and the sender address: the saio's parameters of their académie. */
export const saveParametersAction = defineAction({
  name: "academy.parameters.save",
  // A form posts ticked boxes as "on" and leaves unticked ones out.
  schema: z.preprocess((raw) => parametersFromForm((raw ?? {}) as Record<string, unknown>), academyParametersSchema),
  authorize: async ({ actor }) => authorize(actor, "manage:academy", { type: "academy", academyId: actor.academyId ?? "" }),
  handler: async ({ db, actor, input, now }) => {
    await saveAcademyParameters(db, actor, actor.academyId!, input, now);
    return { saved: true };
  },
});
