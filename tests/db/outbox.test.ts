import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineEmail } from "@/emails/define-email";
import { SCHOOL_CHANGE_SUBJECT, schoolChangeEmail, type SchoolChangeVars } from "@/emails/school-change";
import { outboxEmails } from "@/lib/db/schema";
import { queueEmail } from "@/lib/outbox/queue";
import { createSmtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { backoffMs, sendDueEmails } from "@/lib/outbox/sender";
import { silentLog } from "@/lib/log";
import { sampleSchoolChangeVars } from "../support/email-samples";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createTestDb, type TestDb } from "../support/test-db";

/** A registered kind (emails/registry.ts: the outbox queues no other), numbered by its student's name. */
const varsOf = (n: number): SchoolChangeVars => sampleSchoolChangeVars(`Parent ${n}`);
/** Which numbered e-mail a received message is. */
const numberOf = (m: { text: string }) => / de (Parent \d+) ont été/.exec(m.text)?.[1] ?? null;
const FROM = "Orientation <ne-pas-repondre@orientation.example.fr>";

let t: TestDb;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  [t, sink] = await Promise.all([createTestDb({ poolSize: 8 }), startSmtpSink()]);
  mailer = createSmtpMailer(sink.url, { timeoutMs: 3000 });
});
afterAll(async () => {
  await mailer?.close();
  await sink?.close();
  await t?.drop();
});
beforeEach(async () => {
  sink.up();
  sink.clear();
  await t.db.execute(sql`delete from outbox_emails`);
});

/** A little after the database's now(): PostgreSQL keeps microseconds, a JS Date only milliseconds. */
function justAfter(): Date {
  return new Date(Date.now() + 1000);
}

async function queue(n: number, dedupeKey = `test:${n}`) {
  return queueEmail(t.db, schoolChangeEmail, varsOf(n), { to: `parent${n}@example.fr`, from: FROM, dedupeKey });
}

