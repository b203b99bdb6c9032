import { expect, test } from "@playwright/test";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { REASONS_REQUIRED_MESSAGE } from "@/lib/domain/decision";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";
import { idOfDivision } from "./support/school";

/*
 * R-FIN-9 / R-FIN-11: the head records the mandatory interview with a family that refused every
 * proposal, then a decision that differs from its request, with the three reasons (refused
 * without them). On one student of division 3C (the school specs' division; the second-to-last by
 * INE, whom no other spec uses), its final choices, the council's proposals and the family's
 * refusal written in the database, everything removed afterwards.
 */

type Fixture = { studentId: string; firstName: string; name: string };
let fx: Fixture;

async function cleanUp(studentId: string) {
  await withDb(async (c) => {
    for (const table of ["decisions", "interviews", "appeals", "school_agreements", "school_family_answers", "council_proposals"])
      await c.query(`delete from ${table} where student_id = $1`, [studentId]);
    await c.query("delete from school_requests where student_id = $1 and phase = 'final'", [studentId]);
  });
}

test.beforeAll(async () => {
  const divisionId = await idOfDivision("3C");
  fx = await withDb(async (c) => {
    const s = (
      await c.query<{ id: string; first_name: string; last_name: string }>(
        `select s.id, s.first_name, s.last_name from students s
          where s.division_id = $1 and s.ine <> $2 and s.out_of_procedure_reason is null and (select count(*) from student_guardians sg where sg.student_id = s.id) = 2
          order by s.ine desc offset 1 limit 1`,
        [divisionId, DEMO_FAMILY.siblings[0].student.ine],
      )
    ).rows[0]!;
    return { studentId: s.id, firstName: s.first_name, name: `${s.last_name} ${s.first_name}` };
  });
  await cleanUp(fx.studentId);
  await withDb(async (c) => {
    await c.query("begin");
    const r = (
      await c.query<{ id: string }>(
        "insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values ($1, 'final', 'school', 'e2e', now()) returning id",
        [fx.studentId],
      )
    ).rows[0]!;
    const items = await c.query<{ id: string }>(
      "insert into school_request_items (request_id, rank, track, status_school) values ($1, 1, '2GT', false), ($1, 2, '2PRO', true) returning id",
      [r.id],
    );
    await c.query("commit");
    await c.query(
      `insert into council_proposals (student_id, kind, choice_item_id, rank, track, status_school, answer, motivation, entered_at, entered_by_name, updated_at) values
         ($1, 'answer_to_choice', $2, 1, '2GT', false, 'no', 'Résultats insuffisants', now(), 'e2e', now()),
         ($1, 'answer_to_choice', $3, 2, '2PRO', true, 'yes', null, now(), 'e2e', now()),
         ($1, 'extra', null, 3, 'CAP', true, null, 'Projet professionnel', now(), 'e2e', now())`,
      [fx.studentId, items.rows[0]!.id, items.rows[1]!.id],
    );
    // The family refuses every proposal (R-FIN-9), entered by the school (R-FIN-10).
    await c.query(
      `insert into school_family_answers (student_id, source, kind, accepted_proposal_ids, answered_by_name, answered_at, received_at)
       values ($1, 'school', 'refuse_all', '{}', 'e2e', now() - interval '1 hour', now() - interval '1 hour')`,
      [fx.studentId],
    );
  });
});

test.afterAll(async () => {
  if (fx) await cleanUp(fx.studentId);
});

test("R-FIN-9 / R-FIN-11: the head records the interview, then a decision against the family's request with its three reasons", async ({ page }) => {
  await signIn(page, "chef.stendhal");
  await page.goto(`/etablissement/eleves/${fx.studentId}`);
  const section = page.getByRole("region", { name: "Décision d'orientation" });
  await expect(section.getByText("Entretien à mener : la famille refuse toutes les propositions")).toBeVisible();
  // No decision before the interview.
  await expect(section.getByRole("button", { name: "Prendre la décision" })).toHaveCount(0);

  await section.getByLabel("Participants").fill("Le chef d'établissement, les deux représentants légaux, l'élève");
  await section.getByRole("radio", { name: "Désaccord maintenu" }).check();
  await section.getByLabel("Notes (facultatif)").fill("La famille maintient sa demande de 2de générale.");
  await section.getByRole("button", { name: "Enregistrer l'entretien" }).click();
  await expect(section.getByRole("status")).toHaveText("L'entretien est enregistré.");
  await expect(section.getByText("Entretien mené (désaccord maintenu) : décision à prendre")).toBeVisible();
  await expect(
    section.getByText(/Entretien du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(Le chef d'établissement, les deux représentants légaux, l'élève\)/),
  ).toBeVisible();

  // The CAP differs from the request: the three reasons come pre-filled, editable.
  await section.getByRole("radio", { name: /^1re année de CAP/ }).check();
  const knowledge = section.getByLabel("Connaissances de l'élève");
  await expect(knowledge).toHaveValue(new RegExp(fx.firstName));
  await expect(section.getByLabel("Capacités de l'élève")).toHaveValue(/CAP/);
  await knowledge.fill("");
  await section.getByRole("button", { name: "Prendre la décision" }).click();
  await expect(section.getByRole("alert")).toHaveText(REASONS_REQUIRED_MESSAGE);
  expect(await withDb(async (c) => (await c.query("select 1 from decisions where student_id = $1", [fx.studentId])).rowCount)).toBe(0);

  await knowledge.fill("Les résultats de l'année ne permettent pas encore d'envisager la seconde générale avec de bonnes chances de réussite.");
  await section.getByRole("button", { name: "Prendre la décision" }).click();
  await expect(section.getByRole("status").filter({ hasText: "La décision d'orientation est enregistrée." })).toBeVisible();
  await expect(section.getByText(/^Décision d'orientation : 1re année de CAP/)).toBeVisible();
  await expect(section.getByText("Décision prise – notification à la famille en attente")).toBeVisible();
  await expect(section.getByLabel("Notification remise sur papier à la famille le")).toBeVisible();
  await expectNoA11yViolations(page);

  const saved = await withDb(
    async (c) =>
      (
        await c.query<{ track: string; source: string; differs_from_request: boolean; reason_knowledge: string; notified_on: string | null }>(
          "select track, source, differs_from_request, reason_knowledge, notified_on from decisions where student_id = $1",
          [fx.studentId],
        )
      ).rows[0],
  );
  expect(saved).toEqual({
    track: "CAP",
    source: "head",
    differs_from_request: true,
    reason_knowledge: "Les résultats de l'année ne permettent pas encore d'envisager la seconde générale avec de bonnes chances de réussite.",
    notified_on: null,
  });

  // The head's page lists the decision among the appeal deadlines, notice awaited.
  await page.getByRole("link", { name: "Entretiens et délais d'appel" }).click();
  const deadlines = page.getByRole("table");
  await expect(deadlines.getByRole("row", { name: new RegExp(fx.name.split(" ")[0]!) })).toContainText("Notification à la famille en attente");
});
