import { expect, test } from "@playwright/test";
import { buildDemoData, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { LEAVE_WARNING, REFUSE_ALL_LABEL } from "@/lib/domain/family-answer";
import { ACKNOWLEDGE_FIRST_MESSAGE, FINAL_CHOICES_INSTRUCTIONS } from "@/lib/domain/family-page";
import { ENTRY_WORDING } from "@/lib/domain/intentions";
import { press, tick } from "./support/keyboard";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { deName } from "@/lib/domain/person-name";

/*
 * The family side of the final phase (R-FIN-1/2/3/6/7, R-CAL-2), in real Chromium, on division 3D
 * (buildDemoData().named.finalFamily). The académie's 3e final window is opened in the database
 * for this file and restored afterwards; avis and proposals are published as the night would.
 */

type Person = { login: string; displayName: string; email: string | null; guardianId: string };
type Family = { studentId: string; studentName: string; g1: Person; g2: Person };

let fam: Family;
let savedWindow: { opens_at: Date; closes_at: Date } | null = null;

async function familyOf(ine: string): Promise<Family> {
  return withDb(async (c) => {
    const s = await c.query<{ id: string; name: string }>(`select id, first_name || ' ' || last_name as name from students where ine = $1`, [ine]);
    const g = await c.query<{ login: string; display_name: string; email: string | null; guardian_id: string }>(
      `select a.login, a.display_name, gd.email, gd.id as guardian_id from student_guardians sg join guardians gd on gd.id = sg.guardian_id
         join accounts a on a.guardian_id = gd.id where sg.student_id = $1 order by sg.rank`,
      [s.rows[0]!.id],
    );
    const person = (r: (typeof g.rows)[number]): Person => ({ login: r.login, displayName: r.display_name, email: r.email, guardianId: r.guardian_id });
    return { studentId: s.rows[0]!.id, studentName: s.rows[0]!.name, g1: person(g.rows[0]!), g2: person(g.rows[1]!) };
  });
}

test.beforeAll(async () => {
  const data = buildDemoData();
  const named = data.students.find((s) => s.key === data.named.finalFamily)!;
  fam = await familyOf(named.ine);
  expect(fam.g1.email && fam.g2.email).toBeTruthy();
  await withDb(async (c) => {
    // Open the académie's 3e final window now (kept to restore it).
    const w = await c.query<{ opens_at: Date; closes_at: Date }>(
      `select w.opens_at, w.closes_at from campaign_windows w join schools s on s.academy_id = w.academy_id
         join students st on st.school_id = s.id where st.id = $1 and w.level = '3e' and w.phase = 'final'
         order by w.school_year desc limit 1`,
      [fam.studentId],
    );
    savedWindow = w.rows[0] ?? null;
    await c.query(
      `update campaign_windows set opens_at = now() - interval '1 hour', closes_at = now() + interval '2 days'
        where level = '3e' and phase = 'final' and academy_id = (select s.academy_id from students st join schools s on s.id = st.school_id where st.id = $1)`,
      [fam.studentId],
    );
    // The avis provisoires, as the night publishes them (nobody acknowledged them).
    await c.query(
      `insert into family_published_opinions (student_id, rank, track, sub_track, value, comment, published_at)
       values ($1, 1, '2GT', '', 'reserve', 'Des efforts en mathématiques', now()) on conflict do nothing`,
      [fam.studentId],
    );
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    if (savedWindow) {
      await c.query(
        `update campaign_windows set opens_at = $2, closes_at = $3
          where level = '3e' and phase = 'final' and academy_id = (select s.academy_id from students st join schools s on s.id = st.school_id where st.id = $1)`,
        [fam.studentId, savedWindow.opens_at, savedWindow.closes_at],
      );
    }
  });
});

test.describe.configure({ mode: "serial" });

test("R-FIN-2 / R-FIN-1 / R-FIN-3: guardian 2 acknowledges first, then validates final choices, keyboard only on a 375 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await mailbox.clear();
  await signIn(page, fam.g2.login, DEMO_PASSWORD);
  await press(page, page.getByRole("link", { name: `Voir la procédure d'orientation ${deName(fam.studentName)}` }));
  await expect(page).toHaveURL(new RegExp(`/famille/eleves/${fam.studentId}$`));

  // R-CAL-2: step 2 is current and shown, with its « À faire ».
  const steps = page.getByRole("navigation", { name: "Étapes de la procédure d'orientation" }).getByRole("listitem");
  await expect(steps).toHaveText([/1.*Intentions provisoires/, /2.*Choix définitifs.*À faire : accuser réception/, /3.*Décision/]);
  await expect(steps.nth(1)).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("heading", { level: 2, name: "Troisième trimestre : Demande(s) des représentants légaux / Choix définitif(s)" })).toBeVisible();

  // R-FIN-2: the avis and the acknowledgement, before any editor.
  await expect(page.getByText(ACKNOWLEDGE_FIRST_MESSAGE)).toBeVisible();
  await expect(page.getByText("Des efforts en mathématiques")).toBeVisible();
  await expect(page.getByRole("button", { name: ENTRY_WORDING.final.add })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await press(page, page.getByRole("button", { name: "Accuser réception" }));

  // R-FIN-3: the intentions' editor in the final wording.
  const add = page.getByRole("button", { name: ENTRY_WORDING.final.add });
  await expect(add).toBeVisible();
  await expect(page.getByText(FINAL_CHOICES_INSTRUCTIONS)).toBeVisible();
  const dialog = page.getByRole("dialog");
  await press(page, add);
  await expect(dialog.getByRole("heading", { name: "Ajouter un choix" })).toBeVisible();
  await tick(page, dialog.getByRole("radio", { name: /^2de professionnelle/ }));
  await press(page, dialog.getByRole("button", { name: "Valider la sélection" }));
  await expect(dialog).toBeHidden();
  await press(page, add);
  await tick(page, dialog.getByRole("radio", { name: /^1re année de CAP/ }));
  await press(page, dialog.getByRole("button", { name: "Valider la sélection" }));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: ENTRY_WORDING.final.listLabel }).getByRole("listitem")).toHaveText([
    /Choix 1.*2de professionnelle/,
    /Choix 2.*1re année de CAP/,
  ]);
  await expectNoA11yViolations(page);
  await press(page, page.getByRole("button", { name: ENTRY_WORDING.final.validate }));
  await expect(page.getByText(ENTRY_WORDING.final.validated)).toBeVisible();
  await expect(page.getByRole("list", { name: "Choix définitifs par ordre de préférence" }).getByRole("listitem")).toHaveText([
    /Choix 1 : 2de professionnelle/,
    /Choix 2 : 1re année de CAP/,
  ]);
  await expectNoA11yViolations(page);

  // Step 1 stays readable: the avis and who acknowledged.
  await press(page, page.getByRole("link", { name: /Étape 1 : Intentions provisoires/ }));
  await expect(page).toHaveURL(/etape=1/);
  await expect(page.getByText(new RegExp(`Accusé de réception effectué le .* par ${fam.g2.displayName}`))).toBeVisible();

  // R-FIN-3: the recap e-mails of the final phase when the session ends.
  await signOut(page);
  const toOther = await mailbox.waitFor((m) => m.to.includes(fam.g1.email!) && m.subject === "[ORIENTATION] Saisie des choix définitifs d'orientation");
  expect(toOther.text).toContain("Choix 1 : 2de professionnelle");
  expect(toOther.text).toContain("Vous devez signifier votre accord avec ce(s) choix définitif(s) ou votre désaccord par écrit au chef d'établissement.");
  await mailbox.waitFor((m) => m.to.includes(fam.g2.email!) && m.subject === "[ORIENTATION] Saisie des choix définitifs d'orientation");
});

