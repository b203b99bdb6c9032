import { describe, expect, it } from "vitest";
import {
  academyTitle,
  calendarSchoolYear,
  describeAcademyCalendar,
  describeAcademyDecisions,
  describeAcademyHome,
  describeAcademyParameters,
  decisionCountsFrom,
  schoolSummariesFrom,
  selectableSchoolYears,
} from "@/lib/domain/academy-pages";
import { EMPTY_COUNTS } from "@/lib/domain/academy-statistics";
import { calendarFormSchema, calendarWindowsOf, DATETIME_INPUT_MAX } from "@/lib/domain/campaign-calendar";
import { parisDateTime } from "@/lib/domain/paris-time";

const NOW = parisDateTime("2026-11-23", "10:00");

describe("the académie's screens (view-models)", () => {
  it("R-AUTH-1: the académie home names the saio's académie and totals its schools", () => {
    const school = { id: "a", uai: "0380001A", name: "Collège Stendhal", city: "Grenoble", divisions: 3, students: 75, familyEntries: 12, councilsOpen: 1 };
    const one = describeAcademyHome("Académie de Grenoble", [school]);
    expect(one.title).toBe("Académie de Grenoble");
    expect(one.summary).toBe("1 établissement, 75 élèves dans la procédure, 12 saisies en ligne reçues (phase provisoire).");
    const two = describeAcademyHome("Académie de Grenoble", [school, { ...school, id: "b", students: 50, familyEntries: 3 }]);
    expect(two.summary).toBe("2 établissements, 125 élèves dans la procédure, 15 saisies en ligne reçues (phase provisoire).");
  });

  it("R-AUTH-1: the académie's name is shown once, never «Académie de Académie de Grenoble»; a bare city gets «Académie de» with the elision", () => {
    expect(academyTitle("Académie de Grenoble")).toBe("Académie de Grenoble");
    expect(academyTitle("académie de Lyon")).toBe("Académie de Lyon");
    expect(academyTitle("Grenoble")).toBe("Académie de Grenoble");
    expect(academyTitle("Aix-Marseille")).toBe("Académie d'Aix-Marseille");
    expect(describeAcademyHome("Grenoble", []).title).toBe("Académie de Grenoble");
    expect(describeAcademyHome("Académie de Grenoble", []).title).not.toMatch(/Académie de Académie/);
    const values = {
      allowTrackDetails: true,
      allowStagePasserelle: false,
      senderEmail: "a@b.fr",
      appealDeadlineWorkingDays: 3,
      appealCommissionPresident: "",
      appealCommissionAddress: "",
      affectationUrl: "",
      resourcesUrl: "",
      assistanceUrl: "",
    };
    expect(describeAcademyParameters({ name: "Grenoble", ...values }).intro).toBe(
      "Ces paramètres s'appliquent à tous les établissements de l'académie de Grenoble.",
    );
    expect(describeAcademyParameters({ name: "Orléans-Tours", ...values }).intro).toBe(
      "Ces paramètres s'appliquent à tous les établissements de l'académie d'Orléans-Tours.",
    );
  });

  it("R-CAL-1: the saio works on the current school year or prepares the next one; any other year asked falls back to the current", () => {
    expect(selectableSchoolYears(NOW)).toEqual(["2026-2027", "2027-2028"]);
    expect(selectableSchoolYears(parisDateTime("2027-08-31", "23:30"))).toEqual(["2026-2027", "2027-2028"]);
    expect(calendarSchoolYear(NOW, undefined)).toBe("2026-2027");
    expect(calendarSchoolYear(NOW, "2027-2028")).toBe("2027-2028");
    expect(calendarSchoolYear(NOW, "2030-2031")).toBe("2026-2027");
  });

  it("R-CAL-1: one form per level, filled with the saved windows in Paris wall-clock time (empty when not set)", () => {
    const v = describeAcademyCalendar({
      now: NOW,
      requestedYear: "2026-2027",
      windows: [
        { level: "3e", phase: "provisional", opensAt: parisDateTime("2026-11-02", "08:00"), closesAt: parisDateTime("2027-03-01", "18:00") },
        { level: "3e", phase: "final", opensAt: parisDateTime("2027-04-01", "08:00"), closesAt: parisDateTime("2027-05-30", "18:00") },
      ],
    });
    expect(v.title).toBe("Calendrier de la campagne 2026-2027");
    expect(v.years).toEqual([
      { year: "2026-2027", href: "/academie/calendrier?annee=2026-2027", label: "Année scolaire 2026-2027", current: true },
      { year: "2027-2028", href: "/academie/calendrier?annee=2027-2028", label: "Année scolaire 2027-2028", current: false },
    ]);
    expect(v.levels).toEqual([
      {
        level: "3e",
        label: "Palier 3e",
        values: {
          provisionalOpensAt: "2026-11-02T08:00",
          provisionalClosesAt: "2027-03-01T18:00",
          finalOpensAt: "2027-04-01T08:00",
          finalClosesAt: "2027-05-30T18:00",
        },
      },
      {
        level: "2GT",
        label: "Palier 2de générale et technologique",
        values: { provisionalOpensAt: "", provisionalClosesAt: "", finalOpensAt: "", finalClosesAt: "" },
      },
    ]);
  });

  it("R-CAL-1: the calendar form names a school year, a level and four Paris date-times; an unreadable date is a missing one", () => {
    const form = {
      schoolYear: "2026-2027",
      level: "2GT",
      provisionalOpensAt: "2026-11-02T08:00",
      provisionalClosesAt: "2027-03-01T18:00",
      finalOpensAt: "",
      finalClosesAt: "hier",
    };
    const input = calendarFormSchema.parse(form);
    expect(calendarWindowsOf(input)).toEqual([
      { phase: "provisional", opensAt: parisDateTime("2026-11-02", "08:00"), closesAt: parisDateTime("2027-03-01", "18:00") },
      { phase: "final", opensAt: null, closesAt: null },
    ]);
    expect(calendarFormSchema.safeParse({ ...form, schoolYear: "2026" }).success).toBe(false);
    expect(calendarFormSchema.safeParse({ ...form, level: "1re" }).success).toBe(false);
    expect(calendarFormSchema.safeParse({ ...form, finalOpensAt: "x".repeat(DATETIME_INPUT_MAX + 1) }).success).toBe(false);
  });

  it("R-INT-5 / R-2GT-5 / R-FIN-11: the parameters page shows the saved values and whom they apply to", () => {
    const values = {
      allowTrackDetails: true,
      allowStagePasserelle: false,
      senderEmail: "ne-pas-repondre@ac-grenoble.fr",
      appealDeadlineWorkingDays: 3,
      appealCommissionPresident: "M. le DASEN",
      appealCommissionAddress: "DSDEN de l'Isère",
      affectationUrl: "https://affectation.ac-grenoble.fr",
      resourcesUrl: "",
      assistanceUrl: "",
    };
    expect(describeAcademyParameters({ name: "Académie de Grenoble", ...values })).toEqual({
      intro: "Ces paramètres s'appliquent à tous les établissements de l'académie de Grenoble.",
      values,
    });
  });
});

