"use server";

import { z } from "zod";
import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { authorize } from "@/lib/auth/policy";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import { saveCampaignCalendar } from "@/lib/services/academy-calendar";

const field = z.string().max(20);
const schema = z.object({
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
  level: z.enum(["3e", "2GT"]),
  provisionalOpensAt: field,
  provisionalClosesAt: field,
  finalOpensAt: field,
  finalClosesAt: field,
});

async function manageOwnAcademy(ctx: ActionContext<unknown>) {
  // The saio's own académie is the only resource: another académie cannot even be named.
  authorize(ctx.actor, "manage:academy", { type: "academy", academyId: ctx.actor.academyId ?? "" });
}

/** R-CAL-1: saves the two windows of a level (datetime-local values in Paris time). */
export const saveCalendarAction = defineAction({
  name: "academy.calendar.save",
  schema,
  authorize: manageOwnAcademy,
  handler: async ({ db, actor, input, now }) => {
    await saveCampaignCalendar(db, actor, {
      academyId: actor.academyId!,
      schoolYear: input.schoolYear,
      level: input.level,
      windows: [
        { phase: "provisional", opensAt: fromParisInputValue(input.provisionalOpensAt), closesAt: fromParisInputValue(input.provisionalClosesAt) },
        { phase: "final", opensAt: fromParisInputValue(input.finalOpensAt), closesAt: fromParisInputValue(input.finalClosesAt) },
      ],
    }, now);
    return { saved: true };
  },
});
