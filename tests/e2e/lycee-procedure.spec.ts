import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { INTENTIONS_INSTRUCTIONS_2GT, HELP_STL } from "@/lib/domain/family-2gt";
import { ENTRY_WORDING, VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { nextParisDay, parisDayKey } from "@/lib/domain/paris-time";
import { specialtyOptions } from "@/lib/domain/request-items";
import { SPECIALTIES } from "@/lib/domain/tracks";
import { chooseWithArrows, press, tick } from "./support/keyboard";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";
import { runNight } from "./support/final-phase";
import { openCouncil } from "./support/council";
import { deName } from "@/lib/domain/person-name";

/*
 * The whole 2de GT procedure of one family (docs/rules.md §3–§7), in real Chromium, across real
 * nights (`npm run sync -- --manual --now …`, a process of its own):
 * - the family entry (R-2GT-1/2, R-INT-6/7/8) on a 375 px wide phone with the keyboard only: a
 *   guardian ranks the 1re générale's spécialités (the lycée's listed first, one «hors
 *   établissement» as a 5th), adds a 1re technologique STL with its option, validates, reads the
 *   recap, and the recap e-mail reaches both guardians after signing out;
 * - the lycée's head opens the council and answers each intention with an avis (R-SCH-7);
 * - the family acknowledges and enters its final choices, 3 spécialités freely (R-2GT-3);
 * - the council says «Oui» / «Non» and proposes another série (R-FIN-5);
 * - the family accepts, the other guardian agrees (R-FIN-6/7), the head takes the decision and
 *   the family reads it (R-FIN-8).
 *
 * The student is picked by SQL (the demo fills its 2de GT divisions with families at every step):
 * the first 2de GT division, by code, whose provisional class council is not open, and in it a minor
 * student with no family request whose two guardians have an account and an e-mail address. The
 * académie's 2de GT provisional window is opened now (the final one later, then now too) and the
 * school's closure lifted for this file; the windows, the closure and the division's councils are
 * restored afterwards.
 */

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 375, height: 812 } });

const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Lycée"))!.login;
const nights: string[] = [];
for (let day = parisDayKey(new Date()), i = 0; i < 6; i++) {
  day = nextParisDay(day);
  nights.push(`${day}T02:00`);
}

type Person = { login: string; displayName: string; email: string };
type Family = {
  studentId: string;
  studentName: string;
  /** «NOM Prénom», as the back-office lists the student. */
  schoolName: string;
  divisionId: string;
  schoolId: string;
  academyId: string;
  g1: Person;
  g2: Person;
  offered: string[];
};

let fam: Family;
let savedWindows: { id: string; opens_at: Date; closes_at: Date }[] = [];
let savedClosure: { closed: boolean; updated_by_name: string } | null = null;
let savedCouncils: { phase: string; state: string; scheduled_at: Date | null }[] = [];

