import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { baseURL } from "../support/ports";
import { signIn } from "../support/fixtures";

/*
 * docs/security-headers.md: no page of the app can be framed (frame-ancestors 'none',
 * X-Frame-Options: DENY). The framing page is served by another server on the same host (another
 * port: another origin, but the same site, so the signed-in student's cookies go with the frame's
 * request and, unprotected, the frame would show their page).
 */

const student = DEMO_FAMILY.adult.student;

let server: http.Server;
let attacker: string;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="fr"><title>Un autre site</title><body><h1>Un autre site</h1>
      <iframe id="cadre" title="cadre" src="${baseURL}${req.url === "/connexion" ? "/connexion" : "/eleve"}" width="800" height="600"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  attacker = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test.describe("docs/security-headers.md: the app cannot be framed", () => {
  for (const target of ["/eleve", "/connexion"]) {
    test(`docs/security-headers.md: ${target} in a frame of another origin is blocked`, async ({ page }) => {
      // The student's page with the student signed in; the sign-in page with no one signed in.
      if (target === "/eleve") {
        await signIn(page, student.login);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      }
      const refusals: string[] = [];
      page.on("console", (m) => {
        if (/frame-ancestors|X-Frame-Options/.test(m.text())) refusals.push(m.text());
      });
      const framed = page.waitForResponse((r) => r.url() === `${baseURL}${target}`);
      await page.goto(`${attacker}${target}`);
      await expect(page.getByRole("heading", { name: "Un autre site" })).toBeVisible();
      // The app answered the frame's request (with the student's cookies)…
      const response = await framed;
      expect(response.status()).toBe(200);
      // …and the browser refused to show it.
      await expect.poll(() => refusals.length, { message: "the browser reports the refused frame" }).toBeGreaterThan(0);
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      expect(frame.url()).toMatch(/^chrome-error:/);
      await expect(page.frameLocator("#cadre").getByText(student.lastName)).toHaveCount(0);
      await expect(page.frameLocator("#cadre").getByText("Connexion au service en ligne Orientation")).toHaveCount(0);
    });
  }
});
