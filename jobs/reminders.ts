import { sendDueReminders, type ReminderRun } from "@/lib/services/reminders";
import type { JobContext } from "./job";

/**
 * R-OVS-2: the reminders job. Every due reminder (its sendAt reached, neither processed nor
 * cancelled) is claimed by one worker (a token and a lease on the reminder row, on the database's
 * clock) and sent in batches of students, each its own short transaction
 * (lib/services/reminders.ts sendOneDueReminder): several workers at once each take a different
 * one; a crash mid-way leaves the batches committed, and another worker continues after them once
 * the lease has run out; the outbox's dedupe keys and reminder_sends' key hold the rest. The
 * e-mails leave with the outbox sender.
 */
export async function run({ db, now, log }: JobContext): Promise<ReminderRun[]> {
  const runs = await sendDueReminders(db, now);
  for (const r of runs) {
    log.info(`relance ${r.reminderId} : ${r.families} famille(s), ${r.emails} courriel(s), ${r.withoutEmail} représentant(s) légal(aux) sans adresse`);
  }
  return runs;
}
