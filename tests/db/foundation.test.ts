import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit";
import { authenticateWithPassword } from "@/lib/auth/options";
import { endAuthSession, expireIdleSessions, startAuthSession, touchAuthSession } from "@/lib/auth/session-lifecycle";
import { clearFailures, lockedFor, reserveAttempt } from "@/lib/auth/throttle";
import { DEMO_FAMILY, OIDC_DEMO_GUARDIAN } from "@/lib/db/demo-accounts";
import { academyHomeView } from "@/lib/loaders/academy-home";
import { findPlatformSummary } from "@/lib/db/repositories/platform";
import { findDivisionSummaries } from "@/lib/db/repositories/schools";
import { linkOidcIdentity } from "@/lib/db/repositories/oidc";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  accounts,
  auditLog,
  authSessions,
  divisions,
  familyAcknowledgements,
  familyRequestItems,
  familyRequests,
  oidcIdentities,
  schools,
  students,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { familyClaimsSchema, type FamilyClaims } from "@/lib/domain/oidc-claims";
import { loadFamilyHome } from "@/lib/services/family-home";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
let t: TestDb;

async function accountId(login: string): Promise<string> {
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return a!.id;
}
async function studentId(ine: string): Promise<string> {
  const [s] = await t.db.select({ id: students.id }).from(students).where(eq(students.ine, ine));
  return s!.id;
}

// The demo accounts sign in in demo mode only (docs/production.md); lib/env.ts reads this once per file.
const demoModeBefore = process.env.DEMO_MODE;
beforeAll(async () => {
  process.env.DEMO_MODE = "true";
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
});
afterAll(async () => {
  await t?.drop();
  if (demoModeBefore === undefined) delete process.env.DEMO_MODE;
  else process.env.DEMO_MODE = demoModeBefore;
});

describe("data model constraints (in the database, not only in code)", () => {
  async function insertRequest(student: string, holderLogin: string, tracks: string[]) {
    const holder = await accountId(holderLogin);
    await t.db.transaction(async (tx) => {
      const [r] = await tx
        .insert(familyRequests)
        .values({ studentId: student, phase: "provisional", holderAccountId: holder, holderName: "x", validatedAt: NOW })
        .returning();
      if (tracks.length > 0) await tx.insert(familyRequestItems).values(tracks.map((track, i) => ({ requestId: r!.id, rank: i + 1, track })));
    });
  }

  it("R-INT-1: one holder of the hand per student and phase", async () => {
    const s = await studentId(DEMO_FAMILY.student3B.student.ine);
    await insertRequest(s, DEMO_FAMILY.student3B.guardians[0]!.login, ["2GT"]);
    await expect(insertRequest(s, DEMO_FAMILY.student3B.guardians[1]!.login, ["CAP"])).rejects.toThrow();
    await t.db.delete(familyRequests).where(eq(familyRequests.studentId, s));
  });

  it("R-INT-2: a request holds 1 to 3 ranked intentions, checked at commit", async () => {
    const s = await studentId(DEMO_FAMILY.noEmail.student.ine);
    const login = DEMO_FAMILY.noEmail.guardians[0]!.login;
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => "committed",
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await reason(insertRequest(s, login, ["2GT", "2PRO", "CAP", "2GT_X"]))).toMatch(/must hold 1 to 3 items/);
    expect(await reason(insertRequest(s, login, []))).toMatch(/must hold 1 to 3 items/);
    const [none] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(familyRequests)
      .where(eq(familyRequests.studentId, s));
    expect(none!.n).toBe(0); // nothing half-saved
  });

  it("R-INT-3: the same voie twice in one request is refused by the database", async () => {
    const s = await studentId(DEMO_FAMILY.noEmail.student.ine);
    await expect(insertRequest(s, DEMO_FAMILY.noEmail.guardians[0]!.login, ["2GT", "2GT"])).rejects.toThrow();
  });

  it("R-ACK-1: one acknowledgement per student", async () => {
    const s = await studentId(DEMO_FAMILY.student3B.student.ine);
    const a = await accountId(DEMO_FAMILY.student3B.guardians[0]!.login);
    await t.db.insert(familyAcknowledgements).values({ studentId: s, accountId: a, actorName: "x", acknowledgedAt: NOW });
    await expect(t.db.insert(familyAcknowledgements).values({ studentId: s, accountId: a, actorName: "y", acknowledgedAt: NOW })).rejects.toThrow();
    await t.db.delete(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, s));
  });

  it("R-AUTH-1: an account's scope matches its role (a guardian account cannot carry a school)", async () => {
    const [school] = await t.db.select({ id: schools.id }).from(schools).limit(1);
    await expect(t.db.insert(accounts).values({ role: "guardian", displayName: "x", schoolId: school!.id })).rejects.toThrow();
    await expect(t.db.insert(accounts).values({ role: "head", displayName: "x" })).rejects.toThrow();
  });
});