test.beforeAll(async () => {
  fam = await withDb(async (c) => {
    const s = await c.query<{ id: string; name: string; school_name: string; division_id: string; school_id: string; academy_id: string }>(
      `select s.id, s.first_name || ' ' || s.last_name as name, s.last_name || ' ' || s.first_name as school_name, d.id as division_id,
              sc.id as school_id, sc.academy_id
         from students s join divisions d on d.id = s.division_id join schools sc on sc.id = s.school_id
        where d.level = '2GT' and s.out_of_procedure_reason is null
          and s.birth_date::date > (current_date - interval '18 years')::date
          and not exists (select 1 from class_councils cc where cc.division_id = d.id and cc.phase = 'provisional' and cc.state = 'open')
          and not exists (select 1 from family_requests fr where fr.student_id = s.id)
          and (select count(*) from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
                where sg.student_id = s.id and g.email is not null and a.login is not null) = 2
        order by d.code, s.last_name, s.first_name limit 1`,
    );
    const student = s.rows[0]!;
    const g = await c.query<{ login: string; display_name: string; email: string }>(
      `select a.login, a.display_name, gd.email from student_guardians sg join guardians gd on gd.id = sg.guardian_id
         join accounts a on a.guardian_id = gd.id where sg.student_id = $1 order by sg.rank`,
      [student.id],
    );
    const offered = await c.query<{ specialty: string }>(`select specialty from school_specialties where school_id = $1`, [student.school_id]);
    const person = (r: (typeof g.rows)[number]): Person => ({ login: r.login, displayName: r.display_name, email: r.email });
    return {
      studentId: student.id,
      studentName: student.name,
      schoolName: student.school_name,
      divisionId: student.division_id,
      schoolId: student.school_id,
      academyId: student.academy_id,
      g1: person(g.rows[0]!),
      g2: person(g.rows[1]!),
      offered: offered.rows.map((r) => r.specialty),
    };
  });
  await withDb(async (c) => {
    const w = await c.query<{ id: string; opens_at: Date; closes_at: Date }>(
      `select id, opens_at, closes_at from campaign_windows where academy_id = $1 and level = '2GT'`,
      [fam.academyId],
    );
    savedWindows = w.rows;
    await c.query(
      `update campaign_windows set opens_at = now() - interval '1 hour', closes_at = now() + interval '2 days'
        where academy_id = $1 and level = '2GT' and phase = 'provisional'`,
      [fam.academyId],
    );
    await c.query(
      `update campaign_windows set opens_at = now() + interval '3 days', closes_at = now() + interval '30 days'
        where academy_id = $1 and level = '2GT' and phase = 'final'`,
      [fam.academyId],
    );
    const cl = await c.query<{ closed: boolean; updated_by_name: string }>(
      `delete from school_service_closures where school_id = $1 and level = '2GT' and phase = 'provisional' returning closed, updated_by_name`,
      [fam.schoolId],
    );
    savedClosure = cl.rows[0] ?? null;
    const cc = await c.query<{ phase: string; state: string; scheduled_at: Date | null }>(
      "select phase, state, scheduled_at from class_councils where division_id = $1",
      [fam.divisionId],
    );
    savedCouncils = cc.rows;
  });
  await mailbox.clear();
});

test.afterAll(async () => {
  await withDb(async (c) => {
    for (const cc of savedCouncils) {
      await c.query("update class_councils set state = $3, scheduled_at = $4, opened_at = null, opened_by_name = null where division_id = $1 and phase = $2", [
        fam.divisionId,
        cc.phase,
        cc.state,
        cc.scheduled_at,
      ]);
    }
    for (const w of savedWindows) await c.query(`update campaign_windows set opens_at = $2, closes_at = $3 where id = $1`, [w.id, w.opens_at, w.closes_at]);
    if (savedClosure) {
      await c.query(
        `insert into school_service_closures (school_id, level, phase, closed, updated_by_name) values ($1, '2GT', 'provisional', $2, $3)
           on conflict (school_id, level, phase) do update set closed = excluded.closed, updated_by_name = excluded.updated_by_name`,
        [fam.schoolId, savedClosure.closed, savedClosure.updated_by_name],
      );
    }
  });
});

