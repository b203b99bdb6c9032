import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import {
  auditLog,
  councilProposals,
  decisions,
  divisions,
  familyAgreements,
  familyAnswers,
  familyRequestItems,
  familyRequests,
  students,
  syncRuns,
} from "@/lib/db/schema";
import { lastSchoolTransferCutOff } from "@/lib/db/transfer/runs";
import { REOPEN_TOO_SOON_MESSAGE } from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";
import { SCHOOL_TRANSFER_BUSY_MESSAGE, SCHOOL_TRANSFER_RUNNING_MESSAGE, schoolRunKey } from "@/lib/domain/school-transfer";
import { seedDemo } from "@/lib/db/seed";
import { silentLog } from "@/lib/log";
import { setFamilyServiceClosed } from "@/lib/services/school-settings";
import { runTransfer, type TransferResult } from "@/lib/transfer/run";
import { startSchoolTransfer } from "@/lib/transfer/school";
import { seedCampaign, type Campaign } from "../support/campaign";
import { demoActor, setCampaignWindow, withFinalProposals } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-OVS-4: a head's on-demand transfer for their school (lib/transfer/school.ts, docs/sync.md):
 * the night's statements for the school's students only; then the night adds nothing for them and
 * the result equals a night alone (two identical schools, one sent on demand, one by the night);
 * one run at a time (two clicks, two servers, the night); R-FIN-4's 24 h wait lifted after it.
 */

const D = "2026-11-23";
const T1 = parisDateTime(D, "16:00"); // the head's click
const NIGHT = parisDateTime("2026-11-24", "02:00");

type School = Campaign & { schoolId: string };

async function school(db: Db, n: number): Promise<School> {
  const c = await seedCampaign(db, n);
  const [s] = await db.select({ schoolId: students.schoolId }).from(students).where(eq(students.id, c.studentIds[0]!));
  return { ...c, schoolId: s!.schoolId };
}

/**
 * The same day of a final phase in every school: each family validated its final choices at 10:00;
 * the council answered at 14:00 (withFinalProposals: «Oui» 2GT, «Non» 2PRO, a CAP proposed);
 * student 1's family accepted 2GT and the second guardian agreed at 15:00; student 2 has a
 * decision (its notice goes by e-mail to both guardians).
 */
async function populate(db: Db, c: School): Promise<void> {
  for (let i = 0; i < c.studentIds.length; i++) {
    const studentId = c.studentIds[i]!;
    await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(familyRequests)
        .values({
          studentId,
          phase: "final",
          holderAccountId: c.guardianAccountIds[i]![0]!,
          holderName: `Mme Claire Parent${i}`,
          validatedAt: parisDateTime(D, "10:00"),
        })
        .returning();
      await tx.insert(familyRequestItems).values([
        { requestId: r!.id, rank: 1, track: "2GT" },
        { requestId: r!.id, rank: 2, track: "2PRO", statusSchool: true },
      ]);
    });
    const p = await withFinalProposals(db, studentId, parisDateTime(D, "14:00"));
    if (i === 1) {
      const at = parisDateTime(D, "15:00");
      await db.insert(familyAnswers).values({
        studentId,
        accountId: c.guardianAccountIds[i]![0]!,
        actorName: `Mme Claire Parent${i}`,
        kind: "accept",
        acceptedProposalIds: [p.yes],
        answeredAt: at,
      });
      await db.insert(familyAgreements).values({
        studentId,
        guardianId: c.guardianIds[i]![1]!,
        accountId: c.guardianAccountIds[i]![1]!,
        actorName: `M. Paul Parent${i}`,
        agrees: true,
        answeredAt: at,
      });
    }
    if (i === 2) {
      const at = parisDateTime(D, "14:30");
      await db
        .insert(decisions)
        .values({ studentId, rank: 1, track: "2GT", source: "head", differsFromRequest: false, decidedAt: at, decidedByName: "M. Principal", updatedAt: at });
    }
  }
}

/** The council changes a student's answers (a new motivation) at `at`. */
async function changeAnswers(db: Db, studentId: string, at: Date): Promise<void> {
  await db.update(councilProposals).set({ motivation: "Revu en commission", updatedAt: at }).where(eq(councilProposals.studentId, studentId));
}

