import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword, authorizeSafely } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { startAuthSession, touchAuthSession } from "@/lib/auth/session-lifecycle";
import { LOGIN_CEILING } from "@/lib/auth/throttle";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, auditLog, authSessions, signInThrottles } from "@/lib/db/schema";
import { BAD_CREDENTIALS_MESSAGE, INVALID_LOGIN_MESSAGE, isKnownSignInRefusal, SIGN_IN_FAILED_MESSAGE, tooManyAttemptsMessage } from "@/lib/domain/sign-in";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * docs/security-sign-in.md: the sign-in throttle on real PostgreSQL, against real accounts with
 * real password hashes. Each test uses its own login, so that they do not share counts.
 */
const NOW = new Date("2026-11-23T09:00:00Z");
const PASSWORD = "Le-bon-mot-de-passe-2026";
let t: TestDb;
let closed: DbHandle;

async function makeAccount(login: string): Promise<string> {
  const [a] = await t.db
    .insert(accounts)
    .values({ login, role: "admin", displayName: `Compte ${login}`, passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: accounts.id });
  return a!.id;
}

async function auditOf(login: string) {
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.details}::jsonb ->> 'login' = ${login}`)
    .orderBy(auditLog.id);
  return rows.map((r) => ({ ...(JSON.parse(r.details!) as Record<string, unknown>), action: r.action }) as Record<string, unknown>);
}

/** The French refusal of one attempt (or "ok"). */
async function attempt(login: string, password: string, source: string, at = NOW): Promise<string> {
  try {
    await authenticateWithPassword(t.db, { login, password }, at, source);
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

beforeAll(async () => {
  t = await createTestDb({ poolSize: 20 });
  // A handle whose pool is closed: any query through it fails. What is refused through it was refused before any SQL.
  closed = await openDatabase({ url: t.url, poolSize: 1 });
  await closed.close();
});
afterAll(async () => {
  await t?.drop();
});

describe("sign-in throttling under parallel attempts (R-AUTH-2, docs/security-sign-in.md)", () => {
  it("R-AUTH-2: 40 parallel wrong passwords from one source check exactly 5 passwords, and the others are refused as locked", async () => {
    const login = "parallele.throttle";
    await makeAccount(login);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(login, `mauvais-${i}`, "198.51.100.7")));
    const audit = await auditOf(login);
    // One audited "bad-credentials" per password checked (R-AUTH-3).
    expect(audit.filter((a) => a.reason === "bad-credentials")).toHaveLength(5);
    expect(audit.filter((a) => a.reason === "locked")).toHaveLength(35);
    expect(audit.filter((a) => a.action === "auth.sign_in_locked")).toEqual([
      { action: "auth.sign_in_locked", login, source: "198.51.100.7", failures: 5, minutes: 1 },
    ]);
    expect(results.filter((r) => r === BAD_CREDENTIALS_MESSAGE)).toHaveLength(4);
    expect(results.filter((r) => r === tooManyAttemptsMessage(1))).toHaveLength(36);
    expect(results.every(isKnownSignInRefusal)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("mauvais");
  });

  it("R-AUTH-2: a stranger failing from another source cannot lock the owner out", async () => {
    const login = "proprietaire.throttle";
    await makeAccount(login);
    await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(login, `mauvais-${i}`, "203.0.113.66")));
    expect(await attempt(login, "encore-faux", "203.0.113.66")).toBe(tooManyAttemptsMessage(1));
    // The owner, from their own address, signs in at once.
    expect(await attempt(login, PASSWORD, "192.0.2.10")).toBe("ok");
  });

  it("R-AUTH-2: the delays grow 1, 2, 4 minutes for a source that keeps failing, and a success clears them", async () => {
    const login = "progressif.throttle";
    const source = "198.51.100.20";
    await makeAccount(login);
    for (let i = 0; i < 4; i++) expect(await attempt(login, "faux", source)).toBe(BAD_CREDENTIALS_MESSAGE);
    expect(await attempt(login, "faux", source)).toBe(tooManyAttemptsMessage(1));
    // Even the right password is not checked while the source is delayed.
    expect(await attempt(login, PASSWORD, source, minutes(0.5))).toBe(tooManyAttemptsMessage(1));
    expect(await attempt(login, "faux", source, minutes(1))).toBe(tooManyAttemptsMessage(2));
    expect(await attempt(login, "faux", source, minutes(2))).toBe(tooManyAttemptsMessage(1));
    expect(await attempt(login, "faux", source, minutes(3))).toBe(tooManyAttemptsMessage(4));
    expect((await auditOf(login)).filter((a) => a.action === "auth.sign_in_locked").map((a) => a.minutes)).toEqual([1, 2, 4]);
    expect(await attempt(login, PASSWORD, source, minutes(7))).toBe("ok");
    expect(await attempt(login, "faux", source, minutes(7))).toBe(BAD_CREDENTIALS_MESSAGE);
  });

  it("docs/security-sign-in.md: past the login's ceiling, every source is delayed from its first failure, and the owner still signs in", async () => {
    const login = "distribue.throttle";
    await makeAccount(login);
    for (let i = 0; i < LOGIN_CEILING; i++) expect(await attempt(login, "faux", `10.1.0.${i}`)).toBe(BAD_CREDENTIALS_MESSAGE);
    expect(await attempt(login, "faux", "10.1.1.1")).toBe(tooManyAttemptsMessage(1));
    expect(await attempt(login, "faux", "10.1.1.1")).toBe(tooManyAttemptsMessage(1));
    expect(await attempt(login, PASSWORD, "192.0.2.44")).toBe("ok");
  });
});

describe("bad sign-in inputs (R-AUTH-2, docs/security-sign-in.md)", () => {
  it("R-AUTH-2: a login with a null byte, a control character or over 254 characters gets the French message, before any SQL", async () => {
    for (const login of ["admin\u0000' or 1=1", "ad\nmin", "a".repeat(255)]) {
      await expect(authenticateWithPassword(closed.db, { login, password: "x" }, NOW, "192.0.2.1")).rejects.toThrow(INVALID_LOGIN_MESSAGE);
    }
    const rows = await t.db
      .select()
      .from(signInThrottles)
      .where(sql`${signInThrottles.login} like 'admin%'`);
    expect(rows).toEqual([]);
  });

  it("docs/security-sign-in.md: an unexpected error (the database down) shows the generic French message, never its text", async () => {
    const refusal = await authorizeSafely(() => authenticateWithPassword(closed.db, { login: "personne", password: "x" }, NOW, "192.0.2.1")).catch(
      (e: Error) => e.message,
    );
    expect(refusal).toBe(SIGN_IN_FAILED_MESSAGE);
  });
});

describe("the idle timer slides (R-INT-8, docs/security-sign-in.md)", () => {
  it("R-INT-8: with a 1-minute idle limit, a user active every 35 s stays signed in; 61 s of silence ends the session", async () => {
    const acc = await makeAccount("actif.session");
    const sid = await startAuthSession(t.db, acc, NOW, 1);
    let at = NOW.getTime();
    for (let i = 0; i < 10; i++) {
      at += 35_000;
      expect(await touchAuthSession(t.db, sid, new Date(at), 1)).toBe("live");
    }
    // Bounded writes: the expiry moved at most once per request, and only when half the window was gone.
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(row!.expiresAt.getTime()).toBe(at + 60_000);
    expect(await touchAuthSession(t.db, sid, new Date(at + 61_000), 1)).toBe("expired");
    const ended = await t.db
      .select()
      .from(authSessions)
      .where(and(eq(authSessions.id, sid), eq(authSessions.endReason, "expired")));
    expect(ended).toHaveLength(1);
  });

  it("R-INT-8: requests close together do not write the session row each time", async () => {
    const acc = await makeAccount("calme.session");
    const sid = await startAuthSession(t.db, acc, NOW, 30);
    await touchAuthSession(t.db, sid, minutes(1), 30);
    await touchAuthSession(t.db, sid, minutes(10), 30);
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(row!.lastSeenAt.toISOString()).toBe(NOW.toISOString());
    await touchAuthSession(t.db, sid, minutes(16), 30);
    const [slid] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(slid!.expiresAt.toISOString()).toBe(minutes(46).toISOString());
  });
});
