import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import type { Actor } from "@/lib/auth/policy";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import { accounts, divisions } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import type { SpecialtyPlanning } from "@/lib/domain/specialty-planning";
import { specialtyPlanningCsv, specialtyPlanningXlsx } from "@/lib/export/specialty-planning";
import { silentLog } from "@/lib/log";
import { validateFamilyRequest } from "@/lib/services/family-intentions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { changeOutOfProcedure } from "@/lib/services/school-students";
import { loadSpecialtyPlanning } from "@/lib/services/specialty-planning";
import { runTransfer } from "@/lib/transfer/run";
import { actorByLogin, demoActor, setCampaignWindow } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-2GT-4: the spécialités requested in Lycée Champollion (2A, 2B), entered through the real
 * services (the school's entry, the family's entry carried by the nightly transfer), read back
 * through the planning's service and its exports. The demo data may already hold requests: every
 * count is compared with the planning before this file's entries.
 */

const NOW = new Date("2026-11-23T09:00:00Z");
const NIGHT_1 = new Date("2026-11-24T01:00:00Z"); // 02:00 Paris
const LATER = new Date("2026-11-24T09:00:00Z");
const NIGHT_2 = new Date("2026-11-25T01:00:00Z");

let t: TestDb;
let head: Actor;
let schoolId: string;
let div: Record<string, string>;
let baseline: SpecialtyPlanning;
const st: Record<"a" | "b" | "c" | "d" | "e", { id: string; ine: string }> = {} as never;

const g1 = (specialties: string[]) => ({ track: "1G", specialties });

/** 2de GT students of a division with nothing entered yet, in the procedure; `minor` also needs a guardian with an account. */
async function freeStudents(code: string, n: number, minor = false): Promise<{ id: string; ine: string }[]> {
  const rows = await t.db.execute<{ id: string; ine: string }>(sql`
    select s.id, s.ine from students s join divisions d on d.id = s.division_id
     where d.code = ${code} and d.school_id = ${schoolId} and s.out_of_procedure_reason is null
       and not exists (select 1 from school_requests r where r.student_id = s.id)
       and not exists (select 1 from family_requests r where r.student_id = s.id)
       and not exists (select 1 from school_family_entries e where e.student_id = s.id)
       and (not ${minor} or (s.birth_date > current_date - interval '17 years'
            and exists (select 1 from student_guardians g join accounts a on a.guardian_id = g.guardian_id where g.student_id = s.id)))
     order by s.ine limit ${n}`);
  expect(rows.rows).toHaveLength(n);
  return rows.rows;
}

const byCode = (p: SpecialtyPlanning) => new Map(p.specialties.map((s) => [s.code, s]));
/** What this file's entries added to the totals of each spécialité, by rank then total. */
function added(after: SpecialtyPlanning, before: SpecialtyPlanning): Record<string, readonly number[]> {
  const b = byCode(before);
  return Object.fromEntries(
    after.specialties
      .map((s) => [s.code, [...s.byRank.map((n, i) => n - (b.get(s.code)?.byRank[i] ?? 0)), s.total - (b.get(s.code)?.total ?? 0)]] as const)
      .filter(([, d]) => d.some((x) => x !== 0)),
  );
}

beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
  // The lycée without its demo history; its 2de GT provisional phase open (the demo's is over).
  await seedDemo(t.db, NOW, { history: false });
  await setCampaignWindow(t.db, "2GT", "provisional", new Date(NOW.getTime() - 14 * 86_400_000), new Date(NOW.getTime() + 30 * 86_400_000));
  head = await demoActor(t.db, "head", "Champollion");
  schoolId = head.schoolId!;
  const ds = await t.db.select().from(divisions).where(eq(divisions.schoolId, schoolId));
  div = Object.fromEntries(ds.map((d) => [d.code, d.id]));
  // Whatever the demo families validated reaches the back-office first: the baseline.
  await runTransfer({ db: t.db, pool: t.pool, now: NIGHT_1, asOf: NIGHT_1, log: silentLog });
  baseline = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!.planning;

  const [a, b] = await freeStudents("2A", 2);
  const [c, d, e] = await freeStudents("2B", 3, true);
  Object.assign(st, { a: a!, b: b!, c: c!, d: d!, e: e! });
  // a, b, c, e: entered by the school (paper forms).
  await saveSchoolRequest(
    t.db,
    head,
    { studentId: st.a.id, items: [g1(["MATHS", "PC", "SVT", "NSI"]), { track: "1T", subTrack: "STMG" }], confirmed: false },
    LATER,
  );
  await saveSchoolRequest(
    t.db,
    head,
    { studentId: st.b.id, items: [{ track: "1T", subTrack: "STI2D" }, g1(["SES", "MATHS", "HGGSP", "SI", "HLP"])], confirmed: false },
    LATER,
  );
  await saveSchoolRequest(t.db, head, { studentId: st.c.id, items: [g1(["PC", "MATHS", "SVT", "SES"])], confirmed: false }, LATER);
  await saveSchoolRequest(t.db, head, { studentId: st.e.id, items: [g1(["MATHS", "PC", "SVT", "NSI"])], confirmed: false }, LATER);
  // R-SCH-12: e leaves the procedure.
  await changeOutOfProcedure(t.db, head, { studentId: st.e.id, reason: "Redoublement exceptionnel" }, LATER);
  // d: the family validates online; the next night carries it to the back-office (TS).
  const scope = (await findStudentScope(t.db, st.d.id, LATER))!;
  const guardianAccount = await t.db.execute<{ id: string }>(sql`
    select a.id from student_guardians g join accounts a on a.guardian_id = g.guardian_id where g.student_id = ${st.d.id} order by g.rank limit 1`);
  const guardian = (await findActor(t.db, guardianAccount.rows[0]!.id))!;
  const sessionId = await startAuthSession(t.db, guardian.accountId, LATER, 30);
  await validateFamilyRequest(t.db, {
    actor: guardian,
    scope,
    sessionId,
    phase: "provisional",
    intentions: [g1(["HLP", "LLCER", "HGGSP", "SES"])],
    now: LATER,
  });
  await runTransfer({ db: t.db, pool: t.pool, now: NIGHT_2, asOf: NIGHT_2, log: silentLog });
});
afterAll(async () => {
  await t?.drop();
});

