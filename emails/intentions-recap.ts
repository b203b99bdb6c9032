import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";

/**
 * R-INT-8: the recap of the validated intentions, sent to each guardian with an address when
 * the one who validated ends their session. Two wordings (seed 000): the guardian who entered
 * ("holder"), and the other guardian ("other"), told who entered and to contact them, and the
 * head if they disagree.
 */
export type IntentionsRecapVars = {
  variant: "holder" | "other";
  /** "Mme Claire Martin": who validated (a guardian, or the adult student). */
  enteredBy: string;
  /** "12/09/2022 à 09:50" (Paris time). */
  enteredAt: string;
  studentName: string;
  /** By rank: the voie and its detail lines. */
  items: { label: string; details: string[] }[];
  school: SchoolContact;
};

export const INTENTIONS_RECAP_SUBJECT = "[ORIENTATION] Saisie des intentions d'orientation";

function intro(v: IntentionsRecapVars): string {
  const who = v.variant === "holder" ? "que vous avez effectuée" : "effectuée";
  const by = v.variant === "holder" ? "" : ` par ${v.enteredBy}`;
  return `Suite à la démarche ${who} en ligne le ${v.enteredAt}${by}, nous vous confirmons par ce message que votre(vos) intention(s) d'orientation a(ont) bien été enregistrée(s) pour l'élève ${v.studentName}. En voici le récapitulatif :`;
}

function outro(v: IntentionsRecapVars): string[] {
  if (v.variant === "holder") {
    return [
      "Vous pouvez encore faire des modifications jusqu'à la fermeture du service en ligne Orientation (date qui vous a été transmise par votre établissement). Le cas échéant le second représentant légal est également informé des intentions enregistrées.",
    ];
  }
  return [
    `Si vous souhaitez apporter des modifications, veuillez vous rapprocher de ${v.enteredBy}, qui a saisi les intentions. En cas de désaccord, veuillez prendre l'attache du chef d'établissement.`,
    "Les intentions peuvent être modifiées jusqu'à la fermeture du service en ligne Orientation (date qui vous a été transmise par votre établissement).",
  ];
}

export const intentionsRecapEmail = defineEmail<IntentionsRecapVars>({
  kind: "intentions-recap",
  subject: () => INTENTIONS_RECAP_SUBJECT,
  text: (v) =>
    [
      "Bonjour,",
      "",
      intro(v),
      "",
      ...v.items.flatMap((item, i) => [`Rang ${i + 1} : ${item.label}`, ...item.details]),
      "",
      ...outro(v).flatMap((p) => [p, ""]),
      "Bien cordialement.",
      "",
      schoolContactText(v.school),
    ].join("\n"),
  html: (v) =>
    htmlFrame(
      INTENTIONS_RECAP_SUBJECT,
      `<p>Bonjour,</p>
<p>${escapeHtml(intro(v))}</p>
<ul style="list-style: none; padding-left: 0;">${v.items
        .map(
          (item, i) =>
            `<li style="margin-bottom: 8px;"><strong>Rang ${i + 1} : ${escapeHtml(item.label)}</strong>${item.details.map((d) => `<br>${escapeHtml(d)}`).join("")}</li>`,
        )
        .join("")}</ul>
${outro(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
