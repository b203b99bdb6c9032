import { expect, test } from "@playwright/test";
import { DECISION_PUBLISHED_SUBJECT } from "@/emails/decision-published";
import { INTERVIEW_INVITATION_SUBJECT } from "@/emails/interview-invitation";
import { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { formatIsoDay } from "@/lib/domain/decision";
import { longDay } from "@/lib/domain/decision-notice";
import { REFUSE_ALL_LABEL } from "@/lib/domain/family-answer";
import { ENTRY_WORDING } from "@/lib/domain/intentions";
import { parisDayKey, toParisInputValue } from "@/lib/domain/paris-time";
import { salutation, deName } from "@/lib/domain/person-name";
import { appealDeadline } from "@/lib/domain/working-days";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { openFinalPhase, runNight } from "./support/final-phase";
import { openCouncil } from "./support/council";

/*
 * A refusal played to the end (docs/rules.md R-FIN-9, R-FIN-11, R-FIN-12), across real nights: a
 * guardian enters the final choices; the head enters the proposals; the guardian refuses them all;
 * the night brings the refusal to the school and invites both guardians to the mandatory
 * interview; the head records the interview and a decision against the request, with its three
 * reasons; the night notifies it by e-mail (the day of receipt is the night's day, the appeal
 * deadline 3 jours ouvrables later); the family reads it and downloads the notice; the head records
 * the family's appeal and the commission's decision, which the last night publishes and e-mails.
 * On a family of division 3D that no other spec plays. Each night runs `npm run sync -- --manual --now <now>`
 * a minute ahead of the real clock, so that the day of receipt is today. The académie's 3e final
 * window and 3D's final council are restored afterwards.
 */
test.describe.configure({ mode: "serial" });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

type Person = { login: string; displayName: string; email: string; civility: string | null };
let student: { id: string; firstName: string; lastName: string; divisionId: string };
let g1: Person;
let g2: Person;
let academy: { days: number; president: string; address: string };
let restore: (() => Promise<void>) | null = null;

const academyOf = "(select s.academy_id from students st join schools s on s.id = st.school_id where st.id = $1)";

/** A night a minute ahead of the real clock: its day of receipt is today. */
function night(): string {
  return runNight(toParisInputValue(new Date(Date.now() + 60_000)));
}

test.beforeAll(async () => {
  const data = buildDemoData();
  // A family of 3D that no other spec plays (3D#0, 3D#1 and 3D#7 are theirs), with two guardians who have an account and an address.
  const taken = ["3D#0", "3D#1", "3D#7"].map((k) => data.students.find((s) => s.key === k)!.ine);
  await withDb(async (c) => {
    const s = await c.query<{ id: string; first_name: string; last_name: string; division_id: string }>(
      `select st.id, st.first_name, st.last_name, st.division_id from students st
        where st.division_id = (select division_id from students where ine = ($1::text[])[1]) and st.ine <> all($1::text[]) and st.out_of_procedure_reason is null
          and (select count(*) from student_guardians sg join guardians gd on gd.id = sg.guardian_id join accounts a on a.guardian_id = gd.id
                where sg.student_id = st.id and coalesce(gd.email, '') <> '') = 2
        order by st.ine limit 1`,
      [taken],
    );
    student = { id: s.rows[0]!.id, firstName: s.rows[0]!.first_name, lastName: s.rows[0]!.last_name, divisionId: s.rows[0]!.division_id };
    const g = await c.query<{ login: string; display_name: string; email: string; civility: string | null }>(
      `select a.login, a.display_name, gd.email, gd.civility::text as civility from student_guardians sg join guardians gd on gd.id = sg.guardian_id
         join accounts a on a.guardian_id = gd.id where sg.student_id = $1 order by sg.rank`,
      [student.id],
    );
    const people = g.rows.map((r): Person => ({ login: r.login, displayName: r.display_name, email: r.email, civility: r.civility }));
    g1 = people[0]!;
    g2 = people[1]!;
    const a = await c.query<{ days: number; president: string; address: string }>(
      `select appeal_deadline_working_days as days, appeal_commission_president as president, appeal_commission_address as address from academies where id = ${academyOf}`,
      [student.id],
    );
    academy = a.rows[0]!;
    // The provisional phase is behind this family: its avis were published (it acknowledges them first).
    await c.query(
      `insert into family_published_opinions (student_id, rank, track, sub_track, value, comment, published_at)
       values ($1, 1, '2GT', '', 'reserve', 'Des efforts à fournir', now() - interval '30 days') on conflict do nothing`,
      [student.id],
    );
  });
  restore = await openFinalPhase(student);
  expect(g1.email && g2.email).toBeTruthy();
});

test.afterAll(async () => {
  await restore?.();
});

test("R-FIN-9: the family refuses every proposal; the night brings the refusal to the school and invites both guardians to the interview", async ({ page }) => {
  await mailbox.clear();
  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  await page.getByRole("button", { name: "Accuser réception" }).click();
  const dialog = page.getByRole("dialog");
  for (const track of [/^2de générale et technologique/, /^2de professionnelle/]) {
    await page.getByRole("button", { name: ENTRY_WORDING.final.add }).click();
    await dialog.getByRole("radio", { name: track }).check();
    await dialog.getByRole("button", { name: "Valider la sélection" }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByRole("button", { name: ENTRY_WORDING.final.validate }).click();
  await expect(page.getByText(ENTRY_WORDING.final.validated)).toBeVisible();
  await signOut(page);
  night();

  // The head enters the proposals: «Non» to the 2de GT, «Oui» to the 2de professionnelle.
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${student.divisionId}?phase=final`);
  if (await page.getByRole("button", { name: "Ouvrir le conseil de classe" }).isVisible()) await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toBeVisible();
  const name = `${student.lastName} ${student.firstName}`;
  await page.getByLabel(`Réponse du conseil au choix 1 ${deName(name)}`).selectOption({ label: "Non" });
  await page.getByLabel(`Motivation de la réponse au choix 1 ${deName(name)}`).fill("Résultats insuffisants en mathématiques");
  await page.getByLabel(`Réponse du conseil au choix 2 ${deName(name)}`).selectOption({ label: "Oui" });
  await page.getByRole("button", { name: "Enregistrer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les propositions du conseil de classe sont enregistrées" })).toBeVisible();
  await signOut(page);
  night();

  // The guardian who entered the choices refuses them all.
  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}`);
  const form = page.locator("form").filter({ hasText: "Votre réponse aux propositions du conseil de classe" });
  await form.getByRole("radio", { name: REFUSE_ALL_LABEL }).check();
  await form.getByRole("button", { name: "Valider ma réponse" }).click();
  await expect(page.getByText(/IMM[EÉ]DIATEMENT/).first()).toBeVisible();
  await signOut(page);

  await mailbox.clear();
  night();
  // R-FIN-9: each guardian is invited to the mandatory interview, greeted by their civility.
  for (const g of [g1, g2]) {
    const m = await mailbox.waitFor((x) => x.to.includes(g.email) && x.subject === INTERVIEW_INVITATION_SUBJECT);
    expect(m.text.split("\n")[0]).toBe(salutation(g.civility));
    expect(m.text).toMatch(/chef d'établissement/);
  }
  const answer = await withDb(async (c) => (await c.query("select kind from school_family_answers where student_id = $1", [student.id])).rows);
  expect(answer).toEqual([{ kind: "refuse_all" }]);
});

test("R-FIN-9 / R-FIN-11: the head records the interview and a reasoned decision; the night notifies it with the deadline in jours ouvrables; the family reads it and its PDF", async ({
  page,
}) => {
  await signIn(page, headLogin);
  await page.goto("/etablissement/decisions");
  await expect(page.getByRole("listitem").filter({ hasText: `${student.firstName} ${student.lastName}` })).toContainText(
    "Entretien à mener : la famille refuse toutes les propositions",
  );
  await page.goto(`/etablissement/eleves/${student.id}`);
  const section = page.getByRole("region", { name: "Décision d'orientation" });
  await expect(section.getByText("Entretien à mener : la famille refuse toutes les propositions")).toBeVisible();
  await section.getByLabel("Participants").fill("Le chef d'établissement, les deux représentants légaux, l'élève");
  await section.getByRole("radio", { name: "Désaccord maintenu" }).check();
  await section.getByRole("button", { name: "Enregistrer l'entretien" }).click();
  await expect(section.getByRole("status")).toHaveText("L'entretien est enregistré.");

  await section.getByRole("radio", { name: /^2de professionnelle/ }).check();
  await expect(section.getByLabel("Connaissances de l'élève")).toHaveValue(new RegExp(student.firstName));
  await section.getByLabel("Intérêts de l'élève").fill("Les intérêts exprimés lors de l'entretien rejoignent les métiers de la 2de professionnelle.");
  await section.getByRole("button", { name: "Prendre la décision" }).click();
  await expect(section.getByRole("status").filter({ hasText: "La décision d'orientation est enregistrée." })).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);

  await mailbox.clear();
  night();
  const today = parisDayKey(new Date());
  const deadline = appealDeadline(today, academy.days);
  const received = `Notification reçue le ${longDay(today)} (envoi par courrier électronique) : vous pouvez faire appel jusqu'au ${longDay(deadline)} inclus.`;
  for (const g of [g1, g2]) {
    const m = await mailbox.waitFor((x) => x.to.includes(g.email) && x.subject === DECISION_PUBLISHED_SUBJECT);
    expect(m.text.split("\n")[0]).toBe(salutation(g.civility));
    expect(m.text).toContain("Cette décision diffère de votre demande.");
    expect(m.text).toContain("Intérêts de l'élève : Les intérêts exprimés lors de l'entretien rejoignent les métiers de la 2de professionnelle.");
    expect(m.text.replace(/\s+/g, " ")).toContain(received);
    expect(m.text.replace(/\s+/g, " ")).toContain(academy.president);
    expect(m.text).toContain("maintien");
  }

  // R-FIN-12: the family page's step 3, and the notice's PDF.
  await signIn(page, g2.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}?etape=3`);
  await expect(page.getByRole("heading", { level: 2, name: "Décision d'orientation" })).toBeVisible();
  await expect(page.getByText(received)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Droit au maintien" })).toBeVisible();
  await expect(page.getByText("Issue de l'entretien : le désaccord est maintenu.")).toBeVisible();
  await expectNoA11yViolations(page);
  const href = await page.getByRole("link", { name: "Télécharger la notification (PDF)" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = extractPdfText(new Uint8Array(await res.body())).replace(/\s+/g, " ");
  expect(pdf).toContain(`jusqu'au ${longDay(deadline)} inclus`);
  expect(pdf).toContain("Les intérêts exprimés lors de l'entretien rejoignent les métiers de la 2de professionnelle.");
  expect(pdf).toContain(academy.president);
  await signOut(page);

  // The back-office counts the jours ouvrables left (the day of receipt does not count).
  await signIn(page, headLogin);
  await page.goto("/etablissement/decisions");
  await expect(page.getByText(`Délai d'appel jusqu'au ${formatIsoDay(deadline)} : ${academy.days} jour(s) ouvrable(s) restant(s)`)).toBeVisible();
});

test("R-FIN-9: the head records the family's appeal and the commission's decision, which the night publishes and e-mails", async ({ page }) => {
  await signIn(page, headLogin);
  await page.goto(`/etablissement/eleves/${student.id}`);
  const section = page.getByRole("region", { name: "Décision d'orientation" });
  await section.getByRole("button", { name: "Enregistrer l'appel" }).click();
  await expect(section.getByText("Appel en cours : décision de la commission attendue")).toBeVisible();
  await section.getByLabel("Date de la commission d'appel").fill(parisDayKey(new Date()));
  await section.getByLabel("Voie décidée par la commission").selectOption({ label: "2de générale et technologique ou 2de STHR (demande de la famille)" });
  await section.getByRole("button", { name: "Enregistrer la décision de la commission" }).click();
  await section.getByRole("button", { name: "Confirmer la décision de la commission" }).click();
  await expect(section.getByText("Décision de la commission d'appel", { exact: true }).first()).toBeVisible();
  // Polled: the page may show the words before the save has returned.
  await expect
    .poll(() => withDb(async (c) => (await c.query("select track, source from decisions where student_id = $1", [student.id])).rows))
    .toEqual([{ track: "2GT", source: "commission" }]);
  await expectNoA11yViolations(page);
  await signOut(page);

  await mailbox.clear();
  night();
  const m = await mailbox.waitFor((x) => x.to.includes(g1.email) && x.subject === DECISION_PUBLISHED_SUBJECT);
  expect(m.text).toContain("La commission d'appel a pris");
  expect(m.text).toContain("2de générale et technologique");
  expect(m.text).not.toContain("vous pouvez faire appel");

  await signIn(page, g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${student.id}?etape=3`);
  await expect(page.getByText("Cette décision de la commission d'appel est définitive.")).toBeVisible();
  await expect(page.getByText(/2de générale et technologique/).first()).toBeVisible();
  await expectNoA11yViolations(page);
});
