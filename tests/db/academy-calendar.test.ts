import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { DEMO_ACADEMY_ID, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { findAcademy } from "@/lib/db/repositories/academies";
import { findActor } from "@/lib/db/repositories/scopes";
import { accounts, auditLog, campaignWindows, guardians } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { schoolYearOf } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";
import { saveCampaignCalendar } from "@/lib/services/academy-calendar";
import { saveAcademyParameters } from "@/lib/services/academy-parameters";
import { loadFamilyHome } from "@/lib/services/family-home";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
const YEAR = schoolYearOf(NOW);
let t: TestDb;
let saio: Actor;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, "saio.grenoble"));
  saio = (await findActor(t.db, a!.id))!;
});
afterAll(async () => t?.drop());

async function siblingGuardianId(): Promise<string> {
  const [g] = await t.db
    .select({ id: guardians.id })
    .from(guardians)
    .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
    .where(eq(accounts.login, DEMO_FAMILY.siblings[0].guardians[0]!.login));
  return g!.id;
}

describe("campaign calendar (R-CAL-1)", () => {
  it("R-CAL-1: the saio's calendar replaces the level's two windows, and is audited (R-AUTH-3)", async () => {
    const windows = [
      { phase: "provisional" as const, opensAt: parisDateTime("2027-01-11", "08:00"), closesAt: parisDateTime("2027-03-05", "18:00") },
      { phase: "final" as const, opensAt: parisDateTime("2027-04-26", "08:00"), closesAt: parisDateTime("2027-05-28", "18:00") },
    ];
    await saveCampaignCalendar(t.db, saio, { academyId: DEMO_ACADEMY_ID, schoolYear: YEAR, level: "2GT", windows }, NOW);
    const saved = (await findAcademyCampaignWindows(t.db, DEMO_ACADEMY_ID, YEAR)).filter((w) => w.level === "2GT");
    expect(saved.map((w) => [w.phase, w.opensAt.toISOString(), w.closesAt.toISOString()])).toEqual([
      ["provisional", "2027-01-11T07:00:00.000Z", "2027-03-05T17:00:00.000Z"],
      ["final", "2027-04-26T06:00:00.000Z", "2027-05-28T16:00:00.000Z"],
    ]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "campaign_calendar.save"));
    expect(audit).toMatchObject({ accountId: saio.accountId, actorName: saio.displayName, entityType: "academy", entityId: DEMO_ACADEMY_ID });
    // The 3e windows are untouched.
    expect((await findAcademyCampaignWindows(t.db, DEMO_ACADEMY_ID, YEAR)).filter((w) => w.level === "3e")).toHaveLength(2);
  });

  it("R-CAL-2: the family page follows the calendar: a 2de GT child's campaign is closed, the 3e sibling's is open", async () => {
    const home = await loadFamilyHome(t.db, { guardianId: await siblingGuardianId() }, NOW);
    const lycee = home.find((c) => c.level === "2GT")!;
    const college = home.find((c) => c.level === "3e")!;
    expect(lycee.campaignOpen).toBe(false);
    expect(lycee.service).toEqual({ open: false, reason: "campaign_closed" });
    expect(lycee.calendar.map((c) => c.termLabel)).toEqual(["Premier semestre", "Second semestre"]); // R-CAL-4: the lycée counts in semesters
    expect(college.campaignOpen).toBe(true);
  });

  it("R-CAL-1: an inconsistent calendar is refused and nothing changes", async () => {
    const before = await findAcademyCampaignWindows(t.db, DEMO_ACADEMY_ID, YEAR);
    const bad = saveCampaignCalendar(
      t.db,
      saio,
      {
        academyId: DEMO_ACADEMY_ID,
        schoolYear: YEAR,
        level: "3e",
        windows: [
          { phase: "provisional", opensAt: parisDateTime("2027-01-11", "08:00"), closesAt: parisDateTime("2027-03-05", "18:00") },
          { phase: "final", opensAt: parisDateTime("2027-03-01", "08:00"), closesAt: parisDateTime("2027-05-28", "18:00") },
        ],
      },
      NOW,
    );
    await expect(bad).rejects.toBeInstanceOf(DomainError);
    expect(await findAcademyCampaignWindows(t.db, DEMO_ACADEMY_ID, YEAR)).toEqual(before);
  });

  it("R-CAL-1: the database itself refuses a window that closes before it opens", async () => {
    const insert = t.db.insert(campaignWindows).values({
      academyId: DEMO_ACADEMY_ID,
      schoolYear: "2030-2031",
      level: "3e",
      phase: "provisional",
      opensAt: new Date("2031-02-01T08:00:00Z"),
      closesAt: new Date("2031-01-01T08:00:00Z"),
    });
    await expect(insert).rejects.toThrow();
  });
});

describe("académie parameters", () => {
  it("R-INT-5 / R-2GT-5 / R-FIN-11: the saio's parameters are saved and audited", async () => {
    await saveAcademyParameters(
      t.db,
      saio,
      DEMO_ACADEMY_ID,
      {
        allowTrackDetails: false,
        allowStagePasserelle: true,
        senderEmail: "orientation@ac-grenoble.fr",
        appealDeadlineWorkingDays: 5,
        appealCommissionPresident: "Mme la DASEN",
        appealCommissionAddress: "DSDEN, Grenoble",
        affectationUrl: "https://affectation.ac-grenoble.fr",
        resourcesUrl: "",
        assistanceUrl: "",
      },
      NOW,
    );
    expect(await findAcademy(t.db, DEMO_ACADEMY_ID)).toMatchObject({
      allowTrackDetails: false,
      allowStagePasserelle: true,
      senderEmail: "orientation@ac-grenoble.fr",
      appealDeadlineWorkingDays: 5,
      affectationUrl: "https://affectation.ac-grenoble.fr",
    });
    const n = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "academy_parameters.save"), eq(auditLog.entityId, DEMO_ACADEMY_ID)));
    expect(n[0]!.n).toBe(1);
  });

  it("R-FIN-11: an appeal deadline outside 1..30 working days is refused", async () => {
    await expect(
      saveAcademyParameters(
        t.db,
        saio,
        DEMO_ACADEMY_ID,
        {
          allowTrackDetails: true,
          allowStagePasserelle: false,
          senderEmail: "orientation@ac-grenoble.fr",
          appealDeadlineWorkingDays: 0,
          affectationUrl: "",
          resourcesUrl: "",
          assistanceUrl: "",
          appealCommissionPresident: "",
          appealCommissionAddress: "",
        },
        NOW,
      ),
    ).rejects.toThrow();
    expect((await findAcademy(t.db, DEMO_ACADEMY_ID))!.appealDeadlineWorkingDays).toBe(5);
  });
});
