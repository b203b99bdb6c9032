import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { checkDatabaseHealth } from "@/lib/db/health";
import { auditLog, outboxEmails } from "@/lib/db/schema";
import { DomainError } from "@/lib/domain/errors";
import { silentLog } from "@/lib/log";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { RETRY_NOT_FAILED_MESSAGE, retryFailedEmail } from "@/lib/outbox/retry";
import { sendDueEmails } from "@/lib/outbox/sender";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { queueSampleEmail } from "../support/outbox-sample";
import { createTestDb, type TestDb } from "../support/test-db";

/* docs/operations.md: the health check behind GET /api/health, and « Renvoyer » a failed e-mail (R-SYNC-3). */

const serverUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const prefix = process.env.TEST_DB_PREFIX ?? "orientation_test";
const ADMIN = { accountId: null, displayName: "Mme Admin" };

let t: TestDb;
let sink: SmtpSink;
beforeAll(async () => {
  [t, sink] = await Promise.all([createTestDb({ poolSize: 2 }), startSmtpSink()]);
});
afterAll(async () => {
  await sink?.close();
  await t?.drop();
});

describe("GET /api/health's check (docs/operations.md)", () => {
  it("docs/operations.md: healthy when the database answers and every migration of lib/db/migrations is applied", async () => {
    const h = await checkDatabaseHealth(t.db);
    expect(h.ok).toBe(true);
    expect(h.database).toBe("ok");
    expect(h.migrations!.missing).toBe(0);
    expect(h.migrations!.applied).toBeGreaterThanOrEqual(6);
  });

  it("docs/operations.md: unhealthy when a migration is missing, or none was ever applied", async () => {
    const other = await createTestDb({ poolSize: 1 });
    try {
      await other.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
      expect(await checkDatabaseHealth(other.db)).toMatchObject({ ok: false, database: "ok", migrations: { missing: 1 } });
    } finally {
      await other.drop();
    }
    const empty = `${prefix}_health_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${empty}"`);
    const handle = await openDatabase({ url: Object.assign(new URL(serverUrl), { pathname: `/${empty}` }).toString(), poolSize: 1 });
    try {
      const h = await checkDatabaseHealth(handle.db);
      expect(h).toMatchObject({ ok: false, database: "ok", migrations: { applied: 0 } });
      expect(h.migrations!.missing).toBe(h.migrations!.expected);
    } finally {
      await handle.close();
      await admin.query(`drop database if exists "${empty}" with (force)`);
      await admin.end();
    }
  });

  it("docs/operations.md: unhealthy, without an error thrown, when the database does not answer", async () => {
    const dead = await openDatabase({ url: "postgres://postgres@127.0.0.1:1/nowhere", poolSize: 1 }).catch(() => null);
    if (dead) {
      try {
        expect(await checkDatabaseHealth(dead.db, 2000)).toEqual({ ok: false, database: "injoignable", migrations: null });
      } finally {
        await dead.close().catch(() => {});
      }
    } else {
      // openDatabase itself refuses an unreachable server: the route's loader turns that into the same answer.
      expect(dead).toBeNull();
    }
  });
});

describe("« Renvoyer » a failed e-mail (R-SYNC-3, R-AUTH-3)", () => {
  it("R-SYNC-3: a refused e-mail is put back in the queue now, audited with its error and attempts, and sent on the next pass", async () => {
    await queueSampleEmail(t.db, {
      to: "lea.parent@example.fr",
      from: "ne-pas-repondre@orientation.example.fr",
      dedupeKey: "retry:1",
      at: new Date(Date.now() - 60_000),
    });
    const mailer = createSmtpMailer(sink.url);
    try {
      sink.refuse("lea.parent@example.fr", 550, "5.1.1 Boîte inconnue");
      expect((await sendDueEmails({ db: t.db, now: new Date(), mailer, log: silentLog })).failed).toBe(1);
      const [failed] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.dedupeKey, "retry:1"));
      expect(failed!.status).toBe("failed");

      // The address was corrected at the relay: the admin sends it again.
      sink.clear();
      const at = new Date();
      await retryFailedEmail(t.db, ADMIN, failed!.id, at);
      const [pending] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.id, failed!.id));
      expect(pending).toMatchObject({ status: "pending", attempts: 0 });
      expect(pending!.nextAttemptAt.getTime()).toBe(at.getTime());
      const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "outbox.retry"));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorName: "Mme Admin", entityType: "outbox_email", entityId: String(failed!.id) });
      const details = (typeof audit[0]!.details === "string" ? JSON.parse(audit[0]!.details) : audit[0]!.details) as Record<string, unknown>;
      expect(details).toMatchObject({ previousAttempts: 1, kind: "school-change" });
      expect(String(details.previousError)).toContain("550");

      expect((await sendDueEmails({ db: t.db, now: new Date(at.getTime() + 1000), mailer, log: silentLog })).sent).toBe(1);
      expect(sink.messages.map((m) => m.to)).toEqual([["lea.parent@example.fr"]]);

      // Sent now: « Renvoyer » again is refused with a French message, and audits nothing.
      await expect(retryFailedEmail(t.db, ADMIN, failed!.id, new Date())).rejects.toThrow(new DomainError("EMAIL_NOT_FAILED", RETRY_NOT_FAILED_MESSAGE));
      expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "outbox.retry"))).toHaveLength(1);
    } finally {
      await mailer.close();
    }
  });
});
