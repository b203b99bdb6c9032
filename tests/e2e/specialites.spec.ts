import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { buildDemoData, DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * R-2GT-4: the lycée's «Enseignements de spécialité demandés» (R-SCH-12, R-SCH-14). The demo data
 * may hold any number of requests: the spec enters one of its own (a 2de GT student with nothing
 * entered yet), checks that the totals grew by exactly that entry, that the downloads say what the
 * page says, and deletes its entry afterwards.
 */
const lyceeHead = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Lycée"))!.login;
const collegeHead = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const lycee = buildDemoData().schools.find((s) => s.key === "champollion")!;
const pp2A = lycee.divisions.find((d) => d.code === "2A")!.homeroom.login;

// Ranked by the family: Sciences de l'ingénieur is not offered by Champollion (hors établissement), hence a 5th.
const SPECIALTIES = ["MATHS", "SI", "PC", "SES", "HLP"];
const LABELS = ["Mathématiques", "Sciences de l'ingénieur", "Physique-chimie", "Sciences économiques et sociales", "Humanités, littérature et philosophie"];

let student: { id: string; ine: string; lastName: string; firstName: string; division: string; requestId?: string };

test.beforeAll(async () => {
  student = await withDb(async (c) => {
    const r = await c.query<{ id: string; ine: string; last_name: string; first_name: string; code: string }>(
      `select s.id, s.ine, s.last_name, s.first_name, d.code from students s join divisions d on d.id = s.division_id
        where d.school_id = (select id from schools where uai = $1) and d.level = '2GT' and s.out_of_procedure_reason is null
          and not exists (select 1 from school_requests r where r.student_id = s.id and r.phase = 'provisional')
          and not exists (select 1 from school_family_entries e where e.student_id = s.id and e.phase = 'provisional')
        order by d.code, s.ine limit 1`,
      [lycee.uai],
    );
    const s = r.rows[0]!;
    return { id: s.id, ine: s.ine, lastName: s.last_name, firstName: s.first_name, division: s.code };
  });
});

test.afterAll(async () => {
  if (student?.requestId) await withDb((c) => c.query("delete from school_requests where id = $1", [student.requestId]));
});

/** The school's entry of the student's intentions: 1re technologique STMG, then the 1re générale with its ranked spécialités. */
async function enterRequest() {
  student.requestId = await withDb(async (c) => {
    await c.query("begin");
    const r = await c.query<{ id: string }>(
      "insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values ($1, 'provisional', 'school', 'Test e2e', now()) returning id",
      [student.id],
    );
    const id = r.rows[0]!.id;
    await c.query("insert into school_request_items (request_id, rank, track, sub_track) values ($1, 1, '1T', 'STMG')", [id]);
    await c.query("insert into school_request_items (request_id, rank, track, specialties) values ($1, 2, '1G', $2::text[])", [id, SPECIALTIES]);
    await c.query("commit");
    return id;
  });
}

/** The totals table as numbers: spécialité label → [rank 1…5, total]; and the footer rows. */
async function totals(page: Page): Promise<Record<string, number[]>> {
  const table = page.locator("table[data-specialty-totals]");
  const out: Record<string, number[]> = {};
  for (const row of await table.locator("tbody tr, tfoot tr").all()) {
    const head = (await row.locator("th").textContent())!.trim();
    const cells = await row.locator("td").allTextContents();
    out[head] = cells.filter((c) => /^\d+$/.test(c.trim())).map(Number);
  }
  return out;
}

test("R-2GT-4: the head of the lycée reads the spécialités requested, per student in rank order and in totals, and downloads them", async ({ page }) => {
  await signIn(page, lyceeHead);
  await page.getByRole("link", { name: "Enseignements de spécialité demandés" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enseignements de spécialité demandés" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Phase provisoire : intentions" })).toHaveAttribute("aria-current", "page");
  const before = await totals(page);

  await enterRequest();
  await page.reload();
  await expectNoA11yViolations(page);
  const after = await totals(page);
  // Exactly this entry was added: each spécialité at its rank, SI marked «hors établissement».
  LABELS.forEach((label, i) => {
    const was = before[label] ?? [0, 0, 0, 0, 0, 0];
    const expected = was.map((n, j) => n + (j === i || j === 5 ? 1 : 0));
    expect(after[label], label).toEqual(expected);
  });
  expect(after["Total par rang"]).toEqual(before["Total par rang"]!.map((n, j) => n + (j === 5 ? 5 : 1)));
  expect(after["dont hors établissement"]).toEqual(before["dont hors établissement"]!.map((n, j) => n + (j === 1 || j === 5 ? 1 : 0)));
  const siRow = page.locator("table[data-specialty-totals] tr[data-specialty='SI']");
  await expect(siRow.getByRole("cell").first()).toHaveText("Non (hors établissement)");

  const row = page.locator(`table[data-specialty-students] tr[data-student='${student.ine}']`);
  await expect(row.getByRole("rowheader")).toHaveText(`${student.lastName} ${student.firstName}`);
  const cells = await row.getByRole("cell").allTextContents();
  expect(cells.slice(0, 3)).toEqual([student.ine, student.division, "2 sur 2"]);
  expect(cells.slice(3, 8)).toEqual(LABELS.map((l) => (l === "Sciences de l'ingénieur" ? `${l}(hors établissement)` : l)));
  expect(cells[8]).toMatch(/^Saisie par l'établissement \(Test e2e\) le /);

  // XLSX: the students' sheet and the totals' sheet, as on the page.
  const studentCount = await page.locator("table[data-specialty-students] tbody tr").count();
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger (XLSX)" }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^specialites-phase-provisoire-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Élèves", "Totaux"]);
  const ws = wb.getWorksheet("Élèves")!;
  expect(ws.rowCount).toBe(studentCount + 1);
  const xrow = ws.getRows(2, studentCount)!.find((r) => r.getCell(3).value === student.ine)!;
  expect([6, 7, 8, 9, 10].map((i) => xrow.getCell(i).value)).toEqual(LABELS.map((l) => (l === "Sciences de l'ingénieur" ? `${l} (hors établissement)` : l)));
  const tws = wb.getWorksheet("Totaux")!;
  const maths = tws.getRows(2, tws.rowCount - 1)!.find((r) => r.getCell(1).value === "Mathématiques")!;
  expect([3, 4, 5, 6, 7, 8].map((i) => maths.getCell(i).value)).toEqual(after["Mathématiques"]);

  // CSV: the students, one blank line, the totals.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger (CSV)" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^specialites-phase-provisoire-\d{4}-\d{2}-\d{2}\.csv$/);
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile(await csv.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  const blank = lines.indexOf("");
  expect(blank).toBe(studentCount + 1);
  expect(lines.find((l) => l.includes(student.ine))).toContain(
    `"2 sur 2";${LABELS.map((l) => `"${l}${l === "Sciences de l'ingénieur" ? " (hors établissement)" : ""}"`).join(";")}`,
  );
  expect(lines).toContain(`"Total par rang";"";${after["Total par rang"]!.map((n) => `"${n}"`).join(";")}`);
});

