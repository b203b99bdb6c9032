import { describe, expect, it } from "vitest";
import {
  CHART_MAX_UNITS,
  describeStatistics,
  EMPTY_COUNTS,
  parseStatisticsFilters,
  percent,
  statisticsQuery,
  statisticsSheets,
  UNKNOWN_LEVEL_MESSAGE,
  UNKNOWN_PHASE_MESSAGE,
  type StatisticsCounts,
  type StatisticsFilters,
} from "@/lib/domain/academy-statistics";

const SCHOOL = "11111111-1111-4111-8111-111111111111";
const DIVISION = "22222222-2222-4222-8222-222222222222";
const provisional: StatisticsFilters = { level: "3e", phase: "provisional", schoolId: null, divisionId: null };
const final: StatisticsFilters = { ...provisional, phase: "final" };

const counts: StatisticsCounts = {
  ...EMPTY_COUNTS,
  units: [
    { id: SCHOOL, label: "Collège Jean Moulin (Grenoble)", students: 8, validated: 6, online: 5, bySchool: 1 },
    { id: "33333333-3333-4333-8333-333333333333", label: "Collège Stendhal (Voiron)", students: 2, validated: 0, online: 0, bySchool: 2 },
  ],
  acknowledgements: 3,
  avis: [
    { track: "2GT", subTrack: "", value: "favorable", n: 4 },
    { track: "2GT", subTrack: "", value: "reserve", n: 1 },
    { track: "2PRO", subTrack: "", value: "defavorable", n: 2 },
  ],
  proposals: [
    { track: "2GT", subTrack: "", kind: "answer_to_choice", answer: "yes", n: 3 },
    { track: "2GT", subTrack: "", kind: "answer_to_choice", answer: "no", n: 1 },
    { track: "CAP", subTrack: "", kind: "extra", answer: null, n: 2 },
  ],
  answers: { accept: 3, refuseAll: 1 },
  agreements: { agrees: 2, disagrees: 2 },
  decisions: [
    { track: "2PRO", subTrack: "", decisions: 2, differing: 2 },
    { track: "2GT", subTrack: "", decisions: 5, differing: 0 },
  ],
  interviews: { interviews: 3, students: 2, agreement: 1, disagreement: 2 },
  appeals: { pending: 1, upheld: 1, changed: 0 },
};

const academyView = (f: StatisticsFilters, c: StatisticsCounts = counts) =>
  describeStatistics({ academyName: "Grenoble", filters: f, scope: { kind: "academy" }, counts: c });
const section = (v: ReturnType<typeof academyView>, id: string) => v.sections.find((s) => s.id === id)!;

describe("R-OVS-1: the statistics' filters", () => {
  it("R-OVS-1: level, phase, school and division from the query string, 3e and provisional by default", () => {
    expect(parseStatisticsFilters({})).toEqual({ filters: provisional, problems: [], malformed: false });
    expect(parseStatisticsFilters({ niveau: "2GT", phase: "final", etablissement: SCHOOL.toUpperCase(), division: DIVISION })).toEqual({
      filters: { level: "2GT", phase: "final", schoolId: SCHOOL, divisionId: DIVISION },
      problems: [],
      malformed: false,
    });
  });
  it("R-OVS-1: an unknown level or phase gives its French message and the default", () => {
    const p = parseStatisticsFilters({ niveau: "4e", phase: "hier" });
    expect(p.filters).toEqual(provisional);
    expect(p.problems).toEqual([UNKNOWN_LEVEL_MESSAGE, UNKNOWN_PHASE_MESSAGE]);
  });
  it("R-OVS-1: a school or division that is not an id is malformed (the page's 404)", () => {
    expect(parseStatisticsFilters({ etablissement: "1' or 1=1" }).malformed).toBe(true);
    expect(parseStatisticsFilters({ division: "6A" }).malformed).toBe(true);
  });
  it("R-OVS-1: the query string round-trips", () => {
    const f: StatisticsFilters = { level: "2GT", phase: "final", schoolId: SCHOOL, divisionId: DIVISION };
    expect(parseStatisticsFilters(Object.fromEntries(new URLSearchParams(statisticsQuery(f)))).filters).toEqual(f);
    expect(statisticsQuery(provisional)).toBe("niveau=3e");
  });
});