describe("the académie's decisions, interviews and appeals (R-OVS-1)", () => {
  it("R-FIN-8 / R-FIN-9 / R-FIN-11: per level, decisions per voie (most first) with those differing from the request, interviews, appeals by outcome", () => {
    const v = describeAcademyDecisions({
      byTrack: [
        { level: "3e", track: "2PRO", subTrack: "", decisions: 2, differing: 1 },
        { level: "3e", track: "2GT", subTrack: "", decisions: 5, differing: 0 },
        { level: "3e", track: "CAP", subTrack: "", decisions: 2, differing: 2 },
        { level: "2GT", track: "1T", subTrack: "STMG", decisions: 1, differing: 1 },
      ],
      byInterview: [{ level: "3e", interviews: 4, students: 3 }],
      byAppeal: [
        { level: "3e", outcome: "pending", appeals: 1 },
        { level: "3e", outcome: "upheld", appeals: 1 },
        { level: "2GT", outcome: "changed", appeals: 1 },
      ],
    });
    expect(v.emptyText).toBeNull();
    const [c, l] = v.levels;
    expect(c!.heading).toBe("Palier 3e");
    expect(c!.tracks).toEqual([
      { label: "2de générale et technologique ou 2de STHR", decisions: 5, differing: 0 },
      { label: "1re année de CAP", decisions: 2, differing: 2 },
      { label: "2de professionnelle", decisions: 2, differing: 1 },
    ]);
    expect(c!.totals).toEqual({ decisions: 9, differing: 3 });
    expect(c!.interviews).toEqual({ interviews: 4, students: 3 });
    expect(c!.appeals).toEqual({ pending: 1, upheld: 1, changed: 0, total: 2 });
    expect(c!.summary).toBe(
      "9 décisions d'orientation prises, dont 3 différentes de la demande de la famille ; 4 entretiens avec le chef d'établissement (3 élèves) ; 2 appels : 1 en cours, 1 décision maintenue, 0 modifiée par la commission d'appel.",
    );
    expect(l!.heading).toBe("Palier 2de générale et technologique");
    expect(l!.tracks).toEqual([{ label: "1re technologique – série STMG", decisions: 1, differing: 1 }]);
    expect(l!.appeals).toEqual({ pending: 0, upheld: 0, changed: 1, total: 1 });
    expect(l!.summary).toContain("1 décision d'orientation prise, dont 1 différente de la demande de la famille ; 0 entretien");
  });

  it("R-OVS-1: nothing yet: no level shown, and it says so", () => {
    const v = describeAcademyDecisions({ byTrack: [], byInterview: [], byAppeal: [] });
    expect(v.levels).toEqual([]);
    expect(v.emptyText).toBe("Aucune décision d'orientation, aucun entretien ni appel enregistré pour le moment.");
  });
});

