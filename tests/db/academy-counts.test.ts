import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { DEMO_ACADEMY_ID } from "@/lib/db/demo-accounts";
import { refreshAcademyStatistics } from "@/lib/db/repositories/academy-statistics";
import { academyHomeView } from "@/lib/loaders/academy-home";
import { divisions, schoolFamilyEntries, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { changeOutOfProcedure } from "@/lib/services/school-students";
import { createTestDb, type TestDb } from "../support/test-db";
import { demoActor } from "../support/final-fixtures";

/* The académie home's counts per school (R-OVS-1) leave the students «hors procédure» out (R-SCH-12). */

const NOW = new Date("2026-11-23T09:00:00Z");
let t: TestDb;
let head: Actor;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false });
  head = await demoActor(t.db, "head", "Collège");
});
afterAll(async () => t?.drop());

describe("the académie's counts (R-OVS-1)", () => {
  it("R-SCH-12: a student set «hors procédure» leaves the school's «élèves» and «saisies TS reçues»", async () => {
    // A collège student whose family entry the school has received (provisional phase).
    const [withEntry] = await t.db
      .select({ id: students.id })
      .from(students)
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .where(and(eq(students.schoolId, head.schoolId!), isNull(students.outOfProcedureReason)))
      .limit(1);
    await t.db
      .insert(schoolFamilyEntries)
      .values({
        studentId: withEntry!.id,
        phase: "provisional",
        familyVersion: 1,
        items: [{ rank: 1, track: "2GT", subTrack: "", freeText: null, statusSchool: true, statusApprentice: false, specialties: [], stagePasserelle: false }],
        enteredByName: "Mme Claire Martin",
        enteredAt: NOW,
        receivedAt: NOW,
      })
      .onConflictDoNothing();
    const home = async (now: Date) =>
      (await academyHomeView(t.db, DEMO_ACADEMY_ID, "Grenoble", { now, later: () => undefined })).schools.find((s) => s.id === head.schoolId)!;
    const before = await home(NOW);
    expect(before.familyEntries).toBeGreaterThan(0);

    await changeOutOfProcedure(t.db, head, { studentId: withEntry!.id, reason: "Parcours particulier" }, NOW);

    // R-OVS-1: the home reads the académie's kept statistics: the same figures until they are counted again…
    expect(await home(NOW)).toEqual(before);
    // …which the page has done after answering once they are older than 5 minutes.
    const later = new Date(NOW.getTime() + 6 * 60_000);
    await refreshAcademyStatistics(t.db, DEMO_ACADEMY_ID, "3e", "provisional", later);
    const after = await home(later);
    expect(after.students).toBe(before.students - 1);
    expect(after.familyEntries).toBe(before.familyEntries - 1);
  });
});
