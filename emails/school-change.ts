import { deName, salutation } from "@/lib/domain/person-name";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-SCH-5: each guardian is told that the school changed the intentions (provisional phase) or
 * the choix définitifs (final phase) the family entered online (at the family's request), with
 * the new and the original ones.
 */
export type SchoolChangeVars = {
  /** The guardian's civility («Mme», «M.», or null when unknown): the greeting («Madame,», «Monsieur,», «Madame, Monsieur,»). */
  civility: string | null;
  studentName: string; // "Léa Martin"
  changedAt: string; // "23/11/2026 à 10:15"
  originalEnteredBy: string | null;
  originalEnteredAt: string | null; // "20/11/2026 à 18:02"
  items: string[]; // by rank, in full
  originalItems: string[];
  school: SchoolContact;
  /** Absent on the e-mails queued before the final phase existed: provisional. */
  phase?: "provisional" | "final";
};

export const SCHOOL_CHANGE_SUBJECT = "[ORIENTATION] Modification des intentions d'orientation";
export const SCHOOL_CHANGE_FINAL_SUBJECT = "[ORIENTATION] Modification des choix définitifs d'orientation";

const WORDS = {
  provisional: {
    subject: SCHOOL_CHANGE_SUBJECT,
    what: "Les intentions d'orientation",
    recorded: "Intentions d'orientation enregistrées",
    original: "Rappel des intentions saisies initialement",
    outro:
      "Les avis provisoires du conseil de classe seront consultables sur le service en ligne Orientation. Pour toute question, veuillez prendre contact avec le chef d'établissement.",
  },
  final: {
    subject: SCHOOL_CHANGE_FINAL_SUBJECT,
    what: "Les choix définitifs d'orientation",
    recorded: "Choix définitifs d'orientation enregistrés",
    original: "Rappel des choix définitifs saisis initialement",
    outro:
      "Les propositions du conseil de classe seront consultables sur le service en ligne Orientation. Pour toute question, veuillez prendre contact avec le chef d'établissement.",
  },
} as const;

const words = (v: SchoolChangeVars) => WORDS[v.phase ?? "provisional"];

function intro(v: SchoolChangeVars): string {
  const final = v.phase === "final";
  const original = v.originalEnteredAt
    ? ` ${final ? "saisis" : "saisies"} sur le service en ligne Orientation le ${v.originalEnteredAt}${v.originalEnteredBy ? ` par ${v.originalEnteredBy}` : ""}`
    : "";
  return `${words(v).what} ${deName(v.studentName)}${original} ont été ${final ? "modifiés" : "modifiées"} par l'établissement le ${v.changedAt}.`;
}

export const schoolChangeEmail = defineEmail<SchoolChangeVars>({
  kind: "school-change",
  subject: (v) => words(v).subject,
  text: (v) =>
    [
      salutation(v.civility),
      "",
      intro(v),
      "",
      `${words(v).recorded} :`,
      ...v.items.map((t, i) => `${i + 1} : ${t}`),
      "",
      `${words(v).original} :`,
      ...v.originalItems.map((t, i) => `${i + 1} : ${t}`),
      "",
      words(v).outro,
      "",
      schoolContactText(v.school),
    ].join("\n"),
  html: (v) =>
    htmlFrame(
      words(v).subject,
      `<p>${escapeHtml(salutation(v.civility))}</p>
<p>${escapeHtml(intro(v))}</p>
<h2 style="font-size: 16px;">${escapeHtml(words(v).recorded)}</h2>
<ol>${v.items.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ol>
<h2 style="font-size: 16px;">${escapeHtml(words(v).original)}</h2>
<ol>${v.originalItems.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ol>
<p>${escapeHtml(words(v).outro)}</p>
${schoolContactHtml(v.school)}`,
    ),
});
