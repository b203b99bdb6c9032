import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-FIN-7: a guardian said whether they agree with the answer to the council's proposals; each
 * guardian with an address is told. A disagreement says that an interview with the head is
 * mandatory (seed 004).
 */
export type AnswerAgreementVars = {
  agreedBy: string;
  /** "12/06/2027 à 09:50" (Paris time). */
  agreedAt: string;
  agrees: boolean;
  studentName: string;
  school: SchoolContact;
};

export const ANSWER_AGREEMENT_SUBJECT = "[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe";

export function answerAgreementParagraphs(v: AnswerAgreementVars): string[] {
  const head = `Le ${v.agreedAt}, ${v.agreedBy} a signifié en ligne ${v.agrees ? "son accord (« Oui »)" : "son désaccord (« Non »)"} avec la réponse aux propositions du conseil de classe saisie pour l'élève ${v.studentName}.`;
  return v.agrees
    ? [head, "La décision d'orientation sera prise par le chef d'établissement lorsque tous les représentants légaux auront répondu."]
    : [
        head,
        "Aucun accord n'ayant été trouvé entre les représentants légaux et le conseil de classe, un entretien avec le chef d'établissement est obligatoire. Veuillez prendre contact avec lui sans délai.",
      ];
}

export const answerAgreementEmail = defineEmail<AnswerAgreementVars>({
  kind: "answer-agreement",
  subject: () => ANSWER_AGREEMENT_SUBJECT,
  text: (v) => ["Bonjour,", "", ...answerAgreementParagraphs(v), "", "Bien cordialement.", "", schoolContactText(v.school)].join("\n"),
  html: (v) =>
    htmlFrame(
      ANSWER_AGREEMENT_SUBJECT,
      `<p>Bonjour,</p>
${answerAgreementParagraphs(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
