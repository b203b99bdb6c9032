import { spawnSync } from "node:child_process";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/options";
import { verifyPassword } from "@/lib/auth/password";
import { demoAccountsProblem } from "@/lib/boot";
import { DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { findActor } from "@/lib/db/repositories/scopes";
import { accounts, auditLog } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { PASSWORD_MESSAGES } from "@/lib/domain/accounts";
import { changeOwnPassword } from "@/lib/services/accounts";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * Production mode (docs/production.md): demo data only in demo mode, the first administrator from
 * `npm run admin:create` with a one-time password changed at first sign-in, and the start-up's
 * refusal of demo accounts outside demo mode. The CLIs run for real, against real PostgreSQL.
 */
const NOW = new Date("2026-11-23T09:00:00Z");
// Outside demo mode, whatever the shell says (lib/env.ts reads it once per file).
const demoModeBefore = process.env.DEMO_MODE;
process.env.DEMO_MODE = "false";

function cli(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync("node_modules/.bin/tsx", [script, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

let empty: TestDb;
let demo: TestDb;
beforeAll(async () => {
  [empty, demo] = await Promise.all([createTestDb({ poolSize: 2 }), createTestDb({ poolSize: 2 })]);
  await seedDemo(demo.db, NOW, { history: false });
});
afterAll(async () => {
  await Promise.all([empty?.drop(), demo?.drop()]);
  if (demoModeBefore === undefined) delete process.env.DEMO_MODE;
  else process.env.DEMO_MODE = demoModeBefore;
});

const accountCount = async (t: TestDb) => (await t.db.select({ n: count() }).from(accounts))[0]!.n;

describe("demo data only in demo mode (docs/production.md)", () => {
  it("docs/production.md: npm run db:seed outside demo mode migrates, says so in French, and creates no account", async () => {
    const r = cli("scripts/db-seed.ts", [], { DATABASE_URL: empty.url, DEMO_MODE: "false" });
    expect(r.status).toBe(0);
    expect(r.out).toContain("Mode démonstration désactivé");
    expect(r.out).toContain("aucune donnée de démonstration n'a été créée");
    expect(r.out).toContain("npm run admin:create");
    expect(await accountCount(empty)).toBe(0);
  });

  it("docs/production.md: every account of the demo seed is marked as a demo account", async () => {
    const rows = await demo.db.select({ demo: accounts.demo, n: count() }).from(accounts).groupBy(accounts.demo);
    expect(rows.length).toBe(1);
    expect(rows[0]!.demo).toBe(true);
    expect(rows[0]!.n).toBeGreaterThan(300);
  });

  it("R-AUTH-2: outside demo mode a demo account never signs in, even with the demo password, and the refusal is audited", async () => {
    await expect(authenticateWithPassword(demo.db, { login: "admin", password: DEMO_PASSWORD }, NOW)).rejects.toThrow("Identifiant ou mot de passe incorrect");
    const [row] = await demo.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"));
    expect(JSON.parse(row!.details!)).toEqual({ login: "admin", source: "inconnue", reason: "bad-credentials" });
  });

  it("docs/production.md: the start-up check refuses demo accounts outside demo mode, in French, and accepts them in demo mode", async () => {
    const problem = await demoAccountsProblem(demo.db, { DEMO_MODE: false });
    expect(problem).toContain(`Démarrage refusé : la base de données contient ${await accountCount(demo)} comptes de démonstration`);
    expect(problem).toContain("DEMO_MODE");
    expect(await demoAccountsProblem(demo.db, { DEMO_MODE: true })).toBeNull();
    expect(await demoAccountsProblem(empty.db, { DEMO_MODE: false })).toBeNull();
  });
});

describe("the first administrator: npm run admin:create (docs/production.md)", () => {
  let password = "";
  let accountId = "";

  it("docs/production.md: npm run admin:create creates an admin with a one-time password printed once, to be changed at first sign-in, audited", async () => {
    const r = cli("scripts/admin-create.ts", ["--login", "Admin.Dupont", "--name", "Camille Dupont", "--email", "camille.dupont@ac-exemple.fr"], {
      DATABASE_URL: empty.url,
    });
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    expect(r.out).toContain("Compte administrateur « admin.dupont » créé (Camille Dupont).");
    password = /Mot de passe à usage unique : (\S+)/.exec(r.out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const [a] = await empty.db.select().from(accounts).where(eq(accounts.login, "admin.dupont"));
    expect(a).toMatchObject({ role: "admin", displayName: "Camille Dupont", email: "camille.dupont@ac-exemple.fr", demo: false, mustChangePassword: true });
    expect(await verifyPassword(password, a!.passwordHash!)).toBe(true);
    accountId = a!.id;
    const audit = await empty.db.select().from(auditLog).where(eq(auditLog.entityId, a!.id));
    expect(audit.map((x) => [x.action, x.actorName])).toEqual([["account.admin_created", "Commande npm run admin:create"]]);
    // Outside demo mode it signs in, and the session's actor must change its password first.
    await expect(authenticateWithPassword(empty.db, { login: "admin.dupont", password }, NOW)).resolves.toMatchObject({ id: a!.id });
    expect((await findActor(empty.db, a!.id))?.mustChangePassword).toBe(true);
  });

  it("docs/production.md: the same login again is refused in French with exit code 1, and nothing changes", async () => {
    const before = await empty.db.select().from(accounts).where(eq(accounts.login, "admin.dupont"));
    const r = cli("scripts/admin-create.ts", ["--login", "admin.dupont", "--name", "Quelqu'un d'autre"], { DATABASE_URL: empty.url });
    expect(r.status).toBe(1);
    expect(r.err).toContain("Un compte d'identifiant « admin.dupont » existe déjà : aucun compte n'a été créé.");
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(await empty.db.select().from(accounts).where(eq(accounts.login, "admin.dupont"))).toEqual(before);
  });

  it("docs/production.md: missing or bad arguments are refused in French with the usage, exit code 1", () => {
    const noName = cli("scripts/admin-create.ts", ["--login", "x.y"], { DATABASE_URL: empty.url });
    expect(noName.status).toBe(1);
    expect(noName.err).toContain("Le nom affiché (--name) est obligatoire.");
    expect(noName.err).toContain("Usage : npm run admin:create -- --login");
    const badLogin = cli("scripts/admin-create.ts", ["--login", "é lève", "--name", "X"], { DATABASE_URL: empty.url });
    expect(badLogin.status).toBe(1);
    expect(badLogin.err).toContain("L'identifiant doit compter 1 à 64 caractères");
  });

  it("R-AUTH-3: the password change checks the current password, clears the one-time flag and is audited", async () => {
    const actor = { accountId, displayName: "Camille Dupont" };
    const input = { currentPassword: "pas-le-bon-mot-de-passe", newPassword: "un mot de passe à moi", confirmation: "un mot de passe à moi" };
    await expect(changeOwnPassword(empty.db, actor, input, NOW)).rejects.toThrow(PASSWORD_MESSAGES.currentWrong);
    expect((await findActor(empty.db, accountId))?.mustChangePassword).toBe(true);
    await changeOwnPassword(empty.db, actor, { ...input, currentPassword: password }, NOW);
    expect((await findActor(empty.db, accountId))?.mustChangePassword).toBe(false);
    await expect(authenticateWithPassword(empty.db, { login: "admin.dupont", password }, NOW)).rejects.toThrow();
    await expect(authenticateWithPassword(empty.db, { login: "admin.dupont", password: "un mot de passe à moi" }, NOW)).resolves.toMatchObject({
      id: accountId,
    });
    const audit = await empty.db.select().from(auditLog).where(eq(auditLog.action, "account.password_changed"));
    expect(audit.map((x) => [x.accountId, JSON.parse(x.details!)])).toEqual([[accountId, { oneTime: true }]]);
  });
});
