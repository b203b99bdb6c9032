import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-SCH-5: each guardian is told that the school changed the intentions the family entered
 * online (at the family's request), with the new and the original intentions.
 */
export type SchoolChangeVars = {
  guardianName: string; // "Mme Claire Martin"
  studentName: string; // "Léa Martin"
  changedAt: string; // "23/11/2026 à 10:15"
  originalEnteredBy: string | null;
  originalEnteredAt: string | null; // "20/11/2026 à 18:02"
  items: string[]; // by rank, in full
  originalItems: string[];
  school: SchoolContact;
};

export const SCHOOL_CHANGE_SUBJECT = "[ORIENTATION] Modification des intentions d'orientation";

function intro(v: SchoolChangeVars): string {
  const original = v.originalEnteredAt
    ? ` saisies sur le service en ligne Orientation le ${v.originalEnteredAt}${v.originalEnteredBy ? ` par ${v.originalEnteredBy}` : ""}`
    : "";
  return `Les intentions d'orientation de ${v.studentName}${original} ont été modifiées par l'établissement le ${v.changedAt}.`;
}

const OUTRO =
  "Les avis provisoires du conseil de classe seront consultables sur le service en ligne Orientation. Pour toute question, veuillez prendre contact avec le chef d'établissement.";

export const schoolChangeEmail = defineEmail<SchoolChangeVars>({
  kind: "school-change",
  subject: () => SCHOOL_CHANGE_SUBJECT,
  text: (v) =>
    [
      `Bonjour ${v.guardianName},`,
      "",
      intro(v),
      "",
      "Intentions d'orientation enregistrées :",
      ...v.items.map((t, i) => `${i + 1} : ${t}`),
      "",
      "Rappel des intentions saisies initialement :",
      ...v.originalItems.map((t, i) => `${i + 1} : ${t}`),
      "",
      OUTRO,
      "",
      schoolContactText(v.school),
    ].join("\n"),
  html: (v) =>
    htmlFrame(
      SCHOOL_CHANGE_SUBJECT,
      `<p>Bonjour ${escapeHtml(v.guardianName)},</p>
<p>${escapeHtml(intro(v))}</p>
<h2 style="font-size: 16px;">Intentions d'orientation enregistrées</h2>
<ol>${v.items.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ol>
<h2 style="font-size: 16px;">Rappel des intentions saisies initialement</h2>
<ol>${v.originalItems.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ol>
<p>${escapeHtml(OUTRO)}</p>
${schoolContactHtml(v.school)}`,
    ),
});
