import { describe, expect, it } from "vitest";
import { minutesUntil } from "@/lib/auth/throttle";
import { describeAppShell } from "@/lib/domain/app-shell";
import { OIDC_NO_MATCH_MESSAGE } from "@/lib/domain/oidc-claims";
import {
  BAD_CREDENTIALS_MESSAGE,
  describeSignInPage,
  INVALID_LOGIN_MESSAGE,
  normaliseLogin,
  passwordRefusalText,
  SESSION_EXPIRED_MESSAGE,
  SIGN_IN_FAILED_MESSAGE,
  SIGNED_OUT_MESSAGE,
  signInNotice,
  signInSource,
  tooManyAttemptsMessage,
} from "@/lib/domain/sign-in";

describe("the sign-in page (view-model)", () => {
  it("R-AUTH-4: a refused OpenID Connect sign-in says no child matched; any other failure asks to retry", () => {
    expect(signInNotice({ erreur: "oidc" })).toEqual({ tone: "error", text: OIDC_NO_MATCH_MESSAGE });
    expect(signInNotice({ error: "AccessDenied" })).toEqual({ tone: "error", text: OIDC_NO_MATCH_MESSAGE });
    expect(signInNotice({ error: "OAuthCallback" })).toEqual({ tone: "error", text: SIGN_IN_FAILED_MESSAGE });
  });

  it("R-AUTH-2: a refused password says so without naming which field was wrong; a locked login keeps the server's message", () => {
    expect(passwordRefusalText("CredentialsSignin")).toBe(BAD_CREDENTIALS_MESSAGE);
    expect(passwordRefusalText(undefined)).toBe(BAD_CREDENTIALS_MESSAGE);
    expect(passwordRefusalText(tooManyAttemptsMessage(2))).toBe(tooManyAttemptsMessage(2));
    expect(passwordRefusalText(INVALID_LOGIN_MESSAGE)).toBe(INVALID_LOGIN_MESSAGE);
  });

  it("R-AUTH-2 (docs/security-sign-in.md): any other text in the error (a query, a stack) is never shown, only the generic French message", () => {
    expect(passwordRefusalText('Failed query: select * from "sign_in_throttles" where key = $1')).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(passwordRefusalText("Trop de tentatives de connexion infructueuses. Pour votre sécurité, réessayez dans <b>2</b> minutes.")).toBe(
      SIGN_IN_FAILED_MESSAGE,
    );
  });

  it("R-AUTH-2 (docs/security-sign-in.md): a login with a control character or over 254 characters cannot be one", () => {
    expect(normaliseLogin("  Admin ")).toBe("admin");
    expect(normaliseLogin("a".repeat(254))).toBe("a".repeat(254));
    expect(normaliseLogin("a".repeat(255))).toBeNull();
    expect(normaliseLogin("admin\u0000")).toBeNull();
    expect(normaliseLogin("ad\tmin")).toBeNull();
  });

  it("docs/security-sign-in.md: the source is the address the outermost trusted proxy saw, never an entry the client could add", () => {
    expect(signInSource("127.0.0.1", 0)).toBe("127.0.0.1");
    expect(signInSource("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(signInSource("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(signInSource(undefined, 1)).toBe("inconnue");
    expect(signInSource("x\u0000y".repeat(40), 0)).toHaveLength(64);
  });

  it("R-AUTH-1: an expired session and a sign-out are said as information; a bare page says nothing", () => {
    expect(signInNotice({ expiree: "1" })).toEqual({ tone: "info", text: SESSION_EXPIRED_MESSAGE });
    expect(signInNotice({ error: "SessionRequired", expiree: "1" })).toEqual({ tone: "info", text: SESSION_EXPIRED_MESSAGE });
    expect(signInNotice({ deconnecte: "1" })).toEqual({ tone: "info", text: SIGNED_OUT_MESSAGE });
    expect(signInNotice({})).toBeNull();
  });

  it("R-AUTH-2: families get the OpenID Connect button when a provider is configured; the demo accounts are listed in demo mode only", () => {
    const accounts = [{ login: "saio", label: "SAIO – Académie de Grenoble", role: "saio" }];
    const bare = describeSignInPage({ query: {}, oidc: null, demo: null });
    expect(bare).toEqual({ notice: null, oidcName: null, passwordHeading: "Identifiant et mot de passe", demo: null });
    const full = describeSignInPage({ query: {}, oidc: { name: "ÉduConnect" }, demo: { accounts, password: "demo" } });
    expect(full.oidcName).toBe("ÉduConnect");
    expect(full.passwordHeading).toBe("Avec un identifiant et un mot de passe");
    expect(full.demo).toEqual({ accounts, password: "demo" });
  });
});

describe("the shell of each audience (view-model)", () => {
  it("R-AUTH-1: each audience's navigation holds only its own screens", () => {
    expect(describeAppShell("family", "Mme Claire Martin")).toEqual({
      audience: "Espace parents",
      userName: "Mme Claire Martin",
      nav: [{ href: "/famille", label: "Mes enfants" }],
    });
    expect(describeAppShell("student", "Léa Martin").nav).toEqual([{ href: "/eleve", label: "Mon orientation" }]);
    expect(describeAppShell("academy", "SAIO").nav.map((n) => n.href)).toEqual([
      "/academie",
      "/academie/statistiques",
      "/academie/calendrier",
      "/academie/relances",
      "/academie/parametres",
      "/academie/alertes",
      "/academie/comptes",
    ]);
  });
});

describe("the delay announced to a throttled sign-in (docs/security-sign-in.md)", () => {
  it("R-AUTH-2: an attempt that arrived a few milliseconds before the one that set a 1-minute lock is told 1 minute, not 2", () => {
    const locking = new Date("2027-01-04T09:00:00.120Z");
    const until = new Date(locking.getTime() + 60_000);
    expect(minutesUntil(until, new Date("2027-01-04T09:00:00.100Z"))).toBe(1);
    expect(minutesUntil(until, locking)).toBe(1);
    expect(minutesUntil(new Date(locking.getTime() + 120_000), locking)).toBe(2);
    expect(minutesUntil(until, new Date(until.getTime() - 30_000))).toBe(1);
    expect(minutesUntil(until, until)).toBe(0);
  });
});