test("R-2GT-1 / R-2GT-2 / R-INT-8: a 2de GT guardian ranks the spécialités and picks a STL option, on a phone, with the keyboard only", async ({ page }) => {
  const options = specialtyOptions(fam.offered);
  const inside = options.filter((o) => !o.outside).map((o) => o.code);
  const outside = options.filter((o) => o.outside).map((o) => o.code);
  expect(inside.length).toBeGreaterThanOrEqual(4);
  expect(outside.length).toBeGreaterThanOrEqual(1);
  const [a, b, c, d] = inside as [string, string, string, string];
  const far = outside[0]!;
  const name = (code: string) => (SPECIALTIES as Record<string, string>)[code]!;
  const farName = `${name(far)} (hors établissement)`;

  await signIn(page, fam.g1.login);
  // R-CAL-2: the home card says what this guardian can do now.
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: fam.studentName }) });
  await expect(card.getByText("Intentions provisoires à saisir")).toBeVisible();
  await press(page, page.getByRole("link", { name: `Voir la procédure d'orientation ${deName(fam.studentName)}` }));
  await expect(page).toHaveURL(new RegExp(`/famille/eleves/${fam.studentId}$`));
  await expect(page.getByText("Où en est la procédure : Intentions provisoires à saisir")).toBeVisible();
  await expect(page.getByText(INTENTIONS_INSTRUCTIONS_2GT)).toBeVisible();
  await expectNoA11yViolations(page);

  const add = page.getByRole("button", { name: "+ Ajouter une intention" });
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Valider la sélection" });

  // 1. 1re générale: four of the lycée's spécialités, ticked in order.
  await press(page, add);
  await expect(dialog).toBeVisible();
  await tick(page, dialog.getByRole("radio", { name: "1re générale" }));
  await expect(dialog.getByRole("group", { name: "Proposés dans l'établissement" })).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Hors établissement" }).getByRole("checkbox", { name: farName })).toBeVisible();
  for (const code of [a, b, c, d]) await tick(page, dialog.getByRole("checkbox", { name: name(code), exact: true }));
  await expect(dialog.getByText("Enseignements de spécialité classés : 4 / 4 (5 si l'un n'est pas proposé dans l'établissement)")).toBeVisible();
  const ranking = dialog.getByRole("list", { name: "Classement des enseignements de spécialité, par ordre de préférence" }).getByRole("listitem");
  await expect(ranking).toHaveText([
    new RegExp(`^1\\. ${name(a)}`),
    new RegExp(`^2\\. ${name(b)}`),
    new RegExp(`^3\\. ${name(c)}`),
    new RegExp(`^4\\. ${name(d)}`),
  ]);

  // Reordered with the keyboard: the 3rd goes up, the focus follows it, the new rank is announced.
  await press(page, dialog.getByRole("button", { name: `Monter ${name(c)} (rang 3)` }));
  await expect(ranking).toHaveText([
    new RegExp(`^1\\. ${name(a)}`),
    new RegExp(`^2\\. ${name(c)}`),
    new RegExp(`^3\\. ${name(b)}`),
    new RegExp(`^4\\. ${name(d)}`),
  ]);
  await expect(dialog.getByRole("button", { name: `Monter ${name(c)} (rang 2)` })).toBeFocused();
  await expect(dialog.getByRole("status").filter({ hasText: "désormais rang 2 sur 4" })).toHaveText(`${name(c)} : désormais rang 2 sur 4.`);
  await page.keyboard.press("Enter");
  await expect(ranking.first()).toHaveText(new RegExp(`^1\\. ${name(c)}`));
  // Back to rank 2 (Descendre, still with the keyboard).
  await press(page, dialog.getByRole("button", { name: `Descendre ${name(c)} (rang 1)` }));
  await expect(ranking).toHaveText([
    new RegExp(`^1\\. ${name(a)}`),
    new RegExp(`^2\\. ${name(c)}`),
    new RegExp(`^3\\. ${name(b)}`),
    new RegExp(`^4\\. ${name(d)}`),
  ]);

  // A 5th, outside the lycée (R-2GT-2).
  await tick(page, dialog.getByRole("checkbox", { name: farName }));
  await expect(ranking.nth(4)).toHaveText(new RegExp(`^5\\. ${name(far).replace(/[()]/g, ".")} \\(hors établissement\\)`));
  await expectNoA11yViolations(page);
  const noOverflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noOverflow).toBe(true);
  await press(page, confirm);
  await expect(dialog).toBeHidden();

  // 2. 1re technologique: the série STL, option biotechnologies (R-2GT-1).
  await press(page, add);
  await tick(page, dialog.getByRole("radio", { name: "1re technologique" }));
  await expect(dialog.getByText(HELP_STL).first()).toBeVisible();
  await press(page, confirm);
  await expect(dialog.getByRole("alert")).toContainText("vous devez choisir une série parmi les 8 proposées");
  await chooseWithArrows(page, dialog.getByLabel("Série de 1re technologique"), "STL_BIO");
  await press(page, confirm);
  await expect(dialog).toBeHidden();

  const entry = page.getByRole("list", { name: "Intentions en cours de saisie" }).getByRole("listitem");
  await expect(entry).toHaveCount(2);
  await expect(entry.nth(1)).toContainText("1re technologique – série STL option biotechnologies");

  // Validate (R-INT-6/7): the recap shows the ranking.
  await press(page, page.getByRole("button", { name: "Valider les intentions" }));
  await expect(page.getByText(VALIDATED_MESSAGE)).toBeVisible();
  const recap = page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" }).getByRole("listitem");
  await expect(recap).toHaveCount(2);
  await expect(recap.nth(0)).toContainText("Intention 1 : 1re générale");
  for (const [i, code] of [a, c, b, d].entries()) await expect(recap.nth(0)).toContainText(`Enseignement de spécialité ${i + 1} : ${name(code)}`);
  await expect(recap.nth(0)).toContainText(`Enseignement de spécialité 5 : ${farName}`);
  await expect(recap.nth(1)).toContainText("Intention 2 : 1re technologique – série STL option biotechnologies");
  await expectNoA11yViolations(page);

  const saved = await withDb((cl) =>
    cl.query<{ track: string; sub_track: string; specialties: string[] }>(
      `select i.track, i.sub_track, i.specialties from family_request_items i join family_requests r on r.id = i.request_id
        where r.student_id = $1 and r.phase = 'provisional' order by i.rank`,
      [fam.studentId],
    ),
  );
  expect(saved.rows).toEqual([
    { track: "1G", sub_track: "", specialties: [a, c, b, d, far] },
    { track: "1T", sub_track: "STL_BIO", specialties: [] },
  ]);

  // R-INT-8: the recap e-mails leave when the guardian signs out, with the ranking.
  await signOut(page);
  for (const to of [fam.g1.email, fam.g2.email]) {
    const m = await mailbox.waitFor((x) => x.to.includes(to) && x.text.includes(fam.studentName));
    expect(m.subject).toBe("[ORIENTATION] Saisie des intentions d'orientation");
    expect(m.text).toContain(
      [
        "Rang 1 : 1re générale",
        ...[a, c, b, d].map((code, i) => `Enseignement de spécialité ${i + 1} : ${name(code)}`),
        `Enseignement de spécialité 5 : ${farName}`,
      ].join("\n"),
    );
    expect(m.text).toContain("Rang 2 : 1re technologique – série STL option biotechnologies");
  }
});

