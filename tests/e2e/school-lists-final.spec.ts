import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";
import { idOfDivision, studentsOf, type E2eStudent } from "./support/school";

/*
 * The back-office's lists in the final phase (R-SCH-8, R-SCH-10, R-SCH-11): pictograms, the phase's
 * columns and filters, «Suivi des saisies TS» of the final phase and the exports, on students of
 * division 3B with final-phase facts written straight into the database (as the nightly transfer
 * and the school would). The family and sync specs' 3B students are left alone, and every row
 * written here is deleted in afterAll.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const homeroom3ALogin = DEMO_ACCOUNTS.find((a) => a.role === "homeroom" && a.label.includes("3A"))!.login;

const CHOSEN = new Date("2027-05-20T08:00:00Z"); // 10:00 Paris
const PUBLISHED = new Date("2027-06-10T16:30:00Z"); // 18:30 Paris
const ANSWERED = new Date("2027-06-12T07:15:00Z"); // 09:15 Paris

let division3B: string;
let answered: E2eStudent; // TS final choices, proposals published, accepted, the other guardian disagrees (entered by the school), à informer
let waiting: E2eStudent; // TS final choices, proposals published, no answer yet
let fixtureIds: string[];

async function finalChoicesWithProposals(s: E2eStudent): Promise<string[]> {
  return withDb(async (c) => {
    const items = [1, 2].map((rank) => ({
      rank,
      track: rank === 1 ? "2GT" : "CAP",
      subTrack: "",
      freeText: null,
      statusSchool: false,
      statusApprentice: false,
      specialties: [],
      stagePasserelle: false,
    }));
    await c.query(
      `insert into school_family_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at)
       values ($1, 'final', 1, $2::jsonb, $3, $4, $4)`,
      [s.id, JSON.stringify(items), s.guardians[0]!.name, CHOSEN],
    );
    await c.query("begin");
    const req = await c.query<{ id: string }>(
      `insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values ($1, 'final', 'family', $2, $3) returning id`,
      [s.id, s.guardians[0]!.name, CHOSEN],
    );
    const choices = await c.query<{ id: string; rank: number; track: string }>(
      `insert into school_request_items (request_id, rank, track) values ($1, 1, '2GT'), ($1, 2, 'CAP') returning id, rank, track`,
      [req.rows[0]!.id],
    );
    await c.query("commit");
    const ids: string[] = [];
    for (const ch of choices.rows.sort((a, b) => a.rank - b.rank)) {
      const p = await c.query<{ id: string }>(
        `insert into council_proposals (student_id, kind, choice_item_id, rank, track, answer, motivation, entered_at, entered_by_name, updated_at, published_at)
         values ($1, 'answer_to_choice', $2, $3, $4, $5, $6, $7, 'M. Le Principal', $7, $8) returning id`,
        [s.id, ch.id, ch.rank, ch.track, ch.rank === 1 ? "no" : "yes", ch.rank === 1 ? "Résultats insuffisants" : null, CHOSEN, PUBLISHED],
      );
      ids.push(p.rows[0]!.id);
    }
    return ids;
  });
}

test.beforeAll(async () => {
  division3B = await idOfDivision("3B");
  const all = await studentsOf("3B", [DEMO_FAMILY.student3B.student.ine]);
  // The sync spec takes the first 3B student whose two guardians have an address: keep clear of it.
  const syncStudent = all.find((s) => s.guardians.length === 2 && s.guardians.every((g) => g.email));
  const pool = all.filter((s) => s.id !== syncStudent?.id && s.guardians.length === 2 && s.guardians.every((g) => g.email)).reverse();
  [answered, waiting] = pool as [E2eStudent, E2eStudent];
  fixtureIds = [answered.id, waiting.id];

  const [, accepted] = await finalChoicesWithProposals(answered);
  await finalChoicesWithProposals(waiting);
  await withDb(async (c) => {
    await c.query(
      `insert into school_family_answers (student_id, source, kind, accepted_proposal_ids, answered_by_name, answered_at, received_at)
       values ($1, 'family', 'accept', array[$2]::uuid[], $3, $4, $4)`,
      [answered.id, accepted, answered.guardians[0]!.name, ANSWERED],
    );
    await c.query(
      `insert into school_agreements (student_id, guardian_id, source, agrees, answered_by_name, answered_at, received_at)
       select $1, sg.guardian_id, 'school', false, 'M. Le Principal', $2, $2 from student_guardians sg where sg.student_id = $1 and sg.rank = 2`,
      [answered.id, ANSWERED],
    );
    await c.query(`insert into school_family_to_inform (student_id, phase, to_inform, flagged_at) values ($1, 'final', true, now())`, [answered.id]);
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    for (const table of ["school_agreements", "school_family_answers", "council_proposals"]) {
      await c.query(`delete from ${table} where student_id = any($1::uuid[])`, [fixtureIds]);
    }
    for (const table of ["school_family_to_inform", "school_requests", "school_family_entries"]) {
      await c.query(`delete from ${table} where student_id = any($1::uuid[]) and phase = 'final'`, [fixtureIds]);
    }
  });
});

test("R-SCH-8 / R-SCH-10: final phase — the head's list shows the final columns and pictograms of each student", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3B}&phase=final`);
  await expect(page.getByRole("heading", { level: 1, name: "Liste des élèves" })).toBeVisible();
  const headers = await page.locator("thead th").allTextContents();
  expect(headers).toEqual(
    expect.arrayContaining(["Choix définitifs de la famille", "Propositions du conseil de classe", "Réponse de la famille", "Accord des représentants légaux"]),
  );
  expect(headers).not.toContain("Avis provisoires du conseil de classe");

  const row = page.locator(`tr[data-student="${answered.ine}"]`);
  await expect(row.locator("[data-badge=final_ts]")).toContainText(
    `Choix définitifs saisis en ligne (TS) par ${answered.guardians[0]!.name} le 20/05/2027 à 10:00`,
  );
  await expect(row.locator("[data-badge=proposals]")).toContainText("Propositions du conseil de classe saisies, publiées à la famille le 10/06/2027 à 18:30");
  await expect(row.locator("[data-badge=answer_accepted]")).toContainText(
    `Réponse de la famille : proposition(s) acceptée(s), saisie en ligne (TS) par ${answered.guardians[0]!.name} le 12/06/2027 à 09:15`,
  );
  await expect(row.locator("[data-badge=agreement_refused]")).toContainText(`Désaccord avec la réponse : ${answered.guardians[1]!.name}`);
  await expect(row.locator("[data-badge=final_family_to_inform]")).toBeVisible();
  await expect(row).toContainText("Non : 2de générale et technologique ou 2de STHR – Résultats insuffisants");

  const other = page.locator(`tr[data-student="${waiting.ine}"]`);
  await expect(other.locator("[data-badge=answer_awaited]")).toContainText("Réponse de la famille aux propositions du conseil de classe attendue");
  await expectNoA11yViolations(page);
});

test("R-SCH-10: final phase — the head filters on «Réponse de la famille : attendue»; a forged filter value is ignored", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3B}&phase=final`);
  await page.getByLabel("Réponse de la famille").selectOption({ label: "Attendue (propositions publiées)" });
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/reponse=attendue/);
  await expect(page.getByRole("status").filter({ hasText: "1 élève" })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator(`tr[data-student="${waiting.ine}"]`)).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel("Réponse de la famille").selectOption({ label: "Proposition(s) acceptée(s)" });
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator(`tr[data-student="${answered.ine}"]`)).toBeVisible();

  // An unknown value is not a filter: the whole division is listed.
  await page.goto(`/etablissement/eleves?division=${division3B}&phase=final&reponse=nimporte`);
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(2);
  await expect(page.getByLabel("Réponse de la famille")).toHaveValue("");
});

test("R-SCH-11: final phase — «Suivi des saisies TS» lists the family with published proposals and no answer, with the guardians' e-mails", async ({
  page,
}) => {
  await signIn(page, headLogin);
  await page.goto("/etablissement/suivi-ts?phase=final");
  await expect(page.getByRole("heading", { level: 1, name: "Suivi des saisies TS" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Phase définitive : choix et réponses" })).toHaveAttribute("aria-current", "page");
  const table = page.locator("[data-follow-up-table=unanswered]");
  const line = table.locator("tr").filter({ hasText: `${waiting.lastName} ${waiting.firstName}` });
  await expect(line).toContainText(`${waiting.guardians[0]!.name} – ${waiting.guardians[0]!.email}`);
  await expect(line).toContainText("Propositions publiées le 10/06/2027 à 18:30");
  await expect(table).not.toContainText(`${answered.lastName} ${answered.firstName}`);
  // Families without final choices: the fixtures' students are not among them.
  const none = page.locator("[data-follow-up-table=no-choices]");
  await expect(none).not.toContainText(`${waiting.lastName} ${waiting.firstName}`);
  await expectNoA11yViolations(page);

  // R-SCH-14: a homeroom teacher of 3A does not see 3B's families.
  await signOut(page);
  await signIn(page, homeroom3ALogin);
  await page.goto("/etablissement/suivi-ts?phase=final");
  await expect(page.locator("[data-follow-up=unanswered]")).toHaveText("Aucune famille n'attend de répondre aux propositions du conseil de classe.");
});

test("R-SCH-10: final phase — the export (XLSX, CSV) of the filtered list carries the final choices, proposals, answer and agreements", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3B}&phase=final&reponse=acceptee`);
  const screenHeaders = await page.locator("thead th").allTextContents();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter la liste (XLSX)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^liste-eleves-phase-definitive-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.getWorksheet("Élèves")!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  // Same columns as the screen of the final phase.
  expect(headers).toEqual(screenHeaders);
  const col = (h: string) => headers.indexOf(h) + 1;
  expect(ws.rowCount).toBe(2);
  const row = ws.getRow(2);
  expect(row.getCell(col("INE")).value).toBe(answered.ine);
  expect(row.getCell(col("Choix définitifs de la famille")).value).toBe("1 : 2de générale et technologique ou 2de STHR\n2 : 1re année de CAP");
  expect(row.getCell(col("Réponse de la famille")).value).toBe(
    `Accepte : 1re année de CAP (saisie en ligne (TS) par ${answered.guardians[0]!.name} le 12/06/2027 à 09:15)`,
  );
  expect(row.getCell(col("Accord des représentants légaux")).value).toBe(
    `${answered.guardians[1]!.name} : pas d'accord (saisi par l'établissement (M. Le Principal) le 12/06/2027 à 09:15)`,
  );

  const csv = await page.request.get(`/etablissement/export?format=csv&division=${division3B}&phase=final&reponse=attendue`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"${waiting.ine}"`);
  expect(lines[1]).toContain('"Non : 2de générale et technologique ou 2de STHR – Résultats insuffisants\nOui : 1re année de CAP"');
});