/**
 * The sender (R-SYNC-3): the e-mails queued leave at the end of the run (the product's runs are
 * given a mailer); here they are marked sent, so that a notice e-mailed on its day is received.
 */
async function deliver(db: Db): Promise<void> {
  await db.execute(sql`update outbox_emails set status = 'sent', sent_at = now() where status = 'pending'`);
}

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/**
 * Everything the transfer writes for a school's students, per student index and without ids nor
 * instants of publication (two schools must compare equal): entries received, proposals, decisions
 * and their notice, answers and agreements on both sides, the e-mails queued per guardian rank.
 */
async function stateOf(db: Db, c: School, opts: { withInstants?: boolean } = {}) {
  const ids = c.studentIds;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const rankOf = new Map(c.guardianIds.flatMap((gs, i) => gs.map((g, k) => [g, `${i}:${k + 1}`] as const)));
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const guardianList = sql.join(
    c.guardianIds.flat().map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const instant = (col: string) => (opts.withInstants ? sql.raw(`, ${col}::text as at`) : sql``);
  const norm = <T extends { student_id: string }>(rs: T[]) =>
    rs.map(({ student_id, ...rest }) => ({ i: indexOf.get(student_id), ...rest })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    entries: norm(
      await rows<{ student_id: string }>(
        db,
        sql`select student_id, phase, family_version, items, entered_by_name, non_traitee${instant("received_at")} from school_family_entries where student_id in (${list})`,
      ),
    ),
    proposals: norm(
      await rows<{ student_id: string }>(
        db,
        sql`select student_id, kind, rank, track, answer, motivation${instant("published_at")} from family_published_proposals where student_id in (${list})`,
      ),
    ),
    decisions: norm(
      await rows<{ student_id: string }>(
        db,
        // The notice's day is the run's (R-FIN-11: the day its e-mail leaves): compared with the instants only.
        sql`select student_id, track, source, notified_on is not null as notified, notice_channel${instant("published_at")}${instant("notified_on")} from family_published_decisions where student_id in (${list})`,
      ),
    ),
    schoolAnswers: norm(
      await rows<{ student_id: string }>(db, sql`select student_id, source, kind, answered_by_name from school_family_answers where student_id in (${list})`),
    ),
    schoolAgreements: norm(await rows<{ student_id: string }>(db, sql`select student_id, source, agrees from school_agreements where student_id in (${list})`)),
    familyMarks: norm(
      await rows<{ student_id: string }>(
        db,
        sql`select student_id, 'answer' as what, transferred_at is not null as transferred from family_answers where student_id in (${list})
            union all select student_id, 'agreement', transferred_at is not null from family_agreements where student_id in (${list})`,
      ),
    ),
    emails: (
      await rows<{ guardian_id: string; kind: string; status: string }>(
        db,
        sql`select g.id as guardian_id, o.kind, o.status from outbox_emails o join guardians g on g.email = o.to_address where g.id in (${guardianList})`,
      )
    )
      .map((e) => `${rankOf.get(e.guardian_id)} ${e.kind} ${e.status}`)
      .sort(),
  };
}

const countsOf = (r: TransferResult) => (r.status === "skipped" ? null : r.counts);

describe("R-OVS-4: a school's on-demand transfer (campaign of two identical schools)", () => {
  let t: TestDb;
  let sent: School; // sent on demand
  let twin: School; // the same data, left to the night
  const run = (asOf: Date, extra: Partial<Parameters<typeof runTransfer>[0]> = {}) =>
    runTransfer({ db: t.db, pool: t.pool, now: asOf, asOf, log: silentLog, ...extra });

  beforeAll(async () => {
    t = await createTestDb({ poolSize: 8 });
    sent = await school(t.db, 4);
    twin = await school(t.db, 4);
    await populate(t.db, sent);
    await populate(t.db, twin);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("R-OVS-4: the school's proposals, decisions and answers cross both ways and its e-mails are queued; the other school is untouched", async () => {
    const before = await stateOf(t.db, twin);
    const res = await run(T1, { schoolId: sent.schoolId, runKey: schoolRunKey(sent.schoolId, T1), triggeredBy: "Mme Principale" });
    expect(res.status).toBe("succeeded");
    const counts = countsOf(res)!;
    expect(counts).toMatchObject({ students: 4, familyEntries: 4, proposals: 12, decisions: 1, notices: 1, answers: 1, agreements: 1 });
    expect(counts.emailsQueued).toBe(2); // the decision's notice, one per guardian
    expect(counts.sessionsExpired).toBeUndefined(); // the night's work, every school's

    const state = await stateOf(t.db, sent);
    expect(state.entries).toHaveLength(4);
    expect(state.proposals).toHaveLength(12);
    expect(state.decisions).toEqual([{ i: 2, track: "2GT", source: "head", notified: true, notice_channel: "email" }]);
    expect(state.schoolAnswers).toEqual([{ i: 1, source: "family", kind: "accept", answered_by_name: "Mme Claire Parent1" }]);
    expect(state.emails).toEqual(["2:1 decision-published pending", "2:2 decision-published pending"]);
    await deliver(t.db);
    // Another school's data: nothing crossed, nothing queued.
    expect(await stateOf(t.db, twin)).toEqual(before);
    expect(before.entries).toHaveLength(0);
    expect(before.emails).toHaveLength(0);

    // Logged with its school (R-SYNC-5) and audited under the transfer's system actor (R-AUTH-3).
    const [row] = await t.db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.runKey, schoolRunKey(sent.schoolId, T1)));
    expect(row).toMatchObject({ status: "succeeded", schoolId: sent.schoolId, triggeredBy: "Mme Principale" });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "sync_run"), eq(auditLog.entityId, schoolRunKey(sent.schoolId, T1))));
    expect(audits.map((a) => a.action).sort()).toContain("transfer.proposals");
    expect(audits.every((a) => (JSON.parse(a.details ?? "{}") as { schoolId?: string }).schoolId === sent.schoolId)).toBe(true);
    expect(await lastSchoolTransferCutOff(t.db, sent.schoolId)).toEqual(T1);
    expect(await lastSchoolTransferCutOff(t.db, twin.schoolId)).toBeNull();
  });

  it("R-OVS-4: the night then changes nothing more for that school, and the result equals a night alone (R-SYNC-4)", async () => {
    const sentBefore = await stateOf(t.db, sent, { withInstants: true });
    const res = await run(NIGHT);
    expect(res.status).toBe("succeeded");
    await deliver(t.db);
    const counts = countsOf(res)!;
    // Only the twin's rows crossed at night.
    expect(counts).toMatchObject({ familyEntries: 4, proposals: 12, decisions: 1, answers: 1, agreements: 1, emailsQueued: 2 });
    // Nothing of the school sent on demand was written again (same rows, same instants).
    expect(await stateOf(t.db, sent, { withInstants: true })).toEqual(sentBefore);
    // The same final state as the twin's, which only the night carried.
    const a = await stateOf(t.db, sent);
    const b = await stateOf(t.db, twin);
    expect(a).toEqual(b);
    expect(a.proposals).toHaveLength(12);
  });

  it("R-OVS-4: two clicks (or two tabs) at once start one run; two servers at once run one", async () => {
    const other = await school(t.db, 3);
    await populate(t.db, other);
    const actor = { accountId: null, displayName: "Mme Principale" };
    const at = parisDateTime("2026-11-24", "09:00");
    const [a, b] = await Promise.allSettled([
      startSchoolTransfer(t, actor, other.schoolId, at, { mailer: null, log: silentLog }),
      startSchoolTransfer(t, actor, other.schoolId, at, { mailer: null, log: silentLog }),
    ]);
    const started = [a, b].filter((x) => x.status === "fulfilled");
    const refused = [a, b].filter((x): x is PromiseRejectedResult => x.status === "rejected");
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(DomainError);
    expect((refused[0]!.reason as DomainError).message).toBe(SCHOOL_TRANSFER_RUNNING_MESSAGE);
    const done = await (started[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startSchoolTransfer>>>).value.done;
    await deliver(t.db);
    expect(done.status).toBe("succeeded");
    expect(countsOf(done)).toMatchObject({ familyEntries: 3, proposals: 9 });
    // A second click right after: refused (one a minute), in French.
    await expect(startSchoolTransfer(t, actor, other.schoolId, new Date(at.getTime() + 10_000), { mailer: null, log: silentLog })).rejects.toThrow(
      /une minute après le précédent/,
    );
    expect(await t.db.select().from(syncRuns).where(eq(syncRuns.schoolId, other.schoolId))).toHaveLength(1);
    // The head's request is audited under their name.
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "school_transfer.start"), eq(auditLog.entityId, other.schoolId)));
    expect(audit?.actorName).toBe("Mme Principale");

    // Two servers (two pool connections) at once, each with its own run key: one runs, one is skipped.
    await changeAnswers(t.db, other.studentIds[0]!, parisDateTime("2026-11-24", "09:30")); // something new to carry
    const later = parisDateTime("2026-11-24", "10:00");
    const slow = { schoolId: other.schoolId, batchSize: 1, pauseBetweenBatchesMs: 100 };
    const [r1, r2] = await Promise.all([
      run(later, { ...slow, runKey: schoolRunKey(other.schoolId, later) }),
      run(later, { ...slow, runKey: schoolRunKey(other.schoolId, new Date(later.getTime() + 1)) }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual(["skipped", "succeeded"]);
  });

  it("R-OVS-4: two schools' runs at once both run (a shared lock), each carrying its own students only; the night meanwhile is skipped", async () => {
    const x = await school(t.db, 3);
    const y = await school(t.db, 3);
    await populate(t.db, x);
    await populate(t.db, y);
    const at = parisDateTime("2026-11-24", "14:00");
    const slow = { batchSize: 1, pauseBetweenBatchesMs: 150 };
    const rx = run(at, { ...slow, schoolId: x.schoolId, runKey: schoolRunKey(x.schoolId, at) });
    const ry = run(at, { ...slow, schoolId: y.schoolId, runKey: schoolRunKey(y.schoolId, at) });
    await new Promise((r) => setTimeout(r, 100));
    // Both hold the lock shared: the night, which needs it alone, is skipped while they run.
    expect(await run(parisDateTime("2026-11-25", "02:00"), { runKey: "night:overlap-probe" })).toMatchObject({ status: "skipped", reason: "locked" });
    const [a, b] = await Promise.all([rx, ry]);
    expect(a.status).toBe("succeeded");
    expect(b.status).toBe("succeeded");
    expect(countsOf(a)).toMatchObject({ students: 3, familyEntries: 3, proposals: 9 });
    expect(countsOf(b)).toMatchObject({ students: 3, familyEntries: 3, proposals: 9 });
    // Each ran while the other held the lock (one exclusive lock for all would have skipped one).
    const rows = await t.db
      .select({ startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt, schoolId: syncRuns.schoolId, status: syncRuns.status })
      .from(syncRuns)
      .where(inArray(syncRuns.schoolId, [x.schoolId, y.schoolId]));
    expect(rows.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    await deliver(t.db);
    expect((await stateOf(t.db, x)).proposals).toHaveLength(9);
    expect((await stateOf(t.db, y)).proposals).toHaveLength(9);
  });

  it("R-OVS-4: a school's run and the night at once: one waits (the lock), each student is copied once", async () => {
    const w = await school(t.db, 4);
    await populate(t.db, w);
    const actor = { accountId: null, displayName: "Mme Principale" };
    const at = parisDateTime("2026-11-25", "09:00");
    // The school's run holds the lock (slowly: a batch per student); the night that starts meanwhile is skipped.
    const start = await startSchoolTransfer(t, actor, w.schoolId, at, { mailer: null, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 150 });
    const night = await run(parisDateTime("2026-11-26", "02:00"));
    expect(night).toMatchObject({ status: "skipped", reason: "locked" });
    const schoolRun = await start.done;
    expect(countsOf(schoolRun)).toMatchObject({ students: 4, familyEntries: 4, proposals: 12 });
    await deliver(t.db);
    // The worker's next check runs the night (same key: the skipped one left no row): nothing of w again.
    const again = await run(parisDateTime("2026-11-26", "02:00"));
    expect(again.status).toBe("succeeded");
    expect(countsOf(again)).toMatchObject({ familyEntries: 0, proposals: 0, decisions: 0, emailsQueued: 0 });
    const state = await stateOf(t.db, w);
    expect(state.entries.map((e) => (e as unknown as { family_version: number }).family_version)).toEqual([1, 1, 1, 1]);
    expect(state.emails).toEqual(["2:1 decision-published sent", "2:2 decision-published sent"]);

    // And the other way: while the night runs, a head's click is refused in French.
    await changeAnswers(t.db, w.studentIds[3]!, parisDateTime("2026-11-26", "08:00"));
    const nightRun = run(parisDateTime("2026-11-27", "02:00"), { batchSize: 1, pauseBetweenBatchesMs: 100 });
    await new Promise((r) => setTimeout(r, 150));
    await expect(startSchoolTransfer(t, actor, w.schoolId, parisDateTime("2026-11-27", "09:00"), { mailer: null, log: silentLog })).rejects.toThrow(
      SCHOOL_TRANSFER_BUSY_MESSAGE,
    );
    expect((await nightRun).status).toBe("succeeded");
  });
});

