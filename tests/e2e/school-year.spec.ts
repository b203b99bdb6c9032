import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * R-DATA-3 (and R-DATA-1's closed files): a head moves their school to the next school year once
 * the campaign is over, after a confirmation; the past year's students are read back, read-only,
 * and their fiches de dialogue still print.
 * Works on its own académie and collège, created here and removed afterwards (the demo's
 * académie has open windows, and the other specs need its schools in their year).
 */

const ACADEMY = "e2e-annee";
const UAI = "0389990Z";
const HEAD = "chef.e2e-annee";
let schoolYear = "";
let nextYear = "";
let studentId = "";

test.beforeAll(async () => {
  await withDb(async (c) => {
    await c.query(`insert into academies (id, name, sender_email) values ($1, 'Académie de test (année scolaire)', 'ce.orientation@ac-test.fr')`, [ACADEMY]);
    const school = await c.query<{ id: string; school_year: string }>(
      `insert into schools (uai, academy_id, name, address, postal_code, city, phone, email)
       values ($1, $2, 'Collège du Passage', '1 rue de la Rentrée', '38000', 'Grenoble', '04 76 00 00 00', 'ce.0389990z@ac-test.fr')
       returning id, school_year`,
      [UAI, ACADEMY],
    );
    const schoolId = school.rows[0]!.id;
    schoolYear = school.rows[0]!.school_year;
    const [a, b] = schoolYear.split("-").map(Number) as [number, number];
    nextYear = `${a + 1}-${b + 1}`;
    // The year's campaign is over: both windows of the 3e closed.
    await c.query(
      `insert into campaign_windows (academy_id, school_year, level, phase, opens_at, closes_at) values
       ($1, $2, '3e', 'provisional', now() - interval '60 days', now() - interval '40 days'),
       ($1, $2, '3e', 'final', now() - interval '20 days', now() - interval '10 days')`,
      [ACADEMY, schoolYear],
    );
    const division = await c.query<{ id: string }>(
      `insert into divisions (school_id, code, level, mef_code, mef_label) values ($1, '3A', '3e', '10310019110', '3EME') returning id`,
      [schoolId],
    );
    const student = await c.query<{ id: string }>(
      `insert into students (ine, school_id, division_id, last_name, first_name, birth_date)
       values ('099999999ZZ', $1, $2, 'N''Diaye', 'Aïssatou', '2012-05-04') returning id`,
      [schoolId, division.rows[0]!.id],
    );
    studentId = student.rows[0]!.id;
    // A demo-mode head (same password as the demo's accounts).
    await c.query(
      `insert into accounts (role, display_name, login, password_hash, school_id, demo)
       select 'head', 'Mme Agnès Rentrée', $1, password_hash, $2, true from accounts where login = 'admin'`,
      [HEAD, schoolId],
    );
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query(`delete from students where school_id in (select id from schools where uai = $1)`, [UAI]);
    await c.query(`delete from schools where uai = $1`, [UAI]);
    await c.query(`delete from academies where id = $1`, [ACADEMY]);
  });
});

test("R-DATA-3: the head closes the year after a confirmation; the past year's files are read back, read-only", async ({ page }) => {
  await signIn(page, HEAD);
  await page.goto("/etablissement/vie-etablissement");
  const section = page.getByRole("region", { name: `Année scolaire ${schoolYear}` });
  await expect(section).toContainText(`vous pouvez passer à l'année scolaire ${nextYear}`);
  await expectNoA11yViolations(page);

  await section.getByRole("button", { name: `Passer à l'année scolaire ${nextYear}` }).click();
  const warning = section.getByRole("alert");
  await expect(warning).toContainText(`Passer à l'année scolaire ${nextYear} ?`);
  await expect(warning).toContainText(`Les dossiers de l'année ${schoolYear} resteront consultables et imprimables`);
  // Nothing changed before the confirmation.
  expect((await withDb((c) => c.query(`select school_year from schools where uai = $1`, [UAI]))).rows[0].school_year).toBe(schoolYear);
  await warning.getByRole("button", { name: `Confirmer le passage à l'année ${nextYear}` }).click();
  await expect(page.getByText(`L'établissement est passé à l'année scolaire ${nextYear}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: `Année scolaire ${nextYear}` })).toBeVisible();

  // The home says the open year, and sends the head to the import for its divisions.
  await page.goto("/etablissement");
  await expect(page.getByText(`année scolaire ${nextYear}`, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(`Aucune division pour l'année scolaire ${nextYear} : importez les exports de Siècle`)).toBeVisible();

  // The new year's list is empty until the new import; the closed year is read back.
  await page.goto("/etablissement/eleves");
  await expect(page.getByRole("status").filter({ hasText: /élève/ })).toHaveText("0 élève");
  await page.getByLabel("Année scolaire", { exact: true }).selectOption(schoolYear);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText(`Année scolaire ${schoolYear} close`)).toBeVisible();
  await page
    .getByRole("link", { name: /N'Diaye/ })
    .first()
    .click();
  await page.waitForURL(`**/etablissement/eleves/${studentId}`);
  await expect(page.getByText("ce dossier reste consultable et imprimable mais ne peut plus être modifié")).toBeVisible();
  await expect(page.getByRole("button", { name: /Enregistrer|Valider/ })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // The closed year's fiches de dialogue are still printed.
  await page.goto("/etablissement/fiche-dialogue");
  await expect(page.getByText("Division 3A")).toHaveCount(0);
  await page.getByLabel("Année scolaire", { exact: true }).selectOption(schoolYear);
  await page.getByRole("button", { name: "Afficher" }).click();
  const pdfLink = page.getByRole("link", { name: /Fiches de la division 3A \(PDF, 1 page\)/ });
  await expect(pdfLink).toBeVisible();
  await expectNoA11yViolations(page);
  const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
});
