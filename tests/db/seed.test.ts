import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { isAdult, schoolYearOf, windowState } from "@/lib/domain/calendar";
import { SPECIALTIES } from "@/lib/domain/tracks";
import { DEMO_ACCOUNTS, DEMO_FAMILY, DEMO_PASSWORD, OIDC_DEMO_GUARDIAN } from "@/lib/db/demo-accounts";
import {
  academies,
  accounts,
  campaignWindows,
  classCouncils,
  divisions,
  guardians,
  homeroomDivisions,
  schools,
  schoolSpecialties,
  studentGuardians,
  students,
} from "@/lib/db/schema";
import { seedDemo, type SeedResult } from "@/lib/db/seed";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");

let t: TestDb;
let first: SeedResult;
beforeAll(async () => {
  t = await createTestDb();
  first = await seedDemo(t.db, NOW);
});
afterAll(async () => {
  await t?.drop();
});

async function countRows(): Promise<Record<string, number>> {
  const res = await t.db.execute(sql`
    select
      (select count(*) from academies)::int as academies,
      (select count(*) from schools)::int as schools,
      (select count(*) from school_specialties)::int as school_specialties,
      (select count(*) from divisions)::int as divisions,
      (select count(*) from students)::int as students,
      (select count(*) from guardians)::int as guardians,
      (select count(*) from student_guardians)::int as student_guardians,
      (select count(*) from accounts)::int as accounts,
      (select count(*) from homeroom_divisions)::int as homeroom_divisions,
      (select count(*) from class_councils)::int as class_councils,
      (select count(*) from campaign_windows)::int as campaign_windows,
      (select count(*) from family_requests)::int as family_requests,
      (select count(*) from school_requests)::int as school_requests,
      (select count(*) from opinions)::int as opinions`);
  return res.rows[0] as Record<string, number>;
}

