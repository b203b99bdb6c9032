import { defineEmail, escapeHtml, htmlFrame } from "./define-email";

/** R-DATA-2: «Mot de passe oublié ?» of a staff account: a one-time link valid one hour. */
export type PasswordResetVars = { displayName: string; login: string; link: string; expiresAt: string };

export const PASSWORD_RESET_SUBJECT = "[ORIENTATION] Choisir un nouveau mot de passe";

const lines = (v: PasswordResetVars) => [
  `Une demande de nouveau mot de passe a été faite pour votre compte « ${v.login} » sur le service en ligne Orientation.`,
  `Pour choisir un nouveau mot de passe, ouvrez ce lien avant le ${v.expiresAt} ; il ne fonctionne qu'une fois :`,
];
const outro = "Si vous n'avez pas fait cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.";

export const passwordResetEmail = defineEmail<PasswordResetVars>({
  kind: "password-reset",
  subject: () => PASSWORD_RESET_SUBJECT,
  text: (v) => ["Bonjour,", "", ...lines(v), v.link, "", outro].join("\n"),
  html: (v) =>
    htmlFrame(
      PASSWORD_RESET_SUBJECT,
      `<p>Bonjour,</p>
${lines(v)
  .map((l) => `<p>${escapeHtml(l)}</p>`)
  .join("\n")}
<p><a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a></p>
<p>${escapeHtml(outro)}</p>`,
    ),
});
