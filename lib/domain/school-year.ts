/**
 * R-DATA-1 and R-DATA-3: a student's file is closed (kept, readable, printable, never written
 * again) when the student left the school (the Siècle export's DATE_SORTIE has passed), or when
 * their school has moved on to a new school year. Pure: the data layer gives the dates.
 */

export type FileClosure = "left" | "closed-year";

const YEAR_RE = /^(\d{4})-(\d{4})$/;

/** "2026-2027" and nothing else (two consecutive years). */
export function isSchoolYear(s: string): boolean {
  const m = YEAR_RE.exec(s);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/** The school year after `year`: "2026-2027" → "2027-2028". */
export function nextSchoolYear(year: string): string {
  const m = YEAR_RE.exec(year);
  if (!m || !isSchoolYear(year)) throw new Error(`not a school year: ${year}`);
  return `${Number(m[1]) + 1}-${Number(m[2]) + 1}`;
}

/** "2026-2027" → "2026-2027" in words for the screens: « année scolaire 2026-2027 ». */
export function schoolYearLabel(year: string): string {
  return `année scolaire ${year}`;
}

/**
 * Whether a file is closed, and why. `today` is the Paris day ("YYYY-MM-DD"); a leaving date in
 * the future (a departure already recorded) closes the file on that day.
 */
export function fileClosure(file: { schoolYear: string; leftOn: string | null }, openYear: string, today: string): FileClosure | null {
  if (file.schoolYear !== openYear) return "closed-year";
  if (file.leftOn !== null && file.leftOn <= today) return "left";
  return null;
}

/** What a closed file says, to families and to the school. */
export function closedFileMessage(closure: FileClosure, schoolYear?: string): string {
  return closure === "left"
    ? "Cet élève a quitté l'établissement : son dossier reste consultable mais ne peut plus être modifié."
    : `La campagne ${schoolYear ? `de l'année scolaire ${schoolYear}` : "de cette année scolaire"} est close : ce dossier reste consultable et imprimable mais ne peut plus être modifié.`;
}

export type RolloverCheck = { ok: true; nextYear: string } | { ok: false; message: string };

/**
 * R-DATA-3: the head moves the school to the next school year once the year's campaign is over:
 * every window of the open year for the school's levels has closed, or the calendar is already
 * in a later school year. After it, the year's files are closed and the new year starts from a
 * fresh import (R-DATA-1).
 */
export function checkRollover(input: {
  openYear: string;
  now: Date;
  /** The school year of today (lib/domain/calendar.ts schoolYearOf). */
  calendarYear: string;
  /** The académie's windows of the open year for the school's levels. */
  windows: { closesAt: Date }[];
}): RolloverCheck {
  const nextYear = nextSchoolYear(input.openYear);
  if (input.calendarYear > input.openYear) return { ok: true, nextYear };
  const open = input.windows.filter((w) => w.closesAt > input.now);
  if (input.windows.length === 0 || open.length > 0) {
    return {
      ok: false,
      message: `La campagne de l'année scolaire ${input.openYear} n'est pas terminée : le passage à l'année ${nextYear} sera possible après la fermeture de la dernière phase du calendrier académique, ou à partir du 1er septembre.`,
    };
  }
  return { ok: true, nextYear };
}
