import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY, OIDC_DEMO_GUARDIAN } from "@/lib/db/demo-accounts";
import { databaseFingerprint, expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";
import { signInAtProvider } from "./support/oidc-sign-in";

const loginOf = (role: string, labelPart = "") => DEMO_ACCOUNTS.find((a) => a.role === role && a.label.includes(labelPart))!.login;

async function idOfStudent(ine: string): Promise<string> {
  return withDb(async (c) => (await c.query<{ id: string }>("select id from students where ine = $1", [ine])).rows[0]!.id);
}
async function idOfDivision(code: string): Promise<string> {
  return withDb(async (c) => (await c.query<{ id: string }>("select id from divisions where code = $1", [code])).rows[0]!.id);
}

test.describe("sign-in and the home of each role", () => {
  test("R-AUTH-2: the sign-in page lists the demo accounts and passes the accessibility check", async ({ page }) => {
    await page.goto("/connexion");
    await expect(page.getByRole("heading", { level: 1, name: "Connexion au service en ligne Orientation" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Comptes de démonstration" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Se connecter avec ÉduConnect/ })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  const homes = [
    { role: "head", part: "Collège", url: /\/etablissement$/, heading: /Collège/ },
    { role: "homeroom", part: "3A", url: /\/etablissement$/, heading: /Collège/ },
    { role: "saio", part: "", url: /\/academie$/, heading: /Académie de Grenoble/ },
    { role: "admin", part: "", url: /\/admin$/, heading: /Administration de la plateforme/ },
    { role: "guardian", part: "Représentant légal 1", url: /\/famille$/, heading: /Orientation de mes enfants/ },
    { role: "student", part: "Élève de 3A", url: /\/eleve$/, heading: /Mon orientation/ },
  ];
  for (const h of homes) {
    test(`R-AUTH-1: a ${h.role} signs in with a password and lands on their home`, async ({ page }) => {
      await signIn(page, loginOf(h.role, h.part));
      await expect(page).toHaveURL(h.url);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(h.heading);
      await expectNoA11yViolations(page);
    });
  }

  test("R-AUTH-1: a homeroom teacher sees only their division on the back-office home", async ({ page }) => {
    await signIn(page, loginOf("homeroom", "3A"));
    await expect(page.getByRole("heading", { name: "Mes divisions" })).toBeVisible();
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("3A");
  });

  test("R-AUTH-1: the family home lists the guardian's children with the state of their procedure", async ({ page }) => {
    const f = DEMO_FAMILY.student3A;
    await signIn(page, f.guardians[0]!.login);
    await expect(page.getByRole("heading", { level: 2, name: `${f.student.firstName} ${f.student.lastName}` })).toBeVisible();
    await expect(page.getByText(/Intentions provisoires à saisir|Intentions validées/).first()).toBeVisible();
  });

  test("R-AUTH-2: a bad password gives a French message, and repeated failures lock the login for a while", async ({ page }) => {
    const login = loginOf("admin");
    await page.goto("/connexion");
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Identifiant", { exact: true }).fill(login);
      await page.getByLabel("Mot de passe", { exact: true }).fill(`mauvais-${i}`);
      await page.getByRole("button", { name: "Se connecter", exact: true }).click();
      await expect(page.locator("#signin-error")).toContainText(
        i < 5 ? "Identifiant ou mot de passe incorrect." : "Trop de tentatives de connexion infructueuses",
      );
    }
    // Even the right password is refused while the login is locked.
    await page.getByLabel("Mot de passe", { exact: true }).fill("Orientation2026!");
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await expect(page.locator("#signin-error")).toContainText("réessayez dans 1 minute");
    await withDb((c) => c.query("delete from sign_in_throttles where login = $1", [login]));
  });

  test("R-AUTH-4: a guardian signs in through the OpenID Connect provider and sees their children", async ({ page }) => {
    await page.goto("/connexion");
    await page.getByRole("button", { name: /Se connecter avec ÉduConnect/ }).click();
    await signInAtProvider(page, "parent-oidc");
    await page.waitForURL(/\/famille$/);
    for (const child of OIDC_DEMO_GUARDIAN.children) {
      await expect(page.getByRole("heading", { level: 2, name: `${child.firstName} ${child.lastName}` })).toBeVisible();
    }
    await expect(page.getByText(`${OIDC_DEMO_GUARDIAN.firstName} ${OIDC_DEMO_GUARDIAN.lastName}`)).toBeVisible();
  });

  test("R-AUTH-4: an OpenID Connect identity linked to no student is refused with a French message", async ({ page }) => {
    await page.goto("/connexion");
    await page.getByRole("button", { name: /Se connecter avec ÉduConnect/ }).click();
    await signInAtProvider(page, "inconnu");
    await page.waitForURL(/\/connexion/);
    await expect(page.getByRole("alert").filter({ hasText: "rattaché à aucun élève" })).toBeVisible();
  });
});

test.describe("scope: out-of-scope resources are 404 and change nothing (R-AUTH-1)", () => {
  test("R-AUTH-1: a guardian opening another family's student gets a 404, their own child a page", async ({ page }) => {
    const mine = await idOfStudent(DEMO_FAMILY.student3A.student.ine);
    const other = await idOfStudent(DEMO_FAMILY.student3B.student.ine);
    await signIn(page, DEMO_FAMILY.student3A.guardians[0]!.login);
    const before = await databaseFingerprint();
    const own = await page.goto(`/famille/eleves/${mine}`);
    expect(own?.status()).toBe(200);
    const res = await page.goto(`/famille/eleves/${other}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("R-AUTH-1: a homeroom teacher opening another division gets a 404, their own a page", async ({ page }) => {
    const own = await idOfDivision("3A");
    const other = await idOfDivision("3C");
    await signIn(page, loginOf("homeroom", "3A"));
    const before = await databaseFingerprint();
    expect((await page.goto(`/etablissement/divisions/${own}`))?.status()).toBe(200);
    expect((await page.goto(`/etablissement/divisions/${other}`))?.status()).toBe(404);
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("R-AUTH-1: a guardian cannot open the back-office, the académie or the admin pages", async ({ page }) => {
    await signIn(page, DEMO_FAMILY.student3A.guardians[0]!.login);
    for (const url of ["/etablissement", "/academie", "/admin"]) {
      expect((await page.goto(url))?.status(), url).toBe(404);
    }
  });

  test("R-AUTH-1: signed-out visitors are sent to the sign-in page", async ({ page }) => {
    await page.goto("/famille");
    await expect(page).toHaveURL(/\/connexion/);
  });
});

test.describe("sessions", () => {
  test("R-INT-8: logout ends the session on the server: the old cookie no longer opens anything", async ({ page, context }) => {
    await signIn(page, DEMO_FAMILY.student3A.guardians[1]!.login);
    const cookies = await context.cookies();
    await signOut(page);
    await expect(page.getByRole("status")).toHaveText("Vous êtes déconnecté.");
    const ended = await withDb(
      async (c) =>
        (
          await c.query("select 1 from auth_sessions s join accounts a on a.id = s.account_id where a.login = $1 and s.end_reason = 'logout'", [
            DEMO_FAMILY.student3A.guardians[1]!.login,
          ])
        ).rowCount,
    );
    expect(ended).toBeGreaterThanOrEqual(1);
    await context.addCookies(cookies); // replay the cookie of the ended session
    await page.goto("/famille");
    await expect(page).toHaveURL(/\/connexion/);
  });
});

test.describe("on a phone (R-INT-10)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("R-INT-10: the sign-in page and the family home fit a 375 px wide screen", async ({ page }) => {
    await page.goto("/connexion");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await signIn(page, DEMO_FAMILY.student3A.guardians[0]!.login);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Orientation de mes enfants/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoA11yViolations(page);
  });

  test("the page-not-found page is accessible too", async ({ page }) => {
    const res = await page.goto("/cette-page-n-existe-pas");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
