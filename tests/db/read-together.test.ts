import { asc, eq, getTableColumns } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { first, jsonFields, readOne, readTogether, rows } from "@/lib/db/read-together";
import { findFamilyRequest } from "@/lib/db/repositories/family-requests";
import { findActor, findSessionActor, findStudentScope } from "@/lib/db/repositories/scopes";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { accounts, auditLog, campaignWindows, divisions, familyRequestItems, guardians, schools, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import { loadFamilyHome } from "@/lib/services/family-home";
import { validateIntentions } from "@/lib/services/family-intentions";
import { countStatements } from "../support/count-statements";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * docs/performance.md: a page's reads as parts read in one statement (lib/db/read-together.ts).
 * A part must read exactly what its query alone reads (every column type the schema uses: uuids,
 * texts, enums, booleans, integers, timestamps, string dates, arrays, JSON, nulls), and the
 * request path must keep its statement budget: the session one, a family page one more (a file
 * page: the scope and the page), a validation one transaction of a few statements.
 */

const NOW = new Date("2026-11-23T09:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ poolSize: 4 });
  await seedDemo(t.db, NOW, { history: false });
});
afterAll(async () => {
  await t?.drop();
});

async function guardianOf(login: string) {
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return (await findActor(t.db, a!.id))!;
}
async function studentIdOf(ine: string) {
  const [s] = await t.db.select({ id: students.id }).from(students).where(eq(students.ine, ine));
  return s!.id;
}

describe("docs/performance.md: parts read together", () => {
  it("a part reads exactly what its drizzle query reads, for every column type (tables of the family and school sides)", async () => {
    for (const table of [students, accounts, guardians, schools, campaignWindows, auditLog, familyRequestItems]) {
      const fields = getTableColumns(table);
      const expected = await t.db.select().from(table).orderBy(asc(table.id)).limit(50);
      const part = rows(fields, t.db.select(jsonFields(fields)).from(table).orderBy(asc(table.id)).limit(50), ["id"] as never);
      expect(await readOne(t.db, part)).toEqual(expected);
    }
  });

  it("rows keep the order asked for; first gives one row or null; several parts are one statement", async () => {
    const f = { id: students.id, lastName: students.lastName, birthDate: students.birthDate };
    const { value, statements } = await countStatements(async () => {
      return readTogether(t.db, {
        byName: rows(f, t.db.select(jsonFields(f)).from(students), ["lastName", "id"]),
        one: first(f, t.db.select(jsonFields(f)).from(students).where(eq(students.lastName, "Colin"))),
        none: first(f, t.db.select(jsonFields(f)).from(students).where(eq(students.lastName, "Personne"))),
      });
    }).then((r) => ({ value: r.result, statements: r.statements }));
    expect(statements).toBe(1);
    expect(value.byName).toEqual(await t.db.select(f).from(students).orderBy(asc(students.lastName), asc(students.id)));
    expect(value.byName.length).toBeGreaterThan(100);
    expect(value.one?.lastName).toBe("Colin");
    expect(value.none).toBeNull();
  });

  it("a family request read as a part has its items by rank, as before", async () => {
    const studentId = await studentIdOf(DEMO_FAMILY.student3A.student.ine);
    const g1 = await guardianOf(DEMO_FAMILY.student3A.guardians[0]!.login);
    const scope = (await findStudentScope(t.db, studentId, NOW))!;
    const sessionId = await startAuthSession(t.db, g1.accountId, NOW, 30);
    const intentions = [
      { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false },
      { track: "CAP", freeText: "Boulanger", statusSchool: false, statusApprentice: true },
    ];
    await validateIntentions(t.db, { actor: g1, scope, sessionId, intentions, now: NOW });
    const r = await findFamilyRequest(t.db, studentId, "provisional");
    expect(r?.items.map((i) => [i.rank, i.track, i.freeText])).toEqual([
      [1, "2GT", null],
      [2, "CAP", "Boulanger"],
    ]);
    expect(r?.validatedAt).toEqual(NOW);
  });
});

describe("docs/performance.md: the request path's statement budget", () => {
  it("the session and its account: one statement; a student's scope: one statement", async () => {
    const g1 = await guardianOf(DEMO_FAMILY.student3A.guardians[0]!.login);
    const sid = await startAuthSession(t.db, g1.accountId, NOW, 30);
    const s = await countStatements(() => findSessionActor(t.db, sid, g1.accountId));
    expect(s.statements).toBe(1);
    expect(s.result?.actor).toEqual(g1);
    expect(await findSessionActor(t.db, sid, (await guardianOf(DEMO_FAMILY.student3A.guardians[1]!.login)).accountId)).toBeNull(); // another account's cookie
    const studentId = await studentIdOf(DEMO_FAMILY.student3A.student.ine);
    const scope = await countStatements(() => findStudentScope(t.db, studentId, NOW));
    expect(scope.statements).toBe(1);
    expect(scope.result?.guardianIds).toHaveLength(2);
  });

  it("the family home is one statement, whatever the number of children; a student's file page is one", async () => {
    const g1 = await guardianOf(DEMO_FAMILY.student3A.guardians[0]!.login);
    const home = await countStatements(() => loadFamilyHome(t.db, { guardianId: g1.guardianId! }, NOW, { accountId: g1.accountId, guardianId: g1.guardianId }));
    expect(home.statements).toBe(1);
    expect(home.result.length).toBeGreaterThan(0);
    const scope = (await findStudentScope(t.db, home.result[0]!.id, NOW))!;
    const file = await countStatements(() => readFamilyFile(t.db, g1, scope, NOW));
    expect(file.statements).toBe(1);
    expect(file.result?.studentName).toContain(home.result[0]!.firstName);
  });

  it("R-SCH-5: a school's student list reads its students' facts in a fixed number of statements, whatever the number of students", async () => {
    const head = await guardianOf("chef.stendhal");
    const whole = await countStatements(() => findStudentRows(t.db, { schoolId: head.schoolId! }));
    const [division] = await t.db.select({ id: divisions.id }).from(divisions).where(eq(divisions.schoolId, head.schoolId!)).limit(1);
    const one = await countStatements(() => findStudentRows(t.db, { schoolId: head.schoolId!, filters: { divisionId: division!.id } }));
    expect(whole.result.length).toBeGreaterThan(one.result.length);
    expect(whole.statements).toBeLessThanOrEqual(5);
    expect(whole.statements).toBe(one.statements);
  });

  it("R-INT-1: a validation is one transaction of at most 10 statements (BEGIN, lock, the checks' read, hand, items ×2, audit, session mark, R-OVS-2's reminder e-mails expired, COMMIT)", async () => {
    const studentId = await studentIdOf(DEMO_FAMILY.student3B.student.ine);
    const g1 = await guardianOf(DEMO_FAMILY.student3B.guardians[0]!.login);
    const scope = (await findStudentScope(t.db, studentId, NOW))!;
    const sessionId = await startAuthSession(t.db, g1.accountId, NOW, 30);
    const intentions = [{ track: "2GT", freeText: null, statusSchool: false, statusApprentice: false }];
    const v = await countStatements(() => validateIntentions(t.db, { actor: g1, scope, sessionId, intentions, now: NOW }));
    expect(v.result.changed).toBe(true);
    expect(v.texts.filter((x) => /^begin/i.test(x))).toHaveLength(1);
    expect(v.statements).toBeLessThanOrEqual(10);
  });
});
