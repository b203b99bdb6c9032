import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-FIN-6: the family's answer to the council's proposals, sent at once to each guardian with an
 * address (seed 000: both guardians are informed simultaneously). The guardian who answered
 * ("holder") gets a confirmation; the other guardian ("other") is told who answered, invited to
 * sign in to give their agreement «Oui» / «Non», and to contact the head if they disagree. A
 * refusal of every proposal says to contact the head immediately (seed 004).
 */
export type ProposalsAnswerVars = {
  variant: "holder" | "other";
  answeredBy: string;
  /** "12/06/2027 à 09:50" (Paris time). */
  answeredAt: string;
  studentName: string;
  /** The accepted proposals' labels; empty when every proposal was refused. */
  accepted: string[];
  refusedAll: boolean;
  /** The adult student answers themself: no agreement asked. */
  agreementAsked: boolean;
  school: SchoolContact;
};

export const PROPOSALS_ANSWER_SUBJECT = "[ORIENTATION] Réponse aux propositions du conseil de classe";

export function proposalsAnswerParagraphs(v: ProposalsAnswerVars): string[] {
  const intro =
    v.variant === "holder"
      ? `Suite à la démarche que vous avez effectuée en ligne le ${v.answeredAt}, nous vous confirmons par ce message que votre réponse aux propositions du conseil de classe a bien été enregistrée pour l'élève ${v.studentName}.`
      : `Suite à la démarche effectuée en ligne le ${v.answeredAt} par ${v.answeredBy}, nous vous informons par ce message que la réponse aux propositions du conseil de classe a bien été enregistrée pour l'élève ${v.studentName}.`;
  const what = v.refusedAll
    ? ["Réponse : refus de toutes les propositions du conseil de classe."]
    : ["Proposition(s) du conseil de classe acceptée(s) :", ...v.accepted.map((a) => `- ${a}`)];
  const next: string[] = [];
  if (v.refusedAll) {
    next.push(
      "Toutes les propositions du conseil de classe ayant été refusées, vous devez prendre contact IMMEDIATEMENT avec le chef d'établissement pour un rendez-vous sans délai, en présence de l'élève.",
    );
  }
  if (v.agreementAsked) {
    next.push(
      v.variant === "other"
        ? "Afin de finaliser la procédure, vous devez vous connecter au service en ligne Orientation pour signifier votre accord (« Oui ») ou votre désaccord (« Non ») avec cette réponse. En cas de désaccord, veuillez prendre contact avec le chef d'établissement."
        : "L'autre représentant légal, informé en même temps que vous, doit également se connecter au service en ligne Orientation pour signifier son accord ou son désaccord avec cette réponse.",
    );
  }
  return [intro, ...what, ...next];
}

export const proposalsAnswerEmail = defineEmail<ProposalsAnswerVars>({
  kind: "proposals-answer",
  subject: () => PROPOSALS_ANSWER_SUBJECT,
  text: (v) => ["Bonjour,", "", ...proposalsAnswerParagraphs(v), "", "Bien cordialement.", "", schoolContactText(v.school)].join("\n"),
  html: (v) =>
    htmlFrame(
      PROPOSALS_ANSWER_SUBJECT,
      `<p>Bonjour,</p>
${proposalsAnswerParagraphs(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
