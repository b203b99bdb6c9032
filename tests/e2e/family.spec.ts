import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_FAMILY, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE } from "@/lib/domain/calendar";
import { SCHOOL_CLOSED_MESSAGE } from "@/lib/domain/family-page";
import { DUPLICATE_TRACK_MESSAGE, HELP_STATUS_APPRENTICE, PROCEDURE_NOTICE, VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { publishOpinionsForValidatedIntentions } from "./support/family-opinions";
import { deName } from "@/lib/domain/person-name";

/*
 * The family side of the provisional phase (R-INT, R-ACK-1), walked in real Chromium: on a 375 px wide
 * phone with the keyboard only, and on a desktop with the mouse. Each walk uses its own 3A family
 * (playwright.config.ts: family specs work on division 3A).
 */

type Person = { login: string; displayName: string; email: string | null };
type Family = { studentId: string; studentName: string; g1: Person; g2: Person; studentLogin: string };

async function familyOf(ine: string): Promise<Family> {
  return withDb(async (c) => {
    const s = await c.query<{ id: string; name: string; login: string }>(
      `select s.id, s.first_name || ' ' || s.last_name as name, a.login from students s join accounts a on a.student_id = s.id where s.ine = $1`,
      [ine],
    );
    const g = await c.query<{ login: string; display_name: string; email: string | null }>(
      `select a.login, a.display_name, gd.email from student_guardians sg join guardians gd on gd.id = sg.guardian_id
         join accounts a on a.guardian_id = gd.id where sg.student_id = $1 order by sg.rank`,
      [s.rows[0]!.id],
    );
    const person = (r: (typeof g.rows)[number]): Person => ({ login: r.login, displayName: r.display_name, email: r.email });
    return { studentId: s.rows[0]!.id, studentName: s.rows[0]!.name, g1: person(g.rows[0]!), g2: person(g.rows[1]!), studentLogin: s.rows[0]!.login };
  });
}

/** Another 3A student whose two guardians have an e-mail address (not a named fixture). */
async function anotherIneOf3A(): Promise<string> {
  return withDb(async (c) => {
    const r = await c.query<{ ine: string }>(
      `select s.ine from students s join divisions d on d.id = s.division_id
        where d.code = '3A' and s.ine not in ($1, $2)
          and (select count(*) from student_guardians sg join guardians g on g.id = sg.guardian_id where sg.student_id = s.id and g.email is not null) = 2
        order by s.ine limit 1`,
      [DEMO_FAMILY.student3A.student.ine, DEMO_FAMILY.noEmail.student.ine],
    );
    return r.rows[0]!.ine;
  });
}

/** Activates a control with the keyboard (focus, then Enter) or with the mouse. */
function driver(page: Page, keyboard: boolean) {
  return {
    async press(l: Locator) {
      if (keyboard) {
        await l.focus();
        await page.keyboard.press("Enter");
      } else await l.click();
    },
    async tick(l: Locator) {
      if (keyboard) {
        await l.focus();
        await page.keyboard.press("Space");
      } else await l.check();
    },
    async type(l: Locator, text: string) {
      if (keyboard) {
        await l.focus();
        await page.keyboard.type(text);
      } else await l.fill(text);
    },
  };
}

async function walkTheEntry(page: Page, fam: Family, keyboard: boolean) {
  const d = driver(page, keyboard);
  await signIn(page, fam.g1.login, DEMO_PASSWORD);
  await d.press(page.getByRole("link", { name: `Voir la procédure d'orientation ${deName(fam.studentName)}` }));
  await expect(page).toHaveURL(new RegExp(`/famille/eleves/${fam.studentId}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Orientation ${deName(fam.studentName)}` })).toBeVisible();

  // R-CAL-4: three steps and the term label; R-INT-9: the notice.
  const steps = page.getByRole("navigation", { name: "Étapes de la procédure d'orientation" }).getByRole("listitem");
  await expect(steps).toHaveText([/1.*Intentions provisoires/, /2.*Choix définitifs/, /3.*Décision/]);
  await expect(steps.nth(0)).toHaveAttribute("aria-current", "step");
  await expect(
    page.getByRole("heading", { level: 2, name: "Deuxième trimestre : Demande(s) des représentants légaux / Intention(s) d'orientation" }),
  ).toBeVisible();
  await expect(page.getByText(PROCEDURE_NOTICE)).toBeVisible();
  await expectNoA11yViolations(page);

  const add = page.getByRole("button", { name: "+ Ajouter une intention" });
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Valider la sélection" });
  const radio = (name: RegExp) => dialog.getByRole("radio", { name });

  if (keyboard) {
    // Reached with Tab from the top of the page; the dialog takes the focus, Escape gives it back.
    await page.locator("body").focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await add.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(add).toBeFocused();
  }

  // 1. 2de professionnelle with details and both statuses (R-INT-5), and a tooltip (R-INT-9).
  await d.press(add);
  await expect(dialog.getByRole("heading", { name: "Ajouter une intention" })).toBeVisible();
  await d.tick(radio(/^2de professionnelle/));
  await d.type(dialog.getByLabel("Spécialité(s) ou famille(s) de métiers (facultatif)"), "Hôtellerie restauration");
  await d.tick(dialog.getByRole("checkbox", { name: "Sous statut scolaire" }));
  await d.tick(dialog.getByRole("checkbox", { name: "Sous statut d'apprenti" }));
  await d.press(dialog.getByRole("button", { name: "Aide : Sous statut d'apprenti" }));
  await expect(dialog.getByText(HELP_STATUS_APPRENTICE)).toBeVisible();
  await expectNoA11yViolations(page);
  await d.press(confirm);
  await expect(dialog).toBeHidden();

  // 2. CAP with a spécialité.
  await d.press(add);
  await d.tick(radio(/^1re année de CAP/));
  await d.type(dialog.getByLabel("Spécialité(s) (facultatif)"), "Boulanger");
  await d.tick(dialog.getByRole("checkbox", { name: "Sous statut d'apprenti" }));
  await d.press(confirm);
  await expect(dialog).toBeHidden();

  // 3. R-INT-3: a voie asked twice is refused, the entry goes on with another voie.
  await d.press(add);
  await d.tick(radio(/^2de professionnelle/));
  await d.press(confirm);
  await expect(dialog.getByRole("alert")).toHaveText(DUPLICATE_TRACK_MESSAGE);
  await d.tick(radio(/^2de générale et technologique/));
  await d.press(confirm);
  await expect(dialog).toBeHidden();

  const entry = page.getByRole("list", { name: "Intentions en cours de saisie" }).getByRole("listitem");
  await expect(entry).toHaveText([/Intention 1.*2de professionnelle/, /Intention 2.*1re année de CAP/, /Intention 3.*2de générale et technologique/]);
  await expect(add).toBeDisabled(); // R-INT-2: three at most

  // R-INT-4: reorder (the 2de GT goes up to rank 2).
  await d.press(page.getByRole("button", { name: "Monter l'intention 3" }));
  await expect(entry).toHaveText([/2de professionnelle/, /2de générale et technologique/, /1re année de CAP/]);
  await expectNoA11yViolations(page);

  // R-INT-6/7: validate, the recap and the message.
  await d.press(page.getByRole("button", { name: "Valider les intentions" }));
  await expect(page.getByText(VALIDATED_MESSAGE)).toBeVisible();
  const recap = page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" }).getByRole("listitem");
  await expect(recap).toHaveText([
    /Intention 1 : 2de professionnelle.*Hôtellerie restauration.*Sous statut d'apprenti.*Sous statut scolaire/,
    /Intention 2 : 2de générale et technologique ou 2de STHR/,
    /Intention 3 : 1re année de CAP.*Spécialité\(s\) : Boulanger/,
  ]);
  await expectNoA11yViolations(page);

  // R-INT-6: modify, then cancel: the validated entry is back.
  await d.press(page.getByRole("button", { name: "Modifier les intentions" }));
  await d.press(page.getByRole("button", { name: "Supprimer l'intention 1" }));
  await expect(entry).toHaveCount(2);
  await d.press(page.getByRole("button", { name: "Annuler", exact: true }));
  await expect(recap).toHaveText([/2de professionnelle/, /2de générale et technologique/, /1re année de CAP/]);
  await page.reload();
  await expect(recap).toHaveText([/2de professionnelle/, /2de générale et technologique/, /1re année de CAP/]);

  // R-INT-8: the recap e-mails leave when the guardian who validated logs out.
  const before = (await mailbox.all()).filter(
    (m) => m.subject === "[ORIENTATION] Saisie des intentions d'orientation" && m.text.includes(fam.studentName),
  ).length;
  expect(before).toBe(0);
  await signOut(page);
  const toHolder = await mailbox.waitFor((m) => m.to.includes(fam.g1.email!) && m.text.includes(fam.studentName));
  const toOther = await mailbox.waitFor((m) => m.to.includes(fam.g2.email!) && m.text.includes(fam.studentName));
  for (const m of [toHolder, toOther]) {
    expect(m.subject).toBe("[ORIENTATION] Saisie des intentions d'orientation");
    expect(m.text).toContain(
      "Rang 1 : 2de professionnelle\nSpécialité(s) ou famille(s) de métiers : Hôtellerie restauration\nSous statut d'apprenti\nSous statut scolaire",
    );
    expect(m.text).toContain("Rang 2 : 2de générale et technologique ou 2de STHR");
    expect(m.text).toContain("Rang 3 : 1re année de CAP\nSpécialité(s) : Boulanger\nSous statut d'apprenti");
    expect(m.text).toContain("Collège Stendhal\n12 rue Hector Berlioz\n38000 Grenoble\nTéléphone : 04 76 12 34 50");
    expect(m.html).toContain("<strong>Rang 1 : 2de professionnelle</strong>");
  }
  expect(toHolder.text).toMatch(/Suite à la démarche que vous avez effectuée en ligne le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}, nous vous confirmons/);
  expect(toOther.text).toMatch(
    new RegExp(`Suite à la démarche effectuée en ligne le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2} par ${fam.g1.displayName}, nous vous confirmons`),
  );
  expect(toOther.text).toContain(`veuillez vous rapprocher ${deName(fam.g1.displayName)}`);
  expect(toOther.text).toContain("prendre l'attache du chef d'établissement");
  // Once per session with changes: nothing more arrives.
  await page.waitForTimeout(1500);
  expect((await mailbox.all()).filter((m) => m.text.includes(fam.studentName))).toHaveLength(2);
}

