import { z } from "zod";

/*
 * The académie's parameters, set by its saio (issue 4 item 1): R-INT-5 (free text métier and
 * status for 2de pro / CAP), R-2GT-5 (stage passerelle online), the generic sender address of
 * the e-mails, R-FIN-11 (appeal deadline in working days, commission's president and address).
 */
export const APPEAL_DEADLINE_MIN = 1;
export const APPEAL_DEADLINE_MAX = 30;

export const academyParametersSchema = z.object({
  allowTrackDetails: z.boolean(),
  allowStagePasserelle: z.boolean(),
  senderEmail: z.string().trim().email("Saisissez une adresse électronique valide (par exemple ne-pas-repondre@ac-grenoble.fr).").max(200),
  appealDeadlineWorkingDays: z.coerce
    .number({ message: "Saisissez un nombre de jours ouvrés." })
    .int("Saisissez un nombre entier de jours ouvrés.")
    .min(APPEAL_DEADLINE_MIN, `Le délai d'appel est d'au moins ${APPEAL_DEADLINE_MIN} jour ouvré.`)
    .max(APPEAL_DEADLINE_MAX, `Le délai d'appel ne peut pas dépasser ${APPEAL_DEADLINE_MAX} jours ouvrés.`),
  appealCommissionPresident: z.string().trim().max(300, "300 caractères au plus."),
  appealCommissionAddress: z.string().trim().max(500, "500 caractères au plus."),
});
export type AcademyParameters = z.infer<typeof academyParametersSchema>;

/** Checkbox fields arrive as "on" or are absent; the action maps a form to this shape. */
export function parametersFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const on = (k: string) => form[k] === "on" || form[k] === "true" || form[k] === true;
  return {
    allowTrackDetails: on("allowTrackDetails"),
    allowStagePasserelle: on("allowStagePasserelle"),
    senderEmail: form.senderEmail ?? "",
    appealDeadlineWorkingDays: form.appealDeadlineWorkingDays ?? "",
    appealCommissionPresident: form.appealCommissionPresident ?? "",
    appealCommissionAddress: form.appealCommissionAddress ?? "",
  };
}
