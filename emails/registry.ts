import { ANSWER_AGREEMENT_SUBJECT, answerAgreementEmail } from "./answer-agreement";
import { PROPOSALS_ANSWER_SUBJECT, proposalsAnswerEmail } from "./proposals-answer";
import { DECISION_PUBLISHED_SUBJECT, decisionPublishedEmail } from "./decision-published";
import { INTENTIONS_RECAP_SUBJECT, intentionsRecapEmail } from "./intentions-recap";
import { INTERVIEW_INVITATION_SUBJECT, interviewInvitationEmail } from "./interview-invitation";
import { SCHOOL_CHANGE_SUBJECT, schoolChangeEmail } from "./school-change";
import { ACCOUNT_WELCOME_SUBJECT, accountWelcomeEmail } from "./account-welcome";
import { PASSWORD_RESET_SUBJECT, passwordResetEmail } from "./password-reset";
import { GUARDIAN_EMAIL_CHANGED_SUBJECT, guardianEmailChangedEmail } from "./guardian-email-changed";
import { REMINDER_PROVISIONAL_SUBJECT, reminderEmail } from "./reminder";

/*
 * The one list of the product's e-mail kinds (docs/decisions/007). The outbox queues only these
 * (lib/outbox/queue.ts checks it, and its type admits only these templates); the outbox sender
 * (lib/outbox/sender.ts) sends the rendered rows; the admin screens list them. Add a new kind here.
 */
export const EMAIL_TEMPLATES = {
  "intentions-recap": intentionsRecapEmail,
  "school-change": schoolChangeEmail,
  "decision-published": decisionPublishedEmail,
  "proposals-answer": proposalsAnswerEmail,
  "answer-agreement": answerAgreementEmail,
  "interview-invitation": interviewInvitationEmail,
  "account-welcome": accountWelcomeEmail,
  "password-reset": passwordResetEmail,
  "guardian-email-changed": guardianEmailChangedEmail,
  reminder: reminderEmail,
} as const;

export type EmailKind = keyof typeof EMAIL_TEMPLATES;
export type RegisteredEmail = (typeof EMAIL_TEMPLATES)[EmailKind];

/** Each kind with its French name and its subject, in the order the admin screens list them. */
export const EMAIL_KINDS: readonly { kind: EmailKind; label: string; subject: string; rule: string }[] = [
  { kind: "intentions-recap", label: "Récapitulatif de saisie", subject: INTENTIONS_RECAP_SUBJECT, rule: "R-INT-8" },
  { kind: "school-change", label: "Modification par l'établissement", subject: SCHOOL_CHANGE_SUBJECT, rule: "R-SCH-5" },
  { kind: "decision-published", label: "Décision d'orientation", subject: DECISION_PUBLISHED_SUBJECT, rule: "R-FIN-8" },
  { kind: "proposals-answer", label: "Réponse aux propositions", subject: PROPOSALS_ANSWER_SUBJECT, rule: "R-FIN-6" },
  { kind: "answer-agreement", label: "Accord avec la réponse", subject: ANSWER_AGREEMENT_SUBJECT, rule: "R-FIN-7" },
  { kind: "interview-invitation", label: "Entretien obligatoire", subject: INTERVIEW_INVITATION_SUBJECT, rule: "R-FIN-9" },
  { kind: "account-welcome", label: "Création d'un compte", subject: ACCOUNT_WELCOME_SUBJECT, rule: "R-DATA-2" },
  { kind: "password-reset", label: "Mot de passe oublié", subject: PASSWORD_RESET_SUBJECT, rule: "R-DATA-2" },
  { kind: "guardian-email-changed", label: "Adresse électronique modifiée", subject: GUARDIAN_EMAIL_CHANGED_SUBJECT, rule: "R-DATA-2" },
  { kind: "reminder", label: "Relance des familles", subject: REMINDER_PROVISIONAL_SUBJECT, rule: "R-OVS-2" },
];

/** True when this template object is the registered one of its kind. */
export function isRegisteredEmail(template: { kind: string }): template is RegisteredEmail {
  return Object.hasOwn(EMAIL_TEMPLATES, template.kind) && EMAIL_TEMPLATES[template.kind as EmailKind] === template;
}
