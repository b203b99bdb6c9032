import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * docs/operations.md end to end: the health check a load balancer calls, and the administrator's
 * list of failed e-mails with « Renvoyer » (R-SYNC-3). The failed e-mail is this spec's own row
 * (its own address), removed at the end.
 */

const RECIPIENT = "operations.e2e@example.fr";

test.afterAll(async () => {
  await withDb((c) => c.query("delete from outbox_emails where to_address = $1", [RECIPIENT]));
});

test("docs/operations.md: GET /api/health answers 200 with the database and migrations' state, without a session, never cached", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: "ok", migrations: { missing: 0 } });
  expect(body.migrations.applied).toBe(body.migrations.expected);
  expect(Object.keys(body).sort()).toEqual(["database", "migrations", "status"]);
});

test("R-SYNC-3: the administrator sees a failed e-mail with its recipient, subject, kind, error and attempts, and sends it again", async ({ page }) => {
  const [row] = (
    await withDb((c) =>
      c.query<{ id: string }>(
        `insert into outbox_emails (kind, dedupe_key, from_address, to_address, subject, html, text, status, attempts, next_attempt_at, last_error)
         values ('school-change', 'operations-e2e:1', 'ne-pas-repondre@orientation.example.fr', $1, 'Modification de la saisie de Léa', '<p>x</p>', 'x',
                 'failed', 1, now(), 'Can''t send mail - all recipients were rejected: 550 5.1.1 Boîte inconnue') returning id`,
        [RECIPIENT],
      ),
    )
  ).rows;
  const adminLogin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!.login;
  await signIn(page, adminLogin);
  await page.goto("/admin/transferts");
  await expect(page.getByRole("heading", { level: 2, name: "Courriels en échec" })).toBeVisible();
  const table = page.getByRole("table", { name: /Courriels que le serveur de messagerie a refusés/ });
  const line = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: RECIPIENT }) });
  await expect(line).toContainText("Modification de la saisie de Léa");
  await expect(line).toContainText("550 5.1.1 Boîte inconnue");
  await expect(line).toContainText("1 tentative");
  await expectNoA11yViolations(page);

  await line.getByRole("button", { name: `Renvoyer le courriel à ${RECIPIENT}` }).click();
  await expect(line.getByRole("status")).toContainText("Remis dans la file");
  // Back in the queue (and then sent by the server's outbox job), audited under the admin's name.
  await expect
    .poll(async () => (await withDb((c) => c.query<{ status: string }>("select status from outbox_emails where id = $1", [row!.id]))).rows[0]!.status)
    .not.toBe("failed");
  const audit = await withDb((c) => c.query("select actor_name from audit_log where action = 'outbox.retry' and entity_id = $1", [String(row!.id)]));
  expect(audit.rows).toHaveLength(1);
  // No longer failed: gone from the list at the next load.
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Courriels en échec" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: RECIPIENT })).toHaveCount(0);
});
