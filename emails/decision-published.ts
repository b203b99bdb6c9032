import { describeTrack } from "@/lib/domain/tracks";
import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-FIN-8 / R-FIN-11: the orientation decision, queued for each guardian by the nightly transfer
 * when the decision reaches the family service.
 */
export type DecisionPublishedVars = {
  guardianName: string;
  studentName: string;
  track: string;
  subTrack: string;
  differsFromRequest: boolean;
  reasons: string | null;
  /** "DD/MM/YYYY", R-FIN-11. */
  appealDeadline: string | null;
  appealCommissionPresident: string;
  appealCommissionAddress: string;
  school: SchoolContact;
};

export const DECISION_PUBLISHED_SUBJECT = "[ORIENTATION] Décision d'orientation";

export const decisionPublishedEmail = defineEmail<DecisionPublishedVars>({
  kind: "decision-published",
  subject: () => DECISION_PUBLISHED_SUBJECT,
  text: (v) => {
    const lines = [
      `Madame, Monsieur ${v.guardianName},`,
      "",
      `Le chef d'établissement a pris la décision d'orientation de ${v.studentName} : ${describeTrack(v)}.`,
      "Vous pouvez la consulter sur le service en ligne Orientation (étape « 3 Décision »).",
    ];
    if (v.differsFromRequest) {
      lines.push(
        "",
        "Cette décision diffère de votre demande. Motifs :",
        v.reasons ?? "",
        "",
        `Vous pouvez faire appel de cette décision jusqu'au ${v.appealDeadline ?? ""} auprès de la commission d'appel` +
          (v.appealCommissionPresident
            ? ` (présidence : ${v.appealCommissionPresident}${v.appealCommissionAddress ? `, ${v.appealCommissionAddress}` : ""})`
            : "") +
          ".",
      );
    }
    lines.push("", schoolContactText(v.school));
    return lines.join("\n");
  },
  html: (v) =>
    htmlFrame(
      DECISION_PUBLISHED_SUBJECT,
      `<p>Madame, Monsieur ${escapeHtml(v.guardianName)},</p>
<p>Le chef d'établissement a pris la décision d'orientation de ${escapeHtml(v.studentName)} : <strong>${escapeHtml(describeTrack(v))}</strong>.</p>
<p>Vous pouvez la consulter sur le service en ligne Orientation (étape « 3 Décision »).</p>
${
  v.differsFromRequest
    ? `<p>Cette décision diffère de votre demande. Motifs :</p><p>${escapeHtml(v.reasons ?? "")}</p>
<p>Vous pouvez faire appel de cette décision jusqu'au <strong>${escapeHtml(v.appealDeadline ?? "")}</strong> auprès de la commission d'appel${
        v.appealCommissionPresident
          ? ` (présidence : ${escapeHtml(v.appealCommissionPresident)}${v.appealCommissionAddress ? `, ${escapeHtml(v.appealCommissionAddress)}` : ""})`
          : ""
      }.</p>`
    : ""
}
${schoolContactHtml(v.school)}`,
    ),
});
