import { z } from "zod";
import { familyServiceState, type CampaignWindow } from "./calendar";
import { DATETIME_INPUT_MAX } from "./campaign-calendar";
import { DomainError } from "./errors";
import { formatParisDateTime, fromParisInputValue } from "./paris-time";
import { LEVEL_LABELS, LEVELS, PHASE_LABELS, type Level, type Phase } from "./tracks";

/*
 * R-OVS-2: reminders to the families that have not validated. Pure: the caller passes `now`.
 * - the saio (their académie) or the head (their school) schedules a reminder for a level and a
 *   phase, sent at a Paris date-time inside the académie's window of that level and phase;
 * - at its time, the reminders job (jobs/reminders.ts) takes each family of the scope that
 *   `isFamilyToRemind` says, once (reminder_sends' key, the outbox's dedupe key).
 */

export const PHASES = ["provisional", "final"] as const satisfies readonly Phase[];

/** The facts of one student the selection needs (lib/db/repositories/reminders.ts reads them). */
export type ReminderCandidate = {
  /** The académie's window of the reminder's level and phase (undefined: not published). */
  window: Pick<CampaignWindow, "opensAt" | "closesAt"> | undefined;
  /** R-CAL-3: the head closed the service of this level and phase for the school. */
  schoolClosed: boolean;
  /** R-SCH-3: the division's council of the phase is open (the family can no longer enter). */
  councilOpen: boolean;
  /** R-SCH-12: hors procédure. */
  outOfProcedure: boolean;
  /** R-DATA-1/3: the file's year, its leaving date and the school's open year. */
  file: { schoolYear: string; leftOn: string | null; openYear: string };
  /**
   * An entry for the phase exists: validated online by the family (family_requests), or entered by
   * the school for the family on the back-office side (school_requests, R-SCH-1: a paper form):
   * either way the family has answered and is not reminded.
   */
  validated: boolean;
};

/**
 * R-OVS-2: a family is reminded when it has no entry for the phase and could enter one now: the
 * académie's window is open, the school has not closed the service, the council is not open, the
 * student is in the procedure and their file is open (lib/domain/calendar.ts familyServiceState).
 */
export function isFamilyToRemind(c: ReminderCandidate, now: Date): boolean {
  if (c.validated) return false;
  return familyServiceState({
    window: c.window,
    schoolClosed: c.schoolClosed,
    councilOpen: c.councilOpen,
    outOfProcedure: c.outOfProcedure,
    file: c.file,
    now,
  }).open;
}

/** The outbox's key of one reminder e-mail: one per (reminder, student, guardian), never twice (R-SYNC-4). */
export function reminderDedupeKey(reminderId: string, studentId: string, guardianId: string): string {
  return `reminder:${reminderId}:${studentId}:${guardianId}`;
}

/** What the scheduling form posts: the level, the phase and the Paris wall-clock date-time of sending. */
export const reminderFormSchema = z.object({
  level: z.enum(LEVELS),
  phase: z.enum(PHASES),
  sendAt: z.string().max(DATETIME_INPUT_MAX),
});
export type ReminderFormInput = z.infer<typeof reminderFormSchema>;

export const cancelReminderSchema = z.object({ reminderId: z.uuid() });

const PHASE_NAMES: Record<Phase, string> = { provisional: "phase provisoire (intentions)", final: "phase définitive (choix définitifs)" };

export const REMINDER_NOT_SCHEDULED_MESSAGE = "La relance n'est pas programmée : vérifiez sa date et son heure d'envoi.";
export const SEND_AT_MISSING_MESSAGE = "Saisissez la date et l'heure d'envoi de la relance.";
export const SEND_AT_PAST_MESSAGE = "La date et l'heure d'envoi doivent être dans le futur.";

export function windowNotPublishedMessage(level: Level, phase: Phase): string {
  return `Le calendrier de la ${PHASE_NAMES[phase]} (${LEVEL_LABELS[level]}) n'est pas publié : aucune relance ne peut être programmée.`;
}

export function outsideWindowMessage(window: { opensAt: Date; closesAt: Date }): string {
  return `La relance doit partir pendant l'ouverture du service en ligne, entre le ${formatParisDateTime(window.opensAt)} et le ${formatParisDateTime(window.closesAt)} (heure de Paris).`;
}

/**
 * R-OVS-2: the date-time of a new reminder (a datetime-local value, Paris time): readable, in the
 * future, and inside the académie's window of its level and phase (before the closing date).
 * Errors are keyed "sendAt".
 */
export function validateReminderSendAt(input: {
  sendAt: string;
  level: Level;
  phase: Phase;
  window: { opensAt: Date; closesAt: Date } | undefined;
  now: Date;
}): Date {
  const fail = (msg: string): never => {
    throw new DomainError("INVALID_REMINDER", REMINDER_NOT_SCHEDULED_MESSAGE, { sendAt: [msg] });
  };
  const at = fromParisInputValue(input.sendAt);
  if (!at) return fail(SEND_AT_MISSING_MESSAGE);
  if (!input.window) return fail(windowNotPublishedMessage(input.level, input.phase));
  if (at.getTime() <= input.now.getTime()) return fail(SEND_AT_PAST_MESSAGE);
  if (at < input.window.opensAt || at >= input.window.closesAt) return fail(outsideWindowMessage(input.window));
  return at;
}

