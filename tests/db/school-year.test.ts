import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Actor } from "@/lib/auth/policy";
import { findDivisionScope, findSchoolScope, findStudentScope } from "@/lib/db/repositories/scopes";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { findSchoolYears } from "@/lib/db/repositories/school-year";
import { accounts, auditLog, campaignWindows, divisions, schoolServiceClosures, schools, students } from "@/lib/db/schema";
import { DomainError } from "@/lib/domain/errors";
import { badgesOf } from "@/lib/export/student-list";
import { parisDateTime } from "@/lib/domain/paris-time";
import { loadFamilyHome } from "@/lib/services/family-home";
import { validateIntentions } from "@/lib/services/family-intentions";
import { rollOverSchoolYear } from "@/lib/services/school-year";
import { findActor } from "@/lib/db/repositories/scopes";
import { seedCampaign, type Campaign } from "../support/campaign";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-DATA-1 and R-DATA-3: closed files. A student who left, and every file of a school year the
 * school has moved on from, stay readable (lists by year, the file by its id, the family's page)
 * and are written by nobody.
 */

const DURING = parisDateTime("2027-02-10", "10:00");
const AFTER = parisDateTime("2027-07-05", "10:00");
const ONE_INTENTION = [{ track: "2GT" }];

let t: TestDb;
let c: Campaign;
let schoolId: string;
let academyId: string;
let head: Actor;
let guardian: Actor;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

beforeAll(async () => {
  t = await createTestDb();
  c = await seedCampaign(t.db, 3);
  const [s] = await t.db.select({ id: students.schoolId }).from(students).where(eq(students.id, c.studentIds[0]!));
  schoolId = s!.id;
  const [school] = await t.db.select().from(schools).where(eq(schools.id, schoolId));
  academyId = school!.academyId;
  await t.db.update(schools).set({ schoolYear: "2026-2027" }).where(eq(schools.id, schoolId));
  await t.db.update(divisions).set({ schoolYear: "2026-2027" }).where(eq(divisions.schoolId, schoolId));
  await t.db.insert(campaignWindows).values([
    {
      academyId,
      schoolYear: "2026-2027",
      level: "3e",
      phase: "provisional",
      opensAt: parisDateTime("2027-01-15", "08:00"),
      closesAt: parisDateTime("2027-03-01", "18:00"),
    },
    {
      academyId,
      schoolYear: "2026-2027",
      level: "3e",
      phase: "final",
      opensAt: parisDateTime("2027-05-01", "08:00"),
      closesAt: parisDateTime("2027-06-01", "18:00"),
    },
  ]);
  const [h] = await t.db
    .insert(accounts)
    .values({ role: "head", displayName: "Mme Hélène Roussin", login: `head-${randomUUID()}`, schoolId })
    .returning();
  head = (await findActor(t.db, h!.id))!;
  guardian = (await findActor(t.db, c.guardianAccountIds[0]![0]!))!;
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe("R-DATA-1: a student who left", () => {
  it("R-DATA-1: once the leaving date has come, the file is read by its family and its school and written by nobody", async () => {
    const id = c.studentIds[2]!;
    await t.db.update(students).set({ leftOn: "2027-02-11" }).where(eq(students.id, id));
    expect((await findStudentScope(t.db, id, DURING))!.closed).toBeNull();

    await t.db.update(students).set({ leftOn: "2027-02-10" }).where(eq(students.id, id));
    const scope = (await findStudentScope(t.db, id, DURING))!;
    expect(scope.closed).toBe("left");
    const g = (await findActor(t.db, c.guardianAccountIds[2]![0]!))!;
    expect(can(g, "read:student-file", scope)).toBe(true);
    expect(can(head, "read:student-file", scope)).toBe(true);
    expect(can(head, "manage:student-file", scope)).toBe(false);
    const err = await refusal(validateIntentions(t.db, { actor: g, scope, sessionId: randomUUID(), intentions: ONE_INTENTION, now: DURING }));
    expect(err.message).toBe("Cet élève a quitté l'établissement : son dossier reste consultable mais ne peut plus être modifié.");

    const [home] = await loadFamilyHome(t.db, { guardianId: c.guardianIds[2]![0]! }, DURING, { accountId: g.accountId, guardianId: g.guardianId });
    expect(home!.service).toEqual({ open: false, reason: "file_closed", text: err.message });
    // Still in the school's list of the year, marked « Sorti », and its file by id.
    const rows = await findStudentRows(t.db, { schoolId });
    const row = rows.find((r) => r.id === id)!;
    expect(row.leftOn).toBe("2027-02-10");
    expect(badgesOf(row, "2027-02-10")[0]).toMatchObject({ code: "left", mark: "Sorti" });
    expect((await findStudentRows(t.db, { schoolId, studentIds: [id] })).map((r) => r.id)).toEqual([id]);
  });
});

describe("R-DATA-3: a new school year", () => {
  it("R-DATA-3: refused while the year's campaign is open, with the reason in French", async () => {
    const scope = (await findSchoolScope(t.db, schoolId))!;
    const err = await refusal(rollOverSchoolYear(t.db, head, scope, { fromYear: "2026-2027", confirmed: true }, DURING));
    expect(err.code).toBe("CAMPAIGN_NOT_OVER");
    expect(err.message).toContain("La campagne de l'année scolaire 2026-2027 n'est pas terminée");
    const [school] = await t.db.select({ y: schools.schoolYear }).from(schools).where(eq(schools.id, schoolId));
    expect(school!.y).toBe("2026-2027");
  });

  it("R-DATA-3: asks a confirmation, then closes the year: files read-only, lists of the new year empty, closed year read back, audited", async () => {
    const scope = (await findSchoolScope(t.db, schoolId))!;
    // The family validated during the year.
    const fileScope = (await findStudentScope(t.db, c.studentIds[0]!, DURING))!;
    await validateIntentions(t.db, { actor: guardian, scope: fileScope, sessionId: randomUUID(), intentions: ONE_INTENTION, now: DURING });
    await t.db.insert(schoolServiceClosures).values({ schoolId, level: "3e", phase: "final", closed: true, updatedByName: "Mme Hélène Roussin" });

    const ask = await refusal(rollOverSchoolYear(t.db, head, scope, { fromYear: "2026-2027", confirmed: false }, AFTER));
    expect(ask.code).toBe("CONFIRMATION_REQUIRED");
    expect(ask.message).toContain("Passer à l'année scolaire 2027-2028 ?");
    expect((await t.db.select({ y: schools.schoolYear }).from(schools).where(eq(schools.id, schoolId)))[0]!.y).toBe("2026-2027");

    expect(await rollOverSchoolYear(t.db, head, scope, { fromYear: "2026-2027", confirmed: true }, AFTER)).toEqual({ schoolYear: "2027-2028", changed: true });
    // A replayed confirmation changes nothing; a page of another year is refused.
    expect(await rollOverSchoolYear(t.db, head, scope, { fromYear: "2026-2027", confirmed: true }, AFTER)).toEqual({ schoolYear: "2027-2028", changed: false });
    expect((await refusal(rollOverSchoolYear(t.db, head, scope, { fromYear: "2025-2026", confirmed: true }, AFTER))).code).toBe("STALE_YEAR");

    const closedScope = (await findStudentScope(t.db, c.studentIds[0]!, AFTER))!;
    expect(closedScope.closed).toBe("closed-year");
    expect(can(guardian, "read:student-file", closedScope)).toBe(true);
    for (const action of ["enter:family-request", "manage:student-file", "decide:orientation"] as const) {
      expect(can(guardian, action, closedScope)).toBe(false);
      expect(can(head, action, closedScope)).toBe(false);
    }
    const division = (await findDivisionScope(t.db, c.divisionId))!;
    expect(division.closed).toBe(true);
    expect(can(head, "read:division", division)).toBe(true);
    expect(can(head, "manage:division", division)).toBe(false);
    const err = await refusal(
      validateIntentions(t.db, { actor: guardian, scope: closedScope, sessionId: randomUUID(), intentions: ONE_INTENTION, now: AFTER }),
    );
    expect(err.message).toContain("ce dossier reste consultable et imprimable mais ne peut plus être modifié");

    // The family still reads its file, which says it is closed.
    const [home] = await loadFamilyHome(t.db, { guardianId: c.guardianIds[0]![0]! }, AFTER, { accountId: guardian.accountId, guardianId: guardian.guardianId });
    expect(home!.service).toMatchObject({ open: false, reason: "file_closed" });
    expect(home!.state).toEqual({ label: home!.service.open ? "" : (home!.service as { text: string }).text, tone: "closed" });

    expect(await findStudentRows(t.db, { schoolId })).toEqual([]);
    const closedYear = await findStudentRows(t.db, { schoolId, filters: { schoolYear: "2026-2027" } });
    expect(closedYear.map((r) => r.id).sort()).toEqual([...c.studentIds].sort());
    expect(await findSchoolYears(t.db, schoolId)).toEqual({ open: "2027-2028", closed: ["2026-2027"] });

    expect(await t.db.select().from(schoolServiceClosures).where(eq(schoolServiceClosures.schoolId, schoolId))).toEqual([]);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "school.year.rollover"), eq(auditLog.entityId, schoolId)));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.details!)).toMatchObject({ from: "2026-2027", to: "2027-2028", closuresCleared: 1 });

    // Next year's division is another row; a student cannot be moved into it (a new enrolment is a new row).
    const [next] = await t.db.insert(divisions).values({ schoolId, code: "3A", level: "3e", mefCode: "10310019110", mefLabel: "3EME" }).returning();
    expect(next!.schoolYear).toBe("2027-2028");
    await expect(t.db.update(students).set({ divisionId: next!.id }).where(eq(students.id, c.studentIds[1]!))).rejects.toThrow();
  });

  it("R-DATA-3: two confirmations at once move the school once", async () => {
    const other = await seedCampaign(t.db, 1);
    const [st] = await t.db.select({ schoolId: students.schoolId }).from(students).where(eq(students.id, other.studentIds[0]!));
    const [school] = await t.db.update(schools).set({ schoolYear: "2026-2027" }).where(eq(schools.id, st!.schoolId)).returning();
    await t.db.update(divisions).set({ schoolYear: "2026-2027" }).where(eq(divisions.schoolId, school!.id));
    await t.db.insert(campaignWindows).values({
      academyId: school!.academyId,
      schoolYear: "2026-2027",
      level: "3e",
      phase: "final",
      opensAt: parisDateTime("2027-05-01", "08:00"),
      closesAt: parisDateTime("2027-06-01", "18:00"),
    });
    const [h] = await t.db
      .insert(accounts)
      .values({ role: "head", displayName: "M. Paul Second", login: `head-${randomUUID()}`, schoolId: school!.id })
      .returning();
    const otherHead = (await findActor(t.db, h!.id))!;
    const scope = (await findSchoolScope(t.db, school!.id))!;
    const results = await Promise.all([
      rollOverSchoolYear(t.db, otherHead, scope, { fromYear: "2026-2027", confirmed: true }, AFTER),
      rollOverSchoolYear(t.db, otherHead, scope, { fromYear: "2026-2027", confirmed: true }, AFTER),
    ]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(results.every((r) => r.schoolYear === "2027-2028")).toBe(true);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "school.year.rollover"), eq(auditLog.entityId, school!.id)));
    expect(audits).toHaveLength(1);
  });
});
