import { expect, test, type Request } from "@playwright/test";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { ACKNOWLEDGE_BUTTON_LABEL } from "@/lib/domain/acknowledgement";
import { SIMULATION_NOT_YET_MESSAGE } from "@/lib/domain/family-simulation";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";
import { baseURL } from "./support/ports";
import { idOfDivision } from "./support/school";
import { deName } from "@/lib/domain/person-name";

/*
 * R-FIN-10 «Saisie des réponses des familles» and R-FIN-13 «simulation d'accès», on one student
 * of division 3C (the school specs' division; the last one by INE, whom no other spec uses), with
 * its final choices and the council's proposals written in the database. The 3e final window is
 * opened for the simulation and restored afterwards.
 */

type Fixture = { studentId: string; divisionId: string; name: string; guardians: { id: string; login: string; name: string }[]; proposals: string[] };
let fx: Fixture;
let finalWindow: { opens_at: Date; closes_at: Date }[];
let headName: string;

const isAction = (r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined;

test.beforeAll(async () => {
  const divisionId = await idOfDivision("3C");
  fx = await withDb(async (c) => {
    const s = (
      await c.query<{ id: string; first_name: string; last_name: string }>(
        `select s.id, s.first_name, s.last_name from students s
          where s.division_id = $1 and s.ine <> $2 and (select count(*) from student_guardians sg where sg.student_id = s.id) = 2
          order by s.ine desc limit 1`,
        [divisionId, DEMO_FAMILY.siblings[0].student.ine],
      )
    ).rows[0]!;
    const g = await c.query<{ id: string; login: string; name: string }>(
      `select g.id, a.login, g.civility || ' ' || g.first_name || ' ' || g.last_name as name
         from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
        where sg.student_id = $1 order by sg.rank`,
      [s.id],
    );
    await c.query("begin"); // a request holds its items when the transaction commits
    const r = (
      await c.query<{ id: string }>(
        "insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values ($1, 'final', 'school', 'e2e', now()) returning id",
        [s.id],
      )
    ).rows[0]!;
    const items = await c.query<{ id: string }>(
      "insert into school_request_items (request_id, rank, track, status_school) values ($1, 1, '2GT', false), ($1, 2, '2PRO', true) returning id",
      [r.id],
    );
    await c.query("commit");
    const p = await c.query<{ id: string }>(
      `insert into council_proposals (student_id, kind, choice_item_id, rank, track, status_school, answer, motivation, entered_at, entered_by_name, updated_at) values
         ($1, 'answer_to_choice', $2, 1, '2GT', false, 'yes', null, now(), 'e2e', now()),
         ($1, 'answer_to_choice', $3, 2, '2PRO', true, 'no', 'Résultats insuffisants', now(), 'e2e', now()),
         ($1, 'extra', null, 3, 'CAP', true, null, 'Projet professionnel', now(), 'e2e', now())
       returning id`,
      [s.id, items.rows[0]!.id, items.rows[1]!.id],
    );
    // An avis published to the family, so that the family page has a control (the acknowledgement).
    await c.query(
      `insert into family_published_opinions (student_id, rank, track, value, published_at) values ($1, 1, '2GT', 'favorable', now())
       on conflict do nothing`,
      [s.id],
    );
    return { studentId: s.id, divisionId, name: `${s.last_name} ${s.first_name}`, guardians: g.rows, proposals: p.rows.map((x) => x.id) };
  });
  finalWindow = await withDb(
    async (c) =>
      (await c.query<{ opens_at: Date; closes_at: Date }>("select opens_at, closes_at from campaign_windows where level = '3e' and phase = 'final'")).rows,
  );
  headName = await withDb(
    async (c) => (await c.query<{ display_name: string }>("select display_name from accounts where login = 'chef.stendhal'")).rows[0]!.display_name,
  );
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query("delete from council_proposals where student_id = $1", [fx.studentId]);
    await c.query("delete from school_requests where student_id = $1 and phase = 'final'", [fx.studentId]);
    await c.query("delete from school_family_answers where student_id = $1", [fx.studentId]);
    await c.query("delete from school_agreements where student_id = $1", [fx.studentId]);
    await c.query("delete from family_published_opinions where student_id = $1", [fx.studentId]);
    await c.query("delete from family_acknowledgements where student_id = $1", [fx.studentId]);
    if (finalWindow[0]) {
      await c.query("update campaign_windows set opens_at = $1, closes_at = $2 where level = '3e' and phase = 'final'", [
        finalWindow[0].opens_at,
        finalWindow[0].closes_at,
      ]);
    }
  });
});

