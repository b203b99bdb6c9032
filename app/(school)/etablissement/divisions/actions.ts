"use server";

import { z } from "zod";
import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { findDivisionScope } from "@/lib/db/repositories/scopes";
import { DomainError } from "@/lib/domain/errors";
import { OPINION_VALUES, type OpinionValue } from "@/lib/domain/opinions";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import { changeCouncilDate, openCouncil, resetCouncil } from "@/lib/services/school-council";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";

async function manageDivision(ctx: ActionContext<{ divisionId: string }>) {
  const scope = await findDivisionScope(ctx.db, ctx.input.divisionId);
  if (!scope) throw new NotFoundError();
  authorize(ctx.actor, "manage:division", scope);
}

const divisionInput = z.object({ divisionId: z.string().min(1) });

/** R-SCH-3: opens the division's class council (immediate). */
export const openCouncilAction = defineAction({
  name: "council.open",
  schema: divisionInput,
  authorize: manageDivision,
  handler: ({ db, actor, input, now }) => openCouncil(db, actor, { divisionId: input.divisionId }, now),
});

/** R-SCH-6: changes the council date (Paris wall-clock time from a datetime-local field). */
export const changeCouncilDateAction = defineAction({
  name: "council.date",
  schema: divisionInput.extend({ scheduledAt: z.string().max(20) }),
  authorize: manageDivision,
  handler: async ({ db, actor, input, now }) => {
    const when = input.scheduledAt === "" ? null : fromParisInputValue(input.scheduledAt);
    if (input.scheduledAt !== "" && !when) {
      throw new DomainError("INVALID_DATE", "La date du conseil de classe n'est pas valide.", { scheduledAt: ["Saisissez une date et une heure."] });
    }
    await changeCouncilDate(db, actor, { divisionId: input.divisionId, scheduledAt: when }, now);
    return { ok: true };
  },
});

/** R-SCH-6: resets the council; deletes the avis once confirmed. */
export const resetCouncilAction = defineAction({
  name: "council.reset",
  schema: divisionInput.extend({ confirmed: z.boolean() }),
  authorize: manageDivision,
  handler: ({ db, actor, input, now }) => resetCouncil(db, actor, { divisionId: input.divisionId, confirmed: input.confirmed }, now),
});

/** R-SCH-7: saves the avis of the division's screen. */
export const saveOpinionsAction = defineAction({
  name: "opinions.save",
  schema: divisionInput.extend({
    entries: z.array(z.object({
      itemId: z.string().uuid(),
      value: z.enum(OPINION_VALUES as [OpinionValue, ...OpinionValue[]]).nullable(),
      comment: z.string().max(1000, "Les recommandations ne peuvent pas dépasser 1000 caractères.").nullable(),
    })).max(2000),
  }),
  authorize: manageDivision,
  handler: ({ db, actor, input, now }) => saveDivisionOpinions(db, actor, { divisionId: input.divisionId, entries: input.entries }, now),
});
