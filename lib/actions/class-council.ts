"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { DomainError } from "@/lib/domain/errors";
import { DIVISION_OPINIONS_MAX, OPINION_COMMENT_MAX, OPINION_COMMENT_TOO_LONG_MESSAGE, OPINION_VALUES, type OpinionValue } from "@/lib/domain/opinions";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import { changeCouncilDate, openCouncil, resetCouncil } from "@/lib/services/school-council";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";

/** Every action of the class council acts on its division (R-AUTH-1; R-SCH-14: a homeroom teacher's own, or any with the delegation). */
const onDivision = { permission: "manage:division", resource: { type: "division", from: "divisionId" } } as const;

const divisionInput = z.object({ divisionId: z.string().min(1) });

/** A datetime-local value ("2026-02-12T17:30") is 16 characters; seconds make it 19. */
const DATETIME_INPUT_MAX = 20;

/** R-SCH-3: opens the division's class council (immediate). */
export const openCouncilAction = defineAction({
  name: "council.open",
  schema: divisionInput,
  ...onDivision,
  handler: ({ db, actor, input, now }) => openCouncil(db, actor, { divisionId: input.divisionId }, now),
});

/** R-SCH-6: changes the council date (Paris wall-clock time from a datetime-local field). */
export const changeCouncilDateAction = defineAction({
  name: "council.date",
  schema: divisionInput.extend({ scheduledAt: z.string().max(DATETIME_INPUT_MAX) }),
  ...onDivision,
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
  ...onDivision,
  handler: ({ db, actor, input, now }) => resetCouncil(db, actor, { divisionId: input.divisionId, confirmed: input.confirmed }, now),
});

/** R-SCH-7: saves the avis of the division's screen. */
export const saveOpinionsAction = defineAction({
  name: "opinions.save",
  schema: divisionInput.extend({
    entries: z
      .array(
        z.object({
          itemId: z.string().uuid(),
          value: z.enum(OPINION_VALUES as [OpinionValue, ...OpinionValue[]]).nullable(),
          comment: z.string().max(OPINION_COMMENT_MAX, OPINION_COMMENT_TOO_LONG_MESSAGE).nullable(),
        }),
      )
      .max(DIVISION_OPINIONS_MAX),
  }),
  ...onDivision,
  handler: ({ db, actor, input, now }) => saveDivisionOpinions(db, actor, { divisionId: input.divisionId, entries: input.entries }, now),
});
