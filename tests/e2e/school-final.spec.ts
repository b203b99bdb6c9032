import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { toParisInputValue } from "@/lib/domain/paris-time";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";
import { idOfDivision, receiveFamilyEntry, studentsOf, type E2eStudent } from "./support/school";
import { openCouncil } from "./support/council";
import { deName } from "@/lib/domain/person-name";

/*
 * The class council of the final phase (R-SCH-3, R-FIN-4, R-FIN-5), walked by the collège's head on
 * division 3C's final phase (the provisional back-office spec uses 3C's provisional phase). Its
 * final-phase rows are removed afterwards, so the specs after it (sync) find 3C's final phase as
 * seeded. Serial: the steps depend on each other.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

let division3C: string;
let first: E2eStudent; // two final choices: «Oui», «Non», and a voie proposed by the council
let second: E2eStudent; // one final choice, left without answer
let seededCouncil: { state: string; scheduled_at: Date | null } | null = null;
const enteredAt = new Date(Date.now() - 2 * 24 * 3600 * 1000);

test.beforeAll(async () => {
  division3C = await idOfDivision("3C");
  const students = await studentsOf(
    "3C",
    DEMO_FAMILY.siblings.map((s) => s.student.ine),
  );
  // The last ones of the list: the provisional spec takes the first ones.
  first = students.at(-2)!;
  second = students.at(-1)!;
  seededCouncil = await withDb(
    async (c) =>
      (
        await c.query<{ state: string; scheduled_at: Date | null }>(
          "select state, scheduled_at from class_councils where division_id = $1 and phase = 'final'",
          [division3C],
        )
      ).rows[0] ?? null,
  );
  await receiveFamilyEntry(
    first.id,
    [
      { rank: 1, track: "2GT" },
      { rank: 2, track: "2PRO" },
    ],
    first.guardians[0]!.name,
    enteredAt,
    false,
    "final",
  );
  await receiveFamilyEntry(second.id, [{ rank: 1, track: "2GT" }], second.guardians[0]!.name, enteredAt, false, "final");
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query("delete from council_proposals p using students s where s.id = p.student_id and s.division_id = $1", [division3C]);
    await c.query("delete from school_requests r using students s where s.id = r.student_id and s.division_id = $1 and r.phase = 'final'", [division3C]);
    await c.query("delete from school_family_entries e where e.student_id = any($1::uuid[]) and e.phase = 'final'", [[first.id, second.id]]);
    await c.query("delete from school_family_to_inform f using students s where s.id = f.student_id and s.division_id = $1 and f.phase = 'final'", [
      division3C,
    ]);
    if (seededCouncil) {
      await c.query(
        "update class_councils set state = $2, scheduled_at = $3, opened_at = null, opened_by_name = null where division_id = $1 and phase = 'final'",
        [division3C, seededCouncil.state, seededCouncil.scheduled_at],
      );
    } else {
      await c.query("delete from class_councils where division_id = $1 and phase = 'final'", [division3C]);
    }
  });
});

test("R-FIN-4 / R-SCH-6: a final council set less than 24 h after the family service closes needs the head's confirmation", async ({ page }) => {
  const closesAt = await withDb(
    async (c) =>
      (
        await c.query<{ closes_at: Date }>(
          `select w.closes_at from campaign_windows w join schools sc on sc.academy_id = w.academy_id join divisions d on d.school_id = sc.id
            where d.id = $1 and w.level = '3e' and w.phase = 'final' order by w.school_year desc limit 1`,
          [division3C],
        )
      ).rows[0]!.closes_at,
  );
  const tooClose = toParisInputValue(new Date(new Date(closesAt).getTime() + 12 * 3600 * 1000));
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}?phase=final`);
  await expect(page.getByRole("heading", { level: 2, name: "Conseil de classe – phase définitive" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Phase définitive" })).toHaveAttribute("aria-current", "page");
  await expectNoA11yViolations(page);
  await page.getByLabel("Date du conseil de classe").fill(tooClose);
  await page.getByRole("button", { name: "Modifier la date" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "les établissements doivent fermer le téléservice au moins 24h avant le début des conseils de classe" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Confirmer la date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "La date du conseil de classe est enregistrée." })).toBeVisible();
  await expect(page.locator("[data-council-state=planned]")).toContainText("Date prévue :");
});

test("R-SCH-3 / R-FIN-5: the head opens the final council and enters the proposals: «Oui», «Non» and a voie the family did not ask for", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${division3C}?phase=final`);
  await openCouncil(page);
  await expect(page.getByRole("status").filter({ hasText: "Le conseil de classe de la division 3C est ouvert. 2 saisies de famille reprises." })).toBeVisible();
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");

  const name = `${first.lastName} ${first.firstName}`;
  await page.getByLabel(`Réponse du conseil au choix 1 ${deName(name)}`).selectOption({ label: "Oui" });
  await page.getByLabel(`Réponse du conseil au choix 2 ${deName(name)}`).selectOption({ label: "Non" });
  await page.getByLabel(`Motivation de la réponse au choix 2 ${deName(name)}`).fill("Résultats insuffisants en enseignement professionnel");
  await page.getByRole("checkbox", { name: `Proposer : 1re année de CAP à ${name}` }).check();
  await page.getByLabel(`Motivation de la proposition 1re année de CAP pour ${name}`).fill("Projet de boulangerie");
  await page.getByRole("button", { name: "Enregistrer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les propositions du conseil de classe sont enregistrées (3 modifications)." })).toBeVisible();
  await expectNoA11yViolations(page);

  const rows = await withDb(
    async (c) =>
      (
        await c.query<{ kind: string; track: string; answer: string | null; motivation: string | null }>(
          "select kind, track, answer, motivation from council_proposals where student_id = $1 order by kind, rank",
          [first.id],
        )
      ).rows,
  );
  expect(rows).toEqual([
    { kind: "answer_to_choice", track: "2GT", answer: "yes", motivation: null },
    { kind: "answer_to_choice", track: "2PRO", answer: "no", motivation: "Résultats insuffisants en enseignement professionnel" },
    { kind: "extra", track: "CAP", answer: null, motivation: "Projet de boulangerie" },
  ]);

  // The student's page shows the council's answers and the voie proposed.
  await page.goto(`/etablissement/eleves/${first.id}`);
  const final = page.getByRole("region", { name: "Choix définitifs et propositions du conseil de classe" });
  await expect(final.getByRole("row", { name: /2de professionnelle/ })).toContainText("Non");
  await expect(final.getByText("1re année de CAP – Projet de boulangerie")).toBeVisible();
  await expect(page.getByRole("link", { name: "Voir la page de la famille (simulation d'accès)" })).toHaveAttribute(
    "href",
    `/etablissement/eleves/${first.id}/simulation`,
  );
  await expectNoA11yViolations(page);
});
