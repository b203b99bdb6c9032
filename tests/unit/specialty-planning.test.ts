import { describe, expect, it } from "vitest";
import {
  buildSpecialtyPlanning,
  countedRequest,
  describeSpecialtyPlanning,
  exportFileName,
  parseSpecialtyPlanningFilters,
  studentCells,
  studentHeaders,
  totalsTable,
  type PlanningItem,
  type PlanningStudentFacts,
} from "@/lib/domain/specialty-planning";
import { specialtyPlanningCsv } from "@/lib/export/specialty-planning";
import { schoolNav } from "@/lib/domain/school-home";

/*
 * R-2GT-4: the spécialités requested in a lycée, per student in the family's order and in totals
 * per spécialité and per rank, per phase (lib/domain/specialty-planning.ts).
 */

const AT = new Date("2027-02-10T09:30:00Z");
const OFFERED = ["MATHS", "PC", "SVT", "SES", "HGGSP", "HLP", "LLCER", "NSI", "ARTS_PLASTIQUES"];

const g1 = (rank: number, specialties: string[]): PlanningItem => ({ rank, track: "1G", specialties });
const other = (rank: number, track = "1T"): PlanningItem => ({ rank, track, specialties: [] });

let n = 0;
function student(items: PlanningItem[] | null, extra: Partial<PlanningStudentFacts> = {}): PlanningStudentFacts {
  n++;
  return {
    id: `s${n}`,
    ine: `INE${String(n).padStart(8, "0")}`,
    lastName: `NOM${n}`,
    firstName: `Prénom${n}`,
    divisionId: "d2A",
    divisionCode: "2A",
    outOfProcedure: false,
    councilOpen: false,
    request: items ? { source: "school", enteredByName: "Mme Proviseure", enteredAt: AT, changedBySchoolAt: null, changedBySchoolName: null, items } : null,
    familyEntry: null,
    ...extra,
  };
}

describe("R-2GT-4: spécialités requested per student", () => {
  it("R-2GT-4: keeps the family's ranking and the rank of the 1re générale among the voies", () => {
    const p = buildSpecialtyPlanning({
      phase: "provisional",
      offered: OFFERED,
      students: [student([other(1), g1(2, ["SES", "MATHS", "HGGSP", "LLCER"])])],
    });
    expect(p.students).toHaveLength(1);
    const r = p.students[0]!;
    expect(r.voieRank).toBe(2);
    expect(r.voieCount).toBe(2);
    expect(r.specialties.map((s) => [s.rank, s.code])).toEqual([
      [1, "SES"],
      [2, "MATHS"],
      [3, "HGGSP"],
      [4, "LLCER"],
    ]);
    expect(studentCells(r, p.rankCount)).toEqual([
      r.lastName,
      r.firstName,
      r.ine,
      "2A",
      "2 sur 2",
      "Sciences économiques et sociales",
      "Mathématiques",
      "Histoire-géographie, géopolitique et sciences politiques",
      "Langues, littératures et cultures étrangères et régionales",
      "",
      "Saisie par l'établissement (Mme Proviseure) le 10/02/2027 à 10:30",
    ]);
  });

  it("R-2GT-4: marks a spécialité the lycée does not offer «hors établissement» (the 5th of R-2GT-2)", () => {
    const p = buildSpecialtyPlanning({ phase: "provisional", offered: OFFERED, students: [student([g1(1, ["MATHS", "SI", "PC", "NSI", "SVT"])])] });
    const sp = p.students[0]!.specialties;
    expect(sp.map((s) => s.outside)).toEqual([false, true, false, false, false]);
    expect(sp[1]!.display).toBe("Sciences de l'ingénieur (hors établissement)");
    const si = p.specialties.find((t) => t.code === "SI")!;
    expect(si.outside).toBe(true);
    expect(p.ranks[1]).toEqual({ rank: 2, total: 1, inSchool: 0, outside: 1 });
  });

  it("R-2GT-4: nothing is «hors établissement» while the lycée has not given its list", () => {
    const p = buildSpecialtyPlanning({ phase: "provisional", offered: [], students: [student([g1(1, ["MATHS", "SI", "PC", "NSI"])])] });
    expect(p.students[0]!.specialties.every((s) => !s.outside)).toBe(true);
    expect(p.specialties.map((t) => t.code)).toEqual(["MATHS", "NSI", "PC", "SI"]);
    expect(describeSpecialtyPlanning({ planning: p, filters: { phase: "provisional", divisionId: null }, divisions: [] }).offeredNotice).toMatch(
      /pas encore indiqué/,
    );
  });

  it("R-2GT-4: students without a 1re générale are not listed but counted as having a request", () => {
    const p = buildSpecialtyPlanning({
      phase: "provisional",
      offered: OFFERED,
      students: [student([other(1, "BT_MUSIQUE")]), student(null), student([g1(1, ["MATHS", "PC", "SVT", "NSI"])])],
    });
    expect(p.students).toHaveLength(1);
    expect(p.studentsWithRequest).toBe(2);
  });
});

