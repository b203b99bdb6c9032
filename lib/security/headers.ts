/*
 * The security headers of every response and the origin rule of every state-changing request
 * (docs/security-headers.md). Pure functions of the configuration: `proxy.ts` calls them per
 * request with the values of lib/env.ts, `next.config.ts` with none (static assets), and the
 * unit tests with both http and https configurations.
 */

/** What the headers depend on: the app's public URL (NEXTAUTH_URL) and the families' OIDC issuer. */
export type SecurityConfig = {
  /** The origin of NEXTAUTH_URL, e.g. `https://orientation.education.gouv.fr`: the only origin allowed to write. */
  appOrigin: string;
  /** Served over https (NEXTAUTH_URL is https): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Origins a form may be posted to besides the app (next-auth's sign-in redirects to the OIDC issuer). */
  formActionOrigins: string[];
  /** `next dev`: React needs eval for its debugging information, and the dev overlay inline styles. */
  development: boolean;
};

/** The configuration of the headers from the environment's values (lib/env.ts). */
export function securityConfigOf(e: { NEXTAUTH_URL: string; OIDC_ISSUER?: string; NODE_ENV?: string }): SecurityConfig {
  const app = new URL(e.NEXTAUTH_URL);
  const issuer = e.OIDC_ISSUER ? new URL(e.OIDC_ISSUER).origin : null;
  return {
    appOrigin: app.origin,
    https: app.protocol === "https:",
    formActionOrigins: issuer && issuer !== app.origin ? [issuer] : [],
    development: e.NODE_ENV === "development",
  };
}

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * "emails": the development mailbox (/dev/mailbox, demo mode only), which shows the e-mails as
 * they were sent, in srcdoc frames that inherit its policy; e-mail HTML is styled inline by
 * necessity (mail clients drop stylesheets). Scripts stay nonce-only there too.
 */
export type PageKind = "app" | "emails";

/** The page kind of a path (proxy.ts). */
export function pageKindOf(pathname: string): PageKind {
  return pathname === "/dev/mailbox" || pathname.startsWith("/dev/mailbox/") ? "emails" : "app";
}

/**
 * The Content-Security-Policy of a response whose scripts carry `nonce`. Next.js reads the nonce
 * back from this header (in the request headers) and puts it on its own scripts; 'strict-dynamic'
 * lets those scripts load the page's chunks. Tailwind is one stylesheet from 'self'; the app
 * writes no style attribute and no inline <style>, so styles need neither 'unsafe-inline' nor hashes.
 */
export function contentSecurityPolicy(nonce: string, config: SecurityConfig, page: PageKind = "app"): string {
  const inlineStyles = config.development || page === "emails";
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(config.development ? ["'unsafe-eval'"] : [])],
    // A nonce would make the browser ignore 'unsafe-inline': one or the other.
    ["style-src", "'self'", ...(inlineStyles ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...config.formActionOrigins],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
  ];
  if (config.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Two years, every subdomain of the app's host: only ever sent when the app is served over https. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** The headers that do not depend on the request: also given to static assets by next.config.ts. */
export function staticSecurityHeaders(): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/** Every security header of one response (pages, route handlers, 404s, refusals). */
export function securityHeaders(nonce: string, config: SecurityConfig, page: PageKind = "app"): Record<string, string> {
  return {
    ...staticSecurityHeaders(),
    "Content-Security-Policy": contentSecurityPolicy(nonce, config, page),
    ...(config.https ? { "Strict-Transport-Security": HSTS_VALUE } : {}),
  };
}

/** The methods that change state: only ever accepted from the app's own origin. */
export function isStateChanging(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Whether a state-changing request comes from the app's own pages: its Origin header is exactly
 * the configured origin. A missing Origin, "null" (sandboxed frames, some redirects) or any other
 * origin is refused; Host and X-Forwarded-Host are never looked at (a client can set them).
 */
export function isOwnOrigin(originHeader: string | null, config: Pick<SecurityConfig, "appOrigin">): boolean {
  if (!originHeader || originHeader === "null") return false;
  let origin: string;
  try {
    origin = new URL(originHeader).origin;
  } catch {
    return false;
  }
  // new URL() lower-cases the host and drops a default port; the header must be an origin, no path.
  return origin === config.appOrigin && originHeader.replace(/\/$/, "").toLowerCase() === origin.toLowerCase();
}

/**
 * Run by a nonce'd inline script before any chunk: zod (used by client components' schemas) probes
 * `new Function("")` to choose its JIT, and a strict CSP reports the probe as a violation even
 * though zod catches it. zod reads `globalThis.__zod_globalConfig` when it loads.
 */
export const ZOD_JITLESS_SCRIPT = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});";

/** The text of the 403 a state-changing request from elsewhere gets. */
export const FOREIGN_ORIGIN_MESSAGE = "Requête refusée : elle ne provient pas d'une page du service en ligne Orientation. Rechargez la page et recommencez.";
