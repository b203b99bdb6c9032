import type { AcademyParameters } from "./academy-parameters";
import type { StatisticsCounts } from "./academy-statistics";
import { schoolYearOf } from "./calendar";
import { toParisInputValue } from "./paris-time";
import { deName } from "./person-name";
import { describeTrack, LEVEL_LABELS, LEVELS, type Level, type Phase } from "./tracks";

/*
 * The académie's screens as pure view-models: the home (its schools, read:academy), the
 * campaign calendar (R-CAL-1) and the parameters (R-INT-5, R-2GT-5, R-FIN-11), manage:academy.
 */

export type SchoolSummary = {
  id: string;
  uai: string;
  name: string;
  city: string;
  divisions: number;
  students: number;
  familyEntries: number;
  councilsOpen: number;
};

export type AcademyHomeView = {
  title: string;
  summary: string;
  schools: readonly SchoolSummary[];
};

/**
 * The académie's name as a title, once: the demo and the platform store it whole («Académie de
 * Grenoble»), and then it is shown as stored, never prefixed again («Académie de Académie de
 * Grenoble»); a bare city («Grenoble», «Aix-Marseille») gets «Académie de»/«Académie d'» (elision).
 */
export function academyTitle(name: string): string {
  const trimmed = name.trim();
  if (/^acad[ée]mie\b/i.test(trimmed)) return `A${trimmed.slice(1)}`;
  return `Académie ${deName(trimmed)}`;
}

/** «l'académie de Grenoble», for a sentence («… de l'académie de Grenoble»). */
export function academyInSentence(name: string): string {
  return `l'${academyTitle(name).replace(/^Académie/, "académie")}`;
}

/** The académie home: the académie's name as a title (`academyTitle`), its totals, one row per school. */
export function describeAcademyHome(academyName: string, schools: readonly SchoolSummary[]): AcademyHomeView {
  const students = schools.reduce((n, s) => n + s.students, 0);
  const entries = schools.reduce((n, s) => n + s.familyEntries, 0);
  const plural = schools.length > 1 ? "s" : "";
  return {
    title: academyTitle(academyName),
    summary: `${schools.length} établissement${plural}, ${students} élèves dans la procédure, ${entries} saisies en ligne reçues (phase provisoire).`,
    schools,
  };
}

/** A school of the académie with what is cheap to count live: its divisions and open councils (open school year). */
export type SchoolStructure = Omit<SchoolSummary, "students" | "familyEntries">;

/**
 * R-OVS-1: the home's rows per school from the académie's kept statistics of the provisional phase
 * (one per level, lib/db/repositories/academy-statistics.ts: students in the procedure and entries
 * received online, hors procédure excluded), beside the live divisions and open councils. A school
 * the statistics do not name (no student of a level yet) counts 0.
 */
export function schoolSummariesFrom(structure: readonly SchoolStructure[], provisional: readonly StatisticsCounts[]): SchoolSummary[] {
  const sums = new Map<string, { students: number; familyEntries: number }>();
  for (const counts of provisional)
    for (const u of counts.units) {
      const s = sums.get(u.id) ?? { students: 0, familyEntries: 0 };
      sums.set(u.id, { students: s.students + u.students, familyEntries: s.familyEntries + u.online });
    }
  return structure.map((s) => ({ ...s, ...(sums.get(s.id) ?? { students: 0, familyEntries: 0 }) }));
}

/** R-OVS-1: the home's decisions, interviews and appeals from the académie's kept statistics of the final phase, per level. */
export function decisionCountsFrom(final: readonly { level: Level; counts: StatisticsCounts }[]): AcademyDecisionCounts {
  return {
    byTrack: final.flatMap(({ level, counts }) =>
      counts.decisions.map((d) => ({ level, track: d.track, subTrack: d.subTrack, decisions: d.decisions, differing: d.differing })),
    ),
    byInterview: final.map(({ level, counts }) => ({ level, interviews: counts.interviews.interviews, students: counts.interviews.students })),
    byAppeal: final.flatMap(({ level, counts }) =>
      (["pending", "upheld", "changed"] as const).map((outcome) => ({ level, outcome, appeals: counts.appeals[outcome] })),
    ),
  };
}

