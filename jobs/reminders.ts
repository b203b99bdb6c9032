import { sendDueReminders, type ReminderRun } from "@/lib/services/reminders";
import type { JobContext } from "./job";

/**
 * R-OVS-2: the reminders job. Every due reminder (its sendAt reached, neither processed nor
 * cancelled) is taken once, in its own transaction (lib/services/reminders.ts sendOneDueReminder):
 * several workers at once each take a different one (FOR UPDATE SKIP LOCKED), a replay or a
 * crash mid-way never sends twice (the reminder is marked processed in the transaction that
 * queues its e-mails; the outbox's dedupe keys and reminder_sends' key hold the rest). The
 * e-mails leave with the outbox sender.
 */
export async function run({ db, now, log }: JobContext): Promise<ReminderRun[]> {
  const runs = await sendDueReminders(db, now);
  for (const r of runs) {
    log.info(`relance ${r.reminderId} : ${r.families} famille(s), ${r.emails} courriel(s), ${r.withoutEmail} représentant(s) légal(aux) sans adresse`);
  }
  return runs;
}
