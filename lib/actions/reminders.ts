"use server";

import { defineAction } from "@/lib/actions/define-action";
import { cancelReminderSchema, reminderFormSchema } from "@/lib/domain/reminders";
import { cancelReminder, scheduleReminder } from "@/lib/services/reminders";

/*
 * R-OVS-2: the reminders' server actions. The saio's are on their own académie (manage:academy),
 * the head's on their own school (manage:school): another's reminder is not found (R-AUTH-1).
 */

export const scheduleAcademyReminderAction = defineAction({
  name: "academy.reminders.schedule",
  schema: reminderFormSchema,
  permission: "manage:academy",
  resource: { type: "academy" },
  handler: ({ db, actor, scope, input, now }) => scheduleReminder(db, actor, { academyId: scope.academyId, schoolId: null }, input, now),
});

export const cancelAcademyReminderAction = defineAction({
  name: "academy.reminders.cancel",
  schema: cancelReminderSchema,
  permission: "manage:academy",
  resource: { type: "academy" },
  handler: async ({ db, actor, scope, input, now }) => {
    await cancelReminder(db, actor, { academyId: scope.academyId, schoolId: null }, input.reminderId, now);
    return { cancelled: true };
  },
});

export const scheduleSchoolReminderAction = defineAction({
  name: "school.reminders.schedule",
  schema: reminderFormSchema,
  permission: "manage:school",
  resource: { type: "school" },
  handler: ({ db, actor, scope, input, now }) => scheduleReminder(db, actor, { academyId: scope.academyId, schoolId: scope.schoolId }, input, now),
});

export const cancelSchoolReminderAction = defineAction({
  name: "school.reminders.cancel",
  schema: cancelReminderSchema,
  permission: "manage:school",
  resource: { type: "school" },
  handler: async ({ db, actor, scope, input, now }) => {
    await cancelReminder(db, actor, { academyId: scope.academyId, schoolId: scope.schoolId }, input.reminderId, now);
    return { cancelled: true };
  },
});
