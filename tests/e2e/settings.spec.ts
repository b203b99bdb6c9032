import { expect, test, type Page } from "@playwright/test";
import { buildDemoData, DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";

/*
 * The lycée's head in "Vie de l'établissement" (R-CAL-3, R-CAL-4,
 * R-2GT-4, R-SCH-14). Works on the lycée and puts back what it changed.
 */
const lyceeHead = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Lycée"))!.login;
const lycee = buildDemoData().schools.find((s) => s.key === "champollion")!;
const pp2A = lycee.divisions.find((d) => d.code === "2A")!.homeroom;
const siblingsGuardian = DEMO_FAMILY.siblings[0].guardians[0]!.login;
const lyceeChild = DEMO_FAMILY.siblings[1];

const serviceRow = (page: Page, phase: RegExp) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: phase }) });

test.describe("Vie de l'établissement (R-CAL-3, R-CAL-4, R-2GT-4, R-SCH-13, R-SCH-14)", () => {
  test("R-CAL-3: the head closes the 2de GT family service, the family sees it closed, and the head reopens it", async ({ page }) => {
    await signIn(page, lyceeHead);
    await page.getByRole("link", { name: "Vie de l'établissement" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Vie de l'établissement" })).toBeVisible();
    await expectNoA11yViolations(page);
    // The demo's 2GT campaign is in its final phase (lib/db/demo-progress.ts): the final service is the open one.
    const row = serviceRow(page, /Choix définitifs/);
    await expect(row.getByRole("cell", { name: "Ouvert", exact: true })).toBeVisible();

    await row.getByRole("button", { name: /Fermer le service/ }).click();
    await expect(row.getByRole("cell", { name: "Fermé par l'établissement" })).toBeVisible();
    await expect(row.getByRole("status")).toContainText("Le service en ligne est fermé");
    await signOut(page);

    await signIn(page, siblingsGuardian);
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: `${lyceeChild.student.firstName} ${lyceeChild.student.lastName}` }) });
    await expect(card.getByText("Service fermé par l'établissement")).toBeVisible();
    await signOut(page);

    await signIn(page, lyceeHead);
    await page.goto("/etablissement/vie-etablissement");
    await serviceRow(page, /Choix définitifs/)
      .getByRole("button", { name: /Ouvrir le service/ })
      .click();
    // The final phase's reopening is confirmed first (the council's answers wait for the night's transfer).
    await serviceRow(page, /Choix définitifs/)
      .getByRole("button", { name: /Confirmer la réouverture/ })
      .click();
    await expect(serviceRow(page, /Choix définitifs/).getByRole("cell", { name: "Ouvert", exact: true })).toBeVisible();
    const audit = await withDb((c) =>
      c.query<{ action: string }>(
        "select a.action from audit_log a join schools s on s.id::text = a.entity_id where s.uai = $1 and a.action like 'family_service.%' order by a.id",
        [lycee.uai],
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["family_service.close", "family_service.open"]);
  });

  test("R-CAL-4: the head switches the lycée to trimesters and back; the labels follow", async ({ page }) => {
    await signIn(page, lyceeHead);
    await page.goto("/etablissement/vie-etablissement");
    await expect(serviceRow(page, /Premier semestre/)).toHaveCount(1);
    await page.getByLabel("Trimestres").check();
    await page.getByRole("button", { name: "Enregistrer le découpage" }).click();
    await expect(page.getByText("Le découpage de l'année est enregistré.")).toBeVisible();
    await expect(serviceRow(page, /Deuxième trimestre/)).toHaveCount(1);
    await page.getByLabel("Semestres").check();
    await page.getByRole("button", { name: "Enregistrer le découpage" }).click();
    await expect(serviceRow(page, /Premier semestre/)).toHaveCount(1);
  });

  test("R-2GT-4: the head sets the spécialités the lycée offers", async ({ page }) => {
    await signIn(page, lyceeHead);
    await page.goto("/etablissement/vie-etablissement");
    const si = page.getByLabel("Sciences de l'ingénieur");
    await expect(si).not.toBeChecked();
    await si.check();
    await page.getByRole("button", { name: "Enregistrer les enseignements de spécialité" }).click();
    await expect(page.getByText("Les enseignements de spécialité proposés sont enregistrés.")).toBeVisible();
    const offered = async () =>
      (
        await withDb((c) =>
          c.query<{ specialty: string }>("select specialty from school_specialties ss join schools s on s.id = ss.school_id where s.uai = $1 order by 1", [
            lycee.uai,
          ]),
        )
      ).rows.map((r) => r.specialty);
    expect(await offered()).toEqual([...lycee.specialties, "SI"].sort());
    await page.getByLabel("Sciences de l'ingénieur").uncheck();
    await page.getByRole("button", { name: "Enregistrer les enseignements de spécialité" }).click();
    await expect(page.getByText("Les enseignements de spécialité proposés sont enregistrés.")).toBeVisible();
    expect(await offered()).toEqual([...lycee.specialties].sort());
  });

  test("R-SCH-14: the head delegates to a homeroom teacher, who then sees every division; the head takes it back", async ({ page }) => {
    await signIn(page, pp2A.login);
    await expect(page.getByRole("heading", { name: "Mes divisions" })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(1);
    expect((await page.goto("/etablissement/vie-etablissement"))?.status()).toBe(404);
    await signOut(page);

    await signIn(page, lyceeHead);
    await page.goto("/etablissement/vie-etablissement");
    const teacherRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: pp2A.displayName }) });
    await teacherRow.getByRole("button", { name: `Donner la délégation à ${pp2A.displayName}` }).click();
    await expect(teacherRow.getByRole("cell", { name: "Toutes les divisions" })).toBeVisible();
    await signOut(page);

    await signIn(page, pp2A.login);
    await expect(page.getByRole("heading", { name: "Divisions", exact: true })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(lycee.divisions.length);
    // Delegation gives the head's rights on the divisions, not the school's settings.
    expect((await page.goto("/etablissement/vie-etablissement"))?.status()).toBe(404);
    await signOut(page);

    await signIn(page, lyceeHead);
    await page.goto("/etablissement/vie-etablissement");
    await teacherRow.getByRole("button", { name: `Retirer la délégation à ${pp2A.displayName}` }).click();
    await expect(teacherRow.getByRole("cell", { name: "Ses divisions seulement" })).toBeVisible();
  });
});

test.describe("the saio's and the head's settings screens on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("R-INT-10: the saio's and the head's screens fit a 375 px wide screen and pass the accessibility check", async ({ page }) => {
    const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await signIn(page, DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login);
    for (const path of ["/academie/calendrier", "/academie/parametres"]) {
      await page.goto(path);
      await fits();
      await expectNoA11yViolations(page);
    }
    await signOut(page);
    await signIn(page, lyceeHead);
    for (const path of ["/etablissement/vie-etablissement", "/etablissement/fiche-dialogue"]) {
      await page.goto(path);
      await fits();
      await expectNoA11yViolations(page);
    }
  });
});