export const REMINDER_NOT_CANCELLABLE_MESSAGE = "Cette relance est déjà partie ou annulée : elle ne peut plus être annulée.";

/** One reminder as the lists show it. */
export type ReminderRow = {
  id: string;
  level: Level;
  phase: Phase;
  sendAt: Date;
  schoolId: string | null;
  createdByName: string;
  cancelledAt: Date | null;
  cancelledByName: string | null;
  processedAt: Date | null;
  /** Taken by the reminders job (its batches under way, or done): no longer cancellable. */
  claimed: boolean;
  /** Families (students) reminded, e-mails queued, guardians without an address. */
  families: number;
  emails: number;
  withoutEmail: number;
};

export type ReminderLine = {
  id: string;
  title: string;
  sendAt: string;
  by: string;
  state: "scheduled" | "sent" | "cancelled";
  stateLabel: string;
  /** "Annuler la relance du …": only a scheduled one may be cancelled. */
  cancellable: boolean;
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** R-OVS-2: a reminder's line: its level and phase, its time, who scheduled it, and whether it left (with its counts) or was cancelled. */
export function describeReminder(r: ReminderRow, now: Date): ReminderLine {
  const base = {
    id: r.id,
    title: `${LEVEL_LABELS[r.level]} – ${PHASE_LABELS[r.phase]}`,
    sendAt: formatParisDateTime(r.sendAt),
    by: r.createdByName,
  };
  if (r.cancelledAt) {
    return { ...base, state: "cancelled", stateLabel: `Annulée le ${formatParisDateTime(r.cancelledAt)} par ${r.cancelledByName ?? "—"}`, cancellable: false };
  }
  const counts = `${plural(r.families, "famille relancée", "familles relancées")}, ${plural(r.emails, "courriel", "courriels")}, ${plural(r.withoutEmail, "représentant légal", "représentants légaux")} sans adresse électronique`;
  if (r.processedAt) {
    return { ...base, state: "sent", stateLabel: `Envoyée le ${formatParisDateTime(r.processedAt)} : ${counts}`, cancellable: false };
  }
  // Taken by the job, its batches under way (lib/services/reminders.ts): its first families may be reminded, it is no longer cancellable.
  if (r.claimed) return { ...base, state: "scheduled", stateLabel: `En cours d'envoi : ${counts}`, cancellable: false };
  // Due but not yet taken by the job: still cancellable (the cancel and the job's claim lock the same row).
  return { ...base, state: "scheduled", stateLabel: r.sendAt.getTime() <= now.getTime() ? "En cours d'envoi" : "Programmée", cancellable: true };
}

/** A reminder's author as the school's list names it. */
export function reminderOrigin(schoolId: string | null): string {
  return schoolId ? "Établissement" : "Académie";
}

/** The phases of the form, with the guides' names. */
export const REMINDER_PHASE_OPTIONS: readonly { value: Phase; label: string }[] = PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }));

/** One window of the académie, as the reminders page recalls it (the send date must fall inside). */
export function describeWindowForReminders(w: { level: Level; phase: Phase; opensAt: Date; closesAt: Date }): string {
  return `${LEVEL_LABELS[w.level]} – ${PHASE_LABELS[w.phase]} : du ${formatParisDateTime(w.opensAt)} au ${formatParisDateTime(w.closesAt)}`;
}

const guardianName = (g: { civility: string | null; guardianFirstName: string; guardianLastName: string }) =>
  `${g.civility ? `${g.civility} ` : ""}${g.guardianFirstName} ${g.guardianLastName}`;

export const NO_EMAIL_LABEL = "Sans adresse électronique";

/** A guardian of one of the school's students, as the school's lists name them. */
export type GuardianOfStudent = {
  studentId: string;
  lastName: string;
  firstName: string;
  division: string;
  guardianFirstName: string;
  guardianLastName: string;
  civility: string | null;
};

/** One guardian reached by a reminder (the repository's row, lib/db/repositories/reminders.ts). */
export type RemindedRow = GuardianOfStudent & { toAddress: string | null; sentAt: Date; level: Level; phase: Phase; fromSchool: boolean };

/** R-OVS-2: one guardian reached, as the school's list shows it. */
export function describeRemindedLine(r: RemindedRow) {
  return {
    key: `${r.studentId}:${r.guardianFirstName}:${r.guardianLastName}:${r.sentAt.toISOString()}:${r.phase}`,
    student: `${r.lastName} ${r.firstName}`,
    division: r.division,
    guardian: guardianName(r),
    address: r.toAddress ?? NO_EMAIL_LABEL,
    date: formatParisDateTime(r.sentAt),
    reminder: `${reminderOrigin(r.fromSchool ? "school" : null)} – ${PHASE_LABELS[r.phase]} (${LEVEL_LABELS[r.level]})`,
  };
}

/** R-OVS-2: a guardian to call (no e-mail address) of a family that has not validated the open phase. */
export function describeGuardianToCall(r: GuardianOfStudent & { rank: number; phase: Phase }) {
  return {
    key: `${r.studentId}:${r.rank}:${r.phase}`,
    student: `${r.lastName} ${r.firstName}`,
    division: r.division,
    guardian: guardianName(r),
    phase: PHASE_LABELS[r.phase],
  };
}
