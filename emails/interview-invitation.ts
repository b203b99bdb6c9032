import { salutation } from "@/lib/domain/person-name";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-FIN-9: no agreement between the guardians and the class council (the answer refuses every
 * proposal, or a guardian disagrees with it): each guardian is told that the interview with the
 * head is mandatory and must be asked for at once (wording of the national service's guide).
 */
export type InterviewInvitationVars = {
  /** The guardian's civility («Mme», «M.», or null when unknown): the greeting. */
  civility: string | null;
  studentName: string;
  reason: "refused_all" | "guardians_disagree";
  school: SchoolContact;
};

export const INTERVIEW_INVITATION_SUBJECT = "[ORIENTATION] Entretien obligatoire avec le chef d'établissement";

export function interviewInvitationParagraphs(v: InterviewInvitationVars): string[] {
  return [
    v.reason === "refused_all"
      ? `La réponse saisie pour l'élève ${v.studentName} refuse toutes les propositions du conseil de classe.`
      : `Un représentant légal de l'élève ${v.studentName} a signifié son désaccord avec la réponse saisie aux propositions du conseil de classe.`,
    "Aucun accord n'ayant été trouvé entre les représentants légaux et le conseil de classe, un entretien avec le chef d'établissement doit obligatoirement avoir lieu avant la décision d'orientation.",
    "Si ce n'est pas déjà fait, il FAUT contacter IMMÉDIATEMENT le chef d'établissement pour un rendez-vous sans délai, en présence de l'élève.",
    "En cas de maintien du désaccord après l'entretien avec le chef d'établissement, une procédure « papier » est mise en place par l'établissement pour solliciter la commission d'appel.",
  ];
}

export const interviewInvitationEmail = defineEmail<InterviewInvitationVars>({
  kind: "interview-invitation",
  subject: () => INTERVIEW_INVITATION_SUBJECT,
  text: (v) =>
    [salutation(v.civility), "", ...interviewInvitationParagraphs(v).flatMap((p) => [p, ""]), "Bien cordialement.", "", schoolContactText(v.school)].join("\n"),
  html: (v) =>
    htmlFrame(
      INTERVIEW_INVITATION_SUBJECT,
      `<p>${escapeHtml(salutation(v.civility))}</p>
${interviewInvitationParagraphs(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
