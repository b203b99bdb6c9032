import { decisionPublishedEmail } from "./decision-published";
import { intentionsRecapEmail } from "./intentions-recap";
import { schoolChangeEmail } from "./school-change";

/*
 * Every e-mail kind of the product (STYLE.md §7): each is queued in the outbox (lib/email/outbox.ts)
 * and sent by the outbox sender (lib/email/sender.ts). Add a new template here.
 */
export const emailTemplates = {
  [intentionsRecapEmail.kind]: intentionsRecapEmail,
  [schoolChangeEmail.kind]: schoolChangeEmail,
  [decisionPublishedEmail.kind]: decisionPublishedEmail,
} as const;

/** The French name of each e-mail kind, for the development mailbox and the admin screens. */
export const EMAIL_KIND_LABELS: Record<string, string> = {
  [intentionsRecapEmail.kind]: "Récapitulatif de saisie",
  [schoolChangeEmail.kind]: "Modification par l'établissement",
  [decisionPublishedEmail.kind]: "Décision d'orientation",
};