test("R-2GT-4: the final phase shows 3 ranks; the division filter keeps the division's students", async ({ page }) => {
  await signIn(page, lyceeHead);
  await page.goto("/etablissement/specialites");
  await page.getByLabel("Division", { exact: true }).selectOption({ label: student.division });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.locator(`tr[data-student='${student.ine}']`)).toHaveCount(student.requestId ? 1 : 0);
  const divisions = await page.locator("table[data-specialty-students] tbody tr td:nth-of-type(2)").allTextContents();
  expect(new Set(divisions).size).toBeLessThanOrEqual(1);

  await page.getByRole("link", { name: "Phase définitive : choix définitifs" }).click();
  await expect(page.getByRole("link", { name: "Phase définitive : choix définitifs" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Division", { exact: true })).toHaveValue(/.+/);
  const headers = await page.locator("table[data-specialty-totals] thead th").allTextContents();
  expect(headers).toEqual(["Enseignement de spécialité", "Proposé dans l'établissement", "Rang 1", "Rang 2", "Rang 3", "Total"]);
  await expectNoA11yViolations(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test("R-2GT-4: the page fits a 375 px wide screen (the tables scroll in their own region)", async ({ page }) => {
    await signIn(page, lyceeHead);
    await page.goto("/etablissement/specialites");
    await expect(page.getByRole("region", { name: "Totaux par enseignement de spécialité et par rang" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test("R-SCH-14: the professeur principal of 2A chooses among their divisions only", async ({ page }) => {
  await signIn(page, pp2A);
  await page.getByRole("link", { name: "Enseignements de spécialité demandés" }).click();
  // Retrying assertions: the page may still be loading when the click returns.
  await expect(page.getByRole("heading", { level: 1, name: "Enseignements de spécialité demandés" })).toBeVisible();
  await expect(page.getByLabel("Division", { exact: true }).locator("option")).toHaveText(["Toutes", "2A"]);
  const divisions = await page.locator("table[data-specialty-students] tbody tr td:nth-of-type(2)").allTextContents();
  expect(divisions.every((d) => d === "2A")).toBe(true);
  await expectNoA11yViolations(page);
});

test("R-2GT-4: a collège has no such page: no menu entry, a sentence, and no export", async ({ page }) => {
  await signIn(page, collegeHead);
  await expect(page.getByRole("link", { name: "Enseignements de spécialité demandés" })).toHaveCount(0);
  await page.goto("/etablissement/specialites");
  await expect(page.getByText("Votre établissement n'a pas de division de 2de générale et technologique")).toBeVisible();
  expect((await page.request.get("/etablissement/specialites/export?format=csv")).status()).toBe(404);
});
