import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { RESOURCES_URL_INVALID_MESSAGE } from "@/lib/domain/academy-parameters";
import { PROCEDURE_NOTICE } from "@/lib/domain/intentions";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";

/*
 * R-OVS-5: the family pages' guidance in French, English and Arabic, chosen by the family (and by
 * the student), the French text one click away; the family home's phases and the académie's
 * resource and assistance pages. Works on one 3A family and one 3A student, read-only for their
 * files; puts back every account's language and the académie's pages (other specs read the same DB).
 */
const guardian = DEMO_FAMILY.student3A.guardians[0]!.login;
const student = DEMO_FAMILY.student3A.student.login;
const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;

const languageForm = (page: Page) => page.getByRole("group", { name: /Langue de l'aide/ });
async function choose(page: Page, name: "Français" | "English" | "العربية") {
  const url = page.url();
  await languageForm(page).getByRole("button", { name, exact: true }).click();
  await expect(languageForm(page).getByRole("button", { name, exact: true })).toHaveAttribute("aria-pressed", "true");
  expect(page.url()).toBe(url); // the page is kept
}
async function resetLocales() {
  await withDb((c) => c.query("update accounts set locale = 'fr' where login = any($1)", [[guardian, student]]));
}

test.afterAll(resetLocales);

test("R-OVS-5: a guardian reads the guidance in English, then in Arabic right to left, the French text one click away, then back in French", async ({
  page,
}) => {
  await signIn(page, guardian);
  await expect(page.getByRole("heading", { level: 1, name: "Orientation de mes enfants" })).toBeVisible();
  // French by default: the phases of the campaign, with their dates.
  await expect(page.getByRole("heading", { level: 3, name: "Calendrier du service en ligne" }).first()).toBeVisible();
  await expect(page.getByText(/^Phase provisoire : vous saisissez les intentions/).first()).toBeVisible();
  await expect(languageForm(page).getByRole("button", { name: "Français", exact: true })).toHaveAttribute("aria-pressed", "true");

  await choose(page, "English");
  await expect(page.getByRole("heading", { level: 3, name: "Calendar of the online service" }).first()).toBeVisible();
  const phase = page.locator('[data-guidance="en"]').filter({ hasText: "Provisional phase: you enter" }).first();
  await expect(phase).toHaveAttribute("lang", "en");
  await phase.getByText("Official French text").click();
  await expect(phase.getByText(/^Phase provisoire : vous saisissez les intentions/)).toBeVisible();
  await expect(page.locator("[data-phase-state]").first()).toHaveText(/^(Open now, until|Upcoming: from|Closed: from|Dates not yet published)/);
  await expectNoA11yViolations(page);
  expect((await withDb((c) => c.query<{ locale: string }>("select locale from accounts where login = $1", [guardian]))).rows[0]!.locale).toBe("en");

  // The child's page: the note of the procedure in English, its French text one click away.
  await page
    .getByRole("link", { name: /Voir la procédure d'orientation/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Orientation d/ })).toBeVisible();
  const note = page.locator('[data-guidance="en"]').filter({ hasText: "Please note:" });
  await expect(note).toBeVisible();
  await expect(note.locator("p").first()).toContainText("Please note: This dialogue procedure does not apply");
  await expect(note.getByText(PROCEDURE_NOTICE)).toBeHidden();
  await note.getByText("Official French text").click();
  await expect(note.getByText(PROCEDURE_NOTICE)).toBeVisible();
  await expect(note.locator('p[lang="fr"]')).toContainText(PROCEDURE_NOTICE);
  await expect(page.getByRole("navigation", { name: "Étapes de la procédure d'orientation" }).locator('[lang="en"]').first()).toHaveText(/^To do: /);
  await expectNoA11yViolations(page);

  // Arabic: the guidance blocks are laid out right to left.
  await choose(page, "العربية");
  const arNote = page.locator('[data-guidance="ar"]').filter({ hasText: "ملاحظة" });
  await expect(arNote).toHaveAttribute("dir", "rtl");
  await expect(arNote).toHaveAttribute("lang", "ar");
  await arNote.getByText("النص الرسمي بالفرنسية").click();
  await expect(arNote.locator('p[lang="fr"][dir="ltr"]')).toContainText(PROCEDURE_NOTICE);
  await expectNoA11yViolations(page);

  // One click back to French, on the same page.
  await choose(page, "Français");
  await expect(page.getByText("À noter :").first()).toBeVisible();
  await expect(page.getByText(PROCEDURE_NOTICE).first()).toBeVisible();
  await expect(page.locator("[data-guidance]")).toHaveCount(0);
  await expectNoA11yViolations(page);
  expect((await withDb((c) => c.query<{ locale: string }>("select locale from accounts where login = $1", [guardian]))).rows[0]!.locale).toBe("fr");
});

test("R-OVS-5: the language is chosen without JavaScript too, and a student chooses on their own page", async ({ page, browser }) => {
  await signIn(page, student);
  await expect(page.getByRole("heading", { level: 1, name: "Mon orientation" })).toBeVisible();
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const p = await noJs.newPage();
    await p.goto("/eleve");
    await languageForm(p).getByRole("button", { name: "English", exact: true }).click();
    await expect(p.locator('[data-guidance="en"]').filter({ hasText: "Please note:" })).toBeVisible();
    await expect(p).toHaveURL(/\/eleve/);
  } finally {
    await noJs.close();
  }
  expect((await withDb((c) => c.query<{ locale: string }>("select locale from accounts where login = $1", [student]))).rows[0]!.locale).toBe("en");
  // The guardian's account is untouched by the student's choice.
  expect((await withDb((c) => c.query<{ locale: string }>("select locale from accounts where login = $1", [guardian]))).rows[0]!.locale).toBe("fr");
  await page.reload();
  await expectNoA11yViolations(page);
  await choose(page, "Français");
  await expect(page.getByText("À noter :").first()).toBeVisible();
});

test("R-OVS-5: the saio sets the académie's resource and assistance pages, and the family home links them", async ({ page }) => {
  const original = (
    await withDb((c) => c.query<{ r: string; a: string }>("select resources_url as r, assistance_url as a from academies where id = 'grenoble'"))
  ).rows[0]!;
  try {
    await signIn(page, saio);
    await page.goto("/academie/parametres");
    const resources = page.getByLabel("Page de ressources sur l'orientation", { exact: true });
    const assistance = page.getByLabel("Page d'assistance aux familles", { exact: true });
    await expect(resources).toHaveValue(original.r);
    await resources.fill("http://www.ac-grenoble.fr/orientation");
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByText(RESOURCES_URL_INVALID_MESSAGE)).toBeVisible();
    await expect(resources).toHaveAttribute("aria-invalid", "true");
    await expectNoA11yViolations(page);

    await resources.fill("https://www.ac-grenoble.fr/guide-orientation-e2e");
    await assistance.fill("");
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByRole("status")).toHaveText("Les paramètres de l'académie sont enregistrés.");
    await signOut(page);

    await signIn(page, guardian);
    const help = page.getByRole("region", { name: "Aide et ressources de l'académie" });
    await expect(help.getByRole("link", { name: "Ressources sur l'orientation" })).toHaveAttribute("href", "https://www.ac-grenoble.fr/guide-orientation-e2e");
    await expect(help.getByRole("link", { name: "Assistance aux familles" })).toHaveCount(0); // not set: no link
    await expectNoA11yViolations(page);
    await choose(page, "English");
    await expect(page.getByRole("region", { name: "Help and resources from the académie" }).getByRole("link", { name: "Resources on guidance" })).toBeVisible();
    await choose(page, "Français");
  } finally {
    await withDb((c) => c.query("update academies set resources_url = $1, assistance_url = $2 where id = 'grenoble'", [original.r, original.a]));
    await resetLocales();
  }
});
