import { describe, expect, it } from "vitest";
import { EMAIL_KINDS, EMAIL_TEMPLATES } from "@/emails/registry";
import { REMINDER_FINAL_SUBJECT, REMINDER_PROVISIONAL_SUBJECT, reminderEmail, type ReminderVars } from "@/emails/reminder";
import { DomainError } from "@/lib/domain/errors";
import {
  describeReminder,
  describeRemindedLine,
  isFamilyToRemind,
  outsideWindowMessage,
  reminderDedupeKey,
  reminderFormSchema,
  SEND_AT_MISSING_MESSAGE,
  SEND_AT_PAST_MESSAGE,
  validateReminderSendAt,
  windowNotPublishedMessage,
  type ReminderCandidate,
  type ReminderRow,
} from "@/lib/domain/reminders";
import { SAMPLE_SCHOOL as school } from "../support/email-samples";

const NOW = new Date("2027-01-12T09:00:00Z"); // 10:00 in Paris
const WINDOW = { opensAt: new Date("2027-01-04T07:00:00Z"), closesAt: new Date("2027-02-12T17:00:00Z") };

const candidate = (over: Partial<ReminderCandidate> = {}): ReminderCandidate => ({
  window: WINDOW,
  schoolClosed: false,
  councilOpen: false,
  outOfProcedure: false,
  file: { schoolYear: "2026-2027", leftOn: null, openYear: "2026-2027" },
  validated: false,
  ...over,
});

describe("R-OVS-2: who a reminder selects", () => {
  it("R-OVS-2: a family with no entry for the open phase, in the procedure, service open, is reminded", () => {
    expect(isFamilyToRemind(candidate(), NOW)).toBe(true);
  });
  it("R-OVS-2: a family that validated (online, or entered by the school) is not reminded", () => {
    expect(isFamilyToRemind(candidate({ validated: true }), NOW)).toBe(false);
  });
  it("R-OVS-2 / R-SCH-12 / R-DATA-1: a student hors procédure, who left, or of a closed year is not reminded", () => {
    expect(isFamilyToRemind(candidate({ outOfProcedure: true }), NOW)).toBe(false);
    expect(isFamilyToRemind(candidate({ file: { schoolYear: "2026-2027", leftOn: "2027-01-10", openYear: "2026-2027" } }), NOW)).toBe(false);
    // A departure recorded for a later day: still in the school today.
    expect(isFamilyToRemind(candidate({ file: { schoolYear: "2026-2027", leftOn: "2027-03-01", openYear: "2026-2027" } }), NOW)).toBe(true);
    expect(isFamilyToRemind(candidate({ file: { schoolYear: "2025-2026", leftOn: null, openYear: "2026-2027" } }), NOW)).toBe(false);
  });
  it("R-OVS-2 / R-CAL-1 / R-CAL-3 / R-SCH-3: no reminder when the family cannot enter: window not open, school closed, council open", () => {
    expect(isFamilyToRemind(candidate({ window: undefined }), NOW)).toBe(false);
    expect(isFamilyToRemind(candidate(), WINDOW.closesAt)).toBe(false);
    expect(isFamilyToRemind(candidate(), new Date(WINDOW.opensAt.getTime() - 1))).toBe(false);
    expect(isFamilyToRemind(candidate({ schoolClosed: true }), NOW)).toBe(false);
    expect(isFamilyToRemind(candidate({ councilOpen: true }), NOW)).toBe(false);
  });
  it("R-OVS-2: one dedupe key per reminder, student and guardian", () => {
    expect(reminderDedupeKey("r1", "s1", "g1")).toBe("reminder:r1:s1:g1");
  });
});

describe("R-OVS-2: the date-time of a new reminder", () => {
  const base = { level: "3e" as const, phase: "provisional" as const, window: WINDOW, now: NOW };
  const refusal = (sendAt: string, over: Partial<typeof base> = {}) => {
    try {
      validateReminderSendAt({ ...base, ...over, sendAt });
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      return (e as DomainError).fieldErrors?.sendAt?.[0];
    }
    throw new Error("accepted");
  };
  it("R-OVS-2: a Paris wall-clock time inside the window and in the future is accepted", () => {
    expect(validateReminderSendAt({ ...base, sendAt: "2027-02-01T08:00" })).toEqual(new Date("2027-02-01T07:00:00Z"));
  });
  it("R-OVS-2: missing, impossible, past, not published, or outside the window: a French message each", () => {
    expect(refusal("")).toBe(SEND_AT_MISSING_MESSAGE);
    expect(refusal("2027-02-30T08:00")).toBe(SEND_AT_MISSING_MESSAGE);
    expect(refusal("2027-01-12T10:00")).toBe(SEND_AT_PAST_MESSAGE);
    expect(refusal("2027-02-01T08:00", { window: undefined })).toBe(windowNotPublishedMessage("3e", "provisional"));
    expect(refusal("2027-02-12T18:00")).toBe(outsideWindowMessage(WINDOW));
    expect(outsideWindowMessage(WINDOW)).toBe(
      "La relance doit partir pendant l'ouverture du service en ligne, entre le 04/01/2027 à 08:00 et le 12/02/2027 à 18:00 (heure de Paris).",
    );
    expect(refusal("2027-03-01T08:00", { now: new Date("2027-01-01T00:00:00Z") })).toBe(outsideWindowMessage(WINDOW));
  });
  it("R-OVS-2: the form's level and phase are the product's", () => {
    expect(reminderFormSchema.safeParse({ level: "3e", phase: "final", sendAt: "2027-02-01T08:00" }).success).toBe(true);
    expect(reminderFormSchema.safeParse({ level: "1re", phase: "final", sendAt: "2027-02-01T08:00" }).success).toBe(false);
  });
});

