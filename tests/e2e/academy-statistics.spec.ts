import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { UNKNOWN_LEVEL_MESSAGE } from "@/lib/domain/academy-statistics";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";

/*
 * R-OVS-1: the saio's statistics: charts with their tables, the drill-down from the académie to
 * a school and a division, the XLSX of every table, the filters' French messages and the 404s.
 * Reads the demo's data only; the other académie's school it creates is removed at the end.
 */
const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const collegeHead = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

test.describe("académie: live statistics (R-OVS-1)", () => {
  test("R-OVS-1: the saio sees charts and tables, drills down to a school and a division, downloads the XLSX", async ({ page }) => {
    await signIn(page, saio);
    await page.goto("/academie");
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Statistiques", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Statistiques – Académie/ })).toBeVisible();
    await expect(page.getByText(/Chiffres de l'académie calculés le/)).toBeVisible();

    // The participation table (the accessible source) and its chart, drawn in the browser.
    const participation = page.getByRole("table", { name: /Saisies des familles par établissement – 3e, phase provisoire/ });
    await expect(participation.getByRole("columnheader", { name: "Familles ayant validé", exact: true })).toBeVisible();
    await expect(participation.getByRole("row", { name: /^Total/ })).toBeVisible();
    await expect(page.locator('[data-chart="participation-chart"] .recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.locator('[data-chart="participation-chart"]')).toHaveAttribute("aria-hidden", "true");
    await expect(page.getByRole("heading", { level: 2, name: "Avis provisoires du conseil de classe" })).toBeVisible();
    await expectNoA11yViolations(page);

    // Final phase through the filter form.
    await page.getByLabel("Phase", { exact: true }).selectOption("final");
    await page.getByRole("button", { name: "Afficher", exact: true }).click();
    await expect(page).toHaveURL(/phase=final/);
    await expect(page.getByRole("heading", { level: 2, name: "Décisions d'orientation" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Entretiens avec le chef d'établissement et appels/ })).toBeVisible();
    await expectNoA11yViolations(page);

    // Drill down: the collège, per division.
    const collegeLink = page
      .getByRole("table", { name: /Saisies des familles par établissement/ })
      .getByRole("link", { name: /Collège/ })
      .first();
    const collegeName = (await collegeLink.textContent())!.trim();
    await collegeLink.click();
    await expect(page.getByRole("heading", { level: 1, name: `Statistiques – ${collegeName}` })).toBeVisible();
    await expect(page.getByText("Chiffres en temps réel.")).toBeVisible();
    const byDivision = page.getByRole("table", { name: /Saisies des familles par division – 3e, phase définitive/ });
    await expect(byDivision.getByRole("columnheader", { name: "Division", exact: true })).toBeVisible();
    const firstDivision = (await byDivision.getByRole("rowheader").first().textContent())!.trim();
    await expectNoA11yViolations(page);

    // The XLSX of every table, same scope and filters.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger tous les tableaux (XLSX)" }).click()]);
    expect(download.suggestedFilename()).toBe("statistiques-etablissement-3e-definitive.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Synthèse",
      "Saisies",
      "Propositions par voie",
      "Réponses et accords",
      "Décisions par voie",
      "Entretiens et appels",
    ]);
    const saisies = wb.getWorksheet("Saisies")!;
    expect(saisies.getCell("A2").value).toBe("Division");
    expect(saisies.getCell("A3").value).toBe(firstDivision);

    // One division, and back up through the breadcrumbs.
    await byDivision.getByRole("link", { name: firstDivision, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Statistiques – ${collegeName}, division ${firstDivision}` })).toBeVisible();
    await expect(page.getByLabel("Division", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
    await expectNoA11yViolations(page);
    await page
      .getByRole("navigation", { name: "Fil d'Ariane" })
      .getByRole("link", { name: /^Académie/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /^Statistiques – Académie/ })).toBeVisible();
    await signOut(page);
  });

  test("R-OVS-1: unknown filters are told in French; another académie's school, an unknown one and another role get a 404", async ({ page }) => {
    const otherSchool = await withDb(async (c) => {
      await c.query(
        `insert into academies (id, name, sender_email) values ('e2e-h1-ailleurs', 'Académie d''Ailleurs', 'ce@ac-ailleurs.fr') on conflict do nothing`,
      );
      const r = await c.query<{ id: string }>(
        `insert into schools (uai, academy_id, name, address, postal_code, city, phone, email)
         values ('0699999Z', 'e2e-h1-ailleurs', 'Collège d''ailleurs', '1 rue', '69000', 'Lyon', '04 00 00 00 00', 'ce@ailleurs.fr') returning id`,
      );
      return r.rows[0]!.id;
    });
    try {
      await signIn(page, saio);
      await page.goto("/academie/statistiques?niveau=CM2");
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(UNKNOWN_LEVEL_MESSAGE);
      await expect(page.getByRole("heading", { level: 1, name: /^Statistiques – Académie/ })).toBeVisible();

      for (const url of [
        `/academie/statistiques?etablissement=${otherSchool}`,
        "/academie/statistiques?etablissement=00000000-0000-4000-8000-000000000000",
        "/academie/statistiques?division=3A",
      ]) {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
      }
      const exported = await page.request.get(`/academie/statistiques/export?etablissement=${otherSchool}`);
      expect(exported.status()).toBe(404);
      await signOut(page);

      await signIn(page, collegeHead);
      await page.goto("/academie/statistiques");
      await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
      expect((await page.request.get("/academie/statistiques/export")).status()).toBe(404);
    } finally {
      await withDb(async (c) => {
        await c.query(`delete from schools where id = $1`, [otherSchool]);
        await c.query(`delete from academies where id = 'e2e-h1-ailleurs'`);
      });
    }
  });
});
