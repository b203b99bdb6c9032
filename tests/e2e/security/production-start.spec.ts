import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { PASSWORD_MESSAGES } from "@/lib/domain/accounts";
import { expectNoA11yViolations, signIn, withDb } from "../support/fixtures";
import { databaseUrl, e2e } from "../support/ports";

/*
 * Production mode (docs/production.md), end to end:
 * - the built app started with `next start` outside demo mode refuses to boot on a bad
 *   configuration or on a database holding demo accounts: exit code 1, a French message, no port
 *   left listening (never a server that answers 500 to everything);
 * - a clean production start (a database migrated by `npm run db:seed` outside demo mode) serves
 *   a sign-in page without demo accounts and no development mailbox;
 * - on the e2e server (demo mode): the development mailbox asks an administrator's sign-in; an
 *   administrator created by `npm run admin:create` must change its one-time password first.
 * The extra servers listen on E2E_PORT + 7, one at a time; the spec's own database is dropped at
 * the end, and the administrator it creates in the e2e database is deleted.
 */
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 7;
const PROD_DB = `${e2e.database}_prod`;
const SECRET = "production-secret-production-secret-0123456789";

function urlOf(database: string): string {
  const u = new URL(e2e.pgServer);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The environment of a production process: nothing inherited but the PATH, HOME and the build's directory. */
function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: e2e.distDir,
    ...extra,
  } as unknown as NodeJS.ProcessEnv;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function nextStart(env: NodeJS.ProcessEnv): Started {
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(PORT)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts `next start` expecting a refusal: the exit code, what it printed, and whether the port still answers. */
async function refusedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; stillListening: boolean }> {
  const s = nextStart(env);
  const timeout = setTimeout(() => s.child.kill("SIGKILL"), 45_000);
  const code = await s.exited;
  clearTimeout(timeout);
  return { code, output: s.output(), stillListening: await listening(PORT) };
}

test.beforeAll(async () => {
  expect(await listening(PORT), `port ${PORT} must be free for this spec`).toBe(false);
});

test("docs/production.md: with NEXTAUTH_SECRET missing in production, next start exits with code 1 and a French message, and leaves no port listening", async () => {
  const r = await refusedStart(productionEnv({ DATABASE_URL: databaseUrl(), DEMO_MODE: "false" }));
  expect(r.code, r.output).toBe(1);
  expect(r.output).toContain("Configuration invalide");
  expect(r.output).toContain("NEXTAUTH_SECRET : obligatoire en production");
  expect(r.output).toContain("Le serveur ne démarre pas");
  expect(r.output).not.toMatch(/\n\s+at /);
  expect(r.stillListening).toBe(false);
});

test("docs/production.md: outside demo mode, next start on a database holding demo accounts exits with code 1 and says why in French", async () => {
  const demoAccounts = await withDb(async (c) => Number((await c.query<{ n: string }>("select count(*) as n from accounts where demo")).rows[0]!.n));
  expect(demoAccounts).toBeGreaterThan(300);
  const r = await refusedStart(productionEnv({ DATABASE_URL: databaseUrl(), DEMO_MODE: "false", NEXTAUTH_SECRET: SECRET }));
  expect(r.code, r.output).toBe(1);
  expect(r.output).toContain(`Démarrage refusé : la base de données contient ${demoAccounts} comptes de démonstration`);
  expect(r.output).toContain("DEMO_MODE");
  expect(r.stillListening).toBe(false);
});

test.describe("a clean production start", () => {
  let server: Started | undefined;
  const admin = new pg.Client({ connectionString: e2e.pgServer });

  test.beforeAll(async () => {
    await admin.connect();
    await admin.query(`drop database if exists "${PROD_DB}" with (force)`);
    await admin.query(`create database "${PROD_DB}"`);
    const env = productionEnv({ DATABASE_URL: urlOf(PROD_DB), DEMO_MODE: "false", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: `http://localhost:${PORT}` });
    const seed = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env, encoding: "utf8", timeout: 120_000 });
    expect(seed.status, `${seed.stdout}${seed.stderr}`).toBe(0);
    expect(seed.stdout).toContain("aucune donnée de démonstration n'a été créée");
    server = nextStart(env);
    await expect.poll(() => listening(PORT), { timeout: 60_000, message: server.output() }).toBe(true);
  });

  test.afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    await admin.query(`drop database if exists "${PROD_DB}" with (force)`);
    await admin.end();
  });

  test("docs/production.md: a production start serves a sign-in page without demo accounts, and no development mailbox", async ({ page }) => {
    const base = `http://localhost:${PORT}`;
    const res = await page.goto(`${base}/connexion`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Connexion au service en ligne Orientation" })).toBeVisible();
    await expect(page.getByText("Comptes de démonstration")).toHaveCount(0);
    await expect(page.getByText(DEMO_ACCOUNTS[0]!.login)).toHaveCount(0);
    expect((await page.goto(`${base}/dev/mailbox`))?.status()).toBe(404);
    expect(server!.child.exitCode).toBeNull();
  });
});