describe("outbox sender (docs/sync.md, R-SYNC-3, R-SYNC-4)", () => {
  it("R-SYNC-3: sends a queued e-mail over SMTP and marks it sent with its Message-ID", async () => {
    await queue(1);
    const res = await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog });
    expect(res).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.messages).toHaveLength(1);
    const m = sink.messages[0]!;
    expect(m.to).toEqual(["parent1@example.fr"]);
    expect(m.from).toBe("ne-pas-repondre@orientation.example.fr");
    expect(m.subject).toBe(SCHOOL_CHANGE_SUBJECT);
    expect(m.text.trim()).toBe(schoolChangeEmail.text(varsOf(1)).trim());
    expect(m.html).toContain("<p>Madame, Monsieur,</p>");
    const [row] = await t.db.select().from(outboxEmails);
    expect(row!.status).toBe("sent");
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(row!.messageId).toBe(m.messageId);
    expect(row!.attempts).toBe(1);
  });

  it("queues only the kinds of the e-mail registry", async () => {
    const stray = defineEmail<{ n: number }>({ kind: "stray", subject: () => "[ORIENTATION] ?", html: () => "<p>?</p>", text: () => "?" });
    // @ts-expect-error: not a registered kind, refused by type…
    await expect(queueEmail(t.db, stray, { n: 1 }, { to: "a@example.fr", from: FROM, dedupeKey: "stray:1" })).rejects.toThrow("Type de courriel inconnu");
    // …and at run time, even under a registered kind's name.
    const lookalike = { ...schoolChangeEmail };
    await expect(queueEmail(t.db, lookalike, varsOf(1), { to: "a@example.fr", from: FROM, dedupeKey: "stray:2" })).rejects.toThrow("Type de courriel inconnu");
    expect((await t.db.select().from(outboxEmails)).length).toBe(0);
  });

  it("R-SYNC-4: queueing the same dedupeKey twice gives one e-mail", async () => {
    expect(await queue(2, "recap:s1:g1")).toBe(true);
    expect(await queue(3, "recap:s1:g1")).toBe(false);
    await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog });
    // A later run queueing it again after it was sent still adds nothing.
    expect(await queue(2, "recap:s1:g1")).toBe(false);
    await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog });
    expect(sink.messages.map(numberOf)).toEqual(["Parent 2"]);
  });

  it("R-SYNC-4: two senders running concurrently send each e-mail exactly once", async () => {
    for (let i = 0; i < 60; i++) await queue(100 + i);
    const now = justAfter();
    const mailer2 = createSmtpMailer(sink.url, { timeoutMs: 3000 });
    try {
      const [a, b] = await Promise.all([
        sendDueEmails({ db: t.db, now, mailer, log: silentLog, batchSize: 5 }),
        sendDueEmails({ db: t.db, now, mailer: mailer2, log: silentLog, batchSize: 5 }),
      ]);
      expect(a.sent + b.sent).toBe(60);
      // Both really worked (SKIP LOCKED shares the rows, it does not serialise the senders).
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    } finally {
      await mailer2.close();
    }
    const numbers = sink.messages.map(numberOf);
    expect(numbers).toHaveLength(60);
    expect(new Set(numbers).size).toBe(60);
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from outbox_emails where status = 'sent'`)).rows as [{ n: number }];
    expect(n).toBe(60);
  });

  it("R-SYNC-3: an SMTP server that is down loses nothing; the e-mail is retried later with backoff and sent once", async () => {
    await queue(4);
    await queue(5);
    sink.down();
    const t0 = justAfter();
    const res = await sendDueEmails({ db: t.db, now: t0, mailer, log: silentLog });
    expect(res.sent).toBe(0);
    expect(res.retried).toBe(2);
    expect(sink.messages).toHaveLength(0);
    let rows = await t.db.select().from(outboxEmails).orderBy(outboxEmails.id);
    for (const r of rows) {
      expect(r.status).toBe("pending");
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + backoffMs(1));
    }
    expect(rows[0]!.attempts).toBe(1);
    expect(rows[0]!.lastError).toMatch(/indisponible|421/);

    // Still down, and not yet due: nothing is tried.
    sink.up();
    const early = await sendDueEmails({ db: t.db, now: new Date(t0.getTime() + 1000), mailer, log: silentLog });
    expect(early.claimed).toBe(0);
    expect(sink.messages).toHaveLength(0);

    // Back up, after the backoff: both go, once.
    const later = new Date(t0.getTime() + backoffMs(1) + 1000);
    const res2 = await sendDueEmails({ db: t.db, now: later, mailer, log: silentLog });
    expect(res2.sent).toBe(2);
    await sendDueEmails({ db: t.db, now: new Date(later.getTime() + 3_600_000), mailer, log: silentLog });
    expect(sink.messages.map(numberOf).sort()).toEqual(["Parent 4", "Parent 5"]);
    rows = await t.db.select().from(outboxEmails).orderBy(outboxEmails.id);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("R-SYNC-3: a refused connection (no server at all) keeps the e-mail pending", async () => {
    await queue(6);
    const dead = await startSmtpSink();
    const deadUrl = dead.url;
    await dead.close();
    const deadMailer = createSmtpMailer(deadUrl, { timeoutMs: 2000 });
    try {
      const res = await sendDueEmails({ db: t.db, now: justAfter(), mailer: deadMailer, log: silentLog });
      expect(res).toMatchObject({ sent: 0, retried: 1 });
    } finally {
      await deadMailer.close();
    }
    const [row] = await t.db.select().from(outboxEmails);
    expect(row!.status).toBe("pending");
    expect(row!.lastError).toBeTruthy();
  });

  it("R-SYNC-4: a claim abandoned by a dead sender is taken again once its lease is stale, not before", async () => {
    await queue(7);
    const now = justAfter();
    // A sender claimed the row then died before sending.
    await t.db.execute(
      sql`update outbox_emails set status = 'sending', attempts = 1, next_attempt_at = ${new Date(now.getTime() + 120_000).toISOString()}::timestamptz`,
    );
    const during = await sendDueEmails({ db: t.db, now, mailer, log: silentLog });
    expect(during.claimed).toBe(0);
    const after = await sendDueEmails({ db: t.db, now: new Date(now.getTime() + 121_000), mailer, log: silentLog });
    expect(after.sent).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [row] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.dedupeKey, "test:7"));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(2);
  });

  it("gives up after maxAttempts and keeps the row as 'failed' with its last error", async () => {
    await queue(8);
    sink.down();
    let now = justAfter();
    for (let i = 0; i < 3; i++) {
      await sendDueEmails({ db: t.db, now, mailer, log: silentLog, maxAttempts: 3 });
      now = new Date(now.getTime() + 2 * 3_600_000);
    }
    const [row] = await t.db.select().from(outboxEmails);
    expect(row!.status).toBe("failed");
    expect(row!.attempts).toBe(3);
    expect(row!.lastError).toBeTruthy();
  });

  it("R-SYNC-3: a permanent refusal (SMTP 550) fails at once, with its error and attempts kept; the others of the batch still go", async () => {
    await queue(9);
    await queue(10);
    sink.refuse("parent9@example.fr", 550, "5.1.1 Boîte inconnue");
    const res = await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog });
    expect(res).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    expect(sink.messages.map(numberOf)).toEqual(["Parent 10"]);
    const [row] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.dedupeKey, "test:9"));
    expect(row!.status).toBe("failed");
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toContain("550");
    // Never tried again, however late.
    const later = await sendDueEmails({ db: t.db, now: new Date(Date.now() + 24 * 3_600_000), mailer, log: silentLog });
    expect(later.claimed).toBe(0);
  });

  it("R-SYNC-3: a temporary refusal (SMTP 451) is retried with the backoff, then sent once the relay accepts it", async () => {
    await queue(11);
    sink.refuse("parent11@example.fr", 451, "4.7.1 Réessayez plus tard");
    const t0 = justAfter();
    const res = await sendDueEmails({ db: t.db, now: t0, mailer, log: silentLog });
    expect(res).toMatchObject({ sent: 0, failed: 0, retried: 1 });
    let [row] = await t.db.select().from(outboxEmails);
    expect(row!.status).toBe("pending");
    expect(row!.lastError).toContain("451");
    expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    // Before the backoff: not tried.
    expect((await sendDueEmails({ db: t.db, now: new Date(t0.getTime() + backoffMs(1) - 1000), mailer, log: silentLog })).claimed).toBe(0);
    // Still 451 after it: retried, attempts counted, longer backoff.
    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await sendDueEmails({ db: t.db, now: t1, mailer, log: silentLog })).toMatchObject({ retried: 1, failed: 0 });
    [row] = await t.db.select().from(outboxEmails);
    expect(row!.attempts).toBe(2);
    expect(row!.nextAttemptAt.getTime()).toBe(t1.getTime() + backoffMs(2));
    // The relay accepts it now: sent once.
    sink.clear();
    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(await sendDueEmails({ db: t.db, now: t2, mailer, log: silentLog })).toMatchObject({ sent: 1 });
    [row] = await t.db.select().from(outboxEmails);
    expect(row!.status).toBe("sent");
    expect(sink.messages.map(numberOf)).toEqual(["Parent 11"]);
  });
});
