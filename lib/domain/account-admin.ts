import { z } from "zod";
import { confirmationMatches, newPasswordFields } from "./accounts";

/*
 * R-DATA-2: account management. The administrator creates académies, schools and their first saio
 * and head accounts; a head creates homeroom teachers, assigns their divisions and corrects a
 * guardian's e-mail; staff set their password through a one-time link (docs/production.md).
 * Pure: the forms' rules, the UAI's check letter and the one-time links' lifetimes.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const noControl = (label: string) => (v: string) => !CONTROL.test(v) || `${label} ne doit pas contenir de caractère de contrôle.`;

/** A required one-line text, trimmed, bounded, without control characters. */
function text(label: string, max: number) {
  return z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(max, `${label} doit compter au plus ${max} caractères.`)
    .refine((v) => !CONTROL.test(v), `${label} ne doit pas contenir de caractère de contrôle.`);
}

export const EMAIL_MAX_LENGTH = 254;
/** An e-mail address: trimmed, lower-cased domain kept as typed, bounded, no control character. */
export function emailField(label = "L'adresse électronique") {
  return z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(EMAIL_MAX_LENGTH, `${label} doit compter au plus ${EMAIL_MAX_LENGTH} caractères.`)
    .refine((v) => !CONTROL.test(v), `${label} ne doit pas contenir de caractère de contrôle.`)
    .refine((v) => z.email().safeParse(v).success, `${label} n'est pas valide (exemple : prenom.nom@ac-grenoble.fr).`);
}

/** Académie codes: lowercase letters and hyphens ("grenoble", "aix-marseille"). */
export const ACADEMY_CODE = /^[a-z]+(?:-[a-z]+)*$/;
export const LOGIN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
export const LOGIN_MESSAGE =
  "L'identifiant doit compter 1 à 64 caractères : lettres minuscules sans accent, chiffres, point, tiret ou tiret bas (ex. chef.dupont).";

/**
 * The UAI's check letter (the Répertoire national des établissements): the seven digits modulo 23,
 * read in the alphabet without I, O and Q. 0380027 → Y (0380027Y).
 */
const UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
export function uaiCheckLetter(digits: string): string {
  return UAI_LETTERS[Number(digits) % 23]!;
}
export const UAI_MESSAGES = {
  format: "Le code UAI doit compter 7 chiffres suivis d'une lettre majuscule (ex. 0380027Y).",
  checkLetter: "Le code UAI n'est pas valide : sa lettre clé ne correspond pas à ses 7 chiffres.",
} as const;
export function uaiError(uai: string): string | null {
  if (!/^[0-9]{7}[A-Z]$/.test(uai)) return UAI_MESSAGES.format;
  return uaiCheckLetter(uai.slice(0, 7)) === uai[7] ? null : UAI_MESSAGES.checkLetter;
}

export const academyCreateSchema = z.object({
  code: z
    .string({ error: "Le code de l'académie est obligatoire." })
    .trim()
    .min(1, "Le code de l'académie est obligatoire.")
    .max(40, "Le code de l'académie doit compter au plus 40 caractères.")
    .regex(ACADEMY_CODE, "Le code de l'académie s'écrit en lettres minuscules sans accent, les mots séparés par un tiret (ex. aix-marseille)."),
  name: text("Le nom de l'académie", 120),
  senderEmail: emailField("L'adresse d'expédition des courriels"),
});
export type AcademyCreateInput = z.infer<typeof academyCreateSchema>;

export const schoolCreateSchema = z.object({
  uai: z
    .string({ error: "Le code UAI est obligatoire." })
    .trim()
    .min(1, "Le code UAI est obligatoire.")
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const e = uaiError(v);
      if (e) ctx.addIssue({ code: "custom", message: e });
    }),
  name: text("Le nom de l'établissement", 160),
  address: text("L'adresse", 200),
  postalCode: z
    .string({ error: "Le code postal est obligatoire." })
    .trim()
    .regex(/^[0-9]{5}$/, "Le code postal doit compter 5 chiffres."),
  city: text("La commune", 120),
  phone: z
    .string({ error: "Le téléphone est obligatoire." })
    .trim()
    .refine((v) => /^(?:\+33 ?|0)[1-9](?:[ .]?[0-9]{2}){4}$/.test(v), "Le téléphone doit être un numéro à 10 chiffres (ex. 04 76 00 00 00)."),
  email: emailField("L'adresse électronique de l'établissement"),
  academyId: z.string({ error: "Choisissez l'académie." }).min(1, "Choisissez l'académie.").max(40, "Choisissez l'académie."),
  termMode: z.enum(["trimester", "semester"], { error: "Choisissez trimestres ou semestres." }),
});
export type SchoolCreateInput = z.infer<typeof schoolCreateSchema>;

