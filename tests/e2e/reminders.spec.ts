import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { REMINDER_PROVISIONAL_SUBJECT } from "@/emails/reminder";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { toParisInputValue } from "@/lib/domain/paris-time";
import { expectNoA11yViolations, mailbox, signIn, withDb } from "./support/fixtures";
import { databaseUrl, e2e } from "./support/ports";

/*
 * R-OVS-2 end to end: the saio schedules a reminder and cancels it (nothing leaves); the head of
 * the collège schedules one for the 3e provisional phase (open today in the demo), it falls due
 * and the reminders job runs (`npx tsx scripts/reminders.ts`, a real process against the e2e
 * database, as an operator would run it); its e-mails reach the SMTP sink, and the head sees who
 * was reminded. It writes only reminders, their sends and their e-mails: the families' entries
 * and the calendar other spec files rely on are untouched (playwright.config.ts).
 */

const saio = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;
const head = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

function runRemindersJob(): string {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/reminders.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), SMTP_URL: `smtp://127.0.0.1:${e2e.smtpPort}`, NODE_ENV: "production", DEMO_MODE: "true" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.status, `scripts/reminders.ts\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** A Paris wall-clock value `minutes` from now, for the datetime-local field. */
const inMinutes = (minutes: number) => toParisInputValue(new Date(Date.now() + minutes * 60_000));

async function scheduleReminder(page: Page, sendAt: string) {
  const form = page.getByRole("form", { name: "Programmer une relance" });
  await form.getByLabel("Palier", { exact: true }).selectOption("3e");
  await form.getByLabel("Phase", { exact: true }).selectOption("provisional");
  await form.getByLabel("Date et heure d'envoi (heure de Paris)", { exact: true }).fill(sendAt);
  await form.getByRole("button", { name: "Programmer la relance" }).click();
  return form;
}

test.describe.configure({ mode: "serial" });

test("R-OVS-2: the saio schedules a reminder for the académie, is told when a date is outside the window, and cancels it after a confirmation", async ({
  page,
}) => {
  await signIn(page, saio);
  await page.goto("/academie/relances");
  await expect(page.getByRole("heading", { level: 1, name: "Relances des familles" })).toBeVisible();
  await expectNoA11yViolations(page);

  // A date in the past: a French error next to the field.
  const form = await scheduleReminder(page, inMinutes(-60));
  await expect(form.getByText("La date et l'heure d'envoi doivent être dans le futur.")).toBeVisible();
  await expect(form.getByLabel("Date et heure d'envoi (heure de Paris)", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Tomorrow at this time: scheduled (the demo's 3e provisional window is open for weeks).
  const sendAt = inMinutes(24 * 60);
  await scheduleReminder(page, sendAt);
  await expect(form.getByRole("status")).toHaveText("La relance est programmée.");
  const when = `${sendAt.slice(8, 10)}/${sendAt.slice(5, 7)}/${sendAt.slice(0, 4)} à ${sendAt.slice(11, 16)}`;
  const table = page.getByRole("table", { name: /Relances de l'académie/ });
  const line = table.getByRole("row").filter({ hasText: when });
  await expect(line).toContainText("3e – Intentions provisoires");
  await expect(line).toContainText("Programmée");
  await expectNoA11yViolations(page);

  await line.getByRole("button", { name: /^Annuler/ }).click();
  await expect(line.getByRole("group")).toContainText("Aucune famille ne la recevra.");
  await expectNoA11yViolations(page);
  await line.getByRole("button", { name: "Confirmer l'annulation" }).click();
  await expect(line).toContainText("Annulée le");
  await expect(line.getByRole("button")).toHaveCount(0);
});

test("R-OVS-2: the head's reminder falls due, the job sends one e-mail per guardian with an address, and the head sees who was reminded", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, head);
  await page.goto("/etablissement/relances");
  await expect(page.getByRole("heading", { level: 1, name: "Relances des familles" })).toBeVisible();
  await expectNoA11yViolations(page);

  const sendAt = inMinutes(5);
  const form = await scheduleReminder(page, sendAt);
  await expect(form.getByRole("status")).toHaveText("La relance est programmée.");
  const [reminder] = (
    await withDb((c) => c.query<{ id: string }>("select id from reminders where school_id is not null and processed_at is null and cancelled_at is null"))
  ).rows;
  expect(reminder).toBeDefined();

  // Its time comes (moved five minutes earlier rather than waiting), and the job runs.
  await mailbox.clear();
  await withDb((c) => c.query("update reminders set send_at = now() - interval '1 minute' where id = $1", [reminder!.id]));
  expect(runRemindersJob()).toMatch(/relance/);
  const sends = (
    await withDb((c) =>
      c.query<{ last_name: string; first_name: string; to_address: string | null; g_last: string }>(
        `select s.last_name, s.first_name, rs.to_address, g.last_name as g_last from reminder_sends rs
         join students s on s.id = rs.student_id join guardians g on g.id = rs.guardian_id
         where rs.reminder_id = $1 order by rs.to_address nulls first, s.last_name`,
        [reminder!.id],
      ),
    )
  ).rows;
  expect(sends.length).toBeGreaterThan(0);
  const families = (
    await withDb((c) => c.query<{ n: number }>("select count(distinct student_id)::int as n from reminder_sends where reminder_id = $1", [reminder!.id]))
  ).rows[0]!.n;
  // Again: nothing more (never twice).
  expect(runRemindersJob()).toContain("Aucune relance à envoyer.");
  expect((await withDb((c) => c.query("select 1 from reminder_sends where reminder_id = $1", [reminder!.id]))).rows).toHaveLength(sends.length);

  // The e-mail reaches the SMTP sink (the server's outbox sender), in the guides' words.
  const withAddress = sends.find((s) => s.to_address)!;
  const mail = await mailbox.waitFor((m) => m.subject === REMINDER_PROVISIONAL_SUBJECT && m.to.includes(withAddress.to_address!));
  expect(mail.text).toContain(`pour ${withAddress.first_name}.`);
  expect(mail.text).toContain("(heure de Paris)");
  expect(mail.text).toMatch(/\/famille\/eleves\/[0-9a-f-]{36}/);

  // The head sees who was reminded, and the reminder sent with its counts.
  await page.reload();
  const reminded = page.getByRole("table", { name: /Familles relancées/ });
  const row = reminded.getByRole("row").filter({ hasText: withAddress.to_address! }).first();
  await expect(row.getByRole("rowheader")).toHaveText(`${withAddress.last_name} ${withAddress.first_name}`);
  await expect(row).toContainText("Établissement – Intentions provisoires (3e)");
  const noAddress = sends.find((s) => s.to_address === null);
  if (noAddress) {
    const r = reminded.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${noAddress.last_name} ${noAddress.first_name}` }) });
    await expect(r.filter({ hasText: "Sans adresse électronique" }).first()).toBeVisible();
    // … and among the guardians to call (the family has not validated).
    const toCall = page.getByRole("table", { name: /Représentants légaux sans adresse électronique/ });
    await expect(toCall.getByRole("row").filter({ hasText: noAddress.g_last }).first()).toBeVisible();
  }
  const own = page.getByRole("table", { name: /Relances de l'établissement/ });
  await expect(own.getByRole("row").filter({ hasText: "Envoyée le" })).toContainText(`: ${families} famille`);
  await expectNoA11yViolations(page);
});

test.afterAll(async () => {
  // The reminders' e-mails not sent yet never leave after this file (the next spec files' mailboxes stay theirs).
  await withDb((c) => c.query("update outbox_emails set status = 'expired' where kind = 'reminder' and status = 'pending'"));
});
