import { defineEmail, escapeHtml, htmlFrame, schoolContactHtml, schoolContactText, type SchoolContact } from "./define-email";
import { deName } from "@/lib/domain/person-name";

/**
 * R-INT-8: the recap of the validated intentions, sent to each guardian with an address when
 * the one who validated ends their session. Two wordings (seed 000): the guardian who entered
 * ("holder"), and the other guardian ("other"), told who entered and to contact them, and the
 * head if they disagree.
 */
export type IntentionsRecapVars = {
  variant: "holder" | "other";
  /** R-FIN-3: the final choices use the same machinery, with their own subject and wording (seed 001). Default: provisional. */
  phase?: "provisional" | "final";
  /** "Mme Claire Martin": who validated (a guardian, or the adult student). */
  enteredBy: string;
  /** "12/09/2022 à 09:50" (Paris time). */
  enteredAt: string;
  studentName: string;
  /** By rank: the voie and its detail lines. */
  items: { label: string; details: string[] }[];
  /** R-OVS-3: the académie's alerts on the voies entered (its message as written, «avant le …»). */
  alerts?: { voie: string; message: string; due: string }[];
  school: SchoolContact;
};

export const TRACK_ALERTS_HEADING = "Attention, l'académie vous signale pour les voies demandées :";
const alertLine = (a: { voie: string; message: string; due: string }) => `${a.voie} : ${a.message} (à faire ${a.due})`;
const alertsText = (v: IntentionsRecapVars) => (v.alerts?.length ? ["", TRACK_ALERTS_HEADING, ...v.alerts.map((a) => `- ${alertLine(a)}`)] : []);
const alertsHtml = (v: IntentionsRecapVars) =>
  v.alerts?.length
    ? `\n<div style="border-left: 4px solid #b34000; background: #fff4ec; padding: 8px 12px; margin: 12px 0;"><p style="margin: 0 0 4px;"><strong>${escapeHtml(TRACK_ALERTS_HEADING)}</strong></p><ul style="margin: 0; padding-left: 20px;">${v.alerts
        .map(
          (a) =>
            `<li><strong>${escapeHtml(a.voie)}</strong> : ${escapeHtml(a.message).replace(/\n/g, "<br>")} <strong>(à faire ${escapeHtml(a.due)})</strong></li>`,
        )
        .join("")}</ul></div>`
    : "";

export const INTENTIONS_RECAP_SUBJECT = "[ORIENTATION] Saisie des intentions d'orientation";
export const FINAL_CHOICES_RECAP_SUBJECT = "[ORIENTATION] Saisie des choix définitifs d'orientation";
export const FINAL_CHOICES_OTHER_ENDING =
  "Vous devez signifier votre accord avec ce(s) choix définitif(s) ou votre désaccord par écrit au chef d'établissement.";

const subjectOf = (v: IntentionsRecapVars) => (v.phase === "final" ? FINAL_CHOICES_RECAP_SUBJECT : INTENTIONS_RECAP_SUBJECT);
const itemLabel = (v: IntentionsRecapVars, i: number) => (v.phase === "final" ? `Choix ${i + 1}` : `Rang ${i + 1}`);

function intro(v: IntentionsRecapVars): string {
  if (v.phase === "final") {
    return v.variant === "holder"
      ? `Suite à la démarche que vous avez effectuée en ligne le ${v.enteredAt}, nous vous confirmons par cet email que votre (vos) choix définitif(s) a (ont) bien été enregistré(s) pour l'élève ${v.studentName}. En voici le récapitulatif :`
      : `Suite à la démarche effectuée en ligne le ${v.enteredAt} par ${v.enteredBy}, nous vous informons par cet email que le(s) choix définitif(s) a (ont) bien été enregistré(s) pour l'élève ${v.studentName}. En voici le récapitulatif :`;
  }
  const who = v.variant === "holder" ? "que vous avez effectuée" : "effectuée";
  const by = v.variant === "holder" ? "" : ` par ${v.enteredBy}`;
  return `Suite à la démarche ${who} en ligne le ${v.enteredAt}${by}, nous vous confirmons par ce message que votre(vos) intention(s) d'orientation a(ont) bien été enregistrée(s) pour l'élève ${v.studentName}. En voici le récapitulatif :`;
}

function outro(v: IntentionsRecapVars): string[] {
  if (v.phase === "final") {
    return v.variant === "holder"
      ? ["Vous pouvez encore faire des modifications jusqu'à la fermeture du service Orientation (date qui vous a été transmise par votre établissement)."]
      : [
          "Il est possible d'apporter des modifications jusqu'à la fermeture du service Orientation (date qui vous a été transmise par votre établissement), en vous rapprochant du responsable qui a saisi la demande.",
          FINAL_CHOICES_OTHER_ENDING,
        ];
  }
  if (v.variant === "holder") {
    return [
      "Vous pouvez encore faire des modifications jusqu'à la fermeture du service en ligne Orientation (date qui vous a été transmise par votre établissement). Le cas échéant le second représentant légal est également informé des intentions enregistrées.",
    ];
  }
  return [
    `Si vous souhaitez apporter des modifications, veuillez vous rapprocher ${deName(v.enteredBy)}, qui a saisi les intentions. En cas de désaccord, veuillez prendre l'attache du chef d'établissement.`,
    "Les intentions peuvent être modifiées jusqu'à la fermeture du service en ligne Orientation (date qui vous a été transmise par votre établissement).",
  ];
}

export const intentionsRecapEmail = defineEmail<IntentionsRecapVars>({
  kind: "intentions-recap",
  subject: subjectOf,
  text: (v) =>
    [
      "Bonjour,",
      "",
      intro(v),
      "",
      ...v.items.flatMap((item, i) => [`${itemLabel(v, i)} : ${item.label}`, ...item.details]),
      ...alertsText(v),
      "",
      ...outro(v).flatMap((p) => [p, ""]),
      "Bien cordialement.",
      "",
      schoolContactText(v.school),
    ].join("\n"),
  html: (v) =>
    htmlFrame(
      subjectOf(v),
      `<p>Bonjour,</p>
<p>${escapeHtml(intro(v))}</p>
<ul style="list-style: none; padding-left: 0;">${v.items
        .map(
          (item, i) =>
            `<li style="margin-bottom: 8px;"><strong>${escapeHtml(itemLabel(v, i))} : ${escapeHtml(item.label)}</strong>${item.details.map((d) => `<br>${escapeHtml(d)}`).join("")}</li>`,
        )
        .join("")}</ul>${alertsHtml(v)}
${outro(v)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join("\n")}
<p>Bien cordialement.</p>
${schoolContactHtml(v.school)}`,
    ),
});