test("R-FIN-10: the head enters a family's answer and the other guardian's agreement, and sees who and when", async ({ page }) => {
  await signIn(page, "chef.stendhal");
  await page.goto("/etablissement");
  await page.getByRole("link", { name: "Saisie des réponses des familles" }).click();
  await page.getByRole("link", { name: "Division 3C" }).click();
  await expect(page.getByRole("heading", { name: "Division 3C" })).toBeVisible();

  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: fx.name }) });
  await expect(card.getByRole("table")).toContainText("Résultats insuffisants");
  await expect(card.getByText("Aucune réponse de la famille n'est enregistrée.")).toBeVisible();
  const form = card.getByRole("form", { name: `Réponse de la famille ${deName(fx.name)}` });
  await form.getByRole("radio", { name: /accepte la ou les propositions/ }).check();
  // A «Non» of the council is not offered; the «Oui» and the voie proposed are.
  await expect(form.getByRole("checkbox")).toHaveCount(2);
  await form.getByRole("checkbox", { name: /^2de générale et technologique/ }).check();
  await form.getByLabel("Représentant légal qui a donné la réponse").selectOption({ label: `Responsable 1 : ${fx.guardians[0]!.name}` });
  await form
    .getByRole("group", { name: /Accord de l'autre représentant légal/ })
    .getByRole("radio", { name: "Non", exact: true })
    .check();
  await form.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(card.getByRole("status")).toHaveText("La réponse de la famille est enregistrée.");

  await expect(card.getByText(/Proposition\(s\) acceptée\(s\) : 2de générale et technologique/)).toBeVisible();
  await expect(card.getByText(new RegExp(`Saisie par l'établissement \\(${headName}\\) le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2}`)).first()).toBeVisible();
  await expect(card.getByText(`Responsable 2 : ${fx.guardians[1]!.name} : Pas d'accord avec la réponse (« Non »)`, { exact: false })).toBeVisible();
  await expectNoA11yViolations(page);

  const saved = await withDb(async (c) => ({
    answer: (await c.query("select source, kind, accepted_proposal_ids, answered_by_name from school_family_answers where student_id = $1", [fx.studentId]))
      .rows[0],
    agreements: (
      await c.query("select guardian_id, source, agrees, answered_by_name from school_agreements where student_id = $1 order by agrees desc", [fx.studentId])
    ).rows,
    audit: (await c.query("select actor_name from audit_log where action = 'family.answer.school' and entity_id = $1", [fx.studentId])).rows,
  }));
  expect(saved.answer).toEqual({ source: "school", kind: "accept", accepted_proposal_ids: [fx.proposals[0]], answered_by_name: headName });
  expect(saved.agreements).toEqual([
    { guardian_id: fx.guardians[0]!.id, source: "school", agrees: true, answered_by_name: headName },
    { guardian_id: fx.guardians[1]!.id, source: "school", agrees: false, answered_by_name: headName },
  ]);
  expect(saved.audit).toEqual([{ actor_name: headName }]);

  // The same entry again (a double submit) changes nothing.
  await form.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(card.getByRole("status")).toHaveText("Cette réponse était déjà enregistrée : rien n'a changé.");
  expect(
    await withDb(async (c) => (await c.query("select 1 from audit_log where action = 'family.answer.school' and entity_id = $1", [fx.studentId])).rowCount),
  ).toBe(1);
});

test("R-FIN-10: an answer given online is shown marked TS, and the head replaces it only after confirming", async ({ page }) => {
  // What the night transfer writes for an answer given online by guardian 2 (R-FIN-6).
  await withDb(async (c) => {
    await c.query("delete from school_agreements where student_id = $1", [fx.studentId]);
    await c.query(
      `update school_family_answers set source = 'family', kind = 'refuse_all', accepted_proposal_ids = '{}', answered_by_name = $2,
              answered_at = now() - interval '1 hour', received_at = now() where student_id = $1`,
      [fx.studentId, fx.guardians[1]!.name],
    );
  });
  await signIn(page, "chef.stendhal");
  await page.goto(`/etablissement/reponses-familles?division=${fx.divisionId}`);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: fx.name }) });
  await expect(card.getByText("TS", { exact: true })).toBeVisible();
  await expect(card.getByText(`TS – saisie en ligne par ${fx.guardians[1]!.name} le`, { exact: false })).toBeVisible();
  await expect(card.getByText("La famille refuse toutes les propositions du conseil de classe.")).toBeVisible();

  const form = card.getByRole("form", { name: `Réponse de la famille ${deName(fx.name)}` });
  await form.getByRole("radio", { name: /accepte la ou les propositions/ }).check();
  await form.getByRole("checkbox", { name: /^1re année de CAP/ }).check();
  await form.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Attention : la famille a déjà répondu en ligne (TS" })).toBeVisible();
  expect(await withDb(async (c) => (await c.query("select source from school_family_answers where student_id = $1", [fx.studentId])).rows[0])).toEqual({
    source: "family",
  });
  await expectNoA11yViolations(page);
  await form.getByRole("button", { name: "Confirmer et remplacer la réponse" }).click();
  await expect(card.getByRole("status")).toHaveText("La réponse de la famille est enregistrée.");
  await expect(card.getByText(/^Proposition\(s\) acceptée\(s\) : 1re année de CAP/)).toBeVisible();
  expect(
    await withDb(
      async (c) => (await c.query("select source, kind, accepted_proposal_ids from school_family_answers where student_id = $1", [fx.studentId])).rows[0],
    ),
  ).toEqual({ source: "school", kind: "accept", accepted_proposal_ids: [fx.proposals[2]] });
});

