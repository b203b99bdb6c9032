import { expect, test, type APIResponse } from "@playwright/test";
import { signIn } from "../support/fixtures";

/*
 * docs/security-headers.md: the security headers of every kind of response, read over HTTP from
 * the built app (served over http here: no HSTS; the https case is tests/unit/security-headers.test.ts).
 */

const STUDENT = "eleve.sacha.roche"; // decision published: the notice (PDF) can be downloaded

function expectSecurityHeaders(res: APIResponse, what: string): string {
  const h = res.headers();
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(h["permissions-policy"], what).toContain(feature);
  // Served over http (NEXTAUTH_URL is http here): no HSTS, which would be ignored anyway.
  expect(h["strict-transport-security"], what).toBeUndefined();
  const csp = h["content-security-policy"] ?? "";
  for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'strict-dynamic'"]) expect(csp, what).toContain(d);
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp, what).toMatch(/form-action 'self'/);
  expect(csp, what).not.toContain("unsafe");
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

test.describe("docs/security-headers.md: security headers on every response", () => {
  test("docs/security-headers.md: a page, the 404 and a fresh nonce per response", async ({ request }) => {
    const first = await request.get("/connexion");
    expect(first.status()).toBe(200);
    const nonce1 = expectSecurityHeaders(first, "GET /connexion");
    // Next put the response's nonce on its own scripts.
    expect(await first.text()).toContain(`nonce="${nonce1}"`);
    const second = await request.get("/connexion");
    expect(expectSecurityHeaders(second, "GET /connexion again")).not.toBe(nonce1);

    const missing = await request.get("/page-qui-n-existe-pas");
    expect(missing.status()).toBe(404);
    const nonce404 = expectSecurityHeaders(missing, "the 404");
    expect(await missing.text()).toContain(`nonce="${nonce404}"`);

    // A redirect (the root sends an anonymous visitor to the sign-in page).
    const root = await request.get("/", { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(root.status());
    expectSecurityHeaders(root, "the redirect of /");
  });

  test("docs/security-headers.md: signed-in pages, a PDF download and next-auth's routes", async ({ page }) => {
    await signIn(page, STUDENT);
    const request = page.context().request;
    expectSecurityHeaders(await request.get("/eleve"), "GET /eleve");
    const pdf = await request.get("/eleve/notification");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expectSecurityHeaders(pdf, "the decision's notice (PDF)");
    const session = await request.get("/api/auth/session");
    expect(session.status()).toBe(200);
    expectSecurityHeaders(session, "GET /api/auth/session");
  });

  test("docs/security-headers.md: an XLSX export of the school", async ({ page }) => {
    await signIn(page, "chef.champollion");
    await page.goto("/etablissement/eleves");
    const href = await page.locator("a[href*='/etablissement/export?format=xlsx']").first().getAttribute("href");
    expect(href, "the list links to its export").toBeTruthy();
    const res = await page.context().request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment;/);
    expectSecurityHeaders(res, `GET ${href}`);
  });

  test("docs/security-headers.md: the build's static files are not sniffed nor framed", async ({ request }) => {
    const html = await (await request.get("/connexion")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets.slice(0, 3)) {
      const res = await request.get(asset);
      expect(res.status(), asset).toBe(200);
      expect(res.headers()["x-content-type-options"], asset).toBe("nosniff");
      expect(res.headers()["x-frame-options"], asset).toBe("DENY");
      expect(res.headers()["referrer-policy"], asset).toBe("strict-origin-when-cross-origin");
    }
  });
});