describe("R-OVS-1: the statistics' figures", () => {
  it("R-OVS-1: percentages in French, «–» when there is nothing to divide by", () => {
    expect(percent(1, 3)).toBe("33,3 %");
    expect(percent(6, 8)).toBe("75 %");
    expect(percent(0, 0)).toBe("–");
  });

  it("R-OVS-1: the participation table per school: validated / not, rate, online and school entries, with totals and drill-down links", () => {
    const v = academyView(provisional);
    const t = section(v, "participation").table;
    expect(t.rows.map((r) => [r.head, ...r.cells])).toEqual([
      ["Collège Jean Moulin (Grenoble)", 8, 6, 2, "75 %", 5, 1],
      ["Collège Stendhal (Voiron)", 2, 0, 2, "0 %", 0, 2],
    ]);
    expect(t.foot).toEqual({ head: "Total", cells: [10, 6, 4, "60 %", 5, 3] });
    expect(t.rows[0]!.href).toBe(`/academie/statistiques?niveau=3e&etablissement=${SCHOOL}`);
    expect(v.summary).toContainEqual({ label: "Familles ayant validé", value: "6 (60 %)" });
    expect(v.summary).toContainEqual({ label: "Accusés de réception des avis", value: "3 (30 %)" });
    const chart = section(v, "participation").chart!;
    expect(chart.tableId).toBe("participation");
    expect(chart.data[0]).toEqual({ label: "Collège Jean Moulin (Grenoble)", values: { validated: 6, notValidated: 2 } });
  });

  it("R-OVS-1: provisional phase: avis per voie (favorable / réservé / défavorable) with totals; no final tables", () => {
    const v = academyView(provisional);
    expect(v.sections.map((s) => s.id)).toEqual(["participation", "avis"]);
    const t = section(v, "avis").table;
    expect(t.rows.map((r) => [r.head, ...r.cells])).toEqual([
      ["2de générale et technologique ou 2de STHR", 4, 1, 0, 5],
      ["2de professionnelle", 0, 0, 2, 2],
    ]);
    expect(t.foot!.cells).toEqual([4, 1, 2, 7]);
    expect(section(v, "avis").chart!.data[1]!.values).toEqual({ favorable: 0, reserve: 0, defavorable: 2 });
  });

  it("R-OVS-1: final phase: proposals, answers, agreements, decisions (and those differing from the request), interviews and appeals", () => {
    const v = academyView(final);
    expect(v.sections.map((s) => s.id)).toEqual(["participation", "propositions", "reponses", "decisions", "entretiens-appels"]);
    expect(section(v, "propositions").table.rows.map((r) => [r.head, ...r.cells])).toEqual([
      ["2de générale et technologique ou 2de STHR", 3, 1, 0, 4],
      ["1re année de CAP", 0, 0, 2, 2],
    ]);
    expect(section(v, "reponses").table.rows.map((r) => r.cells)).toEqual([
      [3, "75 %"],
      [1, "25 %"],
      [2, "50 %"],
      [2, "50 %"],
    ]);
    const d = section(v, "decisions").table;
    expect(d.rows.map((r) => [r.head, ...r.cells])).toEqual([
      ["2de générale et technologique ou 2de STHR", 5, 0],
      ["2de professionnelle", 2, 2],
    ]);
    expect(d.foot!.cells).toEqual([7, 2]);
    const ia = section(v, "entretiens-appels").table;
    expect(ia.rows.map((r) => r.cells[0])).toEqual([3, 2, 1, 2, 1, 1, 0]);
    expect(ia.foot!.cells).toEqual([2]);
    expect(v.summary.map((s) => s.label)).not.toContain("Accusés de réception des avis");
  });

  it("R-OVS-1: nothing yet: empty texts, no charts, zeros and «–»", () => {
    const v = academyView(final, EMPTY_COUNTS);
    expect(section(v, "participation").table.emptyText).toBe("Aucun élève de 3e dans la procédure.");
    expect(section(v, "participation").chart).toBeNull();
    expect(section(v, "propositions").table.emptyText).toMatch(/Aucune proposition/);
    expect(section(v, "decisions").chart).toBeNull();
    expect(section(v, "reponses").table.rows[0]!.cells).toEqual([0, "–"]);
    expect(v.summary[1]).toEqual({ label: "Familles ayant validé", value: "0 (–)" });
  });

  it("R-OVS-1: more schools than a chart can show: the table only", () => {
    const many = Array.from({ length: CHART_MAX_UNITS + 1 }, (_, i) => ({
      id: `u${i}`,
      label: `Collège ${i}`,
      students: 1,
      validated: 1,
      online: 1,
      bySchool: 0,
    }));
    expect(section(academyView(provisional, { ...EMPTY_COUNTS, units: many }), "participation").chart).toBeNull();
  });

  it("R-OVS-1: drill-down: a school's divisions link to the division; breadcrumbs back up; the export keeps the filters", () => {
    const school = describeStatistics({
      academyName: "Académie de Grenoble",
      filters: { ...final, schoolId: SCHOOL },
      scope: { kind: "school", schoolId: SCHOOL, schoolName: "Collège Jean Moulin (Grenoble)" },
      counts: { ...EMPTY_COUNTS, units: [{ id: DIVISION, label: "3A", students: 3, validated: 1, online: 1, bySchool: 0 }] },
    });
    expect(school.title).toBe("Statistiques – Collège Jean Moulin (Grenoble)");
    expect(school.breadcrumbs).toEqual([
      { label: "Académie de Grenoble", href: "/academie/statistiques?niveau=3e&phase=final" },
      { label: "Collège Jean Moulin (Grenoble)", href: null },
    ]);
    const t = section(school as ReturnType<typeof academyView>, "participation").table;
    expect(t.columns[0]!.label).toBe("Division");
    expect(t.rows[0]!.href).toBe(`/academie/statistiques?niveau=3e&phase=final&etablissement=${SCHOOL}&division=${DIVISION}`);
    expect(school.exportHref).toBe(`/academie/statistiques/export?niveau=3e&phase=final&etablissement=${SCHOOL}`);
    expect(school.exportName).toBe("statistiques-etablissement-3e-definitive");
  });

  it("R-OVS-1: the spreadsheet has the summary and every table of the page, with heads, rows and totals", () => {
    const sheets = statisticsSheets(academyView(final));
    expect(sheets.map((s) => s.name)).toEqual([
      "Synthèse",
      "Saisies",
      "Propositions par voie",
      "Réponses et accords",
      "Décisions par voie",
      "Entretiens et appels",
    ]);
    for (const s of sheets) expect(s.name.length).toBeLessThanOrEqual(31);
    const saisies = sheets[1]!.rows;
    expect(saisies[0]![0]).toBe("Établissement");
    expect(saisies.at(-1)).toEqual(["Total", 10, 6, 4, "60 %", 5, 3]);
  });
});
