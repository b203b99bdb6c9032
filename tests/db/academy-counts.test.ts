import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { DEMO_ACADEMY_ID } from "@/lib/db/demo-accounts";
import { findSchoolSummaries } from "@/lib/db/repositories/academies";
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
    const before = (await findSchoolSummaries(t.db, DEMO_ACADEMY_ID)).find((s) => s.id === head.schoolId)!;
    expect(before.familyEntries).toBeGreaterThan(0);

    await changeOutOfProcedure(t.db, head, { studentId: withEntry!.id, reason: "Parcours particulier" }, NOW);

    const after = (await findSchoolSummaries(t.db, DEMO_ACADEMY_ID)).find((s) => s.id === head.schoolId)!;
    expect(after.students).toBe(before.students - 1);
    expect(after.familyEntries).toBe(before.familyEntries - 1);
  });
});