test("R-FIN-13: before the final phase the simulation says when it opens; then the head sees guardian 1's family page, every control disabled", async ({
  page,
}) => {
  await withDb((c) =>
    c.query(
      "update campaign_windows set opens_at = now() + interval '120 days', closes_at = now() + interval '150 days' where level = '3e' and phase = 'final'",
    ),
  );
  await signIn(page, "chef.stendhal");
  const url = `/etablissement/eleves/${fx.studentId}/simulation?responsable=1`;
  await page.goto(url);
  await expect(page.getByText(SIMULATION_NOT_YET_MESSAGE)).toBeVisible();

  await withDb((c) =>
    c.query("update campaign_windows set opens_at = now() - interval '1 day', closes_at = now() + interval '30 days' where level = '3e' and phase = 'final'"),
  );
  await page.goto(url);
  await expect(
    page.getByText(`Simulation d'accès : vous consultez la page telle que la voit ${fx.guardians[0]!.name}. Aucune saisie n'est possible.`),
  ).toBeVisible();
  const ack = page.getByRole("button", { name: ACKNOWLEDGE_BUTTON_LABEL });
  await expect(ack).toBeVisible();
  await expect(ack).toBeDisabled();
  for (const control of await page.locator("fieldset[disabled] :is(button, input, select, textarea)").all()) await expect(control).toBeDisabled();
  await expectNoA11yViolations(page);
  expect(
    await withDb(
      async (c) =>
        (await c.query("select details from audit_log where action = 'family.simulation' and entity_id = $1 and actor_name = $2", [fx.studentId, headName]))
          .rowCount,
    ),
  ).toBeGreaterThanOrEqual(1);

  // The guardian switch.
  await page.getByRole("link", { name: `Responsable 2 : ${fx.guardians[1]!.name}` }).click();
  await expect(page.getByText(`telle que la voit ${fx.guardians[1]!.name}.`)).toBeVisible();

  // Even with the page's lock removed, what it posts runs as the head, whom the policy refuses
  // ("enter:family-request"): a French refusal, and nothing written.
  await page.evaluate(() => document.querySelectorAll("fieldset[disabled]").forEach((f) => f.removeAttribute("disabled")));
  const posted = page.waitForRequest(isAction);
  await page.getByRole("button", { name: ACKNOWLEDGE_BUTTON_LABEL }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  // The same call replayed in the head's session, to read the server's answer.
  const real = await posted;
  const headers = Object.fromEntries(Object.entries(real.headers()).filter(([k]) => !["content-length"].includes(k.toLowerCase())));
  const replay = await page.context().request.post(real.url(), { headers: { ...headers, origin: new URL(baseURL).origin }, data: real.postData() ?? "" });
  expect(await replay.text()).toContain("READ_ONLY");
  expect(await withDb(async (c) => (await c.query("select 1 from family_acknowledgements where student_id = $1", [fx.studentId])).rowCount)).toBe(0);
});

test("R-FIN-10 / R-FIN-13 / R-SCH-14: a homeroom teacher of another division and a guardian get a 404", async ({ browser }) => {
  const cases: { login: string; urls: string[] }[] = [
    { login: "pp.3a", urls: [`/etablissement/reponses-familles?division=${fx.divisionId}`, `/etablissement/eleves/${fx.studentId}/simulation?responsable=1`] },
    // The division's own homeroom teacher manages the answers, but the simulation is the head's.
    { login: "pp.3c", urls: [`/etablissement/eleves/${fx.studentId}/simulation?responsable=1`] },
    {
      login: fx.guardians[0]!.login,
      urls: [`/etablissement/eleves/${fx.studentId}/simulation?responsable=1`, `/etablissement/reponses-familles?division=${fx.divisionId}`],
    },
  ];
  for (const { login, urls } of cases) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, login);
    for (const u of urls) expect((await page.goto(u))?.status(), `${login} ${u}`).toBe(404);
    await context.close();
  }
  const own = await browser.newContext();
  const page = await own.newPage();
  await signIn(page, "pp.3c");
  expect((await page.goto(`/etablissement/reponses-familles?division=${fx.divisionId}`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: fx.name })).toBeVisible();
  await own.close();
});