test.describe("on the demo server", () => {
  const login = "admin.premiere-connexion";

  test.afterAll(async () => {
    await withDb((c) => c.query("delete from accounts where login = $1", [login]));
  });

  test("docs/production.md: the development mailbox sends an anonymous visitor to the sign-in page, is a 404 for a head, and shows to an administrator", async ({
    page,
  }) => {
    await page.goto("/dev/mailbox");
    await expect(page).toHaveURL(/\/connexion/);
    await expect(page.getByRole("heading", { name: "Boîte aux lettres de développement" })).toHaveCount(0);

    await signIn(page, DEMO_ACCOUNTS.find((a) => a.role === "head")!.login);
    expect((await page.goto("/dev/mailbox"))?.status()).toBe(404);
    await page.context().clearCookies();

    await signIn(page, DEMO_ACCOUNTS.find((a) => a.role === "admin")!.login);
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("heading", { level: 1, name: "Boîte aux lettres de développement" })).toBeVisible();
  });

  test("R-AUTH-2 / R-AUTH-3: an administrator created by npm run admin:create changes its one-time password at first sign-in, then lands on /admin", async ({
    page,
  }) => {
    const r = spawnSync("node_modules/.bin/tsx", ["scripts/admin-create.ts", "--login", login, "--name", "Dominique Première"], {
      env: productionEnv({ DATABASE_URL: databaseUrl(), DEMO_MODE: "true" }),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const oneTime = /Mot de passe à usage unique : (\S+)/.exec(r.stdout)![1]!;

    await signIn(page, login, oneTime);
    await expect(page).toHaveURL(/\/compte\/mot-de-passe$/);
    await expect(page.getByRole("heading", { level: 1, name: "Changer votre mot de passe" })).toBeVisible();
    await expect(page.getByText("mot de passe à usage unique")).toBeVisible();
    await expectNoA11yViolations(page);

    // Every signed-in page sends it back here until the password is changed.
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/compte\/mot-de-passe$/);
    await page.goto("/admin/transferts");
    await expect(page).toHaveURL(/\/compte\/mot-de-passe$/);

    await fillPasswordChange(page, oneTime, "court", "court");
    await expect(page.getByText(PASSWORD_MESSAGES.tooShort)).toBeVisible();
    await fillPasswordChange(page, oneTime, "une phrase de passe à moi", "une phrase de passe a moi");
    await expect(page.getByText(PASSWORD_MESSAGES.confirmationMismatch)).toBeVisible();
    await fillPasswordChange(page, oneTime, oneTime, oneTime);
    await expect(page.getByText(PASSWORD_MESSAGES.sameAsOld)).toBeVisible();
    await fillPasswordChange(page, "pas-le-bon-mot-de-passe", "une phrase de passe à moi", "une phrase de passe à moi");
    await expect(page.getByText(PASSWORD_MESSAGES.currentWrong).first()).toBeVisible();
    expect(
      await withDb(async (c) => (await c.query("select must_change_password from accounts where login = $1", [login])).rows[0]!.must_change_password),
    ).toBe(true);

    await fillPasswordChange(page, oneTime, "une phrase de passe à moi", "une phrase de passe à moi");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect
      .poll(() =>
        withDb(async (c) =>
          (
            await c.query<{ action: string }>(
              "select l.action from audit_log l join accounts a on a.id::text = l.entity_id where a.login = $1 and l.action like 'account.%' order by l.id",
              [login],
            )
          ).rows.map((x) => x.action),
        ),
      )
      .toEqual(["account.admin_created", "account.password_changed"]);

    // The new password is the one that signs in now.
    await page.context().clearCookies();
    await signIn(page, login, "une phrase de passe à moi");
    await expect(page).toHaveURL(/\/admin$/);
  });
});

async function fillPasswordChange(page: Page, current: string, next: string, confirmation: string): Promise<void> {
  await page.getByLabel("Mot de passe actuel", { exact: true }).fill(current);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(next);
  await page.getByLabel("Confirmation du nouveau mot de passe", { exact: true }).fill(confirmation);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
}