describe("R-2GT-4: totals per spécialité and per rank", () => {
  const students = [
    student([g1(1, ["MATHS", "PC", "SVT", "NSI"])]),
    student([g1(1, ["PC", "MATHS", "SVT", "SES"])]),
    student([other(1), g1(2, ["MATHS", "SI", "PC", "SES", "HLP"])]),
  ];
  const p = buildSpecialtyPlanning({ phase: "provisional", offered: OFFERED, students });

  it("R-2GT-4: counts each spécialité at each rank, and in total", () => {
    const by = Object.fromEntries(p.specialties.map((t) => [t.code, [...t.byRank, t.total]]));
    expect(by.MATHS).toEqual([2, 1, 0, 0, 0, 3]);
    expect(by.PC).toEqual([1, 1, 1, 0, 0, 3]);
    expect(by.SVT).toEqual([0, 0, 2, 0, 0, 2]);
    expect(by.SES).toEqual([0, 0, 0, 2, 0, 2]);
    expect(by.NSI).toEqual([0, 0, 0, 1, 0, 1]);
    expect(by.HLP).toEqual([0, 0, 0, 0, 1, 1]);
    expect(by.SI).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it("R-2GT-4: lists every offered spécialité (0 when nobody asked), the lycée's first, then those outside it", () => {
    expect(p.specialties.map((t) => t.code)).toEqual(["ARTS_PLASTIQUES", "HGGSP", "HLP", "LLCER", "MATHS", "NSI", "PC", "SVT", "SES", "SI"]);
    expect(p.specialties.find((t) => t.code === "ARTS_PLASTIQUES")!.total).toBe(0);
  });

  it("R-2GT-4: totals per rank, split between the lycée's spécialités and the others", () => {
    expect(p.rankCount).toBe(5);
    expect(p.ranks.map((r) => [r.total, r.inSchool, r.outside])).toEqual([
      [3, 3, 0],
      [3, 2, 1],
      [3, 3, 0],
      [3, 3, 0],
      [1, 1, 0],
    ]);
    expect(p.total).toBe(13);
    const { foot } = totalsTable(p);
    expect(foot[0]).toEqual(["Total par rang", "", 3, 3, 3, 3, 1, 13]);
    expect(foot[1]).toEqual(["dont proposés dans l'établissement", "", 3, 2, 3, 3, 1, 12]);
    expect(foot[2]).toEqual(["dont hors établissement", "", 0, 1, 0, 0, 0, 1]);
  });
});

describe("R-SCH-12: students hors procédure leave the statistics", () => {
  it("R-SCH-12: a student hors procédure is neither listed nor counted", () => {
    const p = buildSpecialtyPlanning({
      phase: "provisional",
      offered: OFFERED,
      students: [student([g1(1, ["MATHS", "PC", "SVT", "NSI"])], { outOfProcedure: true }), student([g1(1, ["SES", "PC", "SVT", "NSI"])])],
    });
    expect(p.students).toHaveLength(1);
    expect(p.studentsWithRequest).toBe(1);
    expect(p.specialties.find((t) => t.code === "MATHS")!.total).toBe(0);
    expect(p.total).toBe(4);
  });
});

describe("R-2GT-3: the final phase has 3 spécialités", () => {
  it("R-2GT-3: three rank columns, chosen freely in and outside the lycée", () => {
    const p = buildSpecialtyPlanning({
      phase: "final",
      offered: OFFERED,
      students: [student([g1(1, ["MATHS", "PC", "SI"]), other(2)]), student([other(1), g1(2, ["SES", "HGGSP", "MATHS"])])],
    });
    expect(p.rankCount).toBe(3);
    expect(p.ranks.map((r) => r.total)).toEqual([2, 2, 2]);
    expect(studentHeaders(p.rankCount)).toEqual([
      "Nom",
      "Prénom",
      "INE",
      "Division",
      "Rang de la 1re générale",
      "Spécialité 1",
      "Spécialité 2",
      "Spécialité 3",
      "Saisie",
    ]);
    expect(p.specialties.find((t) => t.code === "MATHS")!.byRank).toEqual([1, 0, 1]);
  });
});

describe("R-2GT-4: the request that counts (R-SCH-3, R-SCH-4, R-SCH-5)", () => {
  const entry = (items: PlanningItem[], nonTraitee = false) => ({ enteredByName: "Mme Anne Parent", enteredAt: AT, nonTraitee, items });

  it("R-SCH-3: before the council opens, the family's entry received by the night transfer counts (TS)", () => {
    const s = student([g1(1, ["MATHS", "PC", "SVT", "NSI"])], { familyEntry: entry([g1(1, ["SES", "HGGSP", "HLP", "LLCER"])]) });
    const c = countedRequest(s)!;
    expect(c.items[0]!.specialties[0]).toBe("SES");
    expect(c.enteredText).toBe("Saisie en ligne (TS) par Mme Anne Parent le 10/02/2027 à 10:30");
  });

  it("R-SCH-5: once the council is open, the back-office's request counts, with the school's change", () => {
    const s = student([g1(1, ["MATHS", "PC", "SVT", "NSI"])], { councilOpen: true, familyEntry: entry([g1(1, ["SES", "HGGSP", "HLP", "LLCER"])]) });
    s.request = { ...s.request!, source: "family", enteredByName: "Mme Anne Parent", changedBySchoolAt: AT, changedBySchoolName: "Mme Proviseure" };
    const c = countedRequest(s)!;
    expect(c.items[0]!.specialties[0]).toBe("MATHS");
    expect(c.enteredText).toBe(
      "Saisie en ligne (TS) par Mme Anne Parent le 10/02/2027 à 10:30 ; Modifiée par l'établissement (Mme Proviseure) le 10/02/2027 à 10:30",
    );
  });

  it("R-SCH-4: an entry «non traitée» never counts", () => {
    expect(countedRequest(student(null, { familyEntry: entry([g1(1, ["SES", "HGGSP", "HLP", "LLCER"])], true) }))).toBeNull();
    const s = student([g1(1, ["MATHS", "PC", "SVT", "NSI"])], { familyEntry: entry([g1(1, ["SES", "HGGSP", "HLP", "LLCER"])], true) });
    expect(countedRequest(s)!.items[0]!.specialties[0]).toBe("MATHS");
  });
});

describe("R-2GT-4: the page and the export", () => {
  it("R-SCH-14: a division filter is kept only when the actor may choose it", () => {
    expect(parseSpecialtyPlanningFilters({ phase: "final", division: "d2A" }, ["d2A"])).toEqual({ phase: "final", divisionId: "d2A" });
    expect(parseSpecialtyPlanningFilters({ division: "d2B" }, ["d2A"])).toEqual({ phase: "provisional", divisionId: null });
  });

  it("R-2GT-4: tabs, summary and download links keep the phase and the division", () => {
    const p = buildSpecialtyPlanning({ phase: "final", offered: OFFERED, students: [student([g1(1, ["MATHS", "PC", "SI"])])] });
    const v = describeSpecialtyPlanning({ planning: p, filters: { phase: "final", divisionId: "d2A" }, divisions: [{ id: "d2A", code: "2A" }] });
    expect(v.tabs.map((t) => [t.href, t.current])).toEqual([
      ["/etablissement/specialites?division=d2A", false],
      ["/etablissement/specialites?phase=final&division=d2A", true],
    ]);
    expect(v.exports.csv).toBe("/etablissement/specialites/export?phase=final&division=d2A&format=csv");
    expect(v.summaryText).toBe(
      "1 élève en 2A a demandé une 1re générale dans ses choix définitifs, sur 1 élève avec une demande reçue ; 3 enseignements de spécialité demandés.",
    );
    expect(exportFileName("final", "2A", "2027-06-01")).toBe("specialites-phase-definitive-2A-2027-06-01");
  });

  it("R-2GT-4: the CSV holds the students, a blank line, then the totals; no cell runs as a formula", () => {
    const p = buildSpecialtyPlanning({
      phase: "final",
      offered: OFFERED,
      students: [student([g1(1, ["MATHS", "PC", "SI"])], { lastName: '=HYPERLINK("x")', firstName: "-2+3" })],
    });
    const csv = specialtyPlanningCsv(p);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe('"Nom";"Prénom";"INE";"Division";"Rang de la 1re générale";"Spécialité 1";"Spécialité 2";"Spécialité 3";"Saisie"');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)";"'-2\+3";/);
    expect(lines[1]).toContain('"Sciences de l\'ingénieur (hors établissement)"');
    expect(lines[2]).toBe("");
    expect(lines[3]).toBe('"Enseignement de spécialité";"Proposé dans l\'établissement";"Rang 1";"Rang 2";"Rang 3";"Total"');
    expect(lines).toContain('"Mathématiques";"Oui";"1";"0";"0";"1"');
    expect(lines).toContain('"Sciences de l\'ingénieur";"Non (hors établissement)";"0";"0";"1";"1"');
    expect(lines).toContain('"Total par rang";"";"1";"1";"1";"3"');
  });

  it("R-2GT-4: the menu shows the page only to a lycée (2de GT divisions)", () => {
    expect(schoolNav({ mayManageSchool: true, hasSecondeGT: true }).map((l) => l.href)).toContain("/etablissement/specialites");
    expect(schoolNav({ mayManageSchool: true, hasSecondeGT: false }).map((l) => l.href)).not.toContain("/etablissement/specialites");
  });
});