describe("R-2GT-4: the spécialités requested, provisional phase", () => {
  it("R-2GT-4: one row per student who asked for a 1re générale, spécialités in the family's order, hors établissement marked", async () => {
    const p = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!.planning;
    const row = (s: { ine: string }) => p.students.find((r) => r.ine === s.ine);
    expect(row(st.a)).toMatchObject({ divisionCode: "2A", voieRank: 1, voieCount: 2 });
    expect(row(st.a)!.specialties.map((s) => s.code)).toEqual(["MATHS", "PC", "SVT", "NSI"]);
    expect(row(st.b)).toMatchObject({ voieRank: 2, voieCount: 2 });
    expect(row(st.b)!.specialties.map((s) => [s.code, s.outside])).toEqual([
      ["SES", false],
      ["MATHS", false],
      ["HGGSP", false],
      ["SI", true],
      ["HLP", false],
    ]);
    expect(row(st.b)!.enteredText).toMatch(/^Saisie par l'établissement \(.+\) le 24\/11\/2026 à 10:00$/);
    expect(row(st.d)!.specialties.map((s) => s.code)).toEqual(["HLP", "LLCER", "HGGSP", "SES"]);
    expect(row(st.d)!.enteredText).toMatch(/^Saisie en ligne \(TS\) par .+ le 24\/11\/2026 à 10:00$/);
  });

  it("R-SCH-12: a student hors procédure is neither listed nor counted", async () => {
    const p = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!;
    expect(p.planning.studentsWithRequest).toBeGreaterThan(0);
    expect(p.planning.students.some((r) => r.ine === st.e.ine)).toBe(false);
  });

  it("R-2GT-4: totals per spécialité and per rank grow by exactly this file's entries", async () => {
    const { planning: p } = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!;
    expect(p.rankCount).toBe(5);
    expect(p.students.length - baseline.students.length).toBe(4);
    expect(added(p, baseline)).toEqual({
      HGGSP: [0, 0, 2, 0, 0, 2],
      HLP: [1, 0, 0, 0, 1, 2],
      LLCER: [0, 1, 0, 0, 0, 1],
      MATHS: [1, 2, 0, 0, 0, 3],
      NSI: [0, 0, 0, 1, 0, 1],
      PC: [1, 1, 0, 0, 0, 2],
      SVT: [0, 0, 2, 0, 0, 2],
      SES: [1, 0, 0, 2, 0, 3],
      SI: [0, 0, 0, 1, 0, 1],
    });
    expect(p.specialties.find((s) => s.code === "SI")!.outside).toBe(true);
    expect(p.ranks.map((r, i) => r.total - baseline.ranks[i]!.total)).toEqual([4, 4, 4, 4, 1]);
    expect(p.ranks[3]!.outside - baseline.ranks[3]!.outside).toBe(1);
    expect(p.total - baseline.total).toBe(17);
    // Every offered spécialité shows, even when nobody asked for it.
    expect(p.specialties.filter((s) => !s.outside).map((s) => s.code)).toEqual([
      "ARTS_PLASTIQUES",
      "HGGSP",
      "HLP",
      "LLCER",
      "MATHS",
      "NSI",
      "PC",
      "SVT",
      "SES",
    ]);
  });

  it("R-2GT-4: the division filter keeps the division's students only", async () => {
    const data = (await loadSpecialtyPlanning(t.db, head, schoolId, { division: div["2B"]! }))!;
    expect(data.filters.divisionId).toBe(div["2B"]);
    expect(data.divisions.map((d) => d.code)).toEqual(["2A", "2B", "2C"]);
    expect(new Set(data.planning.students.map((r) => r.divisionCode))).toEqual(new Set(["2B"]));
    expect(data.planning.students.map((r) => r.ine)).toEqual(expect.arrayContaining([st.c.ine, st.d.ine]));
  });
});

describe("R-SCH-14: a homeroom teacher sees their divisions only, unless delegated", () => {
  it("R-SCH-14: the professeur principal of 2A sees 2A only, whatever the division asked", async () => {
    const pp2a = await actorByLogin(t.db, "pp.2a");
    expect(pp2a.delegatedByHead).toBe(false);
    for (const params of [{}, { division: div["2B"]! }]) {
      const data = (await loadSpecialtyPlanning(t.db, pp2a, schoolId, params))!;
      expect(data.divisions.map((d) => d.code)).toEqual(["2A"]);
      expect(data.filters.divisionId).toBeNull();
      expect(new Set(data.planning.students.map((r) => r.divisionCode))).toEqual(new Set(["2A"]));
      expect(data.planning.students.map((r) => r.ine)).toEqual(expect.arrayContaining([st.a.ine, st.b.ine]));
    }
  });

  it("R-SCH-14: with the head's delegation, every division", async () => {
    await t.db.update(accounts).set({ delegatedByHead: true }).where(eq(accounts.login, "pp.2a"));
    try {
      const data = (await loadSpecialtyPlanning(t.db, await actorByLogin(t.db, "pp.2a"), schoolId, {}))!;
      expect(data.divisions.map((d) => d.code)).toEqual(["2A", "2B", "2C"]);
      expect(data.planning.students.map((r) => r.ine)).toEqual(expect.arrayContaining([st.a.ine, st.c.ine, st.d.ine]));
    } finally {
      await t.db.update(accounts).set({ delegatedByHead: false }).where(eq(accounts.login, "pp.2a"));
    }
  });

  it("R-2GT-4: a collège (no 2de GT) has nothing to plan", async () => {
    const collegeHead = await demoActor(t.db, "head", "Collège");
    expect(await loadSpecialtyPlanning(t.db, collegeHead, collegeHead.schoolId!, {})).toBeNull();
  });
});

describe("R-2GT-3 / R-2GT-4: the final phase", () => {
  it("R-2GT-3: 3 spécialités per 1re générale, the phases counted apart", async () => {
    const before = (await loadSpecialtyPlanning(t.db, head, schoolId, { phase: "final" }))!.planning;
    await saveSchoolRequest(
      t.db,
      head,
      { studentId: st.a.id, phase: "final", items: [{ track: "1T", subTrack: "STMG" }, g1(["MATHS", "SI", "PC"])], confirmed: false },
      LATER,
    );
    const { planning: p, filters } = (await loadSpecialtyPlanning(t.db, head, schoolId, { phase: "final" }))!;
    expect(filters.phase).toBe("final");
    expect(p.rankCount).toBe(3);
    const a = p.students.find((r) => r.ine === st.a.ine)!;
    expect(a).toMatchObject({ voieRank: 2, voieCount: 2 });
    expect(a.specialties.map((s) => s.display)).toEqual(["Mathématiques", "Sciences de l'ingénieur (hors établissement)", "Physique-chimie"]);
    expect(added(p, before)).toEqual({ MATHS: [1, 0, 0, 1], SI: [0, 1, 0, 1], PC: [0, 0, 1, 1] });
    // The provisional phase is unchanged.
    const prov = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!.planning;
    expect(prov.students.find((r) => r.ine === st.a.ine)!.specialties.map((s) => s.code)).toEqual(["MATHS", "PC", "SVT", "NSI"]);
  });
});

describe("R-2GT-4: the exports, parsed back", () => {
  it("R-2GT-4: the XLSX has the students' sheet and the totals' sheet, the same numbers as the screen", async () => {
    const { planning: p } = (await loadSpecialtyPlanning(t.db, head, schoolId, {}))!;
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await specialtyPlanningXlsx(p, "Enseignements de spécialité demandés")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Élèves", "Totaux"]);
    const values = (ws: import("exceljs").Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const students = values(wb.getWorksheet("Élèves")!);
    expect(students[0]).toEqual([
      "Nom",
      "Prénom",
      "INE",
      "Division",
      "Rang de la 1re générale",
      "Spécialité 1",
      "Spécialité 2",
      "Spécialité 3",
      "Spécialité 4",
      "Spécialité 5",
      "Saisie",
    ]);
    expect(students).toHaveLength(p.students.length + 1);
    const b = students.find((r) => r[2] === st.b.ine)!;
    expect(b.slice(3, 10)).toEqual([
      "2A",
      "2 sur 2",
      "Sciences économiques et sociales",
      "Mathématiques",
      "Histoire-géographie, géopolitique et sciences politiques",
      "Sciences de l'ingénieur (hors établissement)",
      "Humanités, littérature et philosophie",
    ]);
    const totals = values(wb.getWorksheet("Totaux")!);
    expect(totals[0]).toEqual(["Enseignement de spécialité", "Proposé dans l'établissement", "Rang 1", "Rang 2", "Rang 3", "Rang 4", "Rang 5", "Total"]);
    const maths = p.specialties.find((s) => s.code === "MATHS")!;
    expect(totals.find((r) => r[0] === "Mathématiques")).toEqual(["Mathématiques", "Oui", ...maths.byRank, maths.total]);
    expect(totals.find((r) => r[0] === "Sciences de l'ingénieur")![1]).toBe("Non (hors établissement)");
    expect(totals.find((r) => r[0] === "Total par rang")!.slice(2)).toEqual([...p.ranks.map((r) => r.total), p.total]);
  });

  it("R-2GT-4: the CSV: the students, one blank line, the totals", async () => {
    const { planning: p } = (await loadSpecialtyPlanning(t.db, head, schoolId, { division: div["2A"]! }))!;
    const lines = specialtyPlanningCsv(p)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const blank = lines.indexOf("");
    expect(blank).toBe(p.students.length + 1);
    expect(lines.slice(1, blank).find((l) => l.includes(st.a.ine))).toContain(
      '"1 sur 2";"Mathématiques";"Physique-chimie";"Sciences de la vie et de la Terre";"Numérique et sciences informatiques";""',
    );
    expect(lines[blank + 1]).toMatch(/^"Enseignement de spécialité";/);
    expect(lines.slice(blank + 2)).toContain(`"Total par rang";"";${[...p.ranks.map((r) => r.total), p.total].map((n) => `"${n}"`).join(";")}`);
  });
});
