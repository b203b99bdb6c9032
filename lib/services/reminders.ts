import { reminderEmail } from "@/emails/reminder";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import type { Actor } from "@/lib/auth/policy";
import { NotFoundError } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import {
  advanceReminder,
  cancelReminder as cancelReminderRow,
  claimDueReminder,
  findCampaignWindow,
  findReminderCandidates,
  findReminderRecipients,
  findSameScheduledReminder,
  insertReminder,
  insertReminderSends,
  linkReminderOutbox,
  ownsReminder,
  renewReminderClaim,
  type ReminderClaim,
} from "@/lib/db/repositories/reminders";
import { isAdult, schoolYearOf } from "@/lib/domain/calendar";
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

/**
 * Schedules a reminder: its date-time inside the académie's window of the level and phase, in the
 * future. The same reminder submitted again (same owner, level, phase and instant, still waiting)
 * is the one already scheduled: no new row, no audit row (docs/decisions/010).
 */
export async function scheduleReminder(db: Db, actor: Actor, owner: ReminderOwner, input: ReminderFormInput, now: Date): Promise<{ id: string }> {
  const schoolYear = schoolYearOf(now);
  const window = await findCampaignWindow(db, { academyId: owner.academyId, schoolYear, level: input.level, phase: input.phase });
  const sendAt = validateReminderSendAt({ sendAt: input.sendAt, level: input.level, phase: input.phase, window, now });
  return db.transaction(async (tx) => {
    // A replay (double click, second tab, the browser sending the POST again) schedules nothing new.
    const same = await findSameScheduledReminder(tx, { ...owner, level: input.level, phase: input.phase, sendAt });
    if (same) return { id: same };
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

/** Students read per batch: a batch's transaction (and its hold on the students' locks) stays well under a second. */
export const REMINDER_BATCH_SIZE = 1000;
/** The claim's lease, renewed by each batch: far longer than one batch takes. */
export const REMINDER_LEASE_MS = 5 * 60_000;

export type ReminderJobOptions = {
  batchSize?: number;
  leaseMs?: number;
  /** Called after each batch committed (tests: a crash between two batches, a slow worker). */
  afterBatch?: (batch: number) => Promise<void> | void;
};

/*
 * R-OVS-2 at the scale of an académie (bench/reminders.ts: 100,000 3e students, 40,000 families to
 * remind). Sent in ONE transaction, the reminder held the locks of every student it reminds for the
 * whole run (24 s in the bench), and a family validating then waited as long. So a reminder is sent
 * in bounded batches, each its own short transaction:
 * - the claim (claimDueReminder, its own transaction): a token and a lease on the reminder row, on
 *   the database's clock. A second worker skips a claimed reminder; if the worker dies, the lease
 *   runs out and another worker takes it over, after the last batch committed. Claimed, a reminder
 *   can no longer be cancelled (its first families may be reminded already).
 * - each batch (sendReminderBatch): renews the claim (same token, else this worker lost it and
 *   stops) and keeps the reminder row locked until it commits (no two batches of one reminder at
 *   once, even when a lease ran out under a slow worker); reads the next `batchSize` students of the
 *   scope after the reminder's progress (id order), selects the families to remind
 *   (`isFamilyToRemind`), locks those students and reads their entries again under the locks (a
 *   family that validated meanwhile is left out; one that validates after waits for this batch only
 *   and expires its e-mail), records who it reaches (reminder_sends, ON CONFLICT DO NOTHING),
 *   queues one e-mail per guardian with an address (dedupe key per reminder, student and guardian),
 *   and moves the progress past its last student — all in the batch's transaction. The last batch
 *   (fewer students than `batchSize`) marks the reminder processed.
 * A crash between two batches leaves the batches committed and the progress after them: the next
 * worker continues from there, and the keys (reminder_sends', the outbox's dedupe key) would turn
 * any replay of a batch into nothing. A crash inside a batch leaves nothing of that batch.
 */

/** One batch, in its transaction. False: the claim was lost (taken over, or the reminder cancelled or processed). */
async function sendReminderBatch(
  tx: Queryable,
  r: ReminderClaim,
  now: Date,
  batchSize: number,
  leaseMs: number,
): Promise<{ families: number; emails: number; withoutEmail: number; done: boolean } | false> {
  const held = await renewReminderClaim(tx, r, leaseMs);
  if (!held) return false;
  const window = await findCampaignWindow(tx, r);
  const pick = (rows: Awaited<ReturnType<typeof findReminderCandidates>>) =>
    rows.filter((c) => isFamilyToRemind({ ...c, window }, now)).map((c) => c.studentId);
  const page = await findReminderCandidates(tx, r, { after: held.progressStudentId, limit: batchSize });
  let studentIds = pick(page);
  if (studentIds.length > 0) {
    await lockStudents(tx, studentIds);
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
        // R-AUTH-4: an adult student enters for themself; their guardians only read.
        adultStudent: isAdult(g.studentBirthDate, now),
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
  await linkReminderOutbox(tx, r.id, studentIds);
  const done = page.length < batchSize;
  await advanceReminder(tx, r.id, page.at(-1)?.studentId ?? held.progressStudentId, done ? now : null);
  return { families: studentIds.length, emails: emails.length, withoutEmail: recipients.length - emails.length, done };
}

/**
 * R-OVS-2: sends ONE due reminder, batch after batch (see above). Returns what this worker sent
 * (a taken-over reminder: the batches after the takeover), or null: nothing due and free.
 */
export async function sendOneDueReminder(db: Db, now: Date, opts: ReminderJobOptions = {}): Promise<ReminderRun | null> {
  const batchSize = opts.batchSize ?? REMINDER_BATCH_SIZE;
  const leaseMs = opts.leaseMs ?? REMINDER_LEASE_MS;
  const r = await db.transaction((tx) => claimDueReminder(tx, now, leaseMs));
  if (!r) return null;
  const run: ReminderRun = { reminderId: r.id, families: 0, emails: 0, withoutEmail: 0 };
  for (let batch = 1; ; batch++) {
    const sent = await db.transaction((tx) => sendReminderBatch(tx, r, now, batchSize, leaseMs));
    if (!sent) break;
    run.families += sent.families;
    run.emails += sent.emails;
    run.withoutEmail += sent.withoutEmail;
    if (sent.done) break;
    await opts.afterBatch?.(batch);
  }
  return run;
}

/** The job's pass: every due reminder, one after the other (at most `max` in one pass). */
export async function sendDueReminders(db: Db, now: Date, max = 50, opts: ReminderJobOptions = {}): Promise<ReminderRun[]> {
  const runs: ReminderRun[] = [];
  for (let i = 0; i < max; i++) {
    const run = await sendOneDueReminder(db, now, opts);
    if (!run) break;
    runs.push(run);
  }
  return runs;
}