/** A staff member's account (saio, head, homeroom teacher): name, civility (optional), e-mail, login. */
const staffFields = {
  name: text("Le nom", 120),
  civility: z
    .enum(["", "M.", "Mme"], { error: "Choisissez « M. », « Mme » ou aucune civilité." })
    .optional()
    .transform((v) => (v ? v : null)),
  email: emailField(),
  login: z.string({ error: "L'identifiant est obligatoire." }).trim().toLowerCase().min(1, "L'identifiant est obligatoire.").regex(LOGIN, LOGIN_MESSAGE),
};
export const staffAccountSchema = z.object(staffFields);
export type StaffAccountInput = z.infer<typeof staffAccountSchema>;

/** The administrator's first saio of an académie, or first head of a school. */
export const platformStaffSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("saio"), academyId: z.string().min(1, "Choisissez l'académie.").max(40), ...staffFields }),
  z.object({ role: z.literal("head"), schoolId: z.uuid({ error: "Choisissez l'établissement." }), ...staffFields }),
]);
export type PlatformStaffInput = z.infer<typeof platformStaffSchema>;

export const homeroomAssignSchema = z.object({
  accountId: z.uuid({ error: "Compte inconnu." }),
  divisionId: z.uuid({ error: "Division inconnue." }),
  assigned: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type HomeroomAssignInput = z.infer<typeof homeroomAssignSchema>;

export const DISABLE_CONFIRMATION_MESSAGE =
  "Désactiver ce compte ? La personne ne pourra plus se connecter ; le compte et son historique sont conservés. Confirmez pour désactiver.";
export const accountDisableSchema = z.object({
  accountId: z.uuid({ error: "Compte inconnu." }),
  confirmed: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

/** «Compléter les adresses mail»: a guardian's e-mail, for a student of the school. */
export const guardianEmailSchema = z.object({
  studentId: z.uuid({ error: "Élève inconnu." }),
  guardianId: z.uuid({ error: "Représentant légal inconnu." }),
  email: emailField("La nouvelle adresse électronique"),
});
export type GuardianEmailInput = z.infer<typeof guardianEmailSchema>;

/* One-time links (docs/security-sign-in.md). */

export type PasswordTokenPurpose = "welcome" | "reset";
/** A welcome link lives 72 hours, a reset link one hour. */
export const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = { welcome: 72 * 3600_000, reset: 3600_000 };
export function tokenExpiresAt(purpose: PasswordTokenPurpose, now: Date): Date {
  return new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
}
/** At most this many reset links per account per hour; more requests get the same neutral answer and no e-mail. */
export const RESET_LINKS_PER_HOUR = 3;
export function resetAllowed(linksInLastHour: number): boolean {
  return linksInLastHour < RESET_LINKS_PER_HOUR;
}

export type TokenState = "valid" | "expired" | "used" | "unknown";
export function tokenState(row: { expiresAt: Date; usedAt: Date | null; disabled: boolean } | null, now: Date): TokenState {
  if (!row || row.disabled) return "unknown";
  if (row.usedAt) return "used";
  return now.getTime() < row.expiresAt.getTime() ? "valid" : "expired";
}
export const TOKEN_MESSAGES: Record<Exclude<TokenState, "valid">, string> = {
  expired: "Ce lien a expiré. Demandez un nouveau lien depuis « Mot de passe oublié ? » sur la page de connexion.",
  used: "Ce lien a déjà été utilisé : il ne fonctionne qu'une fois. Connectez-vous avec votre mot de passe, ou demandez un nouveau lien depuis « Mot de passe oublié ? ».",
  unknown:
    "Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse complète reçue par courriel, ou demandez un nouveau lien depuis « Mot de passe oublié ? ».",
};
/** A token as it travels in the link: 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const SET_PASSWORD_PATH = "/compte/definir-mot-de-passe";
export function passwordLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}${SET_PASSWORD_PATH}?jeton=${token}`;
}

/** Setting one's password from a link: the same rules as the password change (/compte/mot-de-passe), without the current one. */
export const setPasswordSchema = z
  .object({
    token: z.string({ error: TOKEN_MESSAGES.unknown }).regex(TOKEN_PATTERN, TOKEN_MESSAGES.unknown),
    ...newPasswordFields,
  })
  .superRefine(confirmationMatches);
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const forgotPasswordSchema = z.object({
  identifier: z
    .string({ error: "Saisissez votre identifiant ou votre adresse électronique." })
    .trim()
    .min(1, "Saisissez votre identifiant ou votre adresse électronique.")
    .max(EMAIL_MAX_LENGTH, "L'identifiant ou l'adresse saisie est trop long.")
    .refine(noControl("La saisie"), "La saisie contient des caractères non autorisés."),
});
/** The one answer of «Mot de passe oublié ?», whatever the account (no account enumeration). */
export const FORGOT_PASSWORD_ANSWER =
  "Si un compte de personnel correspond à cette saisie, un courriel contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé. Ce lien est valable une heure. Les familles se connectent avec ÉduConnect.";

export const STAFF_ROLE_LABELS: Record<string, string> = {
  saio: "SAIO",
  head: "Chef d'établissement",
  homeroom: "Professeur principal",
  admin: "Administrateur",
};

/** The duplicates' messages (the database's unique keys, named in French). */
export const DUPLICATE_MESSAGES = {
  academy: (code: string) => `Une académie de code « ${code} » existe déjà.`,
  uai: (uai: string) => `Un établissement de code UAI « ${uai} » existe déjà.`,
  login: (login: string) => `Un compte d'identifiant « ${login} » existe déjà : choisissez un autre identifiant.`,
} as const;

/* The screens' view-models (lib/loaders/account-admin.ts fetches, these decide what is shown). */

type Person = { name: string; login: string; email?: string | null; disabled: boolean };
const personText = (p: Person) => `${p.name} (${p.login}${p.email ? `, ${p.email}` : ""})${p.disabled ? " – compte désactivé" : ""}`;

/** Rows of a left join (one per académie and saio) → one entry per académie with its saio accounts. */
export function academiesWithSaio(
  rows: { id: string; name: string; senderEmail: string; login: string | null; displayName: string | null; disabled: boolean | null }[],
) {
  const out = new Map<string, { id: string; name: string; senderEmail: string; saio: string[] }>();
  for (const r of rows) {
    const a = out.get(r.id) ?? { id: r.id, name: r.name, senderEmail: r.senderEmail, saio: [] };
    if (r.login && r.displayName) a.saio.push(personText({ name: r.displayName, login: r.login, disabled: !!r.disabled }));
    out.set(r.id, a);
  }
  return [...out.values()];
}

/** Rows of a left join (one per school and head) → one entry per school with its head accounts. */
export function schoolsWithHeads(
  rows: {
    id: string;
    uai: string;
    name: string;
    city: string;
    phone: string;
    email: string;
    academyId: string;
    academyName: string;
    headName: string | null;
    headLogin: string | null;
    headEmail: string | null;
    headDisabled: boolean | null;
  }[],
) {
  const out = new Map<string, { id: string; uai: string; name: string; city: string; contact: string; academyName: string; heads: string[] }>();
  for (const r of rows) {
    const s = out.get(r.id) ?? { id: r.id, uai: r.uai, name: r.name, city: r.city, contact: `${r.phone} – ${r.email}`, academyName: r.academyName, heads: [] };
    if (r.headName && r.headLogin) s.heads.push(personText({ name: r.headName, login: r.headLogin, email: r.headEmail, disabled: !!r.headDisabled }));
    out.set(r.id, s);
  }
  return [...out.values()];
}
export const NO_HEAD_TEXT = "Aucun compte de chef d'établissement";

/** The head's «Professeurs principaux» screen: each teacher with a checkbox per division of the open year. */
export function homeroomsView(data: {
  people: { id: string; displayName: string; login: string | null; email: string | null; disabled: boolean }[];
  divisions: { id: string; code: string }[];
  links: { accountId: string; divisionId: string }[];
}) {
  const assigned = new Set(data.links.map((l) => `${l.accountId}:${l.divisionId}`));
  return {
    divisions: data.divisions,
    people: data.people.map((p) => ({
      id: p.id,
      name: p.displayName,
      text: personText({ name: p.displayName, login: p.login ?? "", email: p.email, disabled: p.disabled }),
      disabled: p.disabled,
      divisions: data.divisions.map((d) => ({ id: d.id, code: d.code, assigned: assigned.has(`${p.id}:${d.id}`) })),
    })),
    emptyText: data.people.length === 0 ? "Aucun professeur principal n'a encore de compte." : null,
  };
}
export type HomeroomsView = ReturnType<typeof homeroomsView>;

/** One field of the account forms (components/accounts/account-form.tsx). */
export type AccountFormField = {
  name: string;
  label: string;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  hint?: string;
  options?: { value: string; label: string }[];
  defaultValue?: string;
};

/**
 * R-DATA-2: the fields of a new staff account (SAIO, head, homeroom teacher): name, civility when
 * asked, the e-mail the one-time link goes to, the login (`loginExample` in its hint).
 */
export function staffAccountFields(loginExample: string, opts: { civility?: boolean } = {}): AccountFormField[] {
  return [
    { name: "name", label: "Prénom et nom", autoComplete: "off" },
    ...(opts.civility
      ? [
          {
            name: "civility",
            label: "Civilité (facultatif)",
            options: [
              { value: "", label: "Non précisée" },
              { value: "Mme", label: "Mme" },
              { value: "M.", label: "M." },
            ],
          },
        ]
      : []),
    { name: "email", label: "Adresse électronique", type: "email", hint: "Le lien pour choisir le mot de passe y est envoyé (valable 72 heures)." },
    { name: "login", label: "Identifiant", hint: `Lettres minuscules sans accent, chiffres, point, tiret (ex. ${loginExample}).` },
  ];
}
