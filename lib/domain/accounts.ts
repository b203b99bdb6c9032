import { z } from "zod";

/*
 * Accounts outside the demo (docs/production.md): the first administrator created by
 * `npm run admin:create` with a one-time password, and the password change that every account with
 * such a password must make at its first sign-in (R-AUTH-2). Pure: no database, no framework.
 */

/** Where a signed-in account with a one-time password is sent, whatever page it asked for. */
export const CHANGE_PASSWORD_PATH = "/compte/mot-de-passe";

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; a bound so that nobody has us hash a megabyte. */
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_MESSAGES = {
  currentRequired: "Saisissez votre mot de passe actuel.",
  currentWrong: "Le mot de passe actuel est incorrect.",
  tooShort: `Le nouveau mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  tooLong: `Le nouveau mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères.`,
  control: "Le nouveau mot de passe ne doit pas contenir de caractère de contrôle.",
  confirmationMismatch: "La confirmation ne correspond pas au nouveau mot de passe.",
  sameAsOld: "Le nouveau mot de passe doit être différent de l'ancien.",
} as const;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The new password and its confirmation: the rules of every password set by its owner (changed, or from a one-time link, R-DATA-2). */
export const newPasswordFields = {
  newPassword: z
    .string({ error: PASSWORD_MESSAGES.tooShort })
    .min(PASSWORD_MIN_LENGTH, PASSWORD_MESSAGES.tooShort)
    .max(PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES.tooLong)
    .refine((v) => !CONTROL.test(v), PASSWORD_MESSAGES.control),
  // No bound of its own: it must equal the new password, which has one.
  confirmation: z.string({ error: PASSWORD_MESSAGES.confirmationMismatch }),
};

/** The confirmation must repeat the new password. */
export function confirmationMatches(v: { newPassword: string; confirmation: string }, ctx: z.RefinementCtx): void {
  if (v.confirmation !== v.newPassword) ctx.addIssue({ code: "custom", path: ["confirmation"], message: PASSWORD_MESSAGES.confirmationMismatch });
}

/** The password-change form (lib/actions/account.ts): the rules whose check needs no hash. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string({ error: PASSWORD_MESSAGES.currentRequired })
      .min(1, PASSWORD_MESSAGES.currentRequired)
      .max(PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES.currentWrong),
    ...newPasswordFields,
  })
  .superRefine((v, ctx) => {
    confirmationMatches(v, ctx);
    if (v.currentPassword === v.newPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: PASSWORD_MESSAGES.sameAsOld });
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

/** What the password-change page says, with or without a one-time password to replace. */
export function describePasswordChangePage(a: { displayName: string; mustChange: boolean }) {
  return {
    title: "Changer votre mot de passe",
    userName: a.displayName,
    intro: a.mustChange
      ? "Votre compte a été créé avec un mot de passe à usage unique. Choisissez votre propre mot de passe pour accéder au service."
      : "Choisissez un nouveau mot de passe.",
    rules: `Au moins ${PASSWORD_MIN_LENGTH} caractères, différent de l'ancien mot de passe.`,
  };
}
export type PasswordChangeView = ReturnType<typeof describePasswordChangePage>;

/** `npm run admin:create -- --login … --name "…" [--email …]`: the arguments, checked. */
export type AdminCreateArgs = { login: string; name: string; email: string | null };

export const ADMIN_CREATE_USAGE = 'Usage : npm run admin:create -- --login <identifiant> --name "<Prénom Nom>" [--email <adresse>]';

const LOGIN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const EMAIL = z.email();

/** Parses the command line; throws an Error with the French message to print. */
export function parseAdminCreateArgs(argv: readonly string[]): AdminCreateArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!["--login", "--name", "--email"].includes(flag)) throw new Error(`Option inconnue : ${flag}\n${ADMIN_CREATE_USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`L'option ${flag} attend une valeur.\n${ADMIN_CREATE_USAGE}`);
    values.set(flag, value);
    i++;
  }
  const login = (values.get("--login") ?? "").trim().toLowerCase();
  const name = (values.get("--name") ?? "").trim();
  const email = (values.get("--email") ?? "").trim();
  if (!login) throw new Error(`L'identifiant (--login) est obligatoire.\n${ADMIN_CREATE_USAGE}`);
  if (!LOGIN.test(login))
    throw new Error("L'identifiant doit compter 1 à 64 caractères : lettres minuscules sans accent, chiffres, point, tiret ou tiret bas (ex. admin.dupont).");
  if (!name) throw new Error(`Le nom affiché (--name) est obligatoire.\n${ADMIN_CREATE_USAGE}`);
  if (name.length > 120 || CONTROL.test(name)) throw new Error("Le nom affiché doit compter au plus 120 caractères, sans caractère de contrôle.");
  if (email && !EMAIL.safeParse(email).success) throw new Error(`L'adresse e-mail « ${email} » n'est pas valide.`);
  return { login, name, email: email || null };
}

/** The boot's refusal when demo accounts are in a database served outside demo mode. */
export function demoAccountsOutsideDemoMessage(count: number): string {
  return (
    `Démarrage refusé : la base de données contient ${count} compte${count > 1 ? "s" : ""} de démonstration (mot de passe connu de tous) ` +
    "alors que le mode démonstration est désactivé (DEMO_MODE n'est pas « true »). " +
    "Servez une base sans données de démonstration (npm run db:seed ne les crée qu'en mode démonstration ; le premier administrateur vient de npm run admin:create), " +
    "ou lancez la démonstration avec DEMO_MODE=true. Voir docs/production.md."
  );
}
