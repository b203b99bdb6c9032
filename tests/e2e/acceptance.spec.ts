import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { ADULT_FINAL_CHOICES_HEADING, ADULT_INTENTIONS_HEADING } from "@/lib/domain/adult-student";
import { expectNoA11yViolations, signIn } from "./support/fixtures";

/*
 * What a careful new user found (read-only: no row changed): the 404 page's shell, the académie's
 * title, the adult student's own wording. Accounts only read here.
 */

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const saioLogin = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const guardianLogin = DEMO_FAMILY.noEmail.guardians[1]!.login;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** One header (banner), one main, one footer (contentinfo), and the 404's heading. */
async function expectOneShell(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  await expect(page.locator("header")).toHaveCount(1);
  await expect(page.locator("main")).toHaveCount(1);
  await expect(page.locator("footer")).toHaveCount(1);
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
}

test("docs/security.md (R-AUTH-1): the 404 at the root shows one header and one footer", async ({ page }) => {
  const response = await page.goto("/cette-page-n-existe-pas");
  expect(response?.status()).toBe(404);
  await expectOneShell(page);
  await expectNoA11yViolations(page);
});

test("R-AUTH-1: a 404 inside a signed-in area (another family's file, an unknown address, another audience) shows one header and one footer", async ({
  page,
}) => {
  await signIn(page, guardianLogin);
  for (const url of [`/famille/eleves/${NO_SUCH_ID}`, "/famille/page-inconnue", "/etablissement", "/academie"]) {
    await page.goto(url);
    await expectOneShell(page);
  }
  await expectNoA11yViolations(page);
});

test("R-AUTH-1 / R-SCH-14: a 404 in the back-office shows one header and one footer", async ({ page }) => {
  await signIn(page, headLogin);
  for (const url of [`/etablissement/eleves/${NO_SUCH_ID}`, `/etablissement/divisions/${NO_SUCH_ID}`, "/famille"]) {
    await page.goto(url);
    await expectOneShell(page);
  }
});

test("R-AUTH-1: the SAIO's home names the académie once («Académie de Grenoble»)", async ({ page }) => {
  await signIn(page, saioLogin);
  await page.goto("/academie");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Académie de Grenoble");
  await expect(page.locator("body")).not.toContainText("Académie de Académie");
});

test("R-AUTH-4: the adult student's page speaks to them («Vos demandes»), not to guardians about their child", async ({ page }) => {
  await signIn(page, DEMO_FAMILY.adult.student.login);
  const escaped = (text: string) => new RegExp(text.replace(/[()/]/g, "\\$&"));
  for (const [step, heading] of [
    [1, ADULT_INTENTIONS_HEADING],
    [2, ADULT_FINAL_CHOICES_HEADING],
  ] as const) {
    await page.goto(`/eleve?etape=${step}`);
    await expect(page.getByRole("heading", { level: 1, name: "Mon orientation" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: escaped(heading) })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(/représentants légaux|votre enfant|responsables légaux/i);
  }
  await expectNoA11yViolations(page);
});
