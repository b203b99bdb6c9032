"use server";

import { defineAction } from "@/lib/actions/define-action";
import { trackAlertCreateSchema, trackAlertDeleteSchema, trackAlertUpdateSchema } from "@/lib/domain/track-alerts";
import { createTrackAlert, editTrackAlert, removeTrackAlert } from "@/lib/services/track-alerts";

/*
 * R-OVS-3: the saio's alerts on a voie. The resource is the saio's own académie (manage:academy):
 * an alert of another académie cannot be named (its id is not found in the saio's académie).
 */
const onOwnAcademy = { permission: "manage:academy", resource: { type: "academy" } } as const;

export const createTrackAlertAction = defineAction({
  name: "academy.track-alert.create",
  schema: trackAlertCreateSchema,
  invalidInputMessage: "L'alerte n'est pas enregistrée : corrigez les champs signalés.",
  ...onOwnAcademy,
  handler: async ({ db, actor, scope, input, now }) => {
    const r = await createTrackAlert(db, actor, scope.academyId, input, now);
    return { id: r.alert.id, changed: r.changed };
  },
});

export const updateTrackAlertAction = defineAction({
  name: "academy.track-alert.update",
  schema: trackAlertUpdateSchema,
  invalidInputMessage: "L'alerte n'est pas modifiée : corrigez les champs signalés.",
  ...onOwnAcademy,
  handler: async ({ db, actor, scope, input, now }) => {
    const r = await editTrackAlert(db, actor, scope.academyId, input.id, { message: input.message, dueOn: input.dueOn }, now);
    return { id: r.alert.id, changed: r.changed };
  },
});

export const deleteTrackAlertAction = defineAction({
  name: "academy.track-alert.delete",
  schema: trackAlertDeleteSchema,
  ...onOwnAcademy,
  handler: async ({ db, actor, scope, input, now }) => removeTrackAlert(db, actor, scope.academyId, input.id, now),
});