async function expectReadOnly(page: Page, fam: Family) {
  await expect(page.getByText(new RegExp(`Intentions saisies par ${fam.g1.displayName} le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2}`))).toBeVisible();
  await expect(page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" }).getByRole("listitem")).toHaveText([
    /2de professionnelle/,
    /2de générale et technologique/,
    /1re année de CAP/,
  ]);
  await expect(page.getByRole("button", { name: "Modifier les intentions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "+ Ajouter une intention" })).toHaveCount(0);
  await expectNoA11yViolations(page);
}

for (const shape of [
  { name: "on a 375 px wide phone, with the keyboard only", viewport: { width: 375, height: 812 }, keyboard: true, pick: anotherIneOf3A },
  { name: "on a desktop, with the mouse", viewport: { width: 1280, height: 900 }, keyboard: false, pick: async () => DEMO_FAMILY.student3A.student.ine },
]) {
  test.describe(`the family's provisional phase ${shape.name}`, () => {
    test.use({ viewport: shape.viewport });

    test("R-INT-1, R-INT-2, R-INT-3, R-INT-4, R-INT-5, R-INT-6, R-INT-7, R-INT-8, R-INT-9, R-ACK-1: enter, validate, see the recap and «Modifier les intentions», recap e-mails; the other guardian and the student read; acknowledgement", async ({
      page,
    }) => {
      test.setTimeout(150_000);
      const fam = await familyOf(await shape.pick());
      await walkTheEntry(page, fam, shape.keyboard);
      const d = driver(page, shape.keyboard);

      // R-INT-1: guardian 2 and the student see the validated intentions read-only, with who and when.
      await signIn(page, fam.g2.login);
      await page.goto(`/famille/eleves/${fam.studentId}`);
      await expectReadOnly(page, fam);
      await signOut(page);
      await signIn(page, fam.studentLogin);
      await expect(page).toHaveURL(/\/eleve$/);
      await expectReadOnly(page, fam);
      await signOut(page);

      // R-ACK-1: once avis are published, guardian 2 acknowledges; guardian 1 and the student see it.
      await publishOpinionsForValidatedIntentions(fam.studentId, [
        { value: "favorable", comment: "Projet réfléchi, à confirmer par un stage." },
        { value: "reserve" },
        { value: "favorable" },
      ]);
      await signIn(page, fam.g2.login);
      await page.goto(`/famille/eleves/${fam.studentId}`);
      await expect(page.getByRole("heading", { level: 2, name: "Avis provisoires du conseil de classe" })).toBeVisible();
      await expect(page.getByText("Recommandations : Projet réfléchi, à confirmer par un stage.")).toBeVisible();
      await expectNoA11yViolations(page);
      await d.press(page.getByRole("button", { name: "Accuser réception" }));
      const ackText = new RegExp(`Accusé de réception effectué le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2} par ${fam.g2.displayName}\\.`);
      await expect(page.getByText(ackText)).toBeVisible();
      await expect(page.getByRole("button", { name: "Accuser réception" })).toHaveCount(0);
      await signOut(page);

      await signIn(page, fam.g1.login);
      await page.goto(`/famille/eleves/${fam.studentId}`);
      await expect(page.getByText(ackText)).toBeVisible();
      await expect(page.getByRole("button", { name: "Accuser réception" })).toHaveCount(0);
      await expectNoA11yViolations(page);
      await signOut(page);

      await signIn(page, fam.studentLogin);
      await expect(page.getByText(ackText)).toBeVisible();
      const ackRows = await withDb((c) => c.query("select 1 from family_acknowledgements where student_id = $1", [fam.studentId]));
      expect(ackRows.rowCount).toBe(1);
    });
  });
}

test("R-CAL-2, R-CAL-3, R-SCH-3: a closed campaign, a closed school service and an open council each show their message and allow no entry", async ({
  page,
}) => {
  const fam = await familyOf(DEMO_FAMILY.noEmail.student.ine);
  const url = `/famille/eleves/${fam.studentId}`;
  const add = page.getByRole("button", { name: "+ Ajouter une intention" });
  await signIn(page, fam.g1.login);
  await page.goto(url);
  await expect(add).toBeVisible();

  const ids = await withDb(
    async (c) =>
      (await c.query<{ school_id: string; division_id: string }>("select school_id, division_id from students where id = $1", [fam.studentId])).rows[0]!,
  );
  const cases: { setUp: string; tearDown: string; params: unknown[]; message: string; calendar: boolean }[] = [
    {
      setUp:
        "update campaign_windows set opens_at = now() + interval '10 days', closes_at = now() + interval '40 days' where level = '3e' and phase = 'provisional'",
      tearDown:
        "update campaign_windows set opens_at = now() - interval '14 days', closes_at = now() + interval '45 days' where level = '3e' and phase = 'provisional'",
      params: [],
      message: CAMPAIGN_CLOSED_MESSAGE,
      calendar: true,
    },
    {
      setUp: "insert into school_service_closures (school_id, level, phase, closed, updated_by_name) values ($1, '3e', 'provisional', true, 'e2e')",
      tearDown: "delete from school_service_closures where school_id = $1 and updated_by_name = 'e2e'",
      params: [ids.school_id],
      message: SCHOOL_CLOSED_MESSAGE,
      calendar: false,
    },
    {
      setUp: "update class_councils set state = 'open', opened_at = now(), opened_by_name = 'e2e' where division_id = $1 and phase = 'provisional'",
      tearDown: "update class_councils set state = 'planned', opened_at = null, opened_by_name = null where division_id = $1 and phase = 'provisional'",
      params: [ids.division_id],
      message: OPINIONS_NOT_AVAILABLE_MESSAGE,
      calendar: false,
    },
  ];
  for (const c of cases) {
    await withDb((db) => db.query(c.setUp, c.params));
    try {
      await page.goto(url);
      await expect(page.getByText(c.message)).toBeVisible();
      await expect(add).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Valider les intentions" })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Calendrier du service en ligne" })).toHaveCount(c.calendar ? 1 : 0);
      await expectNoA11yViolations(page);
    } finally {
      await withDb((db) => db.query(c.tearDown, c.params));
    }
  }
  await page.goto(url);
  await expect(add).toBeVisible();
});

test("R-AUTH-1: a guardian of 3A gets a 404 on another family's child page", async ({ page }) => {
  const other = await familyOf(DEMO_FAMILY.student3B.student.ine);
  await signIn(page, DEMO_FAMILY.student3A.guardians[0]!.login);
  const res = await page.goto(`/famille/eleves/${other.studentId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
});

test("R-INT-8: the development mailbox lists the e-mails of the outbox (demo mode, administrators)", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Boîte aux lettres de développement" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "[ORIENTATION] Saisie des intentions d'orientation" }).first()).toBeVisible();
  await expectNoA11yViolations(page);
});
