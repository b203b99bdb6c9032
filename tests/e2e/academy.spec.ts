import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { CAMPAIGN_CLOSED_MESSAGE } from "@/lib/domain/calendar";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";
import { baseURL } from "./support/ports";

/*
 * R-CAL-1, R-INT-5, R-2GT-5, R-FIN-11: the saio sets the campaign calendar and the académie parameters. Works on the
 * 2GT calendar only (the lycée) and puts back what it changed, so other spec files are unaffected.
 */
const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const lyceeChild = DEMO_FAMILY.siblings[1];
const siblingsGuardian = DEMO_FAMILY.siblings[0].guardians[0]!.login;

const FIELDS = {
  provisionalOpensAt: "Ouverture de la phase provisoire (intentions)",
  provisionalClosesAt: "Fermeture de la phase provisoire (intentions)",
  finalOpensAt: "Ouverture de la phase définitive (choix définitifs)",
  finalClosesAt: "Fermeture de la phase définitive (choix définitifs)",
} as const;
type Values = Record<keyof typeof FIELDS, string>;

const lyceeForm = (page: Page) => page.getByRole("form", { name: "Palier 2de générale et technologique" });

async function readValues(page: Page): Promise<Values> {
  const form = lyceeForm(page);
  const out = {} as Values;
  for (const [k, label] of Object.entries(FIELDS)) out[k as keyof Values] = await form.getByLabel(label).inputValue();
  return out;
}
async function fillValues(page: Page, v: Partial<Values>) {
  const form = lyceeForm(page);
  for (const [k, value] of Object.entries(v)) await form.getByLabel(FIELDS[k as keyof Values]).fill(value);
  await form.getByRole("button", { name: /Enregistrer le calendrier/ }).click();
}
/** Yesterday morning (Paris wall clock): the demo's 2GT final phase, open today, opened weeks before (lib/db/demo-progress.ts). */
function yesterdayMorning(): string {
  const d = new Date(Date.now() - 86400000).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).slice(0, 10);
  return `${d}T07:00`;
}