describe("R-OVS-1: the académie's home from its kept statistics", () => {
  const unit = (id: string, students: number, online: number) => ({ id, label: id, students, validated: 0, online, bySchool: 0 });
  it("R-OVS-1: students and entries received summed over the levels per school; a school the statistics do not name counts 0", () => {
    const structure = [
      { id: "c", uai: "0380001A", name: "Collège", city: "Grenoble", divisions: 4, councilsOpen: 1 },
      { id: "l", uai: "0380002B", name: "Lycée", city: "Grenoble", divisions: 3, councilsOpen: 0 },
      { id: "n", uai: "0380003C", name: "Nouveau", city: "Vienne", divisions: 0, councilsOpen: 0 },
    ];
    const rows = schoolSummariesFrom(structure, [
      { ...EMPTY_COUNTS, units: [unit("c", 100, 40)] },
      { ...EMPTY_COUNTS, units: [unit("l", 60, 10), unit("c", 2, 1)] },
    ]);
    expect(rows.map((r) => [r.id, r.divisions, r.students, r.familyEntries, r.councilsOpen])).toEqual([
      ["c", 4, 102, 41, 1],
      ["l", 3, 60, 10, 0],
      ["n", 0, 0, 0, 0],
    ]);
  });
  it("R-OVS-1: the final phase's decisions, interviews and appeals per level, as the home describes them", () => {
    const counts = decisionCountsFrom([
      {
        level: "3e",
        counts: {
          ...EMPTY_COUNTS,
          decisions: [{ track: "2PRO", subTrack: "", decisions: 3, differing: 2 }],
          interviews: { interviews: 2, students: 1, agreement: 1, disagreement: 1 },
          appeals: { pending: 1, upheld: 0, changed: 2 },
        },
      },
      { level: "2GT", counts: EMPTY_COUNTS },
    ]);
    const v = describeAcademyDecisions(counts);
    expect(v.levels.map((l) => [l.level, l.totals, l.interviews, l.appeals])).toEqual([
      ["3e", { decisions: 3, differing: 2 }, { interviews: 2, students: 1 }, { pending: 1, upheld: 0, changed: 2, total: 3 }],
    ]);
  });
});
