import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { baseURL } from "../support/ports";
import { signIn, withDb } from "../support/fixtures";

/*
 * docs/security-headers.md: every page of every role runs under the nonce-based Content-Security-
 * Policy, Next's own scripts included. Per role, the pages are found by following the app's own
 * links from the role's home (one page per route, ids and query values aside); on each page: the
 * document's CSP carries a fresh nonce, every script element carries it, the page hydrated (React
 * owns the DOM), and the browser reported no violation (neither a `securitypolicyviolation` event
 * nor a console message). Read-only: nothing is submitted.
 */

type Violation = { directive: string; blocked: string; source?: string; url: string };

/** A page whose CSP violations (events and console messages) are collected across navigations. */
async function watchedPage(browser: Browser): Promise<{ page: Page; violations: Violation[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: Violation[] = [];
  await page.exposeFunction("__reportCspViolation", (v: Violation) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        url: location.href,
      });
    });
  });
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push({ directive: "console", blocked: m.text(), url: page.url() });
  });
  return { page, violations, close: () => context.close() };
}

/** The route of a URL: ids and numbers replaced, query values dropped (one visit per screen). */
function routeOf(href: string): string {
  const u = new URL(href, baseURL);
  const path = u.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, ":id").replace(/\/\d+(?=\/|$)/g, "/:n");
  return `${path}?${[...u.searchParams.keys()].sort().join("&")}`;
}

/** Files (PDF, CSV, XLSX, images), not pages: headers.spec.ts checks their headers. */
const isDownload = (path: string) => /\/(notification|export|signature)$|\/fiche-dialogue\/(eleve|division)\//.test(path);

/**
 * Checks a page: CSP with a nonce on the document, that nonce on every script of its HTML (the
 * chunks Next loads later are trusted through 'strict-dynamic'), and the page hydrated.
 */
async function expectRunsUnderCsp(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  const csp = (await response!.headerValue("content-security-policy")) ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `the CSP of ${url} carries a nonce`).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  const scripts = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `${url} has scripts`).toBeGreaterThan(0);
  for (const s of scripts) expect(s, `a script of ${url}`).toContain(`nonce="${nonce}"`);
  // Next's scripts ran: React hydrated the document.
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$") || k.startsWith("__reactProps$"))), {
      message: `${url} hydrates`,
    })
    .toBe(true);
}

/** Visits the role's home and every screen reached by its links, one per route. */
async function crawl(page: Page, start: string[], max = 40): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...start];
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < max) {
    const url = queue.shift()!;
    const route = routeOf(url);
    if (seen.has(route)) continue;
    seen.add(route);
    await expectRunsUnderCsp(page, url);
    visited.push(new URL(page.url()).pathname + new URL(page.url()).search);
    const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const u = new URL(href);
      if (u.origin !== new URL(baseURL).origin || u.pathname.startsWith("/api/") || isDownload(u.pathname)) continue;
      if (!seen.has(routeOf(u.href))) queue.push(u.pathname + u.search);
    }
  }
  return visited;
}

const loginOf = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.login;

const ROLES: { role: string; login: string; start: string[]; least: number }[] = [
  // A guardian at the end of the procedure (decision, appeal), and one of a sibling pair.
  { role: "family", login: "parent1.prevost", start: ["/famille"], least: 2 },
  { role: "family (two children)", login: DEMO_FAMILY.siblings[0].guardians[0]!.login, start: ["/famille"], least: 3 },
  { role: "adult student", login: DEMO_FAMILY.adult.student.login, start: ["/eleve"], least: 1 },
  { role: "student", login: "eleve.sacha.roche", start: ["/eleve"], least: 1 },
  { role: "head (lycée)", login: "chef.champollion", start: ["/etablissement"], least: 8 },
  { role: "head (collège)", login: "chef.stendhal", start: ["/etablissement"], least: 6 },
  { role: "homeroom", login: "pp.2b", start: ["/etablissement"], least: 2 },
  { role: "saio", login: loginOf("saio"), start: ["/academie"], least: 3 },
  { role: "admin", login: loginOf("admin"), start: ["/admin", "/dev/mailbox"], least: 2 },
];

test.describe("docs/security-headers.md: the whole app runs under the Content-Security-Policy", () => {
  test("docs/security-headers.md: the public pages (sign-in, 404) run under the CSP with no violation", async ({ browser }) => {
    const { page, violations, close } = await watchedPage(browser);
    await expectRunsUnderCsp(page, "/connexion");
    await expectRunsUnderCsp(page, "/page-qui-n-existe-pas");
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
    // The sign-in form is a client component: signing in works only if its scripts ran.
    await signIn(page, "eleve.sacha.roche");
    await expect(page).toHaveURL(/\/eleve$/);
    expect(violations).toEqual([]);
    await close();
  });

  for (const r of ROLES) {
    test(`docs/security-headers.md / R-AUTH-1: every page of the ${r.role} runs under the CSP with no violation`, async ({ browser }) => {
      test.setTimeout(180_000);
      const { page, violations, close } = await watchedPage(browser);
      await signIn(page, r.login);
      const visited = await crawl(page, r.start);
      expect(visited.length, `pages visited: ${visited.join(", ")}`).toBeGreaterThanOrEqual(r.least);
      // A client component still works on the last page: the sign-out button signs out.
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/connexion/);
      expect(violations, `visited: ${visited.join(", ")}`).toEqual([]);
      await close();
    });
  }

  test("docs/security-headers.md: a dialog opens under the CSP; an injected event handler or style attribute is blocked and reported", async ({ browser }) => {
    // A collège family with nothing entered yet (any: the dialog is opened and closed, nothing saved).
    const login = await withDb(async (c) => {
      const r = await c.query<{ login: string }>(
        `select a.login from students s join divisions d on d.id = s.division_id join student_guardians sg on sg.student_id = s.id
           join accounts a on a.guardian_id = sg.guardian_id
          where d.code = '3D' and not exists (select 1 from family_requests fr where fr.student_id = s.id)
          order by s.ine desc, sg.rank limit 1`,
      );
      return r.rows[0]!.login;
    });
    const { page, violations, close } = await watchedPage(browser);
    await signIn(page, login);
    await page.goto("/famille");
    const student = page.locator("main a[href^='/famille/eleves/']").first();
    if (await student.isVisible()) await student.click();
    await page.getByRole("button", { name: "+ Ajouter une intention" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect(violations).toEqual([]);

    // The policy is enforced, and the watch sees it: markup injected into the page (what a
    // cross-site scripting flaw would let through) can neither run an event handler nor style.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        "beforeend",
        '<img id="injected-script" alt="" src="/image-inexistante.png" onerror="window.__injected = true"><p id="injected-style" style="color: rgb(255, 0, 0)">x</p>',
      );
    });
    await expect
      .poll(() => violations.map((v) => v.directive).filter((d) => d !== "console"))
      .toEqual(expect.arrayContaining(["script-src-attr", "style-src-attr"]));
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(await page.locator("#injected-style").evaluate((p) => getComputedStyle(p).color)).not.toBe("rgb(255, 0, 0)");
    await close();
  });
});
