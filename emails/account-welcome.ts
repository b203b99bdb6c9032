import { salutation } from "@/lib/domain/person-name";
import { defineEmail, escapeHtml, htmlFrame } from "./define-email";

/**
 * R-DATA-2: a new staff account (saio, head, homeroom teacher) is told its login and gets a
 * one-time link to choose its password (valid 72 hours): nobody else ever types it.
 */
export type AccountWelcomeVars = {
  civility: string | null;
  displayName: string;
  roleLabel: string; // "Chef d'établissement – Lycée Champollion"
  login: string;
  link: string;
  expiresAt: string; // "03/12/2026 à 21:40"
};

export const ACCOUNT_WELCOME_SUBJECT = "[ORIENTATION] Votre compte sur le service en ligne Orientation";

const lines = (v: AccountWelcomeVars) => [
  `Un compte vient d'être créé pour vous sur le service en ligne Orientation (${v.roleLabel}).`,
  `Votre identifiant : ${v.login}`,
  `Pour choisir votre mot de passe, ouvrez ce lien avant le ${v.expiresAt} ; il ne fonctionne qu'une fois :`,
];
const outro =
  "Passé ce délai, demandez un nouveau lien depuis « Mot de passe oublié ? » sur la page de connexion. Si vous n'attendiez pas ce courriel, ignorez-le.";

export const accountWelcomeEmail = defineEmail<AccountWelcomeVars>({
  kind: "account-welcome",
  subject: () => ACCOUNT_WELCOME_SUBJECT,
  text: (v) => [salutation(v.civility), "", ...lines(v), v.link, "", outro].join("\n"),
  html: (v) =>
    htmlFrame(
      ACCOUNT_WELCOME_SUBJECT,
      `<p>${escapeHtml(salutation(v.civility))}</p>
${lines(v)
  .map((l) => `<p>${escapeHtml(l)}</p>`)
  .join("\n")}
<p><a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a></p>
<p>${escapeHtml(outro)}</p>`,
    ),
});
