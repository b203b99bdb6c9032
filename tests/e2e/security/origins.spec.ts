import { expect, test, type Request } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { FOREIGN_ORIGIN_MESSAGE } from "@/lib/security/headers";
import { baseURL } from "../support/ports";
import { databaseFingerprint, signIn, withDb } from "../support/fixtures";

/*
 * docs/security-headers.md / R-AUTH-1: a state-changing request (a server action, next-auth's
 * POSTs) is accepted only from the app's own origin, the one configured (NEXTAUTH_URL), never one
 * taken from the request's Host or X-Forwarded-Host. On the académie's parameters (the saio's
 * server action): the field «président de la commission d'appel», put back in afterAll.
 */

const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const readPresident = () =>
  withDb(async (c) => (await c.query<{ p: string }>("select appeal_commission_president as p from academies where id = 'grenoble'")).rows[0]!.p);

let original: string;
test.beforeAll(async () => {
  original = await readPresident();
});
test.afterAll(async () => {
  await withDb((c) => c.query("update academies set appeal_commission_president = $1 where id = 'grenoble'", [original]));
});

const isAction = (r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined;

test.describe("docs/security-headers.md: server actions only from the app's own origin", () => {
  test("docs/security-headers.md / R-AUTH-1: a server action with no Origin, a foreign Origin, or a foreign Origin and X-Forwarded-Host gets a 403 and changes nothing", async ({
    page,
  }) => {
    await signIn(page, saio);
    await page.goto("/academie/parametres");
    const president = page.getByLabel(/Président/);

    // From the page itself: saved (the browser sends the app's Origin).
    const captured = page.waitForRequest(isAction);
    await president.fill("Presidence ORIGIN-A");
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByRole("status")).toHaveText("Les paramètres de l'académie sont enregistrés.");
    await expect.poll(readPresident).toBe("Presidence ORIGIN-A");
    const real = await captured;
    expect(real.headers()["next-action"]).toMatch(/^[0-9a-f]{40,}$/);

    // The same action, its body changed, replayed with the saio's cookies from elsewhere.
    const body = (real.postData() ?? "").replace("Presidence ORIGIN-A", "Presidence ORIGIN-B");
    expect(body).toContain("Presidence ORIGIN-B");
    const base = Object.fromEntries(
      Object.entries(await real.allHeaders()).filter(([k]) => !["cookie", "content-length", "origin", "host", "referer"].includes(k.toLowerCase())),
    );
    const request = page.context().request;
    const before = await databaseFingerprint();
    const foreign = "https://attaquant.example";
    const cases: [string, Record<string, string>][] = [
      ["no Origin", {}],
      ["Origin: null", { origin: "null" }],
      ["a foreign Origin", { origin: foreign }],
      ["a foreign Origin and X-Forwarded-Host naming it", { origin: foreign, "x-forwarded-host": "attaquant.example", "x-forwarded-proto": "https" }],
      ["the app's host with another scheme", { origin: baseURL.replace(/^http:/, "https:") }],
    ];
    for (const [what, extra] of cases) {
      const res = await request.post(real.url(), { headers: { ...base, ...extra }, data: body });
      expect(res.status(), what).toBe(403);
      expect(await res.text(), what).toBe(FOREIGN_ORIGIN_MESSAGE);
      expect(res.headers()["content-security-policy"], what).toContain("frame-ancestors 'none'");
    }
    expect(await readPresident()).toBe("Presidence ORIGIN-A");
    expect(await databaseFingerprint()).toEqual(before);

    // The same replay with the app's own Origin goes through: the refusals were the origin's.
    const ok = await request.post(real.url(), { headers: { ...base, origin: new URL(baseURL).origin }, data: body });
    expect(ok.status()).toBe(200);
    await expect.poll(readPresident).toBe("Presidence ORIGIN-B");
  });

  test("docs/security-headers.md: next-auth's POSTs need the app's Origin too (sign-in from elsewhere refused, from the page accepted)", async ({ page }) => {
    const request = page.context().request;
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = { csrfToken, login: saio, password: "n'importe", json: "true" };
    const foreign = await request.post("/api/auth/callback/password", { form, headers: { origin: "https://attaquant.example" } });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toBe(FOREIGN_ORIGIN_MESSAGE);
    const none = await request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
    expect(none.status()).toBe(403);
    // The sign-in page itself signs in and out (the browser sends the app's Origin).
    await signIn(page, saio);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/connexion/);
  });
});
