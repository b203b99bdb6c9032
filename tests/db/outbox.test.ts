import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineEmail } from "@/emails/define-email";
import { SCHOOL_CHANGE_SUBJECT, schoolChangeEmail, type SchoolChangeVars } from "@/emails/school-change";
import { run as runOutboxJob } from "@/jobs/outbox";
import { openDatabase } from "@/lib/db/client";
import { outboxEmails } from "@/lib/db/schema";
import { queueEmail, queueEmails } from "@/lib/outbox/queue";
import { createSmtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { backoffMs, MARK_EVERY, sendDueEmails } from "@/lib/outbox/sender";
import { silentLog } from "@/lib/log";
import { sampleSchoolChangeVars } from "../support/email-samples";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { countingStatements } from "../support/statement-counter";
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

  it("R-SYNC-4: a claim abandoned by a dead sender is taken again once its lease is stale on the database's clock, not before", async () => {
    await queue(7);
    const now = justAfter();
    // A sender claimed the row then died before sending: its lease runs 2 minutes on PostgreSQL's clock.
    await t.db.execute(sql`update outbox_emails set status = 'sending', attempts = 1, lease_until = clock_timestamp() + interval '2 minutes'`);
    const during = await sendDueEmails({ db: t.db, now, mailer, log: silentLog });
    expect(during.claimed).toBe(0);
    // Two minutes later on the database's clock: the lease ran out.
    await t.db.execute(sql`update outbox_emails set lease_until = clock_timestamp() - interval '1 second'`);
    const after = await sendDueEmails({ db: t.db, now, mailer, log: silentLog });
    expect(after.sent).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [row] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.dedupeKey, "test:7"));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(2);
  });

  it("R-SYNC-4, docs/sync.md: a sender whose clock runs hours ahead (another machine, CLOCK_OFFSET_MS) never takes a claim still being sent", async () => {
    await queue(71);
    const now = justAfter();
    await t.db.execute(sql`update outbox_emails set status = 'sending', attempts = 1, lease_until = clock_timestamp() + interval '2 minutes'`);
    const ahead = await sendDueEmails({ db: t.db, now: new Date(now.getTime() + 8 * 3_600_000), mailer, log: silentLog });
    expect(ahead.claimed).toBe(0);
    expect(sink.messages).toHaveLength(0);
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

/** Queues e-mails number `from` … `from + n - 1`, set-based. */
async function queueMany(n: number, from = 1000) {
  const emails = Array.from({ length: n }, (_, i) => ({
    vars: varsOf(from + i),
    envelope: { to: `parent${from + i}@example.fr`, from: FROM, dedupeKey: `many:${from + i}` },
  }));
  expect(await queueEmails(t.db, schoolChangeEmail, emails)).toBe(n);
}

async function statusCounts(): Promise<Record<string, number>> {
  const r = await t.db.execute(sql`select status::text, count(*)::int as n from outbox_emails group by 1`);
  return Object.fromEntries((r.rows as { status: string; n: number }[]).map((x) => [x.status, x.n]));
}

describe("outbox sender at campaign scale: concurrent sends, drain, marks in sets (docs/sync.md)", () => {
  it("R-SYNC-4: two senders on separate pools, each sending 8 at a time, send each e-mail exactly once", async () => {
    await queueMany(240);
    const other = await openDatabase({ url: t.url, poolSize: 4 });
    const mailer2 = createSmtpMailer(sink.url, { timeoutMs: 3000 });
    const now = justAfter();
    try {
      const [a, b] = await Promise.all([
        sendDueEmails({ db: t.db, now, mailer, log: silentLog, batchSize: 20, concurrency: 8 }),
        sendDueEmails({ db: other.db, now, mailer: mailer2, log: silentLog, batchSize: 20, concurrency: 8 }),
      ]);
      expect(a.sent + b.sent).toBe(240);
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
      expect(a.claimed + b.claimed).toBe(240);
    } finally {
      await mailer2.close();
      await other.close();
    }
    const numbers = sink.messages.map(numberOf);
    expect(numbers).toHaveLength(240);
    expect(new Set(numbers).size).toBe(240);
    const rows = await t.db.select().from(outboxEmails);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    // The stable Message-ID of each row is the one the relay received, once.
    expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(sink.messages.map((m) => m.messageId)));
  });

  it("R-SYNC-3: sending 8 at a time, a 451 is retried with the backoff and a 550 fails at once; the others go", async () => {
    await queueMany(40);
    sink.refuse("parent1003@example.fr", 550, "5.1.1 Boîte inconnue");
    sink.refuse("parent1017@example.fr", 550, "5.1.1 Boîte inconnue");
    sink.refuse("parent1005@example.fr", 451, "4.7.1 Réessayez plus tard");
    sink.refuse("parent1031@example.fr", 451, "4.7.1 Réessayez plus tard");
    const t0 = justAfter();
    const res = await sendDueEmails({ db: t.db, now: t0, mailer, log: silentLog, concurrency: 8 });
    expect(res).toMatchObject({ claimed: 40, sent: 36, failed: 2, retried: 2 });
    expect(sink.messages).toHaveLength(36);
    const rows = await t.db.select().from(outboxEmails).orderBy(outboxEmails.id);
    const byTo = new Map(rows.map((r) => [r.toAddress, r]));
    for (const to of ["parent1003@example.fr", "parent1017@example.fr"]) {
      expect(byTo.get(to)).toMatchObject({ status: "failed", attempts: 1 });
      expect(byTo.get(to)!.lastError).toContain("550");
    }
    for (const to of ["parent1005@example.fr", "parent1031@example.fr"]) {
      expect(byTo.get(to)).toMatchObject({ status: "pending", attempts: 1 });
      expect(byTo.get(to)!.lastError).toContain("451");
      expect(byTo.get(to)!.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    }
    expect(await statusCounts()).toEqual({ sent: 36, failed: 2, pending: 2 });
    // After the backoff the relay accepts them: sent once; the 550s are never tried again.
    sink.clear();
    const later = await sendDueEmails({ db: t.db, now: new Date(t0.getTime() + backoffMs(1)), mailer, log: silentLog, concurrency: 8 });
    expect(later).toMatchObject({ claimed: 2, sent: 2 });
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["parent1005@example.fr", "parent1031@example.fr"]);
  });

  it("R-SYNC-3: one job run drains every due e-mail, batch after batch, without waiting for the next interval, and marks them in sets", async () => {
    // 250 rows in batches of 100: the same drain as 2,500 in batches of 1,000, at a test's cost.
    await queueMany(250);
    const [res, statements] = await countingStatements(() =>
      runOutboxJob({ db: t.db, now: justAfter(), mailer, log: silentLog, batchSize: 100, concurrency: 10 }),
    );
    expect(res).toMatchObject({ claimed: 250, sent: 250, retried: 0, failed: 0 });
    expect(sink.messages).toHaveLength(250);
    expect(new Set(sink.messages.map(numberOf)).size).toBe(250);
    expect(await statusCounts()).toEqual({ sent: 250 });
    // Three claims (100 + 100 + 50) and one UPDATE per set of outcomes (up to MARK_EVERY), not one per e-mail.
    const updates = statements.get("update outbox_emails o") ?? 0;
    expect(updates).toBeGreaterThanOrEqual(3 + Math.ceil(250 / MARK_EVERY));
    expect(updates).toBeLessThan(250 / 5);
  });

  it("R-SYNC-3: a relay that fails in the middle of a drain stops it: what left is marked sent, the rest waits, nothing is lost or sent twice", async () => {
    await queueMany(300);
    void sink.waitFor(() => sink.messages.length >= 80, 30_000).then(() => sink.down());
    const t0 = justAfter();
    const res = await sendDueEmails({ db: t.db, now: t0, mailer, log: silentLog, batchSize: 50, concurrency: 4 });
    const received = sink.messages.length;
    expect(received).toBeGreaterThanOrEqual(80);
    expect(res.sent).toBe(received);
    // Stopped in the batch where the relay failed: the later batches were never claimed.
    expect(res.claimed).toBeLessThan(300);
    expect(res.claimed - res.sent).toBeLessThanOrEqual(50);
    const counts = await statusCounts();
    expect(counts).toEqual({ sent: received, pending: 300 - received });
    const waiting = await t.db.select().from(outboxEmails).where(eq(outboxEmails.status, "pending"));
    // In flight when it failed: an attempt counted, with the relay's error; never started: no attempt.
    expect(waiting.filter((r) => r.attempts === 1).every((r) => /421|indisponible/.test(r.lastError ?? ""))).toBe(true);
    expect(waiting.filter((r) => r.attempts === 1).length).toBeLessThanOrEqual(4);
    expect(waiting.every((r) => r.attempts <= 1)).toBe(true);
    // The relay is back: the rest leaves, each e-mail once in all.
    sink.up();
    const later = await sendDueEmails({ db: t.db, now: new Date(t0.getTime() + 3_600_000), mailer, log: silentLog, batchSize: 50, concurrency: 4 });
    expect(later.sent).toBe(300 - received);
    const numbers = sink.messages.map(numberOf);
    expect(numbers).toHaveLength(300);
    expect(new Set(numbers).size).toBe(300);
    expect(await statusCounts()).toEqual({ sent: 300 });
  });

  it("R-SYNC-4: past half its lease a batch starts no more sends: the rest is given back untried and sent by the next claim, once", async () => {
    await queueMany(40);
    // 40 e-mails, 2 at a time, 100 ms each: 2 s of sending against a lease of 2 s (half: 1 s).
    sink.delay(100);
    const res = await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog, concurrency: 2, leaseMs: 2000 });
    expect(res.sent).toBe(40);
    expect(res.claimed).toBeGreaterThan(40); // given back, claimed again
    const numbers = sink.messages.map(numberOf);
    expect(numbers).toHaveLength(40);
    expect(new Set(numbers).size).toBe(40);
    const rows = await t.db.select().from(outboxEmails);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("the worker stopping (its signal) ends the drain after the batch under way", async () => {
    await queueMany(100);
    const stop = new AbortController();
    void sink.waitFor(() => true, 30_000).then(() => stop.abort());
    const res = await sendDueEmails({ db: t.db, now: justAfter(), mailer, log: silentLog, batchSize: 10, concurrency: 2, signal: stop.signal });
    expect(res).toMatchObject({ claimed: 10, sent: 10 });
    expect(await statusCounts()).toEqual({ sent: 10, pending: 90 });
  });
});
