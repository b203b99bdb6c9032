import { expect, test } from "@playwright/test";
import { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { PROPOSALS_NOT_AVAILABLE_MESSAGE } from "@/lib/domain/family-page";
import { deName } from "@/lib/domain/person-name";
import { openCouncil } from "./support/council";
import { openFinalPhase } from "./support/final-phase";
import { expectNoA11yViolations, signIn, signOut, withDb } from "./support/fixtures";
import { receiveFamilyEntry } from "./support/school";

/*
 * R-OVS-4: the head enters the council's answers and sends them to the families at once
 * (« Transmettre maintenant aux familles », Vie de l'établissement), instead of waiting for the
 * night: a confirmation dialog says what happens, the panel shows the run going and its result,
 * and the guardian reads the proposals on the family page right away.
 *
 * The run carries everything pending of the collège (the transfer of the night, for that school):
 * the specs after this one (playwright.config.ts) play the lycée (settings, specialites: its
 * R-FIN-4 wait stays as it was, its data untransferred) or create and carry their own data on
 * 3B (sync). On a family of 3D that no other spec plays (3D#0, 3D#1, 3D#7 and the first free one
 * are others'; the security spec takes the last one without an entry). The académie's 3e final
 * window and 3D's final council are restored afterwards.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

type Person = { login: string; displayName: string };
let student: { id: string; firstName: string; lastName: string; divisionId: string; schoolId: string };
let g1: Person;
let restore: (() => Promise<void>) | null = null;

test.beforeAll(async () => {
  const data = buildDemoData();
  const taken = ["3D#0", "3D#1", "3D#7"].map((k) => data.students.find((s) => s.key === k)!.ine);
  await withDb(async (c) => {
    const s = await c.query<{ id: string; first_name: string; last_name: string; division_id: string; school_id: string }>(
      `select st.id, st.first_name, st.last_name, st.division_id, st.school_id from students st
        where st.division_id = (select division_id from students where ine = ($1::text[])[1]) and st.ine <> all($1::text[]) and st.out_of_procedure_reason is null
          and (select count(*) from student_guardians sg join guardians gd on gd.id = sg.guardian_id join accounts a on a.guardian_id = gd.id
                where sg.student_id = st.id and coalesce(gd.email, '') <> '') = 2
        order by st.ine offset 2 limit 1`,
      [taken],
    );
    const row = s.rows[0]!;
    student = { id: row.id, firstName: row.first_name, lastName: row.last_name, divisionId: row.division_id, schoolId: row.school_id };
    const g = await c.query<{ login: string; display_name: string }>(
      `select a.login, a.display_name from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = $1 order by sg.rank limit 1`,
      [student.id],
    );
    g1 = { login: g.rows[0]!.login, displayName: g.rows[0]!.display_name };
    // The provisional phase is behind this family: its avis were published.
    await c.query(
      `insert into family_published_opinions (student_id, rank, track, sub_track, value, comment, published_at)
       values ($1, 1, '2GT', '', 'favorable', 'Bon travail', now() - interval '30 days') on conflict do nothing`,
      [student.id],
    );
  });
  // The family's final choices reached the school last night (R-SYNC-1).
  await receiveFamilyEntry(
    student.id,
    [
      { rank: 1, track: "2GT" },
      { rank: 2, track: "2PRO", statusSchool: true },
    ],
    g1.displayName,
    new Date(Date.now() - 86_400_000),
    false,
    "final",
  );
  restore = await openFinalPhase(student);
});

test.afterAll(async () => {
  await restore?.();
});

test("R-OVS-4: the head enters the council's answers, sends them now after a confirmation, sees the result; the guardian reads the proposals at once", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The head enters the council's answers (R-FIN-5).
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${student.divisionId}?phase=final`);
  if (await page.getByRole("button", { name: "Ouvrir le conseil de classe" }).isVisible()) await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toBeVisible();
  const name = `${student.lastName} ${student.firstName}`;
  await page.getByLabel(`Réponse du conseil au choix 1 ${deName(name)}`).selectOption({ label: "Oui" });
  await page.getByLabel(`Réponse du conseil au choix 2 ${deName(name)}`).selectOption({ label: "Non" });
  await page.getByLabel(`Motivation de la réponse au choix 2 ${deName(name)}`).fill("Stage en lycée professionnel à faire d'abord");
  await page.getByRole("button", { name: "Enregistrer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les propositions du conseil de classe sont enregistrées" })).toBeVisible();
  await signOut(page);

  // Not at the family's yet: the night would publish them.
  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByText(PROPOSALS_NOT_AVAILABLE_MESSAGE)).toBeVisible();
  await signOut(page);

  // « Transmettre maintenant aux familles »: a dialog says what happens; cancelling does nothing.
  await signIn(page, headLogin);
  await page.goto("/etablissement/vie-etablissement");
  const section = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Transmettre maintenant aux familles" }) });
  const button = section.getByRole("button", { name: "Transmettre maintenant aux familles" });
  await button.click();
  const dialog = page.getByRole("dialog", { name: "Transmettre maintenant aux familles ?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("pour les élèves de votre établissement seulement");
  await expect(dialog).toContainText("sans attendre 24 heures");
  await expectNoA11yViolations(page);
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  const runs = async () =>
    withDb(
      async (c) => (await c.query<{ status: string; run_key: string }>("select status, run_key from sync_runs where school_id = $1", [student.schoolId])).rows,
    );
  expect(await runs()).toEqual([]);

  await button.click();
  await dialog.getByRole("button", { name: "Confirmer le transfert" }).click();
  await expect(dialog).toBeHidden();
  // The panel follows the run until its result (it refreshes itself while the run goes on).
  await expect(section.getByRole("status").filter({ hasText: /^Dernier transfert terminé le/ })).toBeVisible({ timeout: 60_000 });
  await expect(section.getByRole("status").filter({ hasText: /^Dernier transfert terminé le/ })).toContainText(/Propositions du conseil publiées : [1-9]/);
  const table = section.getByRole("table", { name: /Transferts à la demande de l'établissement/ });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Terminé");
  await expect(button).toBeEnabled();
  await expectNoA11yViolations(page);
  const recorded = await runs();
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ status: "succeeded", run_key: expect.stringMatching(new RegExp(`^school:${student.schoolId}:`)) });

  // A second click right away is refused in French (one a minute), and starts nothing.
  await button.click();
  await dialog.getByRole("button", { name: "Confirmer le transfert" }).click();
  await expect(section.getByRole("alert")).toContainText("vous pourrez en lancer un autre une minute après le précédent");
  expect(await runs()).toHaveLength(1);
  await signOut(page);

  // The guardian reads the proposals now, without waiting for the night.
  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  const answers = page.getByRole("region", { name: "Réponse aux propositions du conseil de classe" });
  await expect(answers.getByRole("heading", { name: "Réponses du conseil de classe à vos choix" })).toBeVisible();
  await expect(answers.getByRole("listitem").filter({ hasText: "Choix 1 : 2de générale et technologique" })).toContainText(
    "Réponse du conseil de classe : Oui",
  );
  await expect(answers.getByRole("listitem").filter({ hasText: "Choix 2 : 2de professionnelle" })).toContainText(
    "Motivation : Stage en lycée professionnel à faire d'abord",
  );
  await expect(page.getByText(PROPOSALS_NOT_AVAILABLE_MESSAGE)).toHaveCount(0);
  await expectNoA11yViolations(page);
  await signOut(page);
});
