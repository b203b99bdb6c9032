import { expect, test } from "@playwright/test";
import { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { PROPOSALS_NOT_AVAILABLE_MESSAGE } from "@/lib/domain/family-page";
import { ENTRY_WORDING } from "@/lib/domain/intentions";
import { nextParisDay, parisDayKey } from "@/lib/domain/paris-time";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { press, tick } from "./support/keyboard";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { openFinalPhase, runNight } from "./support/final-phase";
import { openCouncil } from "./support/council";
import { deName } from "@/lib/domain/person-name";

/*
 * A whole final phase of the 3e (docs/rules.md §6, §8), across real nights: guardian 2
 * acknowledges the avis and enters the final choices (keyboard only, 375 px wide); the first night
 * carries them to the back-office; the head opens the final council and enters the proposals
 * (desktop); the second night publishes them; guardian 2 answers and guardian 1 agrees (keyboard
 * only); the e-mails of each step arrive in the SMTP sink; a third night brings the answer and the
 * agreement back to the head. On the second family of division 3D (the first is the family spec's).
 * Each night is `npm run sync -- --manual --now <night>`: a real process, under its own run key,
 * so the sync spec's nights stay its own. The académie's 3e final window and 3D's final council
 * are restored afterwards.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;
const today = parisDayKey(new Date());
const night1 = `${nextParisDay(today)}T02:00`;
const night2 = `${nextParisDay(nextParisDay(today))}T02:00`;
const night3 = `${nextParisDay(nextParisDay(nextParisDay(today)))}T02:00`;

type Person = { login: string; displayName: string; email: string };
let student: { id: string; ine: string; firstName: string; lastName: string; divisionId: string };
let g1: Person;
let g2: Person;
let restore: (() => Promise<void>) | null = null;

test.beforeAll(async () => {
  const data = buildDemoData();
  const named = data.students.find((s) => s.divisionCode === "3D" && s.key === "3D#1")!;
  await withDb(async (c) => {
    const s = await c.query<{ id: string; division_id: string }>("select id, division_id from students where ine = $1", [named.ine]);
    student = { id: s.rows[0]!.id, ine: named.ine, firstName: named.firstName, lastName: named.lastName, divisionId: s.rows[0]!.division_id };
    const g = await c.query<{ login: string; display_name: string; email: string }>(
      `select a.login, a.display_name, gd.email from student_guardians sg join guardians gd on gd.id = sg.guardian_id
         join accounts a on a.guardian_id = gd.id where sg.student_id = $1 order by sg.rank`,
      [student.id],
    );
    const people = g.rows.map((r): Person => ({ login: r.login, displayName: r.display_name, email: r.email }));
    g1 = people[0]!;
    g2 = people[1]!;
    // The provisional phase is behind this family (its own specs play it): its avis were published.
    await c.query(
      `insert into family_published_opinions (student_id, rank, track, sub_track, value, comment, published_at)
       values ($1, 1, '2GT', '', 'favorable', 'Bon travail', now() - interval '30 days') on conflict do nothing`,
      [student.id],
    );
  });
  // R-CAL-1: the final phase is open for a week.
  restore = await openFinalPhase(student);
  expect(g1.email && g2.email).toBeTruthy();
});

test.afterAll(async () => {
  await restore?.();
});

test("R-FIN-2 / R-FIN-1 / R-FIN-3 / R-SYNC-1: guardian 2 acknowledges and enters the final choices (keyboard, 375 px); the first night brings them to the school", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await mailbox.clear();
  await signIn(page, g2.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Troisième trimestre : Demande(s) des représentants légaux / Choix définitif(s)" })).toBeVisible();
  await expectNoA11yViolations(page);
  await press(page, page.getByRole("button", { name: "Accuser réception" }));

  const add = page.getByRole("button", { name: ENTRY_WORDING.final.add });
  const dialog = page.getByRole("dialog");
  for (const track of [/^2de générale et technologique/, /^2de professionnelle/]) {
    await press(page, add);
    await tick(page, dialog.getByRole("radio", { name: track }));
    await press(page, dialog.getByRole("button", { name: "Valider la sélection" }));
    await expect(dialog).toBeHidden();
  }
  await expectNoA11yViolations(page);
  await press(page, page.getByRole("button", { name: ENTRY_WORDING.final.validate }));
  await expect(page.getByText(ENTRY_WORDING.final.validated)).toBeVisible();
  await signOut(page);
  // R-FIN-3: the recap of the final choices, to both guardians, when the session ends.
  const subject = "[ORIENTATION] Saisie des choix définitifs d'orientation";
  const toOther = await mailbox.waitFor((m) => m.to.includes(g1.email) && m.subject === subject);
  expect(toOther.text).toContain(`par ${g2.displayName}`);
  expect(toOther.text).toContain("Vous devez signifier votre accord avec ce(s) choix définitif(s) ou votre désaccord par écrit au chef d'établissement.");
  await mailbox.waitFor((m) => m.to.includes(g2.email) && m.subject === subject);

  // Not before the night: nothing received by the school yet.
  const received = () =>
    withDb(
      async (c) =>
        (await c.query<{ n: number }>("select count(*)::int as n from school_family_entries where student_id = $1 and phase = 'final'", [student.id])).rows[0]!
          .n,
    );
  expect(await received()).toBe(0);
  runNight(night1);
  expect(await received()).toBe(1);
});

test("R-SCH-3 / R-FIN-5: the head opens the final council and enters the proposals (desktop)", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${student.divisionId}?phase=final`);
  await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");
  const name = `${student.lastName} ${student.firstName}`;
  await page.getByLabel(`Réponse du conseil au choix 1 ${deName(name)}`).selectOption({ label: "Oui" });
  await page.getByLabel(`Réponse du conseil au choix 2 ${deName(name)}`).selectOption({ label: "Non" });
  await page.getByLabel(`Motivation de la réponse au choix 2 ${deName(name)}`).fill("Projet professionnel à construire");
  await page.getByRole("checkbox", { name: `Proposer : 1re année de CAP à ${name}` }).check();
  await page.getByRole("button", { name: "Enregistrer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les propositions du conseil de classe sont enregistrées" })).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);

  // R-SCH-3: the council is open; the family sees that the proposals are not available yet.
  await signIn(page, g2.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByText(PROPOSALS_NOT_AVAILABLE_MESSAGE)).toBeVisible();
  await expect(page.getByRole("button", { name: ENTRY_WORDING.final.add })).toHaveCount(0);
  await signOut(page);
});

test("R-FIN-6 / R-FIN-7 / R-SYNC-2: the second night publishes the proposals; guardian 2 answers, guardian 1 agrees (keyboard); e-mails arrive; the third night brings them to the school", async ({
  page,
}) => {
  runNight(night2);
  await mailbox.clear();

  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, g2.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByRole("heading", { name: "Proposition(s) du conseil de classe" })).toBeVisible();
  await expect(page.getByText("Projet professionnel à construire")).toBeVisible();
  await expectNoA11yViolations(page);
  const form = page.locator("form").filter({ hasText: "Votre réponse aux propositions du conseil de classe" });
  await tick(page, form.getByRole("radio", { name: /J'accepte/ }));
  await tick(page, form.getByRole("checkbox", { name: /2de générale et technologique/ }));
  await press(page, form.getByRole("button", { name: "Valider ma réponse" }));
  await expect(page.getByText(new RegExp(`Réponse saisie le .* par ${g2.displayName}`))).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);
  const answerSubject = "[ORIENTATION] Réponse aux propositions du conseil de classe";
  expect((await mailbox.waitFor((m) => m.to.includes(g1.email) && m.subject === answerSubject)).text).toContain(`par ${g2.displayName}`);
  await mailbox.waitFor((m) => m.to.includes(g2.email) && m.subject === answerSubject);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  const agreement = page.locator("form").filter({ hasText: "Êtes-vous d'accord" });
  await tick(page, agreement.getByRole("radio", { name: "Oui" }));
  await press(page, agreement.getByRole("button", { name: "Enregistrer ma réponse" }));
  await expect(page.getByText(new RegExp(`Accord avec la réponse : « Oui », saisi le .* par ${g1.displayName}`))).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);
  const agreementSubject = "[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe";
  await mailbox.waitFor((m) => m.to.includes(g2.email) && m.subject === agreementSubject);
  await mailbox.waitFor((m) => m.to.includes(g1.email) && m.subject === agreementSubject);

  // R-SYNC-1: the answer and the agreement reach the back-office at night, marked as the family's.
  runNight(night3);
  const atSchool = await withDb(async (c) => ({
    answer: (await c.query("select source, kind, answered_by_name from school_family_answers where student_id = $1", [student.id])).rows,
    agreements: (await c.query("select source, agrees, answered_by_name from school_agreements where student_id = $1", [student.id])).rows,
  }));
  expect(atSchool).toEqual({
    answer: [{ source: "family", kind: "accept", answered_by_name: g2.displayName }],
    agreements: [{ source: "family", agrees: true, answered_by_name: g1.displayName }],
  });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves?division=${student.divisionId}&phase=final`);
  const row = page.locator(`tr[data-student="${student.ine}"]`);
  await expect(row.locator("[data-badge=answer_accepted]")).toBeVisible();
  await expect(row.locator("[data-badge=agreements_given]")).toBeVisible();
  await expectNoA11yViolations(page);
});

test("R-FIN-8 / R-FIN-12: the head takes the division's decisions after a summary and a confirmation; the fourth night e-mails each guardian; the family reads step 3 and the notice", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${student.divisionId}?phase=final`);
  const summary = page.getByRole("list", { name: "Décisions qui seront prises" });
  await expect(summary.getByRole("listitem").filter({ hasText: student.lastName })).toContainText("2de générale et technologique");
  await page.getByRole("button", { name: /^Prendre les \d+ décision\(s\) d'orientation$/ }).click();
  await page.getByRole("button", { name: "Confirmer les décisions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /décision/ })).toBeVisible();
  await expectNoA11yViolations(page);
  const decided = await withDb(
    async (c) => (await c.query("select track, source, differs_from_request from decisions where student_id = $1", [student.id])).rows,
  );
  expect(decided).toEqual([{ track: "2GT", source: "agreement", differs_from_request: false }]);
  await signOut(page);

  await mailbox.clear();
  runNight(`${nextParisDay(nextParisDay(nextParisDay(nextParisDay(today))))}T02:00`);
  const subject = "[ORIENTATION] Décision d'orientation";
  for (const g of [g1, g2]) {
    const m = await mailbox.waitFor((x) => x.to.includes(g.email) && x.subject === subject);
    expect(m.text.split("\n")[0]).toMatch(/^(Madame,|Monsieur,|Madame, Monsieur,)$/);
    expect(m.text).not.toContain(g.displayName + ",");
    expect(m.text).toContain("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.");
    expect(m.text).not.toContain("faire appel");
  }

  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await expect(page.getByRole("navigation", { name: "Étapes de la procédure d'orientation" }).getByRole("listitem").nth(2)).toHaveAttribute(
    "aria-current",
    "step",
  );
  await expect(page.getByRole("heading", { level: 2, name: "Décision d'orientation" })).toBeVisible();
  await expect(page.getByText("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Prochaine étape : l'affectation" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Droit au maintien" })).toHaveCount(0);
  await expectNoA11yViolations(page);
  const href = await page.getByRole("link", { name: "Télécharger la notification (PDF)" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = extractPdfText(new Uint8Array(await res.body())).replace(/\s+/g, " ");
  expect(pdf).toContain("2de générale et technologique");
  expect(pdf).toContain("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.");
  expect(pdf).not.toContain("Voies de recours");
});
