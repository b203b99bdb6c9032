import { NOTICE_TITLE, noticeSections, type NoticeFacts } from "@/lib/domain/decision-notice";
import { deName, salutation } from "@/lib/domain/person-name";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-FIN-8 / R-FIN-11 / R-FIN-12: the orientation decision, queued for each guardian by the nightly
 * transfer when the decision reaches the family service. Its body is the notice itself
 * (lib/domain/decision-notice.ts, the same text as the PDF): the voie, the reasons when it differs
 * from the family's request, the appeal deadline and the commission, the droit au maintien (3e).
 */
export type DecisionPublishedVars = {
  /** The guardian's civility («Mme», «M.», or null when unknown): the greeting. */
  civility: string | null;
  notice: NoticeFacts;
  /** The family page, step « 3 Décision ». */
  familyPageUrl: string;
  school: SchoolContact;
};

export const DECISION_PUBLISHED_SUBJECT = "[ORIENTATION] Décision d'orientation";

function lead(v: DecisionPublishedVars): string {
  return v.notice.source === "commission"
    ? `La commission d'appel a rendu sa décision pour ${v.notice.studentName}. Elle est consultable sur le service en ligne Orientation (étape « 3 Décision »).`
    : `La décision d'orientation ${deName(v.notice.studentName)} a été prise. Elle est consultable sur le service en ligne Orientation (étape « 3 Décision »).`;
}

export const decisionPublishedEmail = defineEmail<DecisionPublishedVars>({
  kind: "decision-published",
  subject: () => DECISION_PUBLISHED_SUBJECT,
  text: (v) => {
    const sections = noticeSections(v.notice).map((s) => [...(s.title ? [s.title.toUpperCase()] : []), ...s.paragraphs].join("\n\n"));
    return [
      salutation(v.civility),
      "",
      lead(v),
      "",
      NOTICE_TITLE.toUpperCase(),
      "",
      sections.join("\n\n"),
      "",
      `Consulter la décision (étape « 3 Décision ») : ${v.familyPageUrl}`,
      "",
      "Bien cordialement.",
      "",
      schoolContactText(v.school),
    ].join("\n");
  },
  html: (v) =>
    htmlFrame(
      DECISION_PUBLISHED_SUBJECT,
      `<p>${escapeHtml(salutation(v.civility))}</p>
<p>${escapeHtml(lead(v))}</p>
<h1 style="font-size: 18px;">${escapeHtml(NOTICE_TITLE)}</h1>
${noticeSections(v.notice)
  .map(
    (s) =>
      `${s.title ? `<h2 style="font-size: 16px;">${escapeHtml(s.title)}</h2>\n` : ""}${s.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n")}`,
  )
  .join("\n")}
<p><a href="${escapeHtml(v.familyPageUrl)}">Consulter la décision sur le service en ligne Orientation (étape « 3 Décision »)</a></p>
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