test("R-FIN-1: guardian 1 reads the final choices, with who and when, at desktop size", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, fam.g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await expect(page.getByText(new RegExp(`Choix définitifs saisis par ${fam.g2.displayName} le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2}`))).toBeVisible();
  await expect(page.getByRole("button", { name: ENTRY_WORDING.final.add })).toHaveCount(0);
  await expectNoA11yViolations(page);
  // An invalid step falls back to the default one.
  await page.goto(`/famille/eleves/${fam.studentId}?etape=7`);
  await expect(page.getByRole("heading", { level: 2, name: /Choix définitif\(s\)/ })).toBeVisible();
});

test("R-FIN-6 / R-FIN-7: proposals published; guardian 2 answers (leaving warns), guardian 1 agrees; e-mails arrive", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await mailbox.clear();
  // The night publishes the council's proposals: «Oui» to choice 1, «Non» to choice 2, and one voie not asked.
  await withDb((c) =>
    c.query(
      `insert into family_published_proposals (id, student_id, kind, rank, track, sub_track, answer, motivation, published_at) values
         (gen_random_uuid(), $1, 'answer_to_choice', 1, '2PRO', '', 'yes', null, now()),
         (gen_random_uuid(), $1, 'answer_to_choice', 2, 'CAP', '', 'no', 'Projet à préciser', now()),
         (gen_random_uuid(), $1, 'extra', 1, '2GT', '', null, 'Bons résultats', now())`,
      [fam.studentId],
    ),
  );

  await signIn(page, fam.g2.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await expect(page.getByText("Projet à préciser")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Proposition(s) du conseil de classe" })).toBeVisible();
  const form = page.locator("form").filter({ hasText: "Votre réponse aux propositions du conseil de classe" });
  await expect(form.getByRole("checkbox")).toHaveCount(2); // «Non» cannot be accepted
  await expect(form.getByRole("radio", { name: REFUSE_ALL_LABEL })).toBeVisible();
  await expectNoA11yViolations(page);

  // R-FIN-13: inside a disabled <fieldset> (the head's read-only simulation) every control is
  // disabled and leaving does not warn.
  let spurious = false;
  const onDialog = () => {
    spurious = true;
  };
  page.on("dialog", onDialog);
  await page.evaluate(() => {
    const answer = [...document.querySelectorAll("form")].find((f) => f.textContent?.includes("Votre réponse aux propositions"))!;
    const wrapper = document.createElement("fieldset");
    wrapper.disabled = true;
    answer.parentElement!.insertBefore(wrapper, answer);
    wrapper.appendChild(answer);
  });
  await expect(form.getByRole("button", { name: "Valider ma réponse" })).toBeDisabled();
  await expect(form.getByRole("radio", { name: REFUSE_ALL_LABEL })).toBeDisabled();
  await page.getByRole("link", { name: "Mes enfants" }).first().click();
  await expect(page).toHaveURL(/\/famille$/);
  page.off("dialog", onDialog);
  expect(spurious).toBe(false);
  await page.goto(`/famille/eleves/${fam.studentId}`);

  // R-FIN-6: leaving with the proposals unanswered warns; staying keeps the page.
  let warned = "";
  page.once("dialog", async (d) => {
    warned = d.message();
    await d.dismiss();
  });
  await page.getByRole("link", { name: "Mes enfants" }).first().click();
  await expect.poll(() => warned).toBe(LEAVE_WARNING);
  await expect(page).toHaveURL(new RegExp(`/famille/eleves/${fam.studentId}`));

  await tick(page, form.getByRole("radio", { name: /J'accepte/ }));
  await tick(page, form.getByRole("checkbox", { name: /2de professionnelle/ }));
  await press(page, form.getByRole("button", { name: "Valider ma réponse" }));
  await expect(page.getByText(new RegExp(`Réponse saisie le .* par ${fam.g2.displayName}`))).toBeVisible();
  await expectNoA11yViolations(page);
  // Answered: leaving no longer warns.
  await page.getByRole("link", { name: "Mes enfants" }).first().click();
  await expect(page).toHaveURL(/\/famille$/);
  await expect(page.getByText("Réponse enregistrée : accord de l'autre représentant légal attendu")).toBeVisible();

  const subject = "[ORIENTATION] Réponse aux propositions du conseil de classe";
  const toOther = await mailbox.waitFor((m) => m.to.includes(fam.g1.email!) && m.subject === subject);
  expect(toOther.text).toContain(`par ${fam.g2.displayName}`);
  expect(toOther.text).toContain("signifier votre accord (« Oui ») ou votre désaccord (« Non »)");
  const toHolder = await mailbox.waitFor((m) => m.to.includes(fam.g2.email!) && m.subject === subject);
  expect(toHolder.text).toContain("que vous avez effectuée en ligne");
  await signOut(page);

  // R-FIN-7: guardian 1 agrees (keyboard).
  await signIn(page, fam.g1.login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  const agreement = page.locator("form").filter({ hasText: "Êtes-vous d'accord" });
  await expectNoA11yViolations(page);
  await tick(page, agreement.getByRole("radio", { name: "Oui" }));
  await press(page, agreement.getByRole("button", { name: "Enregistrer ma réponse" }));
  await expect(page.getByText(new RegExp(`Accord avec la réponse : « Oui », saisi le .* par ${fam.g1.displayName}`))).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer ma réponse" })).toHaveCount(0);
  await expectNoA11yViolations(page);
  const agreed = await mailbox.waitFor(
    (m) => m.to.includes(fam.g2.email!) && m.subject === "[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe",
  );
  expect(agreed.text).toContain("son accord (« Oui »)");
  const rows = await withDb((c) => c.query(`select agrees, source from family_agreements where student_id = $1`, [fam.studentId]));
  expect(rows.rows).toEqual([{ agrees: true, source: "family" }]);
});
