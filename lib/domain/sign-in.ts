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

/**
 * R-AUTH-2: what the password form says when a sign-in is refused: the server's own French
 * message (a locked login), or the generic refusal (never which of the two was wrong).
 */
export function passwordRefusalText(error: string | null | undefined): string {
  return error && error !== "CredentialsSignin" ? error : BAD_CREDENTIALS_MESSAGE;
}

export type SignInQuery = Record<string, string | string[] | undefined>;
export type SignInNotice = { tone: "info" | "error"; text: string };

export function signInNotice(q: SignInQuery): SignInNotice | null {
  if (q.erreur === "oidc" || q.error === "AccessDenied") return { tone: "error", text: OIDC_NO_MATCH_MESSAGE };
  if (typeof q.error === "string" && q.error !== "SessionRequired") return { tone: "error", text: SIGN_IN_FAILED_MESSAGE };
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
