import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  HSTS_VALUE,
  isOwnOrigin,
  isStateChanging,
  newNonce,
  pageKindOf,
  securityConfigOf,
  securityHeaders,
  staticSecurityHeaders,
} from "@/lib/security/headers";

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

const http = securityConfigOf({ NEXTAUTH_URL: "http://localhost:3000", NODE_ENV: "production" });
const https = securityConfigOf({
  NEXTAUTH_URL: "https://orientation.education.gouv.fr/",
  OIDC_ISSUER: "https://educonnect.education.gouv.fr/idp/",
  NODE_ENV: "production",
});

describe("the security headers (docs/security-headers.md)", () => {
  it("docs/security-headers.md: the configuration comes from NEXTAUTH_URL and OIDC_ISSUER", () => {
    expect(http).toEqual({ appOrigin: "http://localhost:3000", https: false, formActionOrigins: [], development: false });
    expect(https).toEqual({
      appOrigin: "https://orientation.education.gouv.fr",
      https: true,
      formActionOrigins: ["https://educonnect.education.gouv.fr"],
      development: false,
    });
  });

  it("docs/security-headers.md: the CSP allows only the nonce's scripts (strict-dynamic), no plugin, no base, no framing", () => {
    const csp = directives(contentSecurityPolicy("abc123==", http));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    // Nothing unsafe in production.
    expect(contentSecurityPolicy("abc123==", http)).not.toMatch(/unsafe/);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("docs/security-headers.md: the families' sign-in may post to the OIDC issuer (form-action follows redirects)", () => {
    expect(directives(contentSecurityPolicy("n", https)).get("form-action")).toEqual(["'self'", "https://educonnect.education.gouv.fr"]);
    // An issuer on the app's own origin adds nothing.
    const same = securityConfigOf({ NEXTAUTH_URL: "https://a.example.fr", OIDC_ISSUER: "https://a.example.fr/oidc" });
    expect(same.formActionOrigins).toEqual([]);
  });

  it("docs/security-headers.md: `next dev` alone gets eval and inline styles (React's debugging, the dev overlay)", () => {
    const dev = securityConfigOf({ NEXTAUTH_URL: "http://localhost:3000", NODE_ENV: "development" });
    const csp = directives(contentSecurityPolicy("n", dev));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("docs/security-headers.md: only the development mailbox allows inline styles (the e-mails as sent), never inline scripts", () => {
    expect(pageKindOf("/dev/mailbox")).toBe("emails");
    expect(pageKindOf("/famille")).toBe("app");
    expect(pageKindOf("/dev/mailboxes")).toBe("app");
    const csp = directives(contentSecurityPolicy("n", http, "emails"));
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'"]);
  });

  it("docs/security-headers.md: HSTS and upgrade-insecure-requests only when NEXTAUTH_URL is https", () => {
    expect(securityHeaders("n", http)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("n", https)["Strict-Transport-Security"]).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toMatch(/^max-age=\d{8,}/);
    expect(directives(securityHeaders("n", https)["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(true);
  });

  it("docs/security-headers.md: every response's other headers", () => {
    const h = securityHeaders("n", http);
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    for (const feature of ["camera", "microphone", "geolocation"]) expect(h["Permissions-Policy"]).toContain(`${feature}=()`);
    expect(staticSecurityHeaders()).not.toHaveProperty("Content-Security-Policy");
  });

  it("docs/security-headers.md: a nonce is fresh for each response and long enough not to be guessed", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});

describe("the origin of state-changing requests (docs/security-headers.md)", () => {
  it("R-AUTH-1 / docs/security-headers.md: only POST, PUT, PATCH and DELETE are checked", () => {
    for (const m of ["POST", "put", "PATCH", "DELETE"]) expect(isStateChanging(m)).toBe(true);
    for (const m of ["GET", "HEAD", "OPTIONS"]) expect(isStateChanging(m)).toBe(false);
  });

  it("R-AUTH-1 / docs/security-headers.md: only the exact configured origin writes; a missing, null or foreign Origin is refused", () => {
    expect(isOwnOrigin("https://orientation.education.gouv.fr", https)).toBe(true);
    expect(isOwnOrigin("http://localhost:3000", http)).toBe(true);
    for (const bad of [
      null,
      "",
      "null",
      "http://orientation.education.gouv.fr", // http instead of https
      "https://orientation.education.gouv.fr:8443",
      "https://orientation.education.gouv.fr.evil.example",
      "https://evil.example",
      "https://orientation.education.gouv.fr/chemin",
      "pas une origine",
    ]) {
      expect(isOwnOrigin(bad, https), String(bad)).toBe(false);
    }
  });
});
