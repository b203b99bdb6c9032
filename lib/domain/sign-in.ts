import { OIDC_NO_MATCH_MESSAGE } from "./oidc-claims";

/*
 * The sign-in page as a pure view-model: the notice its address carries (a refused OpenID
 * Connect sign-in, R-AUTH-4; an expired session; a sign-out), the families' OpenID Connect
 * button when a provider is configured (R-AUTH-2), and, in demo mode only, the demo accounts.
 */

export const SIGN_IN_FAILED_MESSAGE = "La connexion n'a pas abouti. Veuillez réessayer ; si le problème persiste, contactez votre établissement.";
export const SESSION_EXPIRED_MESSAGE = "Votre session a expiré ou vous n'êtes pas connecté. Veuillez vous connecter.";
export const SIGNED_OUT_MESSAGE = "Vous êtes déconnecté.";

/** A refused password (the same words as the server's, lib/auth/throttle.ts). */
export const BAD_CREDENTIALS_MESSAGE = "Identifiant ou mot de passe incorrect.";
export const MISSING_CREDENTIALS_MESSAGE = "Saisissez votre identifiant et votre mot de passe.";
export const LOGIN_MAX_LENGTH = 254;
export const PASSWORD_MAX_LENGTH = 1024;
export const INVALID_LOGIN_MESSAGE = `Identifiant non valide : il compte au plus ${LOGIN_MAX_LENGTH} caractères, sans caractère de contrôle.`;
export const PASSWORD_TOO_LONG_MESSAGE = "Mot de passe non valide : il compte au plus 1 024 caractères.";
/** A sign-in request larger than the limit (docs/security-sign-in.md), refused with HTTP 413. */
export const SIGN_IN_TOO_LARGE_MESSAGE = "La demande de connexion est trop volumineuse. Veuillez réessayer.";
/** The largest sign-in request body accepted, in bytes. */
export const SIGN_IN_MAX_BODY_BYTES = 16 * 1024;

/** R-AUTH-2: a login locked for this source (the same words for every reason of the delay). */
export function tooManyAttemptsMessage(minutes: number): string {
  return `Trop de tentatives de connexion infructueuses. Pour votre sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}
const TOO_MANY_ATTEMPTS = /^Trop de tentatives de connexion infructueuses\. Pour votre sécurité, réessayez dans [1-9]\d{0,3} minutes?\.$/;

const KNOWN_REFUSALS: readonly string[] = [
  BAD_CREDENTIALS_MESSAGE,
  MISSING_CREDENTIALS_MESSAGE,
  INVALID_LOGIN_MESSAGE,
  PASSWORD_TOO_LONG_MESSAGE,
  SIGN_IN_TOO_LARGE_MESSAGE,
  SIGN_IN_FAILED_MESSAGE,
];

/** Whether a text is one of the sign-in refusals the product writes (and nothing else). */
export function isKnownSignInRefusal(text: string): boolean {
  return KNOWN_REFUSALS.includes(text) || TOO_MANY_ATTEMPTS.test(text);
}

/**
 * A login as typed → the login looked up, or null when it cannot be one (too long, a null byte
 * or another control character): refused with INVALID_LOGIN_MESSAGE before any query.
 */
export function normaliseLogin(raw: string): string | null {
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(raw)) return null;
  const login = raw.trim().toLowerCase();
  return login.length > LOGIN_MAX_LENGTH ? null : login;
}

/**
 * The source of a sign-in attempt (docs/security-sign-in.md): the address the outermost of
 * `trustedProxies` reverse proxies saw, read from the right of X-Forwarded-For; with none, the
 * address the server recorded there. Kept short; "inconnue" when there is none.
 */
export function signInSource(forwardedFor: string | string[] | null | undefined, trustedProxies: number): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const picked = hops[Math.max(0, hops.length - Math.max(1, trustedProxies))];
  const clean = (picked ?? "").replace(/[^\x21-\x7e]/g, "").slice(0, 64);
  return clean || "inconnue";
}

/**
 * R-AUTH-2: what the password form says when a sign-in is refused: one of the server's own French
 * messages (a locked login, an invalid login…), or the generic refusal (never which of the two
 * was wrong). Any other text (next-auth's codes, an error's message) is never shown.
 */
export function passwordRefusalText(error: string | null | undefined): string {
  if (!error || error === "CredentialsSignin") return BAD_CREDENTIALS_MESSAGE;
  return isKnownSignInRefusal(error) ? error : SIGN_IN_FAILED_MESSAGE;
}

export type SignInQuery = Record<string, string | string[] | undefined>;
export type SignInNotice = { tone: "info" | "error"; text: string };

export function signInNotice(q: SignInQuery): SignInNotice | null {
  if (q.erreur === "oidc" || q.error === "AccessDenied") return { tone: "error", text: OIDC_NO_MATCH_MESSAGE };
  // Only the product's own French refusals are shown; any other text in the address never is.
  if (typeof q.error === "string" && q.error !== "SessionRequired")
    return { tone: "error", text: isKnownSignInRefusal(q.error) ? q.error : SIGN_IN_FAILED_MESSAGE };
  if (q.expiree) return { tone: "info", text: SESSION_EXPIRED_MESSAGE };
  if (q.deconnecte) return { tone: "info", text: SIGNED_OUT_MESSAGE };
  return null;
}

export type DemoAccount = { login: string; label: string; role: string };

export type SignInView = {
  notice: SignInNotice | null;
  /** The provider's name on the families' button, or null without OpenID Connect. */
  oidcName: string | null;
  passwordHeading: string;
  demo: { accounts: DemoAccount[]; password: string } | null;
};

export function describeSignInPage(input: {
  query: SignInQuery;
  oidc: { name: string } | null;
  demo: { accounts: readonly DemoAccount[]; password: string } | null;
}): SignInView {
  return {
    notice: signInNotice(input.query),
    oidcName: input.oidc?.name ?? null,
    passwordHeading: input.oidc ? "Avec un identifiant et un mot de passe" : "Identifiant et mot de passe",
    demo: input.demo ? { accounts: input.demo.accounts.map((a) => ({ login: a.login, label: a.label, role: a.role })), password: input.demo.password } : null,
  };
}