test("R-INT-1 / R-CAL-2: the other guardian reads the ranking, and their home card does not ask them to enter", async ({ page }) => {
  await signIn(page, fam.g2.login);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: fam.studentName }) });
  await expect(card).toContainText(`par ${fam.g1.displayName}`);
  await expect(card).not.toContainText("modifiables");
  await press(page, page.getByRole("link", { name: `Voir la procédure d'orientation ${deName(fam.studentName)}` }));
  await expect(page.getByText(new RegExp(`Intentions saisies par ${fam.g1.displayName} le`))).toBeVisible();
  const recap = page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" }).getByRole("listitem");
  await expect(recap.nth(1)).toContainText("1re technologique – série STL option biotechnologies");
  await expect(page.getByRole("button", { name: "Modifier les intentions" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("R-SYNC-1 / R-SCH-3 / R-SCH-7 / R-2GT-2: the first night brings the ranked spécialités to the lycée; the head opens the council and answers each intention (desktop)", async ({
  page,
}) => {
  runNight(nights[0]!);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${fam.divisionId}`);
  await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");
  const first = page.getByLabel(`Avis sur l'intention 1 ${deName(fam.schoolName)}`);
  await expect(first).toBeVisible();
  const sheet = page.locator("li, tr, section").filter({ has: first }).last();
  await expect(sheet).toContainText("1re générale");
  await expect(sheet).toContainText("hors établissement");
  await first.selectOption({ label: "Favorable" });
  await page.getByLabel(`Recommandations pour l'intention 1 ${deName(fam.schoolName)}`).fill("Choix de spécialités cohérent avec les résultats");
  await page.getByLabel(`Avis sur l'intention 2 ${deName(fam.schoolName)}`).selectOption({ label: "Réservé" });
  await page.getByRole("button", { name: "Enregistrer les avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les avis provisoires sont enregistrés" })).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);
});

test("R-SYNC-2 / R-ACK-1 / R-FIN-2 / R-2GT-3: the second night publishes the avis; guardian 1 acknowledges and enters final choices (3 spécialités, a série) on a phone, keyboard only", async ({
  page,
}) => {
  runNight(nights[1]!);
  // R-CAL-1: the 2de GT final phase opens (the provisional one may stay open in this test).
  await withDb((c) =>
    c.query(
      `update campaign_windows set opens_at = now() - interval '1 hour', closes_at = now() + interval '7 days' where academy_id = $1 and level = '2GT' and phase = 'final'`,
      [fam.academyId],
    ),
  );
  const options = specialtyOptions(fam.offered);
  const [a, b] = options.filter((o) => !o.outside).map((o) => o.code) as [string, string];
  const far = options.filter((o) => o.outside)[1]!.code;
  const name = (code: string) => (SPECIALTIES as Record<string, string>)[code]!;

  await signIn(page, fam.g1.login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await expect(page.getByText("Choix de spécialités cohérent avec les résultats")).toBeVisible();
  await press(page, page.getByRole("button", { name: "Accuser réception" }));
  await expect(page.getByRole("button", { name: "Accuser réception" })).toHaveCount(0);

  const add = page.getByRole("button", { name: ENTRY_WORDING.final.add });
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Valider la sélection" });
  // 1re générale: exactly 3 spécialités, chosen freely in and outside the lycée (R-2GT-3).
  await press(page, add);
  await tick(page, dialog.getByRole("radio", { name: "1re générale" }));
  for (const code of [a, far, b]) await tick(page, dialog.getByRole("checkbox", { name: new RegExp(`^${name(code).replace(/[()]/g, ".")}`) }));
  await expect(dialog.getByText(/3 \/ 3/)).toBeVisible();
  await press(page, confirm);
  await expect(dialog).toBeHidden();
  // 1re technologique, série STMG.
  await press(page, add);
  await tick(page, dialog.getByRole("radio", { name: "1re technologique" }));
  await chooseWithArrows(page, dialog.getByLabel("Série de 1re technologique"), "STMG");
  await press(page, confirm);
  await expect(dialog).toBeHidden();
  await expectNoA11yViolations(page);
  await press(page, page.getByRole("button", { name: ENTRY_WORDING.final.validate }));
  await expect(page.getByText(ENTRY_WORDING.final.validated)).toBeVisible();
  const saved = await withDb((cl) =>
    cl.query<{ track: string; sub_track: string; specialties: string[] }>(
      `select i.track, i.sub_track, i.specialties from family_request_items i join family_requests r on r.id = i.request_id
        where r.student_id = $1 and r.phase = 'final' order by i.rank`,
      [fam.studentId],
    ),
  );
  expect(saved.rows).toEqual([
    { track: "1G", sub_track: "", specialties: [a, far, b] },
    { track: "1T", sub_track: "STMG", specialties: [] },
  ]);
  await signOut(page);
});

test("R-SYNC-1 / R-FIN-5 / R-2GT-3: the third night brings the final choices; the head says «Oui» to the 1re générale, «Non» to STMG, and proposes STI2D (desktop)", async ({
  page,
}) => {
  runNight(nights[2]!);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${fam.divisionId}?phase=final`);
  await openCouncil(page);
  await expect(page.locator("[data-council-state=open]")).toContainText("Conseil de classe ouvert le");
  await page.getByLabel(`Réponse du conseil au choix 1 ${deName(fam.schoolName)}`).selectOption({ label: "Oui" });
  await page.getByLabel(`Réponse du conseil au choix 2 ${deName(fam.schoolName)}`).selectOption({ label: "Non" });
  await page.getByLabel(`Motivation de la réponse au choix 2 ${deName(fam.schoolName)}`).fill("La série STI2D correspond mieux au projet");
  await page.getByLabel(`Proposer une autre voie à ${fam.schoolName}`).selectOption({ label: "1re technologique – série STI2D" });
  await page.getByRole("button", { name: `Proposer cette voie à ${fam.schoolName}` }).click();
  await page.getByRole("button", { name: "Enregistrer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les propositions du conseil de classe sont enregistrées" })).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);
});

test("R-FIN-6 / R-FIN-7 / R-SYNC-2: the fourth night publishes the proposals; guardian 1 accepts the 1re générale, guardian 2 agrees (keyboard)", async ({
  page,
}) => {
  runNight(nights[3]!);
  await signIn(page, fam.g1.login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await expect(page.getByRole("heading", { name: "Proposition(s) du conseil de classe" })).toBeVisible();
  await expect(page.getByText("1re technologique – série STI2D").first()).toBeVisible();
  await expect(page.getByText("La série STI2D correspond mieux au projet")).toBeVisible();
  await expectNoA11yViolations(page);
  const form = page.locator("form").filter({ hasText: "Votre réponse aux propositions du conseil de classe" });
  await tick(page, form.getByRole("radio", { name: /J'accepte/ }));
  await tick(page, form.getByRole("checkbox", { name: /1re générale/ }));
  await press(page, form.getByRole("button", { name: "Valider ma réponse" }));
  await expect(page.getByText(new RegExp(`Réponse saisie le .* par ${fam.g1.displayName}`))).toBeVisible();
  await signOut(page);

  await signIn(page, fam.g2.login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  const agreement = page.locator("form").filter({ hasText: "Êtes-vous d'accord" });
  await tick(page, agreement.getByRole("radio", { name: "Oui" }));
  await press(page, agreement.getByRole("button", { name: "Enregistrer ma réponse" }));
  await expect(page.getByText(new RegExp(`Accord avec la réponse : « Oui », saisi le .* par ${fam.g2.displayName}`))).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);
});

test("R-FIN-8 / R-FIN-12: the fifth night brings the agreement; the head takes the decision; the sixth night publishes it and the family reads «1re générale»", async ({
  page,
}) => {
  runNight(nights[4]!);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, headLogin);
  await page.goto(`/etablissement/divisions/${fam.divisionId}?phase=final`);
  const summary = page.getByRole("list", { name: "Décisions qui seront prises" });
  await expect(summary.getByRole("listitem").filter({ hasText: fam.schoolName.split(" ")[0]! })).toContainText("1re générale");
  await page.getByRole("button", { name: /^Prendre les \d+ décision\(s\) d'orientation$/ }).click();
  await page.getByRole("button", { name: "Confirmer les décisions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /décision/ })).toBeVisible();
  const decided = await withDb(async (c) => (await c.query("select track, source, specialties from decisions where student_id = $1", [fam.studentId])).rows);
  // R-2GT-3: the decision keeps the spécialités of the family's choice, in their rank order.
  const chosen = await withDb(
    async (c) =>
      (
        await c.query<{ specialties: string[] }>(
          `select i.specialties from family_request_items i join family_requests r on r.id = i.request_id where r.student_id = $1 and r.phase = 'final' and i.track = '1G'`,
          [fam.studentId],
        )
      ).rows[0]!.specialties,
  );
  expect(decided).toEqual([{ track: "1G", source: "agreement", specialties: chosen }]);
  await signOut(page);

  runNight(nights[5]!);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, fam.g2.login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await expect(page.getByRole("heading", { level: 2, name: "Décision d'orientation" })).toBeVisible();
  await expect(page.getByText("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.")).toBeVisible();
  const decision = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Décision d'orientation" }) });
  await expect(decision).toContainText(
    `1re générale (enseignements de spécialité : ${chosen.map((code) => (SPECIALTIES as Record<string, string>)[code]).join(", ")})`,
  );
  // R-FIN-12: the droit au maintien is a 3e right only.
  await expect(page.getByRole("heading", { name: "Droit au maintien" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
