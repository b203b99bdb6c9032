import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_FAMILY, DEMO_TRACK_ALERT } from "@/lib/db/demo-accounts";
import { VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { TRACK_ALERT_MESSAGE_EMPTY } from "@/lib/domain/track-alerts";
import { TRACK_ALERTS_HEADING } from "@/emails/intentions-recap";
import { addIntention, expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";

/*
 * R-OVS-3: the saio puts an alert on a 3e voie (2de professionnelle); a guardian of a 3A student
 * no other spec plays (the third-to-last by INE with two guardians with an address and nothing
 * entered) enters that voie, reads the alert next to it before and after validating, and finds it
 * in the recap e-mail; the saio then deletes the alert after its confirmation. The alert and the
 * family's entry are deleted in afterAll, whatever happened.
 */
const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const MESSAGE = "Inscription aux mini-stages des lycées professionnels auprès du professeur principal";
const ALERT_HEADING = "3e – 2de professionnelle";

type Family = { studentId: string; login: string; email: string; studentName: string };
let fam: Family;

test.beforeAll(async () => {
  fam = await withDb(async (c) => {
    const s = await c.query<{ id: string; first_name: string; last_name: string }>(
      `select s.id, s.first_name, s.last_name from students s join divisions d on d.id = s.division_id
        where d.code = '3A' and s.ine not in ($1, $2)
          and (select count(*) from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
                where sg.student_id = s.id and g.email is not null) = 2
          and not exists (select 1 from family_requests r where r.student_id = s.id)
        order by s.ine desc offset 2 limit 1`,
      [DEMO_FAMILY.student3A.student.ine, DEMO_FAMILY.noEmail.student.ine],
    );
    const student = s.rows[0]!;
    const g = await c.query<{ login: string; email: string }>(
      `select a.login, g.email from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
        where sg.student_id = $1 order by sg.rank limit 1`,
      [student.id],
    );
    return { studentId: student.id, login: g.rows[0]!.login, email: g.rows[0]!.email, studentName: `${student.first_name} ${student.last_name}` };
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query("delete from track_alerts where message = $1", [MESSAGE]);
    await c.query("delete from family_requests where student_id = $1", [fam.studentId]);
  });
});

test("R-OVS-3: the saio's alert on a voie reaches the family's page and recap e-mail; the saio deletes it after a confirmation", async ({ page }) => {
  // The saio's page: the demo's alert, then a new one (a blank message refused in French first).
  await signIn(page, saio);
  await page.getByRole("link", { name: "Alertes par voie" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alertes par voie" })).toBeVisible();
  const list = page.getByRole("list", { name: "Alertes de l'académie" });
  await expect(list.getByRole("listitem").filter({ hasText: DEMO_TRACK_ALERT.message })).toContainText("1re technologique – série STD2A");
  await expectNoA11yViolations(page);

  const form = page.getByRole("form", { name: "Nouvelle alerte" });
  await form.getByLabel("Palier", { exact: true }).selectOption("3e");
  await form.getByLabel("Voie", { exact: true }).selectOption({ label: "2de professionnelle" });
  await expect(form.getByLabel("Série ou formation", { exact: true })).toHaveCount(0); // no série after 3e
  await form.getByLabel("Message aux familles", { exact: true }).fill("   ");
  await form.getByLabel("À faire avant le", { exact: true }).fill("2027-03-01");
  await form.getByRole("button", { name: "Enregistrer l'alerte" }).click();
  await expect(form.getByText(TRACK_ALERT_MESSAGE_EMPTY)).toBeVisible();
  await expect(form.getByLabel("Message aux familles", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoA11yViolations(page);

  await form.getByLabel("Message aux familles", { exact: true }).fill(MESSAGE);
  await form.getByRole("button", { name: "Enregistrer l'alerte" }).click();
  await expect(form.getByRole("status")).toHaveText("L'alerte est enregistrée. Les familles qui saisissent cette voie la voient.");
  const item = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: ALERT_HEADING }) });
  await expect(item).toContainText(MESSAGE);
  await expect(item).toContainText("À faire avant le : 1er mars 2027");
  await signOut(page);

  // The family: the alert next to the voie while entering, and on the validated recap.
  await signIn(page, fam.login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  await addIntention(page, /^2de professionnelle/);
  await addIntention(page, /^2de générale et technologique/);
  const entry = page.getByRole("list", { name: "Intentions en cours de saisie" }).getByRole("listitem");
  await expect(entry.nth(0)).toContainText(`Attention : ${MESSAGE}`);
  await expect(entry.nth(0)).toContainText("À faire avant le 1er mars 2027.");
  await expect(entry.nth(1)).not.toContainText("Attention");
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Valider les intentions" }).click();
  await expect(page.getByText(VALIDATED_MESSAGE)).toBeVisible();
  const recap = page.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" }).getByRole("listitem");
  await expect(recap).toHaveText([
    new RegExp(`Intention 1 : 2de professionnelle.*Attention : ${MESSAGE}.*À faire avant le 1er mars 2027`),
    /Intention 2 : 2de générale/,
  ]);
  await page.reload();
  await expect(recap.nth(0)).toContainText(`Attention : ${MESSAGE}`);
  await expectNoA11yViolations(page);

  // R-INT-8: the recap leaves at the logout, with the alert of the voie entered.
  await signOut(page);
  const mail = await mailbox.waitFor((m) => m.to.includes(fam.email) && m.text.includes(fam.studentName) && m.subject.includes("intentions"));
  expect(mail.text).toContain(`${TRACK_ALERTS_HEADING}\n- 2de professionnelle : ${MESSAGE} (à faire avant le 1er mars 2027)`);
  expect(mail.html).toContain(`<strong>2de professionnelle</strong> : ${MESSAGE} <strong>(à faire avant le 1er mars 2027)</strong>`);

  // The saio deletes the alert: a confirmation first («Annuler» keeps it).
  await signIn(page, saio);
  await page.goto("/academie/alertes");
  await page.getByRole("button", { name: `Supprimer l'alerte ${ALERT_HEADING}` }).click();
  await expect(item.getByText(/^Supprimer l'alerte «\s2de professionnelle\s» \? Les familles ne la verront plus\.$/)).toBeVisible();
  await expectNoA11yViolations(page);
  await item.getByRole("button", { name: "Annuler" }).click();
  await expect(item).toBeVisible();
  await page.getByRole("button", { name: `Supprimer l'alerte ${ALERT_HEADING}` }).click();
  await item.getByRole("button", { name: "Confirmer la suppression" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^L'alerte «\s2de professionnelle\s» est supprimée\.$/ })
      .first(),
  ).toBeVisible();
  await expect(list.getByRole("heading", { name: ALERT_HEADING })).toHaveCount(0);
  const left = await withDb((c) => c.query("select 1 from track_alerts where message = $1", [MESSAGE]));
  expect(left.rowCount).toBe(0);
  await signOut(page);
});
