import { and, eq, isNull, notExists } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { classCouncils, divisions, schoolFamilyEntries, schoolRequests, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { badgesOf, studentListCsv } from "@/lib/export/student-list";
import { provisionalIntentionItems } from "@/lib/domain/school-lists";
import { describeTrack } from "@/lib/domain/tracks";
import { loadStudentList } from "@/lib/services/school-students";
import { createTestDb, type TestDb } from "../support/test-db";
import { demoActor } from "../support/final-fixtures";

/*
 * Before the class council opens, the school's list and its exports show the family's validated
 * entry as the nightly transfer left it (TS), not «Aucune intention» next to a «TS» badge.
 */

const NOW = new Date("2026-11-23T09:00:00Z");
const TODAY = "2026-11-23";
let t: TestDb;
let head: Actor;
let studentId: string;
let divisionId: string;

const entryItems = [
  { rank: 1, track: "2GT", subTrack: "", freeText: null, statusSchool: true, statusApprentice: false, specialties: [], stagePasserelle: false },
  { rank: 2, track: "2PRO", subTrack: "", freeText: null, statusSchool: true, statusApprentice: false, specialties: [], stagePasserelle: false },
];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false });
  head = await demoActor(t.db, "head", "Collège");
  // A collège student in the procedure, with no back-office intentions, in a division whose council is not open.
  const [s] = await t.db
    .select({ id: students.id, divisionId: students.divisionId })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .where(
      and(
        eq(students.schoolId, head.schoolId!),
        eq(divisions.level, "3e"),
        isNull(students.outOfProcedureReason),
        notExists(t.db.select().from(schoolRequests).where(eq(schoolRequests.studentId, students.id))),
        notExists(
          t.db
            .select()
            .from(classCouncils)
            .where(and(eq(classCouncils.divisionId, students.divisionId), eq(classCouncils.phase, "provisional"), eq(classCouncils.state, "open"))),
        ),
      ),
    )
    .limit(1);
  studentId = s!.id;
  divisionId = s!.divisionId;
  await t.db.delete(schoolFamilyEntries).where(eq(schoolFamilyEntries.studentId, studentId));
  await t.db.insert(schoolFamilyEntries).values({
    studentId,
    phase: "provisional",
    familyVersion: 1,
    items: entryItems,
    enteredByName: "Mme Claire Martin",
    enteredAt: NOW,
    receivedAt: NOW,
  });
});
afterAll(async () => t?.drop());

describe("the student list before the council opens (R-SCH-10)", () => {
  it("R-SCH-2, R-SCH-10: the list row and the CSV show the voies of the family's entry received (TS), next to its «TS» badge", async () => {
    const { rows } = await loadStudentList(t.db, head, { divisionId }, TODAY);
    const row = rows.find((r) => r.id === studentId)!;
    expect(row.request).toBeNull();
    expect(badgesOf(row, TODAY).map((b) => b.mark)).toContain("TS");
    expect(provisionalIntentionItems(row).map((i) => i.track)).toEqual(["2GT", "2PRO"]);

    const lines = studentListCsv(rows, "provisional", TODAY)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const line = lines.find((l) => l.includes(row.ine))!;
    expect(line).toContain(`"1 : ${describeTrack(entryItems[0]!)} – Sous statut scolaire\n2 : ${describeTrack(entryItems[1]!)} – Sous statut scolaire"`);
  });

  it("R-SCH-4: an entry «non traitée» is not shown as the student's intentions", async () => {
    await t.db.update(schoolFamilyEntries).set({ nonTraitee: true }).where(eq(schoolFamilyEntries.studentId, studentId));
    const { rows } = await loadStudentList(t.db, head, { divisionId }, TODAY);
    expect(provisionalIntentionItems(rows.find((r) => r.id === studentId)!)).toEqual([]);
    await t.db.update(schoolFamilyEntries).set({ nonTraitee: false }).where(eq(schoolFamilyEntries.studentId, studentId));
  });
});