describe("sessions: logout and expiry are real events (R-INT-8)", () => {
  /** The audit rows of one session (R-AUTH-3), oldest first. */
  async function sessionAudit(sid: string) {
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.details}::jsonb ->> 'sessionId' = ${sid}`)
      .orderBy(auditLog.id);
    return rows.map((r) => ({ action: r.action, accountId: r.accountId, actorName: r.actorName, at: r.at.toISOString() }));
  }

  it("R-INT-8: a session ends once, whether by logout or by the expiry sweep, and its end is recorded once", async () => {
    const acc = await accountId(DEMO_FAMILY.student3A.guardians[0]!.login);
    const sid = await startAuthSession(t.db, acc, NOW, 30);
    expect(await touchAuthSession(t.db, sid, new Date(NOW.getTime() + 10 * 60_000), 30)).toBe("live");
    const [first, second] = await Promise.all([endAuthSession(t.db, sid, "logout", NOW), endAuthSession(t.db, sid, "logout", NOW)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await touchAuthSession(t.db, sid, NOW, 30)).toBe("ended");

    const idle = await startAuthSession(t.db, acc, NOW, 30);
    expect(await expireIdleSessions(t.db, new Date(NOW.getTime() + 29 * 60_000))).toBe(0);
    expect(await expireIdleSessions(t.db, new Date(NOW.getTime() + 31 * 60_000))).toBe(1);
    expect(await expireIdleSessions(t.db, new Date(NOW.getTime() + 32 * 60_000))).toBe(0);
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, idle));
    expect(row!.endReason).toBe("expired");
    expect((await sessionAudit(sid)).map((a) => a.action)).toEqual(["auth.sign_in", "auth.sign_out"]);
    expect((await sessionAudit(idle)).map((a) => a.action)).toEqual(["auth.sign_in", "auth.session_expired"]);
  });

  it("R-AUTH-3: sign-in and sign-out are recorded under the account, an idle expiry under the system, with the session row's time", async () => {
    const login = DEMO_FAMILY.student3A.guardians[0]!.login;
    const acc = await accountId(login);
    const [account] = await t.db.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, acc));
    const sid = await startAuthSession(t.db, acc, NOW, 30);
    const later = new Date(NOW.getTime() + 5 * 60_000);
    await endAuthSession(t.db, sid, "logout", later);
    expect(await sessionAudit(sid)).toEqual([
      { action: "auth.sign_in", accountId: acc, actorName: account!.displayName, at: NOW.toISOString() },
      { action: "auth.sign_out", accountId: acc, actorName: account!.displayName, at: later.toISOString() },
    ]);
    const [session] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect([session!.startedAt.toISOString(), session!.endedAt!.toISOString()]).toEqual([NOW.toISOString(), later.toISOString()]);

    const idle = await startAuthSession(t.db, acc, NOW, 30);
    await expireIdleSessions(t.db, new Date(NOW.getTime() + 31 * 60_000));
    expect((await sessionAudit(idle))[1]).toMatchObject({ action: "auth.session_expired", accountId: null, actorName: "Système (expiration des sessions)" });
  });

  it("R-AUTH-3: the session row and its audit row land together: a start or an end that cannot be recorded does not happen", async () => {
    const acc = await accountId(DEMO_FAMILY.student3A.guardians[0]!.login);
    const sessions = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(authSessions))[0]!.n;
    /** Makes the audit log refuse one action for the time of `fn` (a CHECK added, then dropped). */
    async function refusing<T>(action: string, fn: () => Promise<T>): Promise<T> {
      await t.db.execute(sql.raw(`alter table audit_log add constraint test_refuses check (action <> '${action}') not valid`));
      try {
        return await fn();
      } finally {
        await t.db.execute(sql.raw("alter table audit_log drop constraint test_refuses"));
      }
    }
    const before = await sessions();
    await expect(refusing("auth.sign_in", () => startAuthSession(t.db, acc, NOW, 30))).rejects.toThrow();
    expect(await sessions()).toBe(before);

    const sid = await startAuthSession(t.db, acc, NOW, 30);
    await expect(refusing("auth.sign_out", () => endAuthSession(t.db, sid, "logout", NOW))).rejects.toThrow();
    expect(await touchAuthSession(t.db, sid, NOW, 30)).toBe("live");
    expect(await endAuthSession(t.db, sid, "logout", NOW)).not.toBeNull();
  });

  it("R-INT-8: activity slides the expiry of a live session", async () => {
    const acc = await accountId(DEMO_FAMILY.student3A.guardians[0]!.login);
    const sid = await startAuthSession(t.db, acc, NOW, 30);
    await touchAuthSession(t.db, sid, new Date(NOW.getTime() + 20 * 60_000), 30);
    expect(await touchAuthSession(t.db, sid, new Date(NOW.getTime() + 45 * 60_000), 30)).toBe("live");
    expect(await touchAuthSession(t.db, sid, new Date(NOW.getTime() + 90 * 60_000), 30)).toBe("expired");
  });
});

describe("sign-in throttling (R-AUTH-2)", () => {
  it("R-AUTH-2: locks a login and source after repeated failures, for every app server alike", async () => {
    const [login, source] = ["test-throttle", "192.0.2.1"];
    for (let i = 0; i < 4; i++) expect(await reserveAttempt(t.db, login, source, NOW)).toMatchObject({ checked: true, lockedMinutes: 0 });
    expect(await lockedFor(t.db, login, source, NOW)).toBe(0);
    expect(await reserveAttempt(t.db, login, source, NOW)).toMatchObject({ checked: true, lockedMinutes: 1 });
    expect(await lockedFor(t.db, login, source, NOW)).toBe(1);
    expect(await lockedFor(t.db, login, source, new Date(NOW.getTime() + 61_000))).toBe(0);
    await clearFailures(t.db, login, source);
    expect(await lockedFor(t.db, login, source, NOW)).toBe(0);
  });
});

describe("failed sign-ins are recorded (R-AUTH-3)", () => {
  it("R-AUTH-3: a refused password sign-in writes the login and the reason, never the password", async () => {
    const login = DEMO_FAMILY.student3A.guardians[1]!.login;
    const acc = await accountId(login);
    await expect(authenticateWithPassword(t.db, { login, password: "pas-le-bon-mot-de-passe" }, NOW)).rejects.toThrow("Identifiant ou mot de passe incorrect");
    await expect(authenticateWithPassword(t.db, { login: "personne.inconnue", password: "x" }, NOW)).rejects.toThrow();
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed")).orderBy(auditLog.id);
    expect(rows.map((r) => [r.accountId, r.entityId, JSON.parse(r.details!)])).toEqual([
      [acc, acc, { login, source: "inconnue", reason: "bad-credentials" }],
      [null, "personne.inconnue", { login: "personne.inconnue", source: "inconnue", reason: "bad-credentials" }],
    ]);
    expect(rows.every((r) => !r.details!.includes("pas-le-bon") && !r.actorName.includes("pas-le-bon"))).toBe(true);
    await clearFailures(t.db, login, "inconnue");
    await clearFailures(t.db, "personne.inconnue", "inconnue");
  });
});

describe("OpenID Connect linking (R-AUTH-4)", () => {
  const issuer = "http://127.0.0.1:9999";
  const claims = familyClaimsSchema.parse({
    edu_profile: "guardian",
    sub: OIDC_DEMO_GUARDIAN.subject,
    given_name: OIDC_DEMO_GUARDIAN.firstName,
    family_name: OIDC_DEMO_GUARDIAN.lastName,
    email: OIDC_DEMO_GUARDIAN.email,
    children: OIDC_DEMO_GUARDIAN.children.map((c) => ({ ine: c.ine, uai: c.uai, given_name: c.firstName, family_name: c.lastName })),
  }) as Extract<FamilyClaims, { edu_profile: "guardian" }>;

  it("R-AUTH-4: links the identity to the guardian of the children its claims name, then recognises it", async () => {
    const first = await linkOidcIdentity(t.db, issuer, claims, NOW);
    expect(first).toBe(await accountId(OIDC_DEMO_GUARDIAN.login));
    expect(await linkOidcIdentity(t.db, issuer, claims, NOW)).toBe(first);
    // R-AUTH-3: the link is recorded once, under the account it links.
    const links = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.oidc_link"), eq(auditLog.accountId, first!)));
    expect(links.map((l) => JSON.parse(l.details!))).toEqual([{ issuer, subject: claims.sub }]);
    const actor = await findActor(t.db, first!);
    const home = await loadFamilyHome(t.db, { guardianId: actor!.guardianId! }, NOW);
    expect(home.map((s) => s.lastName).sort()).toEqual(OIDC_DEMO_GUARDIAN.children.map((c) => c.lastName).sort());
  });

  it("R-AUTH-3: an account created at a first OpenID Connect sign-in is recorded, then its link", async () => {
    const [s] = await t.db
      .select({ schoolId: students.schoolId, divisionId: students.divisionId, uai: schools.uai })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .limit(1);
    const [created] = await t.db
      .insert(students)
      .values({ ine: "0999999999Z", schoolId: s!.schoolId, divisionId: s!.divisionId, lastName: "Nouvelle", firstName: "Élise", birthDate: "2007-01-02" })
      .returning();
    const studentClaims = familyClaimsSchema.parse({
      edu_profile: "student",
      sub: "eleve-nouvelle",
      given_name: "Élise",
      family_name: "Nouvelle",
      ine: "0999999999Z",
      uai: s!.uai,
    });
    const acc = await linkOidcIdentity(t.db, issuer, studentClaims, NOW);
    expect(acc).not.toBeNull();
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.accountId, acc!)).orderBy(auditLog.id);
    expect(rows.map((r) => [r.action, r.actorName, JSON.parse(r.details!)])).toEqual([
      ["account.create", "Élise Nouvelle", { role: "student", via: "oidc" }],
      ["auth.oidc_link", "Élise Nouvelle", { issuer, subject: "eleve-nouvelle" }],
    ]);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, acc!));
    expect(account!.studentId).toBe(created!.id);
    // Leave the demo's counts as they were for the tests below.
    await t.db.delete(oidcIdentities).where(eq(oidcIdentities.accountId, acc!));
    await t.db.delete(accounts).where(eq(accounts.id, acc!));
    await t.db.delete(students).where(eq(students.id, created!.id));
  });

  it("R-AUTH-4: refuses claims naming a child at another school or under another name", async () => {
    const wrongSchool = { ...claims, sub: "other-1", children: claims.children.map((c) => ({ ...c, uai: "0000000A" })) };
    expect(await linkOidcIdentity(t.db, issuer, wrongSchool as typeof claims, NOW)).toBeNull();
    const wrongName = { ...claims, sub: "other-2", given_name: "Quelqu'un" };
    expect(await linkOidcIdentity(t.db, issuer, wrongName as typeof claims, NOW)).toBeNull();
  });
});

describe("homes read real data", () => {
  it("R-AUTH-1: a guardian's home lists exactly their children, the collège's with an open provisional phase", async () => {
    const actor = await findActor(t.db, await accountId(DEMO_FAMILY.siblings[0].guardians[0]!.login));
    const home = await loadFamilyHome(t.db, { guardianId: actor!.guardianId! }, NOW);
    expect(home.map((h) => h.firstName).sort()).toEqual(DEMO_FAMILY.siblings.map((s) => s.student.firstName).sort());
    expect(home.every((h) => h.campaignOpen)).toBe(true);
    // The demo's 2GT provisional phase is over (its final phase is open): only the collège child's provisional service is open.
    expect(home.find((h) => h.firstName === DEMO_FAMILY.siblings[0].student.firstName)!.service.open).toBe(true);
    expect(home.find((h) => h.firstName === DEMO_FAMILY.siblings[1].student.firstName)!.service.open).toBe(false);
    expect(home[0]!.calendar.map((c) => c.phase)).toEqual(["provisional", "final"]);
  });

  it("R-SCH-14: the back-office home counts per division, limited to a homeroom teacher's divisions", async () => {
    const [school] = await t.db.select().from(schools).where(eq(schools.uai, DEMO_FAMILY.student3A.schoolUai));
    const all = await findDivisionSummaries(t.db, school!.id);
    expect(all.map((d) => d.code)).toEqual(["3A", "3B", "3C", "3D"]);
    expect(all.every((d) => d.students === 25)).toBe(true);
    const [d3a] = await t.db
      .select()
      .from(divisions)
      .where(and(eq(divisions.schoolId, school!.id), eq(divisions.code, "3A")));
    expect((await findDivisionSummaries(t.db, school!.id, [d3a!.id])).map((d) => d.code)).toEqual(["3A"]);
    expect(await findDivisionSummaries(t.db, school!.id, [])).toEqual([]);
  });

  it("the académie and admin homes count the schools' students and the platform's accounts", async () => {
    const summaries = (await academyHomeView(t.db, "grenoble", "Grenoble", { now: NOW, later: () => undefined })).schools;
    expect(summaries).toHaveLength(2);
    expect(summaries.map((s) => s.divisions).sort()).toEqual([3, 4]);
    const outOfProcedure = 0;
    expect(summaries.reduce((n, s) => n + s.students, 0)).toBe(160 - outOfProcedure);
    const platform = await findPlatformSummary(t.db);
    expect(platform.schools).toBe(2);
    expect(platform.accounts.find((a) => a.role === "admin")?.n).toBe(1);
  });

  it("R-AUTH-4: the adult student's scope says they act for themself", async () => {
    const scope = await findStudentScope(t.db, await studentId(DEMO_FAMILY.adult.student.ine), NOW);
    expect(scope?.studentIsAdult).toBe(true);
    expect(await findStudentScope(t.db, "not-a-uuid", NOW)).toBeNull();
  });
});

describe("audit log (R-AUTH-3)", () => {
  it("R-AUTH-3: records who and when, in the writer's transaction (a rolled-back write leaves no line)", async () => {
    const acc = await accountId(DEMO_FAMILY.student3A.guardians[0]!.login);
    await recordAudit(t.db, { accountId: acc, displayName: "Test" }, "test.write", { type: "student", id: "s1" }, { a: 1 }, NOW);
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, { accountId: acc, displayName: "Test" }, "test.rolled_back", { type: "student", id: "s1" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.entityId, "s1"));
    expect(rows.map((r) => r.action)).toEqual(["test.write"]);
    expect(rows[0]!.actorName).toBe("Test");
    expect(rows[0]!.at.toISOString()).toBe(NOW.toISOString());
  });
});
