"use server";

import { defineAction } from "@/lib/actions/define-action";
import { academyParametersFormSchema } from "@/lib/domain/academy-parameters";
import { calendarFormSchema, calendarWindowsOf } from "@/lib/domain/campaign-calendar";
import { saveAcademyParameters } from "@/lib/services/academy-parameters";
import { saveCampaignCalendar } from "@/lib/services/academy-calendar";

/*
 * The saio's server actions. The resource is the saio's own académie: another académie cannot
 * even be named (manage:academy, R-AUTH-1).
 */
const onOwnAcademy = { permission: "manage:academy", resource: { type: "academy" } } as const;

/** R-CAL-1: saves the two windows of a level (datetime-local values in Paris time). */
export const saveCalendarAction = defineAction({
  name: "academy.calendar.save",
  schema: calendarFormSchema,
  ...onOwnAcademy,
  handler: async ({ db, actor, scope, input, now }) => {
    await saveCampaignCalendar(
      db,
      actor,
      { academyId: scope.academyId, schoolYear: input.schoolYear, level: input.level, windows: calendarWindowsOf(input) },
      now,
    );
    return { saved: true };
  },
});

/** R-INT-5, R-2GT-5, R-FIN-11 and the sender address: the saio's parameters of their académie. */
export const saveParametersAction = defineAction({
  name: "academy.parameters.save",
  schema: academyParametersFormSchema,
  ...onOwnAcademy,
  handler: async ({ db, actor, scope, input, now }) => {
    await saveAcademyParameters(db, actor, scope.academyId, input, now);
    return { saved: true };
  },
});
