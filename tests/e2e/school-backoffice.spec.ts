import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { expectNoA11yViolations, mailbox, signIn, withDb } from "./support/fixtures";
import { idOfDivision, receiveFamilyEntry, studentsOf, type E2eStudent } from "./support/school";
import { OPEN_COUNCIL_BUTTON, openCouncil, openCouncilDialog } from "./support/council";
import { deName } from "@/lib/domain/person-name";

/*
 * The back-office of the provisional phase (R-SCH-1 … R-SCH-14), walked by the collège's head on division 3C
 * (the family and sync specs work on 3A and 3B). The steps depend on each other: serial.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const homeroom3ALogin = DEMO_ACCOUNTS.find((a) => a.role === "homeroom" && a.label.includes("3A"))!.login;

let division3C: string;
let family: E2eStudent; // entered online, avis, then changed by the school at the family's request
let late: E2eStudent; // validated the day the council opened: non traitée
let other: E2eStudent; // only avis
const enteredAt = new Date(Date.now() - 2 * 24 * 3600 * 1000);

async function opinionCount(divisionId: string): Promise<number> {
  return withDb(async (c) =>
    Number(
      (await c.query<{ n: string }>("select count(*)::text as n from opinions o join students s on s.id = o.student_id where s.division_id = $1", [divisionId]))
        .rows[0]!.n,
    ),
  );
}

test.beforeAll(async () => {
  division3C = await idOfDivision("3C");
  const students = await studentsOf(
    "3C",
    DEMO_FAMILY.siblings.map((s) => s.student.ine),
  );
  family = students.find((s) => s.guardians.length === 2 && s.guardians.every((g) => g.email))!;
  const rest = students.filter((s) => s.id !== family.id);
  late = rest[0]!;
  other = rest[1]!;
  await receiveFamilyEntry(
    family.id,
    [
      { rank: 1, track: "2GT" },
      { rank: 2, track: "2PRO", freeText: "Métiers de la relation client", statusSchool: true },
    ],
    family.guardians[0]!.name,
    enteredAt,
  );
  await receiveFamilyEntry(other.id, [{ rank: 1, track: "CAP" }], other.guardians[0]!.name, enteredAt);
  await receiveFamilyEntry(late.id, [{ rank: 1, track: "2PRO" }], late.guardians[0]!.name, new Date(), true);
});

test("R-SCH-2 / R-SCH-10: before the council opens, the list shows the voies of the family's entry received (TS), never «Aucune intention» next to «TS»", async ({
  page,
}) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3C}`);
  const row = page.locator(`tr[data-student="${family.ine}"]`);
  await expect(row.locator("[data-badge=ts]")).toBeVisible();
  await expect(row).toContainText("1 : 2de générale et technologique ou 2de STHR");
  await expect(row).toContainText("2 : 2de professionnelle");
  await expect(row).not.toContainText("Aucune intention");
});

test("R-SCH-3: opening the council asks a confirmation stating its consequence; «Annuler» and Échap leave it closed", async ({ page }) => {
  const councilState = () =>
    withDb(
      async (c) => (await c.query("select state from class_councils where division_id = $1 and phase = 'provisional'", [division3C])).rows[0]?.state ?? null,
    );
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}`);
  await page.getByRole("button", { name: OPEN_COUNCIL_BUTTON }).click();
  const dialog = openCouncilDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Ouvrir le conseil de classe de 3C ?" })).toBeVisible();
  await expect(dialog).toContainText("Les familles de la division ne pourront plus saisir ni modifier leurs intentions en ligne.");
  // The safe choice has the focus.
  await expect(dialog.getByRole("button", { name: "Annuler" })).toBeFocused();
  await expectNoA11yViolations(page);
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: OPEN_COUNCIL_BUTTON }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await councilState()).not.toBe("open");
  await page.reload();
  await expect(page.locator("[data-council-state=open]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: OPEN_COUNCIL_BUTTON })).toBeVisible();
});

test("R-SCH-3 / R-SCH-2 / R-SCH-4: the head opens the 3C council; the family's entry is marked TS with name and date, a late one is non traitée", async ({
  page,
}) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}`);
  await expect(page.getByRole("heading", { level: 1, name: "Division 3C" })).toBeVisible();
  await expectNoA11yViolations(page);
  await openCouncil(page);
  await expect(
    page.getByRole("status").filter({ hasText: "Le conseil de classe de la division 3C est ouvert. 2 demandes de famille reprises." }),
  ).toBeVisible();
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");
  expect(
    await withDb(async (c) => (await c.query("select state from class_councils where division_id = $1 and phase = 'provisional'", [division3C])).rows[0].state),
  ).toBe("open");

  await page.goto(`/etablissement/eleves?division=${division3C}`);
  const row = page.locator(`tr[data-student="${family.ine}"]`);
  await expect(row.locator("[data-badge=ts]")).toHaveText(`TSSaisie en ligne (TS) par ${family.guardians[0]!.name} le ${formatParisDateTime(enteredAt)}`);
  await expect(row).toContainText("1 : 2de générale et technologique ou 2de STHR");
  await expect(row).toContainText("2 : 2de professionnelle – Spécialité(s) ou famille(s) de métiers : Métiers de la relation client – Sous statut scolaire");
  const lateRow = page.locator(`tr[data-student="${late.ine}"]`);
  await expect(lateRow.locator("[data-badge=non_traitee]")).toBeVisible();
  await lateRow.getByText("Saisie non traitée").click();
  await expect(lateRow).toContainText("non traitée avant l'ouverture du conseil de classe");
  await expect(lateRow).toContainText("1 : 2de professionnelle");
  await expectNoA11yViolations(page);
});

test("R-SCH-7 / R-SCH-8 / R-SCH-9: the head enters the avis of the division on one screen, with the keyboard; a change after acknowledgement flags the family", async ({
  page,
}) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}`);
  const name = `${family.lastName} ${family.firstName}`;
  const first = page.getByLabel(`Avis sur l'intention 1 ${deName(name)}`);
  await first.focus();
  await first.selectOption({ label: "Favorable" });
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(`Recommandations pour l'intention 1 ${deName(name)}`)).toBeFocused();
  await page.keyboard.type("Bon travail, à poursuivre");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(`Avis sur l'intention 2 ${deName(name)}`)).toBeFocused();
  await page.getByLabel(`Avis sur l'intention 2 ${deName(name)}`).selectOption({ label: "Réservé" });
  await page.getByLabel(`Avis sur l'intention 1 ${deName(`${other.lastName} ${other.firstName}`)}`).selectOption({ label: "Défavorable" });
  await page.getByText("Saisie non traitée").first().click(); // R-SCH-4: also behind its icon in the avis list
  await expect(page.getByText(`Saisie en ligne par ${late.guardians[0]!.name}`)).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Enregistrer les avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les avis provisoires sont enregistrés (3 modifications)." })).toBeVisible();
  expect(await opinionCount(division3C)).toBe(3);

  await page.goto(`/etablissement/eleves?division=${division3C}`);
  const row = page.locator(`tr[data-student="${family.ine}"]`);
  await expect(row).toContainText("1 : Favorable – Bon travail, à poursuivre");
  await expect(row.locator("[data-badge=avis]")).toBeVisible();
  await expect(row.locator("[data-badge=not_acknowledged]")).toBeVisible();

  // R-SCH-9: the family of `other` acknowledged (as the nightly transfer would bring it); changing their avis flags them.
  await withDb((c) =>
    c.query("insert into school_acknowledgements (student_id, acknowledged_by_name, acknowledged_at, received_at) values ($1, $2, now(), now())", [
      other.id,
      other.guardians[0]!.name,
    ]),
  );
  await page.goto(`/etablissement/divisions/${division3C}`);
  await page.getByLabel(`Avis sur l'intention 1 ${deName(`${other.lastName} ${other.firstName}`)}`).selectOption({ label: "Réservé" });
  await page.getByRole("button", { name: "Enregistrer les avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "(1 modification). 1 famille à informer." })).toBeVisible();
  await page.goto(`/etablissement/eleves/${other.id}`);
  await expect(page.locator("[data-badge=family_to_inform]")).toBeVisible();
  await expect(page.getByText("Famille à informer : les avis ont été modifiés après l'accusé de réception.")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Famille informée" }).click();
  await expect(page.getByText(/^Famille informée le .* par /)).toBeVisible();
  await expect(page.locator("[data-badge=family_to_inform]")).toHaveCount(0);
});

test("R-SCH-5: the head changes a family's intentions after a warning; the original stays viewable; the guardians' e-mail waits for the night", async ({
  page,
}) => {
  await mailbox.clear();
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves/${family.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Modifier les intentions de la famille" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Voie d'orientation").first().selectOption({ label: "1re année de CAP" });
  await page.getByLabel("Spécialité(s) (facultatif)").fill("Cuisine");
  await page.getByRole("button", { name: "Modifier les intentions de la famille" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Attention" })).toContainText(
    "Attention : la modification des intentions supprimera les 2 avis provisoires déjà saisis.",
  );
  expect(await opinionCount(division3C)).toBe(3); // nothing deleted before the confirmation
  await page.getByRole("button", { name: "Confirmer la modification" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les intentions de la famille sont modifiées. 2 avis provisoires supprimés." })).toBeVisible();
  expect(await opinionCount(division3C)).toBe(1);
  await expect(page.locator("[data-badge=changed_by_school]")).toBeVisible();
  await page.getByText("Voir la saisie initiale de la famille").click();
  await expect(page.locator("[data-marker=original-entry]")).toContainText("1 : 2de générale et technologique ou 2de STHR");

  // R-SYNC-3: the guardians are e-mailed by the night that publishes the change to the family page
  // (its content: tests/db/school-change-night.test.ts), not now.
  await expect(page.getByRole("status").filter({ hasText: "La famille verra la modification après le transfert de cette nuit" })).toContainText(
    "un courriel en informera alors chaque représentant légal.",
  );
  const queued = await withDb(
    async (c) =>
      (
        await c.query(
          `select 1 from outbox_emails where kind = 'school-change' and dedupe_key like 'school-change:' || (select id from school_requests where student_id = $1 and phase = 'provisional') || ':%'`,
          [family.id],
        )
      ).rowCount,
  );
  expect(queued).toBe(0);
});

test("R-SCH-10: the head exports the filtered list as XLSX (same columns and rows) and CSV", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3C}`);
  const count = await page.locator("tbody tr").count();
  const headers = await page.locator("thead th").allTextContents();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter la liste (XLSX)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^liste-eleves-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.getWorksheet("Élèves")!;
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
  expect(ws.rowCount).toBe(count + 1);
  const row = ws.getRows(2, count)!.find((r) => r.getCell(3).value === family.ine)!;
  const col = (header: string) => headers.indexOf(header) + 1;
  expect(row.getCell(1).value).toBe(family.lastName);
  expect(row.getCell(5).value).toBe("3C");
  expect(String(row.getCell(col("Intentions de la famille")).value)).toBe(
    "1 : 1re année de CAP – Spécialité(s) : Cuisine\n2 : 2de professionnelle – Spécialité(s) ou famille(s) de métiers : Métiers de la relation client – Sous statut scolaire",
  );
  expect(String(row.getCell(col("Repères")).value)).toContain(`Saisie en ligne (TS) par ${family.guardians[0]!.name}`);
  expect(String(row.getCell(col("Repères")).value)).toContain("Saisie TS modifiée par l'établissement");

  const csv = await page.request.get(`/etablissement/export?format=csv&division=${division3C}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toBe(headers.map((h) => `"${h}"`).join(";"));
  expect(lines).toHaveLength(count + 1);
});

test("R-SCH-6: the head resets the council after confirming; the avis are deleted", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}`);
  await page.getByRole("button", { name: "Réinitialiser le conseil de classe" }).click();
  await expect(page.getByText("Attention : la réinitialisation du conseil de classe supprimera l'avis provisoire déjà saisi.")).toBeVisible();
  expect(await opinionCount(division3C)).toBe(1);
  await page.getByRole("button", { name: "Confirmer la réinitialisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le conseil de classe est réinitialisé. 1 avis supprimé." })).toBeVisible();
  await expect(page.locator("[data-council-state=planned]")).toBeVisible();
  expect(await opinionCount(division3C)).toBe(0);
  // R-SCH-6: the date can be changed.
  await page.getByLabel("Date du conseil de classe").fill("2027-01-14T17:30");
  await page.getByRole("button", { name: "Modifier la date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "La date du conseil de classe est enregistrée." })).toBeVisible();
  await expect(page.locator("[data-council-state=planned]")).toContainText("Date prévue : 14/01/2027 à 17:30");
});

test("R-SCH-11 / R-SCH-12: «Suivi des saisies TS» lists the families without entry; a student set hors procédure leaves it", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto("/etablissement/suivi-ts");
  await expect(page.getByRole("heading", { level: 1, name: "Suivi des saisies TS" })).toBeVisible();
  await expectNoA11yViolations(page);
  const target = (await studentsOf("3C")).find(
    (s) => ![family.id, late.id, other.id].includes(s.id) && !DEMO_FAMILY.siblings.some((f) => f.student.ine === s.ine),
  )!;
  const link = page.getByRole("link", { name: `${target.lastName} ${target.firstName}` });
  await expect(link).toBeVisible();
  await expect(page.getByRole("link", { name: `${family.lastName} ${family.firstName}` })).toHaveCount(0);
  await link.click();
  await page.getByLabel("Raison pour laquelle l'élève ne peut pas suivre l'intégralité de la procédure d'orientation").fill("Redoublement exceptionnel");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("status").filter({ hasText: "L'élève est hors procédure." })).toBeVisible();
  await expect(page.locator("[data-badge=out_of_procedure]")).toContainText("Hors procédure : Redoublement exceptionnel");
  await page.goto("/etablissement/suivi-ts");
  await expect(page.getByRole("link", { name: `${target.lastName} ${target.firstName}` })).toHaveCount(0);
  // Put back, so that the demo stays as it was.
  await page.goto(`/etablissement/eleves/${target.id}`);
  await page.getByRole("button", { name: "Remettre l'élève dans la procédure" }).click();
  await expect(page.getByRole("status").filter({ hasText: "L'élève suit de nouveau la procédure d'orientation." })).toBeVisible();
});

test("R-SCH-14 / R-AUTH-1: a homeroom teacher of 3A gets a 404 for division 3C, its students and its export; their list holds only 3A", async ({ page }) => {
  await signIn(page, homeroom3ALogin);
  expect((await page.goto(`/etablissement/divisions/${division3C}`))!.status()).toBe(404);
  expect((await page.goto(`/etablissement/eleves/${family.id}`))!.status()).toBe(404);
  await page.goto(`/etablissement/eleves?division=${division3C}`);
  await expect(page.getByText("Aucun élève ne correspond à la recherche.")).toBeVisible();
  await page.goto("/etablissement/eleves");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  const divisionsShown = new Set(await page.locator("tbody tr td:nth-child(5)").allTextContents());
  expect([...divisionsShown]).toEqual(["3A"]);
  await expectNoA11yViolations(page);
  const csv = await page.request.get(`/etablissement/export?format=csv`);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .slice(1);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => l.split(";")[4] === '"3A"')).toBe(true);
  // Its own division works.
  const own = await idOfDivision("3A");
  expect((await page.goto(`/etablissement/divisions/${own}`))!.status()).toBe(200);
});

test("R-SCH-1 / R-INT-10: the head enters intentions for a family without internet, on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, headLogin);
  const paper = (await studentsOf("3C")).find(
    (s) => ![family.id, late.id, other.id].includes(s.id) && !DEMO_FAMILY.siblings.some((f) => f.student.ine === s.ine),
  )!;
  await page.goto(`/etablissement/eleves/${paper.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Saisir les intentions" })).toBeVisible();
  await page.getByLabel("Voie d'orientation").first().selectOption({ label: "2de professionnelle" });
  await page.getByLabel("Spécialité(s) ou famille(s) de métiers (facultatif)").fill("Métiers de l'alimentation");
  await page.getByLabel("Sous statut d'apprenti").check();
  await page.getByRole("button", { name: "+ Ajouter une intention" }).click();
  await page.getByLabel("Voie d'orientation").nth(1).selectOption({ label: "2de professionnelle" });
  await page.getByRole("button", { name: "Enregistrer les intentions" }).click();
  // R-INT-3: the same voie twice is refused, the entry goes on.
  await expect(page.getByRole("alert").filter({ hasText: "ne peut pas être demandée deux fois" })).toBeVisible();
  await page.getByLabel("Voie d'orientation").nth(1).selectOption({ label: "2de générale et technologique ou 2de STHR" });
  await page.getByRole("button", { name: "Enregistrer les intentions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les intentions sont enregistrées." })).toBeVisible();
  await expect(page.locator("[data-badge=school_entry]")).toBeVisible();
  await expect(page.getByText("non visible par la famille avant la publication des avis")).toBeVisible();
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(375);
  await expectNoA11yViolations(page);
  const stored = await withDb(
    async (c) =>
      (
        await c.query<{ source: string; published_version: number; tracks: string }>(
          `
    select r.source, r.published_version, string_agg(i.track || coalesce(':' || i.free_text, ''), ',' order by i.rank) as tracks
      from school_requests r join school_request_items i on i.request_id = r.id where r.student_id = $1 group by r.id`,
          [paper.id],
        )
      ).rows[0]!,
  );
  expect(stored).toEqual({ source: "school", published_version: 0, tracks: "2PRO:Métiers de l'alimentation,2GT" });
});

test("R-AUTH-1: the back-office's files (export, fiches de dialogue, signature) send a signed-out visitor to sign in, and answer anyone else out of scope with a 404", async ({
  page,
  request,
}) => {
  const files = [
    "/etablissement/export?format=csv",
    `/etablissement/fiche-dialogue/eleve/${family.id}`,
    `/etablissement/fiche-dialogue/division/${division3C}`,
    "/etablissement/vie-etablissement/signature",
  ];
  for (const url of files) {
    const signedOut = await request.get(url, { maxRedirects: 0 });
    expect(signedOut.status(), url).toBe(303);
    expect(signedOut.headers()["location"], url).toContain("/connexion?expiree=1");
  }
  // A guardian is not of the back-office's audience: every file is a 404, never a partial answer.
  await signIn(page, DEMO_FAMILY.student3A.guardians[0]!.login);
  for (const url of files) {
    const refused = await page.request.get(url, { maxRedirects: 0 });
    expect(refused.status(), url).toBe(404);
    expect(refused.headers()["content-type"], url).toContain("text/plain");
  }
});