describe("R-OVS-4 with R-FIN-4: reopening after a school's transfer (demo collège)", () => {
  const NOW = new Date("2026-11-23T09:00:00Z");
  let t: TestDb;
  let head: Actor;

  beforeAll(async () => {
    t = await createTestDb();
    await seedDemo(t.db, NOW, { history: false });
    head = await demoActor(t.db, "head", "Collège");
  });
  afterAll(async () => {
    await t?.drop();
  });

  const messageOf = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: Error) => e.message,
    );

  it("R-OVS-4: once the school's transfer carried the council's last answers, reopening the final service asks no confirmation; a later change asks it again", async () => {
    const college = (await findSchoolScope(t.db, head.schoolId!))!;
    const answered = new Date("2026-11-24T08:00:00Z");
    await setCampaignWindow(t.db, "3e", "final", new Date("2026-11-10T08:00:00Z"), new Date("2026-12-20T08:00:00Z"));
    const [d3] = await t.db
      .select({ id: divisions.id })
      .from(divisions)
      .where(and(eq(divisions.schoolId, college.schoolId), eq(divisions.level, "3e")));
    const [s] = await t.db.select({ id: students.id }).from(students).where(eq(students.divisionId, d3!.id)).limit(1);
    await t.db.delete(councilProposals).where(eq(councilProposals.studentId, s!.id));
    await t.db.execute(sql`delete from school_requests where student_id = ${s!.id} and phase = 'final'`);
    await withFinalProposals(t.db, s!.id, answered);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: true }, new Date("2026-11-24T07:00:00Z"));

    const soon = new Date("2026-11-24T09:00:00Z");
    expect(await messageOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, soon))).toBe(REOPEN_TOO_SOON_MESSAGE);
    // Another school's transfer does not count.
    const lycee = await demoActor(t.db, "head", "Lycée");
    await runTransfer({ db: t.db, pool: t.pool, now: soon, log: silentLog, schoolId: lycee.schoolId!, runKey: schoolRunKey(lycee.schoolId!, soon) });
    expect(await messageOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, soon))).toBe(REOPEN_TOO_SOON_MESSAGE);

    const res = await runTransfer({
      db: t.db,
      pool: t.pool,
      now: soon,
      log: silentLog,
      schoolId: college.schoolId,
      runKey: schoolRunKey(college.schoolId, soon),
    });
    expect(res.status).toBe("succeeded");
    const published = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from family_published_proposals where student_id = ${s!.id}`);
    expect(published[0]!.n).toBe(3);
    expect(await messageOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, new Date("2026-11-24T09:05:00Z")))).toBe(
      "ok",
    );

    // The council changes an answer after the transfer: the 24 h wait is back until the next transfer.
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: true }, new Date("2026-11-24T09:10:00Z"));
    await t.db
      .update(councilProposals)
      .set({ motivation: "Revu", updatedAt: new Date("2026-11-24T09:20:00Z") })
      .where(eq(councilProposals.studentId, s!.id));
    expect(await messageOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, new Date("2026-11-24T09:30:00Z")))).toBe(
      REOPEN_TOO_SOON_MESSAGE,
    );
  });
});
