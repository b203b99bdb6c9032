import { z } from "zod";

/*
 * The académie's parameters, set by its saio: R-INT-5 (free text métier and
 * status for 2de pro / CAP), R-2GT-5 (stage passerelle online), the generic sender address of
 * the e-mails, R-FIN-11 (appeal deadline in jours ouvrables, commission's president and address),
 * R-FIN-12 (the link to the affectation service the family page shows once a decision exists).
 */
export const APPEAL_DEADLINE_MIN = 1;
export const APPEAL_DEADLINE_MAX = 30;
export const SENDER_EMAIL_MAX = 200;
export const APPEAL_PRESIDENT_MAX = 300;
export const APPEAL_ADDRESS_MAX = 500;
export const AFFECTATION_URL_MAX = 500;
/** R-OVS-5: the académie's pages for families (resources on the procedure, assistance). */
export const FAMILY_PAGE_URL_MAX = 500;
export const RESOURCES_URL_INVALID_MESSAGE =
  "Saisissez l'adresse complète de la page de ressources, commençant par https:// (par exemple https://www.ac-grenoble.fr/orientation), ou laissez le champ vide.";
export const ASSISTANCE_URL_INVALID_MESSAGE =
  "Saisissez l'adresse complète de la page d'assistance, commençant par https:// (par exemple https://www.ac-grenoble.fr/assistance), ou laissez le champ vide.";
export const AFFECTATION_URL_INVALID_MESSAGE =
  "Saisissez l'adresse complète d'une page sécurisée, commençant par https:// (par exemple https://affectation.ac-grenoble.fr), ou laissez le champ vide.";
export const SENDER_EMAIL_INVALID_MESSAGE = "Saisissez une adresse électronique valide (par exemple ne-pas-repondre@ac-grenoble.fr).";
export const APPEAL_DEADLINE_NOT_A_NUMBER_MESSAGE = "Saisissez un nombre de jours ouvrables.";
export const APPEAL_DEADLINE_NOT_WHOLE_MESSAGE = "Saisissez un nombre entier de jours ouvrables.";
export const APPEAL_DEADLINE_TOO_SHORT_MESSAGE = `Le délai d'appel est d'au moins ${APPEAL_DEADLINE_MIN} jour ouvrable.`;
export const APPEAL_DEADLINE_TOO_LONG_MESSAGE = `Le délai d'appel ne peut pas dépasser ${APPEAL_DEADLINE_MAX} jours ouvrables.`;
const atMost = (n: number) => `${n} caractères au plus.`;

/** An absolute https URL with a host (no credentials), or "". */
export function isHttpsPageUrl(v: string): boolean {
  if (v === "") return true;
  if (/\s/.test(v)) return false;
  try {
    const u = new URL(v);
    return u.protocol === "https:" && u.hostname.includes(".") && u.username === "" && u.password === "";
  } catch {
    return false;
  }
}

/** R-FIN-12: the affectation link is such a URL (the name the decision's tests know). */
export const isAffectationUrl = isHttpsPageUrl;

export const academyParametersSchema = z.object({
  allowTrackDetails: z.boolean(),
  allowStagePasserelle: z.boolean(),
  senderEmail: z.string().trim().email(SENDER_EMAIL_INVALID_MESSAGE).max(SENDER_EMAIL_MAX),
  appealDeadlineWorkingDays: z.coerce
    .number({ message: APPEAL_DEADLINE_NOT_A_NUMBER_MESSAGE })
    .int(APPEAL_DEADLINE_NOT_WHOLE_MESSAGE)
    .min(APPEAL_DEADLINE_MIN, APPEAL_DEADLINE_TOO_SHORT_MESSAGE)
    .max(APPEAL_DEADLINE_MAX, APPEAL_DEADLINE_TOO_LONG_MESSAGE),
  appealCommissionPresident: z.string().trim().max(APPEAL_PRESIDENT_MAX, atMost(APPEAL_PRESIDENT_MAX)),
  appealCommissionAddress: z.string().trim().max(APPEAL_ADDRESS_MAX, atMost(APPEAL_ADDRESS_MAX)),
  affectationUrl: z.string().trim().max(AFFECTATION_URL_MAX, atMost(AFFECTATION_URL_MAX)).refine(isAffectationUrl, AFFECTATION_URL_INVALID_MESSAGE),
  // R-OVS-5: shown on the family home only when set.
  resourcesUrl: z.string().trim().max(FAMILY_PAGE_URL_MAX, atMost(FAMILY_PAGE_URL_MAX)).refine(isHttpsPageUrl, RESOURCES_URL_INVALID_MESSAGE),
  assistanceUrl: z.string().trim().max(FAMILY_PAGE_URL_MAX, atMost(FAMILY_PAGE_URL_MAX)).refine(isHttpsPageUrl, ASSISTANCE_URL_INVALID_MESSAGE),
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
    affectationUrl: form.affectationUrl ?? "",
    resourcesUrl: form.resourcesUrl ?? "",
    assistanceUrl: form.assistanceUrl ?? "",
  };
}

/** The académie's parameters action reads a posted form: ticked boxes as "on", unticked ones absent. */
export const academyParametersFormSchema = z.preprocess((raw) => parametersFromForm((raw ?? {}) as Record<string, unknown>), academyParametersSchema);