describe("R-OVS-2: the lists", () => {
  const row: ReminderRow = {
    id: "r1",
    level: "3e",
    phase: "provisional",
    sendAt: new Date("2027-02-01T07:00:00Z"),
    schoolId: null,
    createdByName: "Mme Anne Saio",
    cancelledAt: null,
    cancelledByName: null,
    processedAt: null,
    claimed: false,
    families: 0,
    emails: 0,
    withoutEmail: 0,
  };
  it("R-OVS-2: scheduled (cancellable), sent with its counts, cancelled", () => {
    expect(describeReminder(row, NOW)).toMatchObject({
      title: "3e – Intentions provisoires",
      sendAt: "01/02/2027 à 08:00",
      state: "scheduled",
      cancellable: true,
    });
    expect(describeReminder({ ...row, processedAt: new Date("2027-02-01T07:00:30Z"), families: 12, emails: 20, withoutEmail: 1 }, NOW)).toMatchObject({
      state: "sent",
      cancellable: false,
      stateLabel: "Envoyée le 01/02/2027 à 08:00 : 12 familles relancées, 20 courriels, 1 représentant légal sans adresse électronique",
    });
    expect(describeReminder({ ...row, cancelledAt: new Date("2027-01-20T10:00:00Z"), cancelledByName: "Mme Anne Saio" }, NOW)).toMatchObject({
      state: "cancelled",
      cancellable: false,
      stateLabel: "Annulée le 20/01/2027 à 11:00 par Mme Anne Saio",
    });
  });
  it("R-OVS-2: a reminder the job has started (claimed, batches under way) is «En cours d'envoi» with its counts so far, no longer cancellable", () => {
    expect(describeReminder({ ...row, claimed: true, families: 3, emails: 5, withoutEmail: 1 }, new Date("2027-02-01T07:01:00Z"))).toMatchObject({
      state: "scheduled",
      cancellable: false,
      stateLabel: "En cours d'envoi : 3 familles relancées, 5 courriels, 1 représentant légal sans adresse électronique",
    });
  });
  it("R-OVS-2: who was reminded names the guardian, the address or its absence, and the reminder's origin", () => {
    const line = describeRemindedLine({
      studentId: "s1",
      lastName: "Martin",
      firstName: "Léa",
      division: "3A",
      guardianFirstName: "Claire",
      guardianLastName: "Martin",
      civility: "Mme",
      toAddress: null,
      sentAt: new Date("2027-02-01T07:00:00Z"),
      level: "3e",
      phase: "provisional",
      fromSchool: false,
    });
    expect(line).toMatchObject({
      student: "Martin Léa",
      guardian: "Mme Claire Martin",
      address: "Sans adresse électronique",
      date: "01/02/2027 à 08:00",
      reminder: "Académie – Intentions provisoires (3e)",
    });
  });
});

describe("R-OVS-2: the reminder e-mail", () => {
  const vars: ReminderVars = {
    civility: "Mme",
    phase: "provisional",
    studentFirstName: "Léa",
    closesAt: "12/02/2027 à 18:00",
    familyPageUrl: "https://orientation.example.fr/famille/eleves/s1",
    school,
  };
  it("R-OVS-2: the provisional reminder: subject, greeting, first name, closing date, link, school contact", () => {
    expect(reminderEmail.subject(vars)).toBe(REMINDER_PROVISIONAL_SUBJECT);
    expect(REMINDER_PROVISIONAL_SUBJECT).toBe("[ORIENTATION] Rappel : saisie des intentions d'orientation provisoires");
    const text = reminderEmail.text(vars);
    expect(text).toMatch(/^Madame,/);
    expect(text).toContain("ouvert jusqu'au 12/02/2027 à 18:00 (heure de Paris)");
    expect(text).toContain("aucune intention d'orientation provisoire n'a été validée pour Léa");
    expect(text).toContain("https://orientation.example.fr/famille/eleves/s1");
    expect(text).toContain(school.name);
    const html = reminderEmail.html(vars);
    expect(html).toContain('<a href="https://orientation.example.fr/famille/eleves/s1">');
    expect(html).toContain('lang="fr"');
  });
  it("R-OVS-2: the final reminder has its own subject and words; names are escaped in HTML", () => {
    const v = { ...vars, phase: "final" as const, civility: null, studentFirstName: "<Zoé>" };
    expect(reminderEmail.subject(v)).toBe(REMINDER_FINAL_SUBJECT);
    expect(reminderEmail.text(v)).toMatch(/^Madame, Monsieur,/);
    expect(reminderEmail.text(v)).toContain("aucun choix définitif n'a été validé pour <Zoé>");
    expect(reminderEmail.html(v)).toContain("&lt;Zoé&gt;");
    expect(reminderEmail.html(v)).not.toContain("<Zoé>");
  });
  it("R-OVS-2 with R-AUTH-4: for an adult student, the guardians read that the student enters for themself", () => {
    const text = reminderEmail.text({ ...vars, adultStudent: true });
    expect(text).toContain("Léa étant majeur(e), c'est à Léa de saisir et valider ses intentions d'orientation provisoires avant cette date");
    expect(text).not.toContain("Nous vous invitons à saisir");
    expect(reminderEmail.text(vars)).toContain("Nous vous invitons à saisir et valider les intentions d'orientation provisoires de Léa");
  });
  it("R-OVS-2: registered as an e-mail kind", () => {
    expect(EMAIL_TEMPLATES.reminder).toBe(reminderEmail);
    expect(EMAIL_KINDS.find((k) => k.kind === "reminder")).toMatchObject({ rule: "R-OVS-2" });
  });
});
