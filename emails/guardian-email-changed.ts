import { salutation } from "@/lib/domain/person-name";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-DATA-2: the head corrected a guardian's e-mail address («Compléter les adresses mail»): the
 * guardian is told at the former address and at the new one.
 */
export type GuardianEmailChangedVars = {
  civility: string | null;
  oldEmail: string | null;
  newEmail: string;
  changedAt: string;
  /** Which copy: the former address's or the new one's. */
  copy: "old" | "new";
  school: SchoolContact;
};

export const GUARDIAN_EMAIL_CHANGED_SUBJECT = "[ORIENTATION] Modification de votre adresse électronique";

function body(v: GuardianEmailChangedVars): string[] {
  const what = v.oldEmail
    ? `L'établissement a remplacé le ${v.changedAt} votre adresse électronique ${v.oldEmail} par ${v.newEmail} sur le service en ligne Orientation.`
    : `L'établissement a enregistré le ${v.changedAt} votre adresse électronique ${v.newEmail} sur le service en ligne Orientation.`;
  const next =
    v.copy === "old"
      ? "Les prochains courriels du service en ligne Orientation seront envoyés à la nouvelle adresse. Si vous n'êtes pas à l'origine de cette demande, prenez contact avec l'établissement."
      : "Les courriels du service en ligne Orientation vous seront désormais envoyés à cette adresse.";
  return [what, next];
}

export const guardianEmailChangedEmail = defineEmail<GuardianEmailChangedVars>({
  kind: "guardian-email-changed",
  subject: () => GUARDIAN_EMAIL_CHANGED_SUBJECT,
  text: (v) => [salutation(v.civility), "", ...body(v), "", schoolContactText(v.school)].join("\n"),
  html: (v) =>
    htmlFrame(
      GUARDIAN_EMAIL_CHANGED_SUBJECT,
      `<p>${escapeHtml(salutation(v.civility))}</p>
${body(v)
  .map((l) => `<p>${escapeHtml(l)}</p>`)
  .join("\n")}
${schoolContactHtml(v.school)}`,
    ),
});
