import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, type Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { DEMO_ACADEMY_ID, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import { replaceRequestItems, takeHand } from "@/lib/db/repositories/family-requests";
import { reminders, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import { describeReminder, REMINDER_NOT_CANCELLABLE_MESSAGE, SEND_AT_PAST_MESSAGE } from "@/lib/domain/reminders";
import { listReminders } from "@/lib/db/repositories/reminders";
import type { Intention } from "@/lib/domain/intentions";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { sendDueEmails } from "@/lib/outbox/sender";
import { silentLog } from "@/lib/log";
import { validateIntentions } from "@/lib/services/family-intentions";
import { cancelReminder, scheduleReminder, sendDueReminders, sendOneDueReminder } from "@/lib/services/reminders";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import { run as remindersJob } from "@/jobs/reminders";
import { asRequest } from "@/lib/auth/guard";
import { loadSchoolRemindersPage } from "@/lib/loaders/school-reminders";
import { loadAcademyRemindersPage } from "@/lib/loaders/academy-reminders";
import { actorByLogin, demoActor } from "../support/final-fixtures";
import { startSmtpSink } from "../support/smtp-sink";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-OVS-2 against PostgreSQL: the reminders job selects the families that have not validated,
 * records who it reached, queues one e-mail per guardian with an address, once — two workers at
 * once, a replay, a crash mid-way — and never once the family has validated.
 */

const NOW = new Date("2026-11-23T09:00:00Z"); // 10:00 in Paris; the demo's 3e provisional window is open
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
/** A Paris wall-clock value `minutes` after NOW (NOW is 10:00 in Paris, UTC+1 in November). */
const parisInput = (minutes: number) => {
  const d = new Date(later(minutes).getTime() + 60 * 60_000);
  return d.toISOString().slice(0, 16);
};
const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };

let t: TestDb;
let saio: Actor;
let headCollege: Actor;
let headLycee: Actor;
const academy = { academyId: DEMO_ACADEMY_ID, schoolId: null };
let minute = 0;

/** Schedules a reminder `level`/`phase` for the next free minute, and returns its id and when it is due. */
async function schedule(
  owner: { academyId: string; schoolId: string | null },
  actor: Actor,
  level: "3e" | "2GT" = "3e",
  phase: "provisional" | "final" = "provisional",
) {
  minute += 10;
  const { id } = await scheduleReminder(t.db, actor, owner, { level, phase, sendAt: parisInput(minute) }, NOW);
  return { id, due: later(minute + 1) };
}

async function sendsOf(reminderId: string) {
  return (
    await t.db.execute<{ student_id: string; guardian_id: string; to_address: string | null; outbox_id: string | null }>(
      sql`select student_id, guardian_id, to_address, outbox_id from reminder_sends where reminder_id = ${reminderId} order by student_id, guardian_id`,
    )
  ).rows;
}
async function outboxOf(reminderId: string) {
  return (
    await t.db.execute<{ id: string; dedupe_key: string; to_address: string; status: string; subject: string; text: string }>(
      sql`select id, dedupe_key, to_address, status, subject, text from outbox_emails where dedupe_key like ${`reminder:${reminderId}:%`} order by dedupe_key`,
    )
  ).rows;
}
async function studentIdByIne(ine: string): Promise<string> {
  const [s] = await t.db.select({ id: students.id }).from(students).where(eq(students.ine, ine));
  return s!.id;
}
/** The collège's 3e students in the procedure, without any entry for the provisional phase, in id order (the named demo families last). */
async function openCollegeStudents(): Promise<string[]> {
  const named = await Promise.all([DEMO_FAMILY.student3A, DEMO_FAMILY.noEmail, DEMO_FAMILY.student3B].map((f) => studentIdByIne(f.student.ine)));
  const ids = (
    await t.db.execute<{ id: string }>(sql`
      select s.id from students s join divisions d on d.id = s.division_id
      where s.school_id = ${headCollege.schoolId} and d.level = '3e' and s.out_of_procedure_reason is null and s.left_on is null
        and not exists (select 1 from family_requests fr where fr.student_id = s.id and fr.phase = 'provisional')
        and not exists (select 1 from school_requests sr where sr.student_id = s.id and sr.phase = 'provisional')
      order by s.id`)
  ).rows.map((r) => r.id);
  return [...ids.filter((id) => !named.includes(id)), ...ids.filter((id) => named.includes(id))];
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false });
  saio = await demoActor(t.db, "saio", "");
  headCollege = await demoActor(t.db, "head", "Stendhal");
  headLycee = await demoActor(t.db, "head", "Champollion");
}, 120_000);
afterAll(async () => t?.drop());

