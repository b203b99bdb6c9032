import { expect, test } from "@playwright/test";
import { buildDemoData, DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { databaseFingerprint, expectNoA11yViolations, signIn, withDb } from "./support/fixtures";
import { deName } from "@/lib/domain/person-name";

/*
 * R-SCH-13: the lycée's head uploads the scanned signature and prints the fiches de
 * dialogue of division 2A (R-SCH-13); the test reads the PDF's text.
 */
const lyceeHead = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Lycée"))!;
const lycee = buildDemoData().schools.find((s) => s.key === "champollion")!;
// A 2×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAH9AH/7e1m5QAAAABJRU5ErkJggg==", "base64");

async function divisionId(code: string): Promise<string> {
  return withDb(async (c) => (await c.query<{ id: string }>("select id from divisions where code = $1", [code])).rows[0]!.id);
}

test.describe("fiche de dialogue (R-SCH-13)", () => {
  test("R-SCH-13: the head uploads the signature and prints the fiches of a division and of a student", async ({ page }) => {
    await signIn(page, lyceeHead.login);
    await page.goto("/etablissement/vie-etablissement");
    await page.getByLabel(/Image de la signature/).setInputFiles({ name: "signature.png", mimeType: "image/png", buffer: PNG });
    await page.getByLabel("Nom et qualité du signataire").fill("Le proviseur, M. Bernard Faure-Dumas");
    await page.getByRole("button", { name: "Enregistrer la signature" }).click();
    await expect(page.getByText("La signature numérisée est enregistrée.")).toBeVisible();
    await expect(page.getByRole("img", { name: /Signature numérisée de Le proviseur/ })).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: "Fiches de dialogue" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Impression des fiches de dialogue" })).toBeVisible();
    await expectNoA11yViolations(page);

    const divisionLink = page.getByRole("link", { name: /Fiches de la division 2A/ });
    const res = await page.request.get((await divisionLink.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const text = extractPdfText(await res.body());
    const pupils = (
      await withDb((c) =>
        c.query<{ last_name: string; first_name: string }>(
          "select last_name, first_name from students s join divisions d on d.id = s.division_id where d.code = '2A' order by last_name, first_name",
        ),
      )
    ).rows;
    expect(text.match(/Fiche de dialogue – Orientation/g)?.length).toBe(pupils.length);
    for (const p of pupils) expect(text).toContain(`Élève : ${p.last_name.toUpperCase()} ${p.first_name}`);
    expect(text).toContain(`${lycee.name} (UAI ${lycee.uai})`);
    expect(text).toContain("Premier semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation");
    expect(text).toContain("Le proviseur, M. Bernard Faure-Dumas");

    await page.getByRole("link", { name: /Choisir un élève de la division 2A/ }).click();
    const first = pupils[0]!;
    const studentLink = page.getByRole("link", { name: `Fiche de dialogue ${deName(`${first.last_name} ${first.first_name}`)} (PDF)` });
    await expect(studentLink).toBeVisible();
    await expectNoA11yViolations(page);
    const one = await page.request.get((await studentLink.getAttribute("href"))!);
    expect(one.headers()["content-type"]).toBe("application/pdf");
    const oneText = extractPdfText(await one.body());
    expect(oneText.match(/Fiche de dialogue – Orientation/g)?.length).toBe(1);
    expect(oneText).toContain(`Élève : ${first.last_name.toUpperCase()} ${first.first_name}`);
  });

  test("R-SCH-14 / R-AUTH-1: a homeroom teacher prints their own division only; another division is a 404", async ({ page }) => {
    const pp3A = DEMO_ACCOUNTS.find((a) => a.role === "homeroom" && a.label.includes("3A"))!.login;
    await signIn(page, pp3A);
    await page.goto("/etablissement/fiche-dialogue");
    await expect(page.getByRole("link", { name: /Fiches de la division/ })).toHaveCount(1);
    const before = await databaseFingerprint();
    const own = await page.request.get(`/etablissement/fiche-dialogue/division/${await divisionId("3A")}`);
    expect(own.status()).toBe(200);
    for (const code of ["3B", "2A"]) {
      const res = await page.request.get(`/etablissement/fiche-dialogue/division/${await divisionId(code)}`);
      expect(res.status(), code).toBe(404);
    }
    const student2A = await withDb(
      async (c) =>
        (await c.query<{ id: string }>("select s.id from students s join divisions d on d.id = s.division_id where d.code = '2A' limit 1")).rows[0]!.id,
    );
    expect((await page.request.get(`/etablissement/fiche-dialogue/eleve/${student2A}`)).status()).toBe(404);
    expect((await page.goto(`/etablissement/fiche-dialogue?division=${await divisionId("3B")}`))?.status()).toBe(404);
    expect(await databaseFingerprint()).toEqual(before);
  });
});
