import { parisDayKey } from "./paris-time";
import { closedFileMessage, fileClosure } from "./school-year";
import type { Level, Phase } from "./tracks";

export type TermMode = "trimester" | "semester";
export type CampaignWindow = { level: Level; phase: Phase; opensAt: Date; closesAt: Date };
/** One phase of a student's campaign calendar, labelled by term (R-CAL-2, R-CAL-4). */
export type CalendarEntry = { phase: Phase; termLabel: string; opensAt: Date; closesAt: Date };

/** The school year of an instant: "2026-2027" from 1 September 2026 to 31 August 2027 (Paris). */
export function schoolYearOf(now: Date): string {
  const [y, m] = parisDayKey(now).split("-").map(Number) as [number, number];
  const start = m >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** R-CAL-4: the term label of a phase, as the school is configured. */
export function termLabel(phase: Phase, termMode: TermMode): string {
  if (phase === "provisional") return termMode === "trimester" ? "Deuxième trimestre" : "Premier semestre";
  return termMode === "trimester" ? "Troisième trimestre" : "Second semestre";
}

export type WindowState = "not_set" | "before" | "open" | "after";

/** R-CAL-1: the service opens and closes itself on the académie's dates. */
export function windowState(window: Pick<CampaignWindow, "opensAt" | "closesAt"> | undefined, now: Date): WindowState {
  if (!window) return "not_set";
  if (now < window.opensAt) return "before";
  if (now >= window.closesAt) return "after";
  return "open";
}

export type FamilyServiceState =
  | { open: true }
  | { open: false; reason: "campaign_closed" | "school_closed" | "council_open" | "out_of_procedure" }
  /** R-DATA-1/3: the student left the school, or the file belongs to a past school year (lib/domain/school-year.ts). */
  | { open: false; reason: "file_closed"; text: string };

/**
 * Whether a family may enter for a phase now: the académie window is open (R-CAL-1/2), the head
 * has not closed the school's service (R-CAL-3), the division's council is not open (R-SCH-3),
 * the student is in the procedure (R-SCH-12), and their file is not closed (R-DATA-1/3).
 */
export function familyServiceState(input: {
  window: Pick<CampaignWindow, "opensAt" | "closesAt"> | undefined;
  schoolClosed: boolean;
  councilOpen: boolean;
  outOfProcedure: boolean;
  /** The file's year and leaving date, the school's open year (lib/domain/school-year.ts fileClosure). */
  file: { schoolYear: string; leftOn: string | null; openYear: string };
  now: Date;
}): FamilyServiceState {
  const closure = fileClosure(input.file, input.file.openYear, parisDayKey(input.now));
  if (closure) return { open: false, reason: "file_closed", text: closedFileMessage(closure, input.file.schoolYear) };
  if (input.outOfProcedure) return { open: false, reason: "out_of_procedure" };
  if (windowState(input.window, input.now) !== "open") return { open: false, reason: "campaign_closed" };
  if (input.schoolClosed) return { open: false, reason: "school_closed" };
  if (input.councilOpen) return { open: false, reason: "council_open" };
  return { open: true };
}

export const CAMPAIGN_CLOSED_MESSAGE = "La campagne d'orientation n'est pas ouverte.";
export const OPINIONS_NOT_AVAILABLE_MESSAGE =
  "Les avis provisoires du conseil de classe ne sont pas disponibles. Veuillez prendre contact avec votre établissement";

/** R-AUTH-4: 18 or over on `now` (Paris calendar day). */
export function isAdult(birthDate: string, now: Date): boolean {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = parisDayKey(now).split("-").map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 18;
}