describe("R-OVS-2: scheduling", () => {
  it("R-OVS-2: a reminder in the past or outside the académie's window is refused with a French message", async () => {
    const refusal = (sendAt: string) =>
      scheduleReminder(t.db, saio, academy, { level: "3e", phase: "provisional", sendAt }, NOW).then(
        () => null,
        (e: unknown) => e as DomainError,
      );
    const past = await refusal("2026-11-23T09:59");
    expect(past).toBeInstanceOf(DomainError);
    expect(past!.fieldErrors?.sendAt).toEqual([SEND_AT_PAST_MESSAGE]);
    // The 3e final phase opens in 120 days: not before.
    const beforeFinal = await scheduleReminder(t.db, saio, academy, { level: "3e", phase: "final", sendAt: parisInput(60) }, NOW).catch((e: unknown) => e);
    expect(beforeFinal).toBeInstanceOf(DomainError);
    expect((beforeFinal as DomainError).fieldErrors?.sendAt?.[0]).toMatch(/^La relance doit partir pendant l'ouverture du service en ligne, entre le /);
    expect(await t.db.select().from(reminders)).toHaveLength(0);
  });
});

describe("R-OVS-2 with docs/decisions/010: a replayed schedule", () => {
  it("R-OVS-2: the same reminder submitted twice in turn, then twice at once, is scheduled once (one row, one audit row); another instant is another reminder", async () => {
    const owner = { academyId: DEMO_ACADEMY_ID, schoolId: headCollege.schoolId };
    const input = { level: "3e" as const, phase: "provisional" as const, sendAt: parisInput(5) };
    const first = await scheduleReminder(t.db, headCollege, owner, input, NOW);
    const replay = await scheduleReminder(t.db, headCollege, owner, input, NOW);
    expect(replay.id).toBe(first.id);
    const atOnce = await Promise.all([
      scheduleReminder(t.db, headCollege, owner, { ...input, sendAt: parisInput(7) }, NOW),
      scheduleReminder(t.db, headCollege, owner, { ...input, sendAt: parisInput(7) }, NOW),
    ]);
    expect(atOnce[0].id).toBe(atOnce[1].id);
    const rows = await t.db.select().from(reminders).where(eq(reminders.schoolId, headCollege.schoolId!));
    expect(rows).toHaveLength(2);
    const audits = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'reminder.schedule' and entity_id in (${first.id}, ${atOnce[0].id})`,
    );
    expect(audits.rows[0]!.n).toBe(2);
    // Cleaned: the job tests below count the collège's reminders.
    for (const r of rows) await cancelReminder(t.db, headCollege, owner, r.id, NOW);
  });
});

describe("R-OVS-2: the reminders job", () => {
  it("R-OVS-2: families that validated (online or by the school), hors procédure or gone are not reminded; a guardian without e-mail is recorded with no address", async () => {
    const open = await openCollegeStudents();
    const [validatedOnline, enteredBySchool, outOfProcedure, left] = open;
    // One validated online (family_requests), one entered by the school (school_requests, R-SCH-1).
    await t.db.transaction(async (tx) => {
      const hand = await takeHand(tx, { studentId: validatedOnline!, phase: "provisional", accountId: saio.accountId, holderName: "Mme Test", at: NOW });
      await replaceRequestItems(tx, hand!.id, [GT]);
      const [r] = (
        await tx.execute<{ id: string }>(
          sql`insert into school_requests (student_id, phase, source, entered_by_name, entered_at) values (${enteredBySchool}, 'provisional', 'school', 'test', ${NOW.toISOString()}) returning id`,
        )
      ).rows;
      await tx.execute(sql`insert into school_request_items (request_id, rank, track) values (${r!.id}, 1, '2GT')`);
    });
    await t.db.execute(
      sql`update students set out_of_procedure_reason = 'Parcours particulier', out_of_procedure_at = ${NOW.toISOString()} where id = ${outOfProcedure}`,
    );
    await t.db.execute(sql`update students set left_on = '2026-11-10' where id = ${left}`);
    const noEmail = await studentIdByIne(DEMO_FAMILY.noEmail.student.ine);

    const { id, due } = await schedule(academy, saio);
    expect(await sendDueReminders(t.db, later(minute - 1))).toEqual([]); // not due yet
    const [run] = await sendDueReminders(t.db, due);
    const sends = await sendsOf(id);
    const reached = new Set(sends.map((s) => s.student_id));
    for (const s of [validatedOnline, enteredBySchool, outOfProcedure, left]) expect(reached.has(s!)).toBe(false);
    // Every other collège 3e family is reached (the lycée has no 3e).
    const expected = (await openCollegeStudents()).filter((s) => s !== outOfProcedure && s !== left).sort();
    expect([...reached].sort()).toEqual(expected);
    expect(run).toMatchObject({ reminderId: id, families: expected.length });
    // The guardian of rank 1 of the «no e-mail» family: recorded, no address, no e-mail; the other one gets it.
    const noEmailSends = sends.filter((s) => s.student_id === noEmail);
    expect(noEmailSends).toHaveLength(2);
    expect(noEmailSends.filter((s) => s.to_address === null)).toHaveLength(1);
    const mails = await outboxOf(id);
    expect(mails).toHaveLength(sends.filter((s) => s.to_address !== null).length);
    expect(run!.emails).toBe(mails.length);
    expect(run!.withoutEmail).toBe(sends.length - mails.length);
    for (const s of sends.filter((x) => x.to_address)) {
      expect(s.outbox_id).not.toBeNull();
      expect(mails.map((m) => m.dedupe_key)).toContain(`reminder:${id}:${s.student_id}:${s.guardian_id}`);
    }
    expect(mails[0]!.subject).toBe("[ORIENTATION] Rappel : saisie des intentions d'orientation provisoires");
    const [r] = await t.db.select().from(reminders).where(eq(reminders.id, id));
    expect(r!.processedAt).toEqual(due);
  });

  it("R-OVS-2: never twice: a second run, two workers at once, and a crash mid-way send each e-mail once", async () => {
    // A crash before the commit (after the sends and e-mails were written): nothing stays, the reminder is still due.
    const { id, due } = await schedule(academy, saio);
    const crashing = {
      transaction: (fn: (tx: unknown) => Promise<unknown>) =>
        t.db.transaction(async (tx) => {
          await fn(tx);
          throw new Error("crash");
        }),
    } as unknown as Db;
    await expect(sendOneDueReminder(crashing, due)).rejects.toThrow("crash");
    expect(await sendsOf(id)).toHaveLength(0);
    expect(await outboxOf(id)).toHaveLength(0);

    // Two workers at once: one takes it, the other finds nothing due (SKIP LOCKED).
    const both = await Promise.all([sendDueReminders(t.db, due), sendDueReminders(t.db, due)]);
    expect(both.flat().map((r) => r.reminderId)).toEqual([id]);
    const mails = await outboxOf(id);
    expect(mails.length).toBeGreaterThan(0);
    expect(new Set(mails.map((m) => m.dedupe_key)).size).toBe(mails.length);
    // A replay (the job again, later): nothing.
    expect(await remindersJob({ db: t.db, now: later(minute + 30), mailer: null, log: silentLog })).toEqual([]);
    expect(await outboxOf(id)).toHaveLength(mails.length);
  });

  it("R-OVS-2: a family that validates after the reminder was queued and before it left gets no reminder e-mail", async () => {
    const studentId = await studentIdByIne(DEMO_FAMILY.student3A.student.ine);
    const { id, due } = await schedule(academy, saio);
    await sendDueReminders(t.db, due);
    const queued = (await outboxOf(id)).filter((m) => m.dedupe_key.includes(studentId));
    expect(queued).toHaveLength(2);
    expect(queued.every((m) => m.status === "pending")).toBe(true);

    const g1 = await actorByLogin(t.db, DEMO_FAMILY.student3A.guardians[0]!.login);
    const scope = (await findStudentScope(t.db, studentId, due))!;
    const sessionId = await startAuthSession(t.db, g1.accountId, due, 30);
    await validateIntentions(t.db, { actor: g1, scope, sessionId, intentions: [GT], now: due });
    const after = (await outboxOf(id)).filter((m) => m.dedupe_key.includes(studentId));
    expect(after.map((m) => m.status)).toEqual(["expired", "expired"]);

    // The sender sends the others, never these.
    const sink = await startSmtpSink();
    const mailer = createSmtpMailer(sink.url);
    try {
      await sendDueEmails({ db: t.db, now: later(minute + 5), mailer, log: silentLog });
      const to = new Set(sink.messages.filter((m) => m.subject.startsWith("[ORIENTATION] Rappel")).flatMap((m) => m.to));
      expect(to.size).toBeGreaterThan(0);
      for (const m of queued) expect(to.has(m.to_address)).toBe(false);
      const first = sink.messages.find((m) => m.subject.startsWith("[ORIENTATION] Rappel"))!;
      expect(first.text).toContain("(heure de Paris)");
      expect(first.from).toBe("ne-pas-repondre@ac-grenoble.fr");
    } finally {
      await mailer.close();
      await sink.close();
    }
    // The next reminder does not select that family any more.
    const next = await schedule(academy, saio);
    await sendDueReminders(t.db, next.due);
    expect((await sendsOf(next.id)).some((s) => s.student_id === studentId)).toBe(false);
  });

  it("R-OVS-2: a family validating while the job runs is either left out or its e-mail expires (the job waits on the student's lock)", async () => {
    const [studentId] = await openCollegeStudents();
    const { id, due } = await schedule(academy, saio);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    // A validation in progress: it holds the student's lock, its entry not yet committed.
    const validation = t.db.transaction(async (tx) => {
      await lockStudents(tx, [studentId!]);
      const hand = await takeHand(tx, { studentId: studentId!, phase: "provisional", accountId: saio.accountId, holderName: "Mme Test", at: due });
      await replaceRequestItems(tx, hand!.id, [GT]);
      locked();
      await gate;
    });
    await holding;
    const job = sendDueReminders(t.db, due);
    await new Promise((r) => setTimeout(r, 300));
    release();
    await validation;
    await job;
    expect((await sendsOf(id)).some((s) => s.student_id === studentId)).toBe(false);
    expect((await sendsOf(id)).length).toBeGreaterThan(0);
  });

  it("R-OVS-2: a cancelled reminder is never sent; a sent or cancelled one cannot be cancelled; another school's is not found", async () => {
    const { id, due } = await schedule(academy, saio);
    await cancelReminder(t.db, saio, academy, id, NOW);
    expect(await sendDueReminders(t.db, due)).toEqual([]);
    expect(await sendsOf(id)).toHaveLength(0);
    const [r] = await t.db.select().from(reminders).where(eq(reminders.id, id));
    expect(r!.processedAt).toBeNull();
    expect(r!.cancelledByName).toBe(saio.displayName);
    await expect(cancelReminder(t.db, saio, academy, id, NOW)).rejects.toThrow(REMINDER_NOT_CANCELLABLE_MESSAGE);

    const school = { academyId: DEMO_ACADEMY_ID, schoolId: headCollege.schoolId };
    const own = await schedule(school, headCollege);
    // Not the académie's nor the other school's to cancel.
    await expect(cancelReminder(t.db, saio, academy, own.id, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelReminder(t.db, headLycee, { academyId: DEMO_ACADEMY_ID, schoolId: headLycee.schoolId }, own.id, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await sendDueReminders(t.db, own.due);
    await expect(cancelReminder(t.db, headCollege, school, own.id, NOW)).rejects.toThrow(REMINDER_NOT_CANCELLABLE_MESSAGE);
  });

  it("R-OVS-2: scope: a school's reminder reaches its own students only; the académie's reaches every school's; a school that closed its service is left out", async () => {
    // 2GT final phase: open today at the lycée (the demo); the académie's reminder reaches the lycée.
    const ac = await schedule(academy, saio, "2GT", "final");
    await sendDueReminders(t.db, ac.due);
    const acSchools = (
      await t.db.execute<{ school_id: string }>(
        sql`select distinct s.school_id from reminder_sends rs join students s on s.id = rs.student_id where rs.reminder_id = ${ac.id}`,
      )
    ).rows.map((r) => r.school_id);
    expect(acSchools).toEqual([headLycee.schoolId]);

    const school = { academyId: DEMO_ACADEMY_ID, schoolId: headCollege.schoolId };
    const own = await schedule(school, headCollege);
    const other = await schedule(academy, saio);
    await sendDueReminders(t.db, other.due);
    const ownSchools = (
      await t.db.execute<{ school_id: string }>(
        sql`select distinct s.school_id from reminder_sends rs join students s on s.id = rs.student_id where rs.reminder_id = ${own.id}`,
      )
    ).rows.map((r) => r.school_id);
    expect(ownSchools).toEqual([headCollege.schoolId]);
    // The collège closes its 3e provisional service (R-CAL-3): the académie's next reminder reaches none of it.
    await t.db.execute(
      sql`insert into school_service_closures (school_id, level, phase, closed, updated_by_name) values (${headCollege.schoolId}, '3e', 'provisional', true, 'test')`,
    );
    const closed = await schedule(academy, saio);
    const [run] = await sendDueReminders(t.db, closed.due);
    expect(run).toMatchObject({ reminderId: closed.id, families: 0, emails: 0 });
  });
});

describe("R-OVS-2: the pages", () => {
  const as = <T>(actor: Actor, fn: () => Promise<T>) =>
    asRequest({ actor, sessionId: "00000000-0000-4000-8000-000000000001", db: t.db, now: later(minute + 60) }, fn);
  const notFound = (err: unknown) => String((err as { digest?: string })?.digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404");

  it("R-OVS-2: the head sees who was reminded and the guardians without an address of the families that have not validated; not a homeroom teacher", async () => {
    await t.db.execute(sql`delete from school_service_closures`);
    const { id, due } = await schedule({ academyId: DEMO_ACADEMY_ID, schoolId: headCollege.schoolId }, headCollege);
    await sendDueReminders(t.db, due);
    const page = await as(headCollege, loadSchoolRemindersPage);
    const sends = await sendsOf(id);
    expect(page.reminded.filter((r) => r.reminder === "Établissement – Intentions provisoires (3e)").length).toBeGreaterThanOrEqual(sends.length);
    expect(page.reminded.some((r) => r.reminder === "Académie – Intentions provisoires (3e)")).toBe(true);
    const noAddress = sends.filter((s) => s.to_address === null).length;
    expect(noAddress).toBeGreaterThan(0);
    // The same rule as the job's, the same moment: its guardians without an address are the ones to call.
    expect(page.toCall).toHaveLength(noAddress);
    expect(page.reminders.find((r) => r.id === id)).toMatchObject({ state: "sent", cancellable: false });
    expect(page.form.levels.map((l) => l.value)).toEqual(["3e"]);

    const homeroom = await demoActor(t.db, "homeroom", "3A");
    await expect(as(homeroom, loadSchoolRemindersPage)).rejects.toSatisfy(notFound);
    await expect(as(headCollege, loadAcademyRemindersPage)).rejects.toSatisfy(notFound);
    const academyPage = await as(saio, loadAcademyRemindersPage);
    expect(academyPage.reminders.length).toBeGreaterThan(0);
    expect(academyPage.reminders.every((r) => !page.reminders.some((x) => x.id === r.id))).toBe(true);
  });
});

describe("R-OVS-2: a reminder sent in batches (an académie of 100,000 students: bench/reminders.ts)", () => {
  const BATCH = { batchSize: 2 };
  /** Each family of the reminder reached once, each e-mail queued once and linked, the reminder marked sent. */
  async function expectEachFamilyOnce(id: string, due: Date, expected: string[]) {
    const sends = await sendsOf(id);
    expect([...new Set(sends.map((s) => s.student_id))].sort()).toEqual([...expected].sort());
    const mails = await outboxOf(id);
    expect(mails).toHaveLength(sends.filter((s) => s.to_address !== null).length);
    expect(new Set(mails.map((m) => m.dedupe_key)).size).toBe(mails.length);
    expect(sends.filter((s) => s.to_address !== null).every((s) => s.outbox_id !== null)).toBe(true);
    const [r] = await t.db.select().from(reminders).where(eq(reminders.id, id));
    expect(r!.processedAt).toEqual(due);
  }

  it("R-OVS-2: a crash between two batches, then another worker once the lease has run out: each family reminded once", async () => {
    const expected = await openCollegeStudents();
    expect(expected.length).toBeGreaterThan(6); // several batches of 2
    const { id, due } = await schedule(academy, saio);
    // The worker dies after the first batch that reminded someone (the demo's first students in id order may all have validated).
    const crash = async () => {
      if ((await sendsOf(id)).length > 0) throw new Error("crash");
    };
    await expect(sendOneDueReminder(t.db, due, { ...BATCH, afterBatch: crash })).rejects.toThrow("crash");
    // The batches committed stay; the reminder is neither sent nor cancellable.
    const partial = new Set((await sendsOf(id)).map((s) => s.student_id));
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(expected.length);
    const [claimed] = await t.db.select().from(reminders).where(eq(reminders.id, id));
    expect(claimed!.processedAt).toBeNull();
    await expect(cancelReminder(t.db, saio, academy, id, NOW)).rejects.toThrow(REMINDER_NOT_CANCELLABLE_MESSAGE);
    const listed = (await listReminders(t.db, academy)).find((r) => r.id === id)!;
    expect(describeReminder(listed, due)).toMatchObject({ state: "scheduled", cancellable: false });
    expect(listed.families).toBe(partial.size);
    // Its lease still runs: no other worker takes it.
    expect(await sendDueReminders(t.db, due, 50, BATCH)).toEqual([]);
    // The lease runs out (the worker died): the next worker continues after the last batch committed.
    await t.db.execute(sql`update reminders set claimed_until = clock_timestamp() - interval '1 second' where id = ${id}`);
    const [run] = await sendDueReminders(t.db, due, 50, BATCH);
    expect(run!.reminderId).toBe(id);
    expect(run!.families + partial.size).toBe(expected.length);
    await expectEachFamilyOnce(id, due, expected);
  });

  it("R-OVS-2: two workers at once on a reminder of several batches: one sends it, each family once", async () => {
    const expected = await openCollegeStudents();
    const { id, due } = await schedule(academy, saio);
    const both = await Promise.all([sendDueReminders(t.db, due, 50, BATCH), sendDueReminders(t.db, due, 50, BATCH)]);
    expect(both.flat().map((r) => r.reminderId)).toEqual([id]);
    expect(both.flat()[0]!.families).toBe(expected.length);
    await expectEachFamilyOnce(id, due, expected);
  });

  it("R-OVS-2: a slow worker whose lease ran out is taken over and stops at its next batch: each family once", async () => {
    const expected = await openCollegeStudents();
    const { id, due } = await schedule(academy, saio);
    let other: Awaited<ReturnType<typeof sendOneDueReminder>> = null;
    // The slow worker: a lease of 1 ms; after its first batch, another worker takes the reminder over and finishes it.
    const slow = await sendOneDueReminder(t.db, due, {
      batchSize: 2,
      leaseMs: 1,
      afterBatch: async (b) => {
        if (b !== 1) return;
        await new Promise((r) => setTimeout(r, 20));
        other = await sendOneDueReminder(t.db, due, BATCH);
      },
    });
    expect(other).toMatchObject({ reminderId: id });
    expect(slow!.families + other!.families).toBe(expected.length);
    expect(slow!.families).toBeLessThanOrEqual(2);
    await expectEachFamilyOnce(id, due, expected);
  });
});
