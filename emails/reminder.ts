import { salutation } from "@/lib/domain/person-name";
import type { Phase } from "@/lib/domain/tracks";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-OVS-2: the reminder to a guardian whose child has no validated entry for the open phase,
 * queued by the reminders job (jobs/reminders.ts), once per reminder, student and guardian. In the
 * guides' words: the phase's entry, the student's first name, the closing date (Paris time), the
 * family service's link, the school's contact.
 */
export type ReminderVars = {
  /** The guardian's civility («Mme», «M.», or null when unknown): the greeting. */
  civility: string | null;
  phase: Phase;
  studentFirstName: string;
  /** R-AUTH-4: the student is an adult and enters for themself (the guardians read only). */
  adultStudent?: boolean;
  /** "12/02/2027 à 18:00" (Paris time): the closing of the académie's window. */
  closesAt: string;
  /** The student's page on the family service. */
  familyPageUrl: string;
  school: SchoolContact;
};

export const REMINDER_PROVISIONAL_SUBJECT = "[ORIENTATION] Rappel : saisie des intentions d'orientation provisoires";
export const REMINDER_FINAL_SUBJECT = "[ORIENTATION] Rappel : saisie des choix définitifs d'orientation";

const subjectOf = (v: ReminderVars) => (v.phase === "final" ? REMINDER_FINAL_SUBJECT : REMINDER_PROVISIONAL_SUBJECT);

function paragraphs(v: ReminderVars): string[] {
  const what = v.phase === "final" ? "choix définitifs d'orientation" : "intentions d'orientation provisoires";
  const none = v.phase === "final" ? "aucun choix définitif n'a été validé" : "aucune intention d'orientation provisoire n'a été validée";
  return [
    `Le service en ligne Orientation est ouvert jusqu'au ${v.closesAt} (heure de Paris). À ce jour, ${none} pour ${v.studentFirstName}.`,
    v.adultStudent
      ? `${v.studentFirstName} étant majeur(e), c'est à ${v.studentFirstName} de saisir et valider ses ${what} avant cette date, sur le service en ligne Orientation, avec son propre compte ÉduConnect ; vous pouvez les consulter avec le vôtre.`
      : `Nous vous invitons à saisir et valider les ${what} de ${v.studentFirstName} avant cette date, sur le service en ligne Orientation, accessible avec votre compte ÉduConnect.`,
    "Si vous avez remis une fiche de dialogue papier à l'établissement ou validé votre saisie entre-temps, ne tenez pas compte de ce message.",
  ];
}

const LINK_LABEL = "Accéder au service en ligne Orientation";

export const reminderEmail = defineEmail<ReminderVars>({
  kind: "reminder",
  subject: subjectOf,
  text: (v) =>
    [
      salutation(v.civility),
      "",
      ...paragraphs(v).flatMap((p) => [p, ""]),
      `${LINK_LABEL} : ${v.familyPageUrl}`,
      "",
      "Bien cordialement.",
      "",
      schoolContactText(v.school),
    ].join("\n"),
  html: (v) =>
    htmlFrame(
      subjectOf(v),
      `<p>${escapeHtml(salutation(v.civility))}</p>
${paragraphs(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p><a href="${escapeHtml(v.familyPageUrl)}">${LINK_LABEL}</a></p>
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
