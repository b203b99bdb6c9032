import { reminderEmail } from "@/emails/reminder";
import type { Actor } from "@/lib/auth/policy";
import { NotFoundError } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import {
  cancelReminder as cancelReminderRow,
  claimDueReminder,
  findCampaignWindow,
  findReminderCandidates,
  findReminderRecipients,
  insertReminder,
  insertReminderSends,
  linkReminderOutbox,
  lockReminderStudents,
  markReminderProcessed,
  ownsReminder,
} from "@/lib/db/repositories/reminders";
import { schoolYearOf } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { isFamilyToRemind, REMINDER_NOT_CANCELLABLE_MESSAGE, reminderDedupeKey, validateReminderSendAt, type ReminderFormInput } from "@/lib/domain/reminders";
import { env } from "@/lib/env";
import { queueEmails, type EmailToQueue } from "@/lib/outbox/queue";
import { senderAddress } from "@/lib/outbox/sender-address";

/*
 * R-OVS-2: reminders to the families that have not validated. The saio schedules them for their
 * académie (schoolId null), the head for their school; the reminders job sends each once.
 */

/** Whose reminders: the académie's own (schoolId null) or one school's. */
export type ReminderOwner = { academyId: string; schoolId: string | null };

/** Schedules a reminder: its date-time inside the académie's window of the level and phase, in the future. */
export async function scheduleReminder(db: Db, actor: Actor, owner: ReminderOwner, input: ReminderFormInput, now: Date): Promise<{ id: string }> {
  const schoolYear = schoolYearOf(now);
  const window = await findCampaignWindow(db, { academyId: owner.academyId, schoolYear, level: input.level, phase: input.phase });
  const sendAt = validateReminderSendAt({ sendAt: input.sendAt, level: input.level, phase: input.phase, window, now });
  return db.transaction(async (tx) => {
    const id = await insertReminder(tx, {
      academyId: owner.academyId,
      schoolId: owner.schoolId,
      schoolYear,
      level: input.level,
      phase: input.phase,
      sendAt,
      createdByAccountId: actor.accountId,
      createdByName: actor.displayName,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      "reminder.schedule",
      { type: "reminder", id },
      { ...owner, level: input.level, phase: input.phase, sendAt: sendAt.toISOString() },
      now,
    );
    return { id };
  });
}

/** Cancels a reminder not yet sent; an unknown one (or another owner's) is a 404 (R-AUTH-1). Cancelling twice says it is cancelled. */
export async function cancelReminder(db: Db, actor: Actor, owner: ReminderOwner, reminderId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const cancelled = await cancelReminderRow(tx, { id: reminderId, ...owner, at: now, byName: actor.displayName });
    if (!cancelled) {
      if (!(await ownsReminder(tx, { id: reminderId, ...owner }))) throw new NotFoundError();
      throw new DomainError("REMINDER_NOT_CANCELLABLE", REMINDER_NOT_CANCELLABLE_MESSAGE);
    }
    await recordAudit(
      tx,
      actor,
      "reminder.cancel",
      { type: "reminder", id: reminderId },
      { ...owner, ...cancelled, sendAt: cancelled.sendAt.toISOString() },
      now,
    );
  });
}

export type ReminderRun = { reminderId: string; families: number; emails: number; withoutEmail: number };

/**
 * R-OVS-2: sends ONE due reminder, in one transaction: claims it (FOR UPDATE SKIP LOCKED: a second
 * worker takes another one or none), selects the families to remind (`isFamilyToRemind`), locks
 * their students and reads their entries again under the locks (a family that validated meanwhile
 * is left out; one that validates after waits for this commit and expires its e-mail), records who
 * it reaches (reminder_sends, ON CONFLICT DO NOTHING), queues one e-mail per guardian with an
 * address (dedupe key per reminder, student and guardian), and marks the reminder processed. A
 * crash before the commit leaves nothing; a replay finds it processed. Null: nothing due.
 */
export async function sendOneDueReminder(db: Db, now: Date): Promise<ReminderRun | null> {
  return db.transaction(async (tx) => {
    const r = await claimDueReminder(tx, now);
    if (!r) return null;
    const window = await findCampaignWindow(tx, r);
    const pick = (rows: Awaited<ReturnType<typeof findReminderCandidates>>) =>
      rows.filter((c) => isFamilyToRemind({ ...c, window }, now)).map((c) => c.studentId);
    let studentIds = pick(await findReminderCandidates(tx, r));
    if (studentIds.length > 0) {
      await lockReminderStudents(tx, studentIds);
      studentIds = pick(await findReminderCandidates(tx, r, studentIds));
    }
    const recipients = await findReminderRecipients(tx, studentIds);
    await insertReminderSends(
      tx,
      r.id,
      recipients.map((g) => ({ studentId: g.studentId, guardianId: g.guardianId, toAddress: g.email })),
      now,
    );
    const base = env().NEXTAUTH_URL.replace(/\/$/, "");
    const closesAt = window ? formatParisDateTime(window.closesAt) : "";
    const emails: EmailToQueue<typeof reminderEmail>[] = recipients
      .filter((g) => g.email)
      .map((g) => ({
        vars: {
          civility: g.civility,
          phase: r.phase,
          studentFirstName: g.studentFirstName,
          closesAt,
          familyPageUrl: `${base}/famille/eleves/${g.studentId}`,
          school: g.school,
        },
        // Past the closing of the service, a reminder that has not left yet never leaves.
        envelope: {
          to: g.email!,
          from: senderAddress(g.academySenderEmail),
          dedupeKey: reminderDedupeKey(r.id, g.studentId, g.guardianId),
          at: now,
          sendBy: window?.closesAt,
        },
      }));
    await queueEmails(tx, reminderEmail, emails);
    await linkReminderOutbox(tx, r.id);
    await markReminderProcessed(tx, r.id, now);
    return { reminderId: r.id, families: studentIds.length, emails: emails.length, withoutEmail: recipients.length - emails.length };
  });
}

/** The job's pass: every due reminder, one transaction each (at most `max` in one pass). */
export async function sendDueReminders(db: Db, now: Date, max = 50): Promise<ReminderRun[]> {
  const runs: ReminderRun[] = [];
  for (let i = 0; i < max; i++) {
    const run = await sendOneDueReminder(db, now);
    if (!run) break;
    runs.push(run);
  }
  return runs;
}