/** What the académie's repository counts of the end of the procedure (R-FIN-8, R-FIN-9, R-FIN-11), per level. */
export type AcademyDecisionCounts = {
  byTrack: readonly { level: Level; track: string; subTrack: string; decisions: number; differing: number }[];
  byInterview: readonly { level: Level; interviews: number; students: number }[];
  byAppeal: readonly { level: Level; outcome: "pending" | "upheld" | "changed"; appeals: number }[];
};

export type AcademyDecisionLevelView = {
  level: Level;
  heading: string;
  caption: string;
  /** One row per voie decided, most frequent first (ties by label). */
  tracks: { label: string; decisions: number; differing: number }[];
  totals: { decisions: number; differing: number };
  interviews: { interviews: number; students: number };
  appeals: { pending: number; upheld: number; changed: number; total: number };
  /** The same figures in sentences, for the summary line and screen readers. */
  summary: string;
};

export type AcademyDecisionsView = { levels: AcademyDecisionLevelView[]; emptyText: string | null };

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * R-OVS-1 for R-FIN-8, R-FIN-9, R-FIN-11: per level, the decisions per voie (with those that
 * differ from the family's request), the interviews with the head, the appeals pending, upheld
 * and changed by the commission. A level with nothing yet is left out.
 */
export function describeAcademyDecisions(c: AcademyDecisionCounts): AcademyDecisionsView {
  const levels = LEVELS.flatMap((level): AcademyDecisionLevelView[] => {
    const tracks = c.byTrack.filter((t) => t.level === level).map((t) => ({ label: describeTrack(t), decisions: t.decisions, differing: t.differing }));
    // Two sub-codes may share a label (an unknown code shows as itself): merge by label.
    const merged = [
      ...tracks
        .reduce((m, t) => {
          const prev = m.get(t.label);
          m.set(t.label, prev ? { ...prev, decisions: prev.decisions + t.decisions, differing: prev.differing + t.differing } : t);
          return m;
        }, new Map<string, { label: string; decisions: number; differing: number }>())
        .values(),
    ].sort((a, b) => b.decisions - a.decisions || a.label.localeCompare(b.label, "fr"));
    const i = c.byInterview.find((x) => x.level === level) ?? { interviews: 0, students: 0 };
    const a = (o: "pending" | "upheld" | "changed") => c.byAppeal.filter((x) => x.level === level && x.outcome === o).reduce((n, x) => n + x.appeals, 0);
    const appeals = { pending: a("pending"), upheld: a("upheld"), changed: a("changed"), total: 0 };
    appeals.total = appeals.pending + appeals.upheld + appeals.changed;
    const totals = { decisions: merged.reduce((n, t) => n + t.decisions, 0), differing: merged.reduce((n, t) => n + t.differing, 0) };
    if (totals.decisions === 0 && i.interviews === 0 && appeals.total === 0) return [];
    const label = LEVEL_LABELS[level];
    return [
      {
        level,
        heading: level === "3e" ? "Palier 3e" : `Palier ${label}`,
        caption: `Décisions d'orientation par voie – palier ${label}`,
        tracks: merged,
        totals,
        interviews: { interviews: i.interviews, students: i.students },
        appeals,
        summary:
          [
            `${plural(totals.decisions, "décision d'orientation prise", "décisions d'orientation prises")}, dont ${totals.differing} différente${totals.differing > 1 ? "s" : ""} de la demande de la famille`,
            `${plural(i.interviews, "entretien", "entretiens")} avec le chef d'établissement (${plural(i.students, "élève", "élèves")})`,
            `${plural(appeals.total, "appel", "appels")} : ${appeals.pending} en cours, ${appeals.upheld} décision${appeals.upheld > 1 ? "s" : ""} maintenue${appeals.upheld > 1 ? "s" : ""}, ${appeals.changed} modifiée${appeals.changed > 1 ? "s" : ""} par la commission d'appel`,
          ].join(" ; ") + ".",
      },
    ];
  });
  return { levels, emptyText: levels.length === 0 ? "Aucune décision d'orientation, aucun entretien ni appel enregistré pour le moment." : null };
}

/** R-CAL-1: the current school year and the next one, so the saio can prepare the next campaign in advance. */
export function selectableSchoolYears(now: Date): [string, string] {
  const current = schoolYearOf(now);
  const start = Number(current.slice(0, 4));
  return [current, `${start + 1}-${start + 2}`];
}

/** R-CAL-1: the school year the calendar page shows: the one asked if selectable, the current one otherwise. */
export function calendarSchoolYear(now: Date, requestedYear: string | undefined): string {
  const years = selectableSchoolYears(now);
  return requestedYear && years.includes(requestedYear) ? requestedYear : years[0];
}

export type CalendarFormValues = { provisionalOpensAt: string; provisionalClosesAt: string; finalOpensAt: string; finalClosesAt: string };

export type AcademyCalendarView = {
  schoolYear: string;
  title: string;
  years: { year: string; href: string; label: string; current: boolean }[];
  levels: { level: Level; label: string; values: CalendarFormValues }[];
};

/**
 * R-CAL-1: the saio's calendar page for the school year asked (the current one unless the next
 * is named): a form per level, filled with the saved windows in Paris wall-clock time.
 */
export function describeAcademyCalendar(input: {
  now: Date;
  requestedYear: string | undefined;
  windows: readonly { level: Level; phase: Phase; opensAt: Date; closesAt: Date }[];
}): AcademyCalendarView {
  const years = selectableSchoolYears(input.now);
  const schoolYear = calendarSchoolYear(input.now, input.requestedYear);
  const valuesOf = (level: Level): CalendarFormValues => {
    const at = (phase: Phase, end: "opensAt" | "closesAt") => {
      const w = input.windows.find((x) => x.level === level && x.phase === phase);
      return w ? toParisInputValue(w[end]) : "";
    };
    return {
      provisionalOpensAt: at("provisional", "opensAt"),
      provisionalClosesAt: at("provisional", "closesAt"),
      finalOpensAt: at("final", "opensAt"),
      finalClosesAt: at("final", "closesAt"),
    };
  };
  return {
    schoolYear,
    title: `Calendrier de la campagne ${schoolYear}`,
    years: years.map((y) => ({ year: y, href: `/academie/calendrier?annee=${y}`, label: `Année scolaire ${y}`, current: y === schoolYear })),
    levels: LEVELS.map((level) => ({ level, label: level === "3e" ? "Palier 3e" : `Palier ${LEVEL_LABELS[level]}`, values: valuesOf(level) })),
  };
}

export type AcademyParametersView = { intro: string; values: AcademyParameters };

/** The parameters page: the saved values, and whom they apply to. */
export function describeAcademyParameters(academy: { name: string } & AcademyParameters): AcademyParametersView {
  return {
    intro: `Ces paramètres s'appliquent à tous les établissements de ${academyInSentence(academy.name)}.`,
    values: {
      allowTrackDetails: academy.allowTrackDetails,
      allowStagePasserelle: academy.allowStagePasserelle,
      senderEmail: academy.senderEmail,
      appealDeadlineWorkingDays: academy.appealDeadlineWorkingDays,
      appealCommissionPresident: academy.appealCommissionPresident,
      appealCommissionAddress: academy.appealCommissionAddress,
      affectationUrl: academy.affectationUrl,
      resourcesUrl: academy.resourcesUrl,
      assistanceUrl: academy.assistanceUrl,
    },
  };
}