describe("seedDemo", () => {
  it("creates the académie de Grenoble with a collège (3A-3D) and a lycée (2A-2B) of 25 students each", async () => {
    expect(first.created).toBe(true);
    const [academy] = await t.db.select().from(academies);
    expect(academy).toMatchObject({ id: "grenoble", senderEmail: "ne-pas-repondre@ac-grenoble.fr", appealDeadlineWorkingDays: 3, allowTrackDetails: true });
    expect(academy!.appealCommissionPresident).not.toBe("");
    expect(academy!.appealCommissionAddress).not.toBe("");

    const schoolRows = await t.db.select().from(schools).orderBy(schools.name);
    expect(schoolRows.map((s) => [s.name, s.termMode])).toEqual([
      ["Collège Stendhal", "trimester"],
      ["Lycée Champollion", "semester"],
    ]);
    for (const s of schoolRows) {
      expect(s.uai).toMatch(/^[0-9]{7}[A-Z]$/);
      expect(s.address && s.postalCode && s.city && s.phone && s.email).toBeTruthy();
    }

    const perDivision = await t.db
      .select({ code: divisions.code, level: divisions.level, n: sql<number>`count(${students.id})::int` })
      .from(divisions)
      .leftJoin(students, eq(students.divisionId, divisions.id))
      .groupBy(divisions.code, divisions.level)
      .orderBy(divisions.code);
    expect(perDivision).toEqual([
      { code: "2A", level: "2GT", n: 25 },
      { code: "2B", level: "2GT", n: 25 },
      { code: "3A", level: "3e", n: 25 },
      { code: "3B", level: "3e", n: 25 },
      { code: "3C", level: "3e", n: 25 },
      { code: "3D", level: "3e", n: 25 },
    ]);
  });

  it("R-2GT-4: the lycée offers some, not all, spécialités, with known codes", async () => {
    const rows = await t.db
      .select({ specialty: schoolSpecialties.specialty, uai: schools.uai })
      .from(schoolSpecialties)
      .innerJoin(schools, eq(schools.id, schoolSpecialties.schoolId));
    expect(new Set(rows.map((r) => r.uai)).size).toBe(1);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(Object.keys(SPECIALTIES).length);
    for (const r of rows) expect(Object.keys(SPECIALTIES)).toContain(r.specialty);
  });

  it("gives students valid INEs, ages fitting their level, and exactly one adult (R-AUTH-4), at the lycée", async () => {
    const rows = await t.db
      .select({ ine: students.ine, birthDate: students.birthDate, level: divisions.level })
      .from(students)
      .innerJoin(divisions, eq(divisions.id, students.divisionId));
    expect(rows).toHaveLength(150);
    for (const r of rows) expect(r.ine).toMatch(/^[0-9A-Z]{11}$/);
    const adults = rows.filter((r) => isAdult(r.birthDate, NOW));
    expect(adults).toHaveLength(1);
    expect(adults[0]!.level).toBe("2GT");
    const years = (level: string) => new Set(rows.filter((r) => r.level === level && !isAdult(r.birthDate, NOW)).map((r) => r.birthDate.slice(0, 4)));
    expect([...years("3e")].sort()).toEqual(["2011", "2012"]);
    expect([...years("2GT")].sort()).toEqual(["2010", "2011"]);
  });

  it("gives every student one or two guardians (ranks 1 and 2), some without e-mail, and one family of two siblings", async () => {
    const perStudent = await t.db
      .select({
        studentId: studentGuardians.studentId,
        n: sql<number>`count(*)::int`,
        ranks: sql<number[]>`array_agg(${studentGuardians.rank} order by ${studentGuardians.rank})`,
      })
      .from(studentGuardians)
      .groupBy(studentGuardians.studentId);
    expect(perStudent).toHaveLength(150);
    const single = perStudent.filter((r) => r.n === 1);
    for (const r of perStudent) expect(r.ranks).toEqual(r.n === 1 ? [1] : [1, 2]);
    expect(single.length).toBeGreaterThanOrEqual(10);
    expect(single.length).toBeLessThanOrEqual(30);

    const all = await t.db.select().from(guardians);
    const withoutEmail = all.filter((g) => g.email === null);
    expect(withoutEmail.length).toBeGreaterThanOrEqual(10);
    expect(withoutEmail.length).toBeLessThan(all.length * 0.2);
    for (const g of all) if (g.email) expect(g.email).toMatch(/^[a-z0-9.-]+@example\.(fr|com)$/);
    for (const g of all) expect(["M.", "Mme"]).toContain(g.civility);

    const multi = await t.db
      .select({ guardianId: studentGuardians.guardianId, n: sql<number>`count(*)::int` })
      .from(studentGuardians)
      .groupBy(studentGuardians.guardianId)
      .having(sql`count(*) > 1`);
    expect(multi).toHaveLength(2); // the siblings' two guardians
    expect(multi.every((m) => m.n === 2)).toBe(true);
    const siblingInes = DEMO_FAMILY.siblings.map((f) => f.student.ine);
    const theirs = await t.db
      .select({ ine: students.ine })
      .from(studentGuardians)
      .innerJoin(students, eq(students.id, studentGuardians.studentId))
      .where(
        inArray(
          studentGuardians.guardianId,
          multi.map((m) => m.guardianId),
        ),
      );
    expect(new Set(theirs.map((r) => r.ine))).toEqual(new Set(siblingInes));
  });

  it("creates a password account for every guardian and student, and the staff of each school", async () => {
    const byRole = await t.db
      .select({ role: accounts.role, n: sql<number>`count(*)::int` })
      .from(accounts)
      .groupBy(accounts.role);
    const counts = Object.fromEntries(byRole.map((r) => [r.role, r.n]));
    const guardianCount = (await t.db.select({ n: sql<number>`count(*)::int` }).from(guardians))[0]!.n;
    expect(counts).toEqual({ guardian: guardianCount, student: 150, head: 2, homeroom: 6, saio: 1, admin: 1 });
    const noPassword = await t.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(sql`${accounts.passwordHash} is null or ${accounts.login} is null`);
    expect(noPassword).toHaveLength(0);

    const homerooms = await t.db
      .select({ login: accounts.login, code: divisions.code })
      .from(homeroomDivisions)
      .innerJoin(accounts, eq(accounts.id, homeroomDivisions.accountId))
      .innerJoin(divisions, eq(divisions.id, homeroomDivisions.divisionId))
      .orderBy(divisions.code);
    expect(homerooms).toEqual(["2A", "2B", "3A", "3B", "3C", "3D"].map((code) => ({ login: `pp.${code.toLowerCase()}`, code })));
    const [saio] = await t.db.select().from(accounts).where(eq(accounts.role, "saio"));
    expect(saio!.academyId).toBe("grenoble");
  });

  it("lets the demo accounts sign in with DEMO_PASSWORD", async () => {
    const logins = ["admin", "saio.grenoble", DEMO_FAMILY.student3A.guardians[0]!.login, DEMO_FAMILY.adult.student.login];
    const rows = await t.db.select({ login: accounts.login, passwordHash: accounts.passwordHash }).from(accounts).where(inArray(accounts.login, logins));
    expect(rows).toHaveLength(logins.length);
    for (const r of rows) expect(await verifyPassword(DEMO_PASSWORD, r.passwordHash!)).toBe(true);
    expect(await verifyPassword("mauvais", rows[0]!.passwordHash!)).toBe(false);
    // One hash shared by all accounts: checking one string covers them all.
    const distinct = await t.db.select({ n: sql<number>`count(distinct ${accounts.passwordHash})::int` }).from(accounts);
    expect(distinct[0]!.n).toBe(1);
  });

  it("plans one class council per division and phase, final after provisional, none open", async () => {
    const rows = await t.db.select().from(classCouncils);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.state === "planned" && r.scheduledAt !== null && r.scheduledAt > NOW)).toBe(true);
    const latestProvisional = Math.max(...rows.filter((r) => r.phase === "provisional").map((r) => r.scheduledAt!.getTime()));
    const earliestFinal = Math.min(...rows.filter((r) => r.phase === "final").map((r) => r.scheduledAt!.getTime()));
    expect(latestProvisional).toBeLessThan(earliestFinal);
  });

  it("R-CAL-1: the provisional window is open today for both levels and the final one opens later", async () => {
    const rows = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.academyId, "grenoble"), eq(campaignWindows.schoolYear, schoolYearOf(NOW))));
    expect(rows).toHaveLength(4);
    for (const level of ["3e", "2GT"] as const) {
      const provisional = rows.find((r) => r.level === level && r.phase === "provisional");
      const final = rows.find((r) => r.level === level && r.phase === "final");
      expect(windowState(provisional, NOW)).toBe("open");
      expect(windowState(final, NOW)).toBe("before");
      expect(provisional!.closesAt < final!.opensAt).toBe(true);
    }
  });

  it("seeds no request nor avis: families start from scratch", async () => {
    const c = await countRows();
    expect([c.family_requests, c.school_requests, c.opinions]).toEqual([0, 0, 0]);
  });

  it("does nothing the second time it runs", async () => {
    const before = await countRows();
    expect(await seedDemo(t.db, new Date(NOW.getTime() + 86_400_000))).toEqual({ created: false });
    expect(await countRows()).toEqual(before);
  });

  it("holds every DEMO_ACCOUNTS login with the stated role", async () => {
    const rows = await t.db
      .select({ login: accounts.login, role: accounts.role })
      .from(accounts)
      .where(
        inArray(
          accounts.login,
          DEMO_ACCOUNTS.map((a) => a.login),
        ),
      );
    expect(new Map(rows.map((r) => [r.login, r.role]))).toEqual(new Map(DEMO_ACCOUNTS.map((a) => [a.login, a.role])));
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(["head", "homeroom", "saio", "admin", "guardian", "student"]));
  });

  it("matches DEMO_FAMILY and OIDC_DEMO_GUARDIAN with the database (student, division, school, guardians by rank)", async () => {
    const families = [DEMO_FAMILY.student3A, DEMO_FAMILY.student3B, DEMO_FAMILY.noEmail, DEMO_FAMILY.adult, ...DEMO_FAMILY.siblings];
    for (const f of families) {
      const [s] = await t.db
        .select({ id: students.id, firstName: students.firstName, lastName: students.lastName, code: divisions.code, uai: schools.uai })
        .from(students)
        .innerJoin(divisions, eq(divisions.id, students.divisionId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(eq(students.ine, f.student.ine));
      expect(s).toMatchObject({ firstName: f.student.firstName, lastName: f.student.lastName, code: f.divisionCode, uai: f.schoolUai });
      const [studentAccount] = await t.db.select().from(accounts).where(eq(accounts.login, f.student.login));
      expect(studentAccount).toMatchObject({ role: "student", studentId: s!.id });

      const gs = await t.db
        .select({
          rank: studentGuardians.rank,
          login: accounts.login,
          civility: guardians.civility,
          firstName: guardians.firstName,
          lastName: guardians.lastName,
          email: guardians.email,
          role: accounts.role,
        })
        .from(studentGuardians)
        .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
        .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
        .where(eq(studentGuardians.studentId, s!.id))
        .orderBy(studentGuardians.rank);
      expect(gs).toEqual(f.guardians.map((g) => ({ ...g, role: "guardian" })));
    }
    expect(DEMO_FAMILY.student3A.divisionCode).toBe("3A");
    expect(DEMO_FAMILY.student3A.guardians.map((g) => g.email !== null)).toEqual([true, true]);
    expect(DEMO_FAMILY.student3B.divisionCode).toBe("3B");
    expect(DEMO_FAMILY.noEmail.guardians[0]!.email).toBeNull();

    const [oidc] = await t.db
      .select()
      .from(guardians)
      .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
      .where(eq(accounts.login, OIDC_DEMO_GUARDIAN.login));
    expect(oidc!.guardians).toMatchObject({ firstName: OIDC_DEMO_GUARDIAN.firstName, lastName: OIDC_DEMO_GUARDIAN.lastName, email: OIDC_DEMO_GUARDIAN.email });
    const children = await t.db
      .select({ ine: students.ine, uai: schools.uai, firstName: students.firstName, lastName: students.lastName, code: divisions.code })
      .from(studentGuardians)
      .innerJoin(students, eq(students.id, studentGuardians.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .where(eq(studentGuardians.guardianId, oidc!.guardians.id));
    expect(children.map(({ code: _code, ...c }) => c)).toEqual(OIDC_DEMO_GUARDIAN.children);
    expect(children.map((c) => c.code)).toContain("3B");
  });
});
