import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { nextParisDay, parisDayKey } from "@/lib/domain/paris-time";
import { VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { databaseUrl, e2e } from "./support/ports";
import { idOfDivision, studentsOf, type E2eStudent } from "./support/school";
import { openCouncil } from "./support/council";
import { deName } from "@/lib/domain/person-name";

/*
 * The nightly transfer (docs/rules.md §8, docs/sync.md) end to end, on division 3B (playwright.config.ts): the nightly transfer carries a
 * family's validated intentions to the back-office, and the avis back to the family, each only
 * after "the night" — here `npm run sync -- --now <the next night 02:00>`, a real process against
 * the e2e database, as an operator would run it.
 */

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const today = parisDayKey(new Date());
const night1 = `${nextParisDay(today)}T02:00`;
const night2 = `${nextParisDay(nextParisDay(today))}T02:00`;

function npmRunSync(now: string): string {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/sync.ts", "--now", now], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), SMTP_URL: `smtp://127.0.0.1:${e2e.smtpPort}`, NODE_ENV: "production", DEMO_MODE: "true" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.status, `npm run sync -- --now ${now}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

let division3B: string;
let student: E2eStudent;
let g1Login: string;

test.beforeAll(async () => {
  division3B = await idOfDivision("3B");
  const students = await studentsOf("3B");
  student = students.find((s) => s.guardians.length === 2 && s.guardians.every((g) => g.email))!;
  g1Login = await withDb(
    async (c) =>
      (
        await c.query<{ login: string }>(
          `select a.login from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = $1 and sg.rank = 1`,
          [student.id],
        )
      ).rows[0]!.login,
  );
});

test("R-SYNC-1 / R-SCH-2 / R-SCH-7 / R-SYNC-2 / R-ACK-2: validated today, in the back-office after the night; avis entered, at the family's after the next night", async ({
  page,
}) => {
  const guardianName = student.guardians[0]!.name;

  // The guardian validates one intention.
  await signIn(page, g1Login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await page.getByRole("button", { name: "+ Ajouter une intention" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: /^2de générale et technologique/ }).check();
  await dialog.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Valider les intentions" }).click();
  await expect(page.getByText(VALIDATED_MESSAGE)).toBeVisible();
  await signOut(page);

  // Not before the night: the back-office has no TS entry yet.
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${division3B}`);
  const row = page.locator(`tr[data-student="${student.ine}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator("[data-badge=ts]")).toHaveCount(0);

  // The night.
  const out = npmRunSync(night1);
  expect(out).toMatch(/Saisies des familles \(TS\) transmises : [1-9]/);

  await page.reload();
  await expect(row.locator("[data-badge=ts]")).toContainText(`Saisie en ligne (TS) par ${guardianName}`);

  // The head opens the council and enters the avis.
  await page.goto(`/etablissement/divisions/${division3B}`);
  await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");
  const name = `${student.lastName} ${student.firstName}`;
  await page.getByLabel(`Avis sur l'intention 1 ${deName(name)}`).selectOption({ label: "Favorable" });
  await page.getByLabel(`Recommandations pour l'intention 1 ${deName(name)}`).fill("Très bon projet");
  await page.getByRole("button", { name: "Enregistrer les avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les avis provisoires sont enregistrés" })).toBeVisible();
  await signOut(page);

  // Not yet at the family's: published only by the next night.
  await signIn(page, g1Login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Avis provisoires du conseil de classe" })).toHaveCount(0);
  await signOut(page);

  const out2 = npmRunSync(night2);
  expect(out2).toMatch(/Avis provisoires publiés : 1/);

  // The guardian sees them and acknowledges (R-ACK-1).
  await signIn(page, g1Login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Avis provisoires du conseil de classe" })).toBeVisible();
  await expect(page.getByText("Recommandations : Très bon projet")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Accuser réception" }).click();
  await expect(page.getByText(/Accusé de réception effectué le/)).toBeVisible();
  await signOut(page);

  // R-ACK-2: the acknowledgement reaches the back-office with the night after (a manual run here).
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/sync.ts", "--now", night2, "--manual"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), SMTP_URL: `smtp://127.0.0.1:${e2e.smtpPort}`, NODE_ENV: "production", DEMO_MODE: "true" },
    encoding: "utf8",
  });
  expect(r.stdout).toMatch(/Accusés de réception transmis : 1/);
  const ack = await withDb(async (c) => (await c.query("select acknowledged_by_name from school_acknowledgements where student_id = $1", [student.id])).rows);
  expect(ack).toHaveLength(1);
});

test("R-SYNC-5: the administrator sees every run with its counts, and starts one by hand", async ({ page }) => {
  const adminLogin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!.login;
  await signIn(page, adminLogin);
  await page.goto("/admin/transferts");
  await expect(page.getByRole("heading", { level: 1, name: "Transferts nocturnes" })).toBeVisible();
  const table = page.getByRole("table", { name: "Exécutions du transfert, de la plus récente à la plus ancienne" });
  const day1 = night1.slice(0, 10).split("-").reverse().join("/");
  const nightRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`Nuit du ${day1}`) }) });
  await expect(nightRow).toContainText("Terminé");
  await expect(nightRow).toContainText("Ligne de commande");
  await expect(nightRow).toContainText(/Saisies des familles \(TS\) transmises : [1-9]/);
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Lancer un transfert maintenant" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Transfert lancé." })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(table.getByRole("row").filter({ hasText: "Manuel" }).filter({ hasText: "Terminé" }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("R-SCH-5 / R-SYNC-3: the school's change reaches the family page and the guardians' mailboxes together, at the night; the page says the school changed it", async ({
  page,
}) => {
  const guardianName = student.guardians[0]!.name;
  const night3 = `${nextParisDay(nextParisDay(nextParisDay(today)))}T02:00`;
  await mailbox.clear();

  // The council of 3B is open (first test): the head changes the family's entry at its request.
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves/${student.id}`);
  await page.getByLabel("Voie d'orientation").first().selectOption({ label: "1re année de CAP" });
  await page.getByRole("button", { name: "Modifier les intentions de la famille" }).click();
  await page.getByRole("button", { name: "Confirmer la modification" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les intentions de la famille sont modifiées." })).toContainText(
    "La famille verra la modification après le transfert de cette nuit",
  );
  await signOut(page);

  // Before the night: the family page is unchanged and no e-mail is queued.
  await signIn(page, g1Login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByText(new RegExp(`^Intentions saisies par ${guardianName} le `))).toBeVisible();
  const queued = () =>
    withDb(async (c) => (await c.query("select to_address from outbox_emails where kind = 'school-change' order by to_address")).rows.map((r) => r.to_address));
  expect(await queued()).toEqual([]);

  // The night: both at once.
  const out = npmRunSync(night3);
  expect(out).toMatch(/Modifications par l'établissement publiées : 1/);
  await page.reload();
  await expect(page.getByText(/^Intentions modifiées par l'établissement le .*, à la demande de la famille \(saisie initiale par /)).toBeVisible();
  await expect(page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" })).toContainText("1re année de CAP");
  await expectNoA11yViolations(page);
  expect(await queued()).toEqual(student.guardians.map((g) => g.email).sort());
  for (const g of student.guardians) {
    const mail = await mailbox.waitFor((m) => m.to.includes(g.email!) && m.subject === "[ORIENTATION] Modification des intentions d'orientation");
    expect(mail.text).toContain("1 : 1re année de CAP");
  }
});
