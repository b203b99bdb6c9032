import { z } from "zod";
import { DomainError } from "./errors";
import { formatParisDateTime, fromParisInputValue, parisDateTime } from "./paris-time";
import { windowState, type CalendarEntry, type WindowState } from "./calendar";
import { LEVELS, PHASE_LABELS, type Phase } from "./tracks";

/*
 * The académie's campaign calendar (R-CAL-1) and the school's own closing of the family
 * service (R-CAL-3). Pure: the caller passes `now`.
 */

export type WindowInput = { phase: Phase; opensAt: Date | null; closesAt: Date | null };
export type ValidWindow = { phase: Phase; opensAt: Date; closesAt: Date };

const PHASE_NAMES: Record<Phase, string> = { provisional: "phase provisoire", final: "phase définitive" };

/** A school year as the forms name it: "2026-2027". */
export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;
/** The longest value a calendar field takes (a `datetime-local` value is "2026-11-23T08:00"). */
export const DATETIME_INPUT_MAX = 20;

/** The bounds of a school year "2026-2027": from 1 September 2026 00:00 to 1 September 2027 00:00, Paris time. */
export function schoolYearBounds(schoolYear: string): { start: Date; end: Date } {
  const m = SCHOOL_YEAR_PATTERN.exec(schoolYear);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new DomainError("INVALID_SCHOOL_YEAR", "L'année scolaire n'est pas valide.");
  return { start: parisDateTime(`${m[1]}-09-01`), end: parisDateTime(`${m[2]}-09-01`) };
}

/**
 * R-CAL-1: the two windows of a level for one school year are consistent: each has both dates,
 * closes after it opens, lies within the school year, and the final phase opens once the
 * provisional phase has closed. Errors are keyed by form field ("provisional.closesAt").
 */
export function validateCampaignCalendar(schoolYear: string, windows: readonly WindowInput[]): ValidWindow[] {
  const { start, end } = schoolYearBounds(schoolYear);
  const errors: Record<string, string[]> = {};
  const add = (key: string, msg: string) => (errors[key] ??= []).push(msg);
  for (const w of windows) {
    const name = PHASE_NAMES[w.phase];
    if (!w.opensAt) add(`${w.phase}.opensAt`, `Saisissez la date et l'heure d'ouverture de la ${name}.`);
    if (!w.closesAt) add(`${w.phase}.closesAt`, `Saisissez la date et l'heure de fermeture de la ${name}.`);
    if (!w.opensAt || !w.closesAt) continue;
    if (w.closesAt <= w.opensAt) add(`${w.phase}.closesAt`, `La fermeture de la ${name} doit être postérieure à son ouverture.`);
    if (w.opensAt < start || w.opensAt >= end) add(`${w.phase}.opensAt`, `L'ouverture de la ${name} doit être comprise dans l'année scolaire ${schoolYear}.`);
    if (w.closesAt <= start || w.closesAt > end)
      add(`${w.phase}.closesAt`, `La fermeture de la ${name} doit être comprise dans l'année scolaire ${schoolYear}.`);
  }
  const provisional = windows.find((w) => w.phase === "provisional");
  const final = windows.find((w) => w.phase === "final");
  if (provisional?.closesAt && final?.opensAt && final.opensAt < provisional.closesAt) {
    add("final.opensAt", "La phase définitive doit s'ouvrir après la fermeture de la phase provisoire.");
  }
  if (Object.keys(errors).length > 0) {
    throw new DomainError("INVALID_CALENDAR", "Le calendrier n'est pas cohérent.", errors);
  }
  return windows.map((w) => ({ phase: w.phase, opensAt: w.opensAt!, closesAt: w.closesAt! }));
}

export type SchoolServiceStatus =
  { state: "open"; label: string } | { state: "closed_by_school"; label: string } | { state: "outside_window"; label: string; window: WindowState };

/** R-CAL-3: what the head sees for one service: the académie window decides first, then the school's own closing. */
export function schoolServiceStatus(window: { opensAt: Date; closesAt: Date } | undefined, closedBySchool: boolean, now: Date): SchoolServiceStatus {
  const w = windowState(window, now);
  if (w === "not_set") return { state: "outside_window", window: w, label: "Fermé : calendrier académique non publié" };
  if (w === "before")
    return {
      state: "outside_window",
      window: w,
      label: closedBySchool ? "Fermé par l'établissement (campagne académique pas encore ouverte)" : "Fermé : la campagne académique n'est pas encore ouverte",
    };
  if (w === "after") return { state: "outside_window", window: w, label: "Fermé : la campagne académique est close" };
  return closedBySchool ? { state: "closed_by_school", label: "Fermé par l'établissement" } : { state: "open", label: "Ouvert" };
}

/**
 * R-CAL-3: the head may close the service at any time, and reopen it only while the académie's
 * window has not closed (the school cannot extend the académie's dates).
 */
export function assertSchoolMayReopen(window: { opensAt: Date; closesAt: Date } | undefined, now: Date): void {
  const w = windowState(window, now);
  if (w === "not_set" || w === "after") {
    throw new DomainError("OUTSIDE_ACADEMY_WINDOW", "Le service en ligne ne peut être ouvert que dans la période fixée par l'académie.");
  }
}

/**
 * R-CAL-1: what the saio's calendar form posts for one level: the school year, the level and
 * the four Paris wall-clock date-times. Their consistency is `validateCampaignCalendar`'s.
 */
/** A datetime-local value; one that is unreadable or does not exist ("2026-02-30T10:00") is read as missing (fromParisInputValue is strict). */
const calendarField = z.string().max(DATETIME_INPUT_MAX);
export const calendarFormSchema = z.object({
  schoolYear: z.string().regex(SCHOOL_YEAR_PATTERN),
  level: z.enum(LEVELS),
  provisionalOpensAt: calendarField,
  provisionalClosesAt: calendarField,
  finalOpensAt: calendarField,
  finalClosesAt: calendarField,
});
export type CalendarFormInput = z.infer<typeof calendarFormSchema>;

export const CALENDAR_HEADING = "Calendrier du service en ligne";
export const CALENDAR_NOT_PUBLISHED_MESSAGE = "Le calendrier de la campagne n'est pas encore publié par l'académie.";

export type CampaignCalendarView =
  { published: false; text: string } | { published: true; heading: string; entries: { phase: Phase; title: string; dates: string }[] };

/** R-CAL-2 / R-CAL-4: the dates of each phase, labelled by term, or the notice that none are published yet. */
export function describeCampaignCalendar(entries: readonly CalendarEntry[]): CampaignCalendarView {
  if (entries.length === 0) return { published: false, text: CALENDAR_NOT_PUBLISHED_MESSAGE };
  return {
    published: true,
    heading: CALENDAR_HEADING,
    entries: entries.map((e) => ({
      phase: e.phase,
      title: `${e.termLabel} – ${PHASE_LABELS[e.phase]}`,
      dates: `Du ${formatParisDateTime(e.opensAt)} au ${formatParisDateTime(e.closesAt)}`,
    })),
  };
}

/** R-CAL-1: the two windows a posted calendar form names (Paris wall-clock values; unreadable → missing). */
export function calendarWindowsOf(input: Omit<CalendarFormInput, "schoolYear" | "level">): WindowInput[] {
  return [
    { phase: "provisional", opensAt: fromParisInputValue(input.provisionalOpensAt), closesAt: fromParisInputValue(input.provisionalClosesAt) },
    { phase: "final", opensAt: fromParisInputValue(input.finalOpensAt), closesAt: fromParisInputValue(input.finalClosesAt) },
  ];
}
