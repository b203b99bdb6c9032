"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { DomainError } from "@/lib/domain/errors";
import { DIVISION_OPINIONS_MAX, OPINION_COMMENT_MAX, OPINION_COMMENT_TOO_LONG_MESSAGE, OPINION_VALUES, type OpinionValue } from "@/lib/domain/opinions";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import { changeCouncilDate, openCouncil, resetCouncil } from "@/lib/services/school-council";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";
import { saveDivisionProposals } from "@/lib/services/school-proposals";
import { DIVISION_PROPOSAL_STUDENTS_MAX, EXTRA_PROPOSALS_MAX, PROPOSAL_MOTIVATION_MAX, PROPOSAL_MOTIVATION_TOO_LONG_MESSAGE } from "@/lib/domain/proposals";
import { itemLimits } from "@/lib/domain/tracks";
import { TRACK_CODE_MAX } from "@/lib/domain/request-items";

/** Every action of the class council acts on its division (R-AUTH-1; R-SCH-14: a homeroom teacher's own, or any with the delegation). */
const onDivision = { permission: "manage:division", resource: { type: "division", from: "divisionId" } } as const;

const divisionInput = z.object({ divisionId: z.string().min(1) });
/** R-SCH-3 / R-SCH-6: each phase has its own council (the provisional one when omitted). */
const phaseInput = divisionInput.extend({ phase: z.enum(["provisional", "final"]).default("provisional") });

/** A datetime-local value ("2026-02-12T17:30") is 16 characters; seconds make it 19. */
const DATETIME_INPUT_MAX = 20;

/** R-SCH-3: opens the division's class council (immediate). */
export const openCouncilAction = defineAction({
  name: "council.open",
  schema: phaseInput,
  ...onDivision,
  handler: ({ db, actor, input, now }) => openCouncil(db, actor, { divisionId: input.divisionId, phase: input.phase }, now),
});

/** R-SCH-6: changes the council date (Paris wall-clock time from a datetime-local field); R-FIN-4 asks a confirmation first when too close. */
export const changeCouncilDateAction = defineAction({
  name: "council.date",
  schema: phaseInput.extend({ scheduledAt: z.string().max(DATETIME_INPUT_MAX), confirmed: z.boolean().default(false) }),
  ...onDivision,
  handler: async ({ db, actor, input, now }) => {
    const when = input.scheduledAt === "" ? null : fromParisInputValue(input.scheduledAt);
    if (input.scheduledAt !== "" && !when) {
      throw new DomainError("INVALID_DATE", "La date du conseil de classe n'est pas valide.", { scheduledAt: ["Saisissez une date et une heure."] });
    }
    await changeCouncilDate(db, actor, { divisionId: input.divisionId, scheduledAt: when, phase: input.phase, confirmed: input.confirmed }, now);
    return { ok: true };
  },
});

/** R-SCH-6: resets the council; deletes the avis (provisional) or the proposals (final) once confirmed. */
export const resetCouncilAction = defineAction({
  name: "council.reset",
  schema: phaseInput.extend({ confirmed: z.boolean() }),
  ...onDivision,
  handler: ({ db, actor, input, now }) => resetCouncil(db, actor, { divisionId: input.divisionId, confirmed: input.confirmed, phase: input.phase }, now),
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

const motivation = z.string().max(PROPOSAL_MOTIVATION_MAX, PROPOSAL_MOTIVATION_TOO_LONG_MESSAGE).nullable();

/** R-FIN-5: saves the class council's proposals of the division's screen (final phase); an extra voie carries its série or target after 2de GT. */
export const saveProposalsAction = defineAction({
  name: "proposals.save",
  schema: divisionInput.extend({
    students: z
      .array(
        z.object({
          studentId: z.string().uuid(),
          answers: z.array(z.object({ itemId: z.string().uuid(), answer: z.enum(["yes", "no"]).nullable(), motivation })).max(itemLimits("2GT", "final").max),
          extras: z
            .array(z.object({ track: z.string().max(TRACK_CODE_MAX), subTrack: z.string().max(TRACK_CODE_MAX).default(""), motivation }))
            .max(EXTRA_PROPOSALS_MAX),
        }),
      )
      .max(DIVISION_PROPOSAL_STUDENTS_MAX),
  }),
  ...onDivision,
  handler: ({ db, actor, input, now }) => saveDivisionProposals(db, actor, { divisionId: input.divisionId, students: input.students }, now),
});
