import type { AcademyParameters } from "./academy-parameters";
import { schoolYearOf } from "./calendar";
import { toParisInputValue } from "./paris-time";
import { LEVEL_LABELS, LEVELS, type Level, type Phase } from "./tracks";

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

/** The académie home: the académie's name as stored ("Académie de Grenoble"), its totals, one row per school. */
export function describeAcademyHome(academyName: string, schools: readonly SchoolSummary[]): AcademyHomeView {
  const students = schools.reduce((n, s) => n + s.students, 0);
  const entries = schools.reduce((n, s) => n + s.familyEntries, 0);
  const plural = schools.length > 1 ? "s" : "";
  return {
    title: academyName,
    summary: `${schools.length} établissement${plural}, ${students} élèves dans la procédure, ${entries} saisies en ligne reçues (phase provisoire).`,
    schools,
  };
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
    intro: `Ces paramètres s'appliquent à tous les établissements de l'${academy.name.replace(/^Académie/, "académie")}.`,
    values: {
      allowTrackDetails: academy.allowTrackDetails,
      allowStagePasserelle: academy.allowStagePasserelle,
      senderEmail: academy.senderEmail,
      appealDeadlineWorkingDays: academy.appealDeadlineWorkingDays,
      appealCommissionPresident: academy.appealCommissionPresident,
      appealCommissionAddress: academy.appealCommissionAddress,
      affectationUrl: academy.affectationUrl,
    },
  };
}
