import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHOOL_CHANGE_SUBJECT, schoolChangeEmail } from "@/emails/school-change";
import { startWorker, type Worker } from "@/jobs/worker";
import { queueEmail } from "@/lib/outbox/queue";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { silentLog } from "@/lib/log";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createTestDb, type TestDb } from "../support/test-db";
import { sampleSchoolChangeVars } from "../support/email-samples";
import { deName } from "@/lib/domain/person-name";

// Read once by lib/env.ts, before the worker starts.
process.env.OUTBOX_INTERVAL_MS = "200";

const to = (who: string) => (x: { subject: string; text: string }) => x.subject === SCHOOL_CHANGE_SUBJECT && x.text.includes(` ${deName(who)} ont été`);

let t: TestDb;
let sink: SmtpSink;
let worker: Worker | undefined;
beforeAll(async () => {
  [t, sink] = await Promise.all([createTestDb({ poolSize: 4 }), startSmtpSink()]);
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
  await t?.drop();
});

describe("worker (jobs/registry.ts)", () => {
  it("R-SYNC-3: the running worker's outbox loop sends what is queued, every OUTBOX_INTERVAL_MS, once", async () => {
    const mailer = createSmtpMailer(sink.url);
    worker = startWorker({ db: t.db, pool: t.pool, log: silentLog, mailer });
    await queueEmail(t.db, schoolChangeEmail, sampleSchoolChangeVars("Claire"), {
      to: "claire@example.fr",
      from: "ne-pas-repondre@orientation.example.fr",
      dedupeKey: "w:1",
    });
    const m = await sink.waitFor(to("Claire"), 10_000);
    expect(m.to).toEqual(["claire@example.fr"]);
    await queueEmail(t.db, schoolChangeEmail, sampleSchoolChangeVars("Paul"), {
      to: "paul@example.fr",
      from: "ne-pas-repondre@orientation.example.fr",
      dedupeKey: "w:2",
    });
    await sink.waitFor(to("Paul"), 10_000);
    await new Promise((r) => setTimeout(r, 600)); // a few more ticks: nothing is sent again
    expect(sink.messages).toHaveLength(2);
    const res = (await t.db.execute(sql`select count(*)::int as n from outbox_emails where status = 'sent'`)) as unknown as { rows: { n: number }[] };
    expect(res.rows[0]!.n).toBe(2);
    await worker.stop();
    worker = undefined;
    await mailer.close();
  });
});