test.describe("académie: campaign calendar and parameters", () => {
  test("R-CAL-1 / R-CAL-2: the saio closes the 2de GT final window and the family page follows, then restores it", async ({ page }) => {
    await signIn(page, saio);
    await page.goto("/academie/calendrier");
    await expect(page.getByRole("heading", { level: 1, name: /Calendrier de la campagne/ })).toBeVisible();
    await expectNoA11yViolations(page);
    const original = await readValues(page);
    expect(original.provisionalOpensAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

    // The demo's 2GT provisional phase is over and its final phase open: closing the final one yesterday closes the lycée's campaign.
    const closes = yesterdayMorning();
    await fillValues(page, { finalClosesAt: closes });
    await expect(lyceeForm(page).getByRole("status")).toHaveText("Le calendrier Palier 2de générale et technologique est enregistré.");
    const saved = await withDb((c) =>
      c.query<{ closes: string }>(
        "select to_char(closes_at at time zone 'Europe/Paris', 'YYYY-MM-DD\"T\"HH24:MI') as closes from campaign_windows where level = '2GT' and phase = 'final'",
      ),
    );
    expect(saved.rows[0]!.closes).toBe(closes); // Paris wall-clock time kept as typed
    await signOut(page);

    // The guardian of a collège child and a lycée child: only the lycée's campaign is closed now.
    await signIn(page, siblingsGuardian);
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: `${lyceeChild.student.firstName} ${lyceeChild.student.lastName}` }) });
    await expect(card.getByText(CAMPAIGN_CLOSED_MESSAGE)).toBeVisible();
    await expect(card.getByRole("heading", { name: "Calendrier du service en ligne" })).toBeVisible();
    const collegeCard = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: `${DEMO_FAMILY.siblings[0].student.firstName} ${DEMO_FAMILY.siblings[0].student.lastName}` }) });
    await expect(collegeCard.getByText(CAMPAIGN_CLOSED_MESSAGE)).toHaveCount(0);
    await signOut(page);

    await signIn(page, saio);
    await page.goto("/academie/calendrier");
    await fillValues(page, original);
    await expect(lyceeForm(page).getByRole("status")).toBeVisible();
    await signOut(page);
    await signIn(page, siblingsGuardian);
    await expect(page.getByText(CAMPAIGN_CLOSED_MESSAGE)).toHaveCount(0);
  });

  test("R-CAL-1: an inconsistent calendar is refused with the reason on the field, and nothing is saved", async ({ page }) => {
    await signIn(page, saio);
    await page.goto("/academie/calendrier");
    const original = await readValues(page);
    await fillValues(page, { finalOpensAt: original.provisionalOpensAt });
    const form = lyceeForm(page);
    await expect(form.getByRole("alert")).toHaveText("Le calendrier n'est pas cohérent.");
    const field = form.getByLabel(FIELDS.finalOpensAt);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("La phase définitive doit s'ouvrir après la fermeture de la phase provisoire.")).toBeVisible();
    await expectNoA11yViolations(page);
    await page.reload();
    expect(await readValues(page)).toEqual(original);
  });

  test("R-FIN-11 / R-2GT-5 / R-INT-5: the saio sets the académie parameters; a bad deadline is refused", async ({ page }) => {
    await signIn(page, saio);
    await page.goto("/academie/parametres");
    await expect(page.getByRole("heading", { level: 1, name: "Paramètres académiques" })).toBeVisible();
    await expectNoA11yViolations(page);
    const deadline = page.getByLabel(/Délai d'appel/);
    await deadline.fill("31");
    // The browser's own check would stop the form first; bypass it to prove the server refuses too.
    await page.locator("main form").evaluate((f) => f.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByText("Le délai d'appel ne peut pas dépasser 30 jours ouvrables.")).toBeVisible();

    await deadline.fill("4");
    await page.getByLabel("Permettre de demander un stage passerelle en ligne").check();
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByRole("status")).toHaveText("Les paramètres de l'académie sont enregistrés.");
    const row = await withDb((c) => c.query<{ d: number; s: boolean }>("select appeal_deadline_working_days as d, allow_stage_passerelle as s from academies"));
    expect(row.rows[0]).toEqual({ d: 4, s: true });

    // Put the demo values back.
    await deadline.fill("3");
    await page.getByLabel("Permettre de demander un stage passerelle en ligne").uncheck();
    await page.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(page.getByRole("status")).toBeVisible();
  });

  test("R-CAL-1: the saio can prepare the next school year's calendar; dates outside that year are refused", async ({ page }) => {
    await signIn(page, saio);
    await page.goto("/academie/calendrier");
    const next = page.getByRole("navigation", { name: "Année scolaire" }).getByRole("link").nth(1);
    const year = (await next.textContent())!.replace("Année scolaire ", "");
    await next.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Calendrier de la campagne ${year}`);
    const start = Number(year.slice(0, 4));
    await fillValues(page, {
      provisionalOpensAt: `${start}-08-20T08:00`,
      provisionalClosesAt: `${start + 1}-03-01T18:00`,
      finalOpensAt: `${start + 1}-04-01T08:00`,
      finalClosesAt: `${start + 1}-05-30T18:00`,
    });
    await expect(lyceeForm(page).getByText(`L'ouverture de la phase provisoire doit être comprise dans l'année scolaire ${year}.`)).toBeVisible();
    const rows = await withDb((c) => c.query("select 1 from campaign_windows where school_year = $1", [year]));
    expect(rows.rowCount).toBe(0);
  });

  test("R-AUTH-1: the calendar action asks the policy before reading the input: a head's malformed call is a 404, the saio's gets field errors", async ({
    page,
    browser,
  }) => {
    await signIn(page, saio);
    await page.goto("/academie/calendrier");
    const original = await readValues(page);
    // An inconsistent calendar: refused, nothing saved; its HTTP request names the action.
    const captured = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await fillValues(page, { finalOpensAt: original.provisionalOpensAt });
    const real = await captured;
    await expect(lyceeForm(page).getByRole("alert")).toBeVisible();

    const malformed = JSON.stringify([{ schoolYear: "2026", level: "1re" }]);
    async function postAs(login: string, b: Browser, request: Request): Promise<{ status: number; text: string }> {
      const context = await b.newContext();
      await signIn(await context.newPage(), login);
      const headers = Object.fromEntries(
        Object.entries(request.headers()).filter(([k]) => !["cookie", "content-length", "content-type"].includes(k.toLowerCase())),
      );
      const res = await context.request.post(request.url(), {
        headers: { ...headers, origin: new URL(baseURL).origin, "content-type": "text/plain;charset=UTF-8" },
        data: malformed,
      });
      const out = { status: res.status(), text: await res.text() };
      await context.close();
      return out;
    }
    const bySaio = await postAs(saio, browser, real);
    expect(bySaio.status).toBe(200);
    expect(bySaio.text).toContain("INVALID_INPUT");
    const byHead = await postAs(DEMO_ACCOUNTS.find((a) => a.role === "head")!.login, browser, real);
    expect(byHead.status).toBe(404);
    expect(byHead.text).not.toContain("INVALID_INPUT");
    await page.reload();
    expect(await readValues(page)).toEqual(original);
  });

  test("R-AUTH-1: the calendar and parameters pages are the saio's only", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.find((a) => a.role === "head")!.login);
    for (const path of ["/academie/calendrier", "/academie/parametres"]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
    }
  });
});
