import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import {
  classCouncils,
  councilProposals,
  decisions,
  familyAgreements,
  familyAnswers,
  familyRequestItems,
  familyRequests,
  opinions,
  schoolRequestItems,
  schoolRequests,
} from "@/lib/db/schema";
import { parisDateTime } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { runTransfer } from "@/lib/transfer/run";
import { killSyncMidRun } from "../support/killed-sync";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { seedCampaign, type Campaign } from "../support/campaign";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The nightly transfer in the final phase (docs/sync.md): final choices, answers and agreements
 * to the school (R-SYNC-1), the council's proposals and the decisions to the family (R-SYNC-2),
 * exactly once (R-SYNC-4) — re-run, killed and resumed, two workers at once. Day D = Monday
 * 23 November 2026 (Paris); "night D" = the run at 02:00 on the 24th (its cut-off).
 */
const D = "2026-11-23";
const at = (day: string, time: string) => parisDateTime(day, time);
const NIGHT_D = at("2026-11-24", "02:00");
const NIGHT_D1 = at("2026-11-25", "02:00");

/** The family validates its entry of a phase (a new version each time), items in order. */
async function validate(db: Db, c: Campaign, i: number, phase: "provisional" | "final", validatedAt: Date, tracks = ["2GT", "2PRO"]) {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(familyRequests)
      .values({ studentId: c.studentIds[i]!, phase, holderAccountId: c.guardianAccountIds[i]![0]!, holderName: `Mme Claire Parent${i}`, validatedAt })
      .onConflictDoUpdate({ target: [familyRequests.studentId, familyRequests.phase], set: { version: sql`${familyRequests.version} + 1`, validatedAt } })
      .returning();
    await tx.delete(familyRequestItems).where(sql`${familyRequestItems.requestId} = ${r!.id}`);
    await tx.insert(familyRequestItems).values(tracks.map((track, k) => ({ requestId: r!.id, rank: k + 1, track, statusSchool: track === "2PRO" })));
    return r!;
  });
}

/** The school's final choices (generated at the council's opening) and the council's «Oui»/«Non» on each (R-FIN-5). */
async function enterProposals(db: Db, studentId: string, when: Date, answers: ("yes" | "no")[] = ["yes", "no"]) {
  return db.transaction(async (tx) => {
    const [r] = await tx.insert(schoolRequests).values({ studentId, phase: "final", source: "family", enteredByName: "TS", enteredAt: when }).returning();
    const items = await tx
      .insert(schoolRequestItems)
      .values(answers.map((_, k) => ({ requestId: r!.id, rank: k + 1, track: k === 0 ? "2GT" : "2PRO", statusSchool: k > 0 })))
      .returning();
    return tx
      .insert(councilProposals)
      .values(
        items.map((it, k) => ({
          studentId,
          kind: "answer_to_choice" as const,
          choiceItemId: it.id,
          rank: it.rank,
          track: it.track,
          statusSchool: it.statusSchool,
          answer: answers[k]!,
          motivation: answers[k] === "no" ? "Résultats insuffisants" : null,
          enteredAt: when,
          enteredByName: "M. Principal",
          updatedAt: when,
        })),
      )
      .returning();
  });
}

async function answerAndAgree(db: Db, c: Campaign, i: number, acceptedProposalId: string, when: Date) {
  await db.insert(familyAnswers).values({
    studentId: c.studentIds[i]!,
    accountId: c.guardianAccountIds[i]![0]!,
    actorName: `Mme Claire Parent${i}`,
    kind: "accept",
    acceptedProposalIds: [acceptedProposalId],
    answeredAt: when,
  });
  await db.insert(familyAgreements).values({
    studentId: c.studentIds[i]!,
    guardianId: c.guardianIds[i]![1]!,
    accountId: c.guardianAccountIds[i]![1]!,
    actorName: `M. Paul Parent${i}`,
    agrees: true,
    answeredAt: new Date(when.getTime() + 3600_000),
  });
}

async function decide(db: Db, studentId: string, when: Date, track = "2GT") {
  await db
    .insert(decisions)
    .values({ studentId, rank: 1, track, source: "agreement", differsFromRequest: false, decidedAt: when, decidedByName: "M. Principal", updatedAt: when })
    .onConflictDoUpdate({ target: decisions.studentId, set: { track, decidedAt: when, updatedAt: when } });
}

async function rows<T>(db: Db, q: string): Promise<T[]> {
  return ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
}
async function count(db: Db, table: string, where = "true"): Promise<number> {
  return (await rows<{ n: number }>(db, `select count(*)::int as n from ${table} where ${where}`))[0]!.n;
}
const run = (db: TestDb, asOf: Date, runKey?: string, extra: Partial<Parameters<typeof runTransfer>[0]> = {}) =>
  runTransfer({ db: db.db, pool: db.pool, now: new Date(), asOf, log: silentLog, runKey, ...extra });
const countsOf = (r: Awaited<ReturnType<typeof runTransfer>>) => (r.status === "skipped" ? null : r.counts);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
});
afterAll(async () => {
  await t?.drop();
});

describe("nightly transfer, final phase, family → school (R-SYNC-1)", () => {
  it("R-SYNC-1 / R-SCH-2 (final phase): final choices validated on day D reach the school after night D, next to the intentions, once", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await validate(t.db, c, 0, "provisional", at("2026-11-20", "18:00"), ["2GT", "2PRO", "CAP"]);
    await run(t, at("2026-11-21", "02:00"), "manual:final-prov");
    await validate(t.db, c, 0, "final", at(D, "18:30"), ["2PRO", "2GT"]);
    expect(countsOf(await run(t, at(D, "12:00"), "manual:final-early"))).toMatchObject({ familyEntries: 0 });

    const res = await run(t, NIGHT_D, "manual:final-night-d");
    expect(countsOf(res)).toMatchObject({ familyEntries: 1, nonTraitee: 0 });
    const got = await rows<{ phase: string; family_version: number; items: { rank: number; track: string }[]; entered_by_name: string; non_traitee: boolean }>(
      t.db,
      `select phase, family_version, items, entered_by_name, non_traitee from school_family_entries where student_id = '${s}' order by phase`,
    );
    expect(got.map((e) => [e.phase, e.family_version, e.items.map((i) => `${i.rank}:${i.track}`), e.entered_by_name, e.non_traitee])).toEqual([
      ["provisional", 1, ["1:2GT", "2:2PRO", "3:CAP"], "Mme Claire Parent0", false],
      ["final", 1, ["1:2PRO", "2:2GT"], "Mme Claire Parent0", false],
    ]);
    // R-SYNC-4: nothing twice; a new version of the final choices crosses once, the intentions stay.
    expect(countsOf(await run(t, NIGHT_D, "manual:final-again"))).toMatchObject({ familyEntries: 0 });
    await validate(t.db, c, 0, "final", at("2026-11-24", "09:00"), ["CAP"]);
    expect(countsOf(await run(t, NIGHT_D1, "manual:final-v2"))).toMatchObject({ familyEntries: 1 });
    expect(countsOf(await run(t, NIGHT_D1, "manual:final-v2-again"))).toMatchObject({ familyEntries: 0 });
    const after = await rows<{ phase: string; family_version: number; n: number }>(
      t.db,
      `select phase, family_version, jsonb_array_length(items) as n from school_family_entries where student_id = '${s}' order by phase`,
    );
    expect(after.map((e) => [e.phase, e.family_version, e.n])).toEqual([
      ["provisional", 1, 3],
      ["final", 2, 1],
    ]);
  });

  it("R-SCH-4 (final phase): final choices are « non traitée » against the division's FINAL council, never the provisional one", async () => {
    // Division A: its provisional council opened on D, its final council not opened yet.
    const a = await seedCampaign(t.db, 2);
    await t.db
      .insert(classCouncils)
      .values({ divisionId: a.divisionId, phase: "provisional", state: "open", openedAt: at(D, "09:00"), openedByName: "M. Principal" });
    await validate(t.db, a, 0, "final", at(D, "18:00"));
    await validate(t.db, a, 1, "provisional", at(D, "18:00"));
    // Division B: its final council opened on D; one family validated that day, one the day before
    // (arriving after the opening: « non traitée » too, R-SCH-3); division C's final council opens after the run.
    const b = await seedCampaign(t.db, 2);
    await t.db
      .insert(classCouncils)
      .values({ divisionId: b.divisionId, phase: "final", state: "open", openedAt: at(D, "09:00"), openedByName: "M. Principal" });
    await validate(t.db, b, 0, "final", at(D, "18:00"));
    await validate(t.db, b, 1, "final", at("2026-11-22", "18:00"));
    const cDiv = await seedCampaign(t.db, 1);
    await t.db
      .insert(classCouncils)
      .values({ divisionId: cDiv.divisionId, phase: "final", state: "open", openedAt: at("2026-11-24", "10:00"), openedByName: "M. Principal" });
    await validate(t.db, cDiv, 0, "final", at(D, "18:00"));

    const res = await run(t, NIGHT_D, "manual:final-nt");
    expect(countsOf(res)).toMatchObject({ familyEntries: 5, nonTraitee: 3 });
    const flag = async (s: string, phase: string) =>
      (await rows<{ nt: boolean }>(t.db, `select non_traitee as nt from school_family_entries where student_id = '${s}' and phase = '${phase}'`))[0]?.nt;
    expect(await flag(a.studentIds[0]!, "final")).toBe(false);
    expect(await flag(a.studentIds[1]!, "provisional")).toBe(true);
    expect(await flag(b.studentIds[0]!, "final")).toBe(true);
    expect(await flag(b.studentIds[1]!, "final")).toBe(true);
    expect(await flag(cDiv.studentIds[0]!, "final")).toBe(false);
  });

  it("R-SYNC-1 / R-FIN-6 / R-FIN-7: answers and agreements cross once; rows the school entered (source « school ») never come back as the family's", async () => {
    const c = await seedCampaign(t.db, 2);
    const [p] = await enterProposals(t.db, c.studentIds[0]!, at("2026-11-20", "17:00"));
    await answerAndAgree(t.db, c, 0, p!.id, at(D, "11:00"));
    // Student 1: what the school entered for a family without the online service, as published to the family side.
    await t.db
      .insert(familyAnswers)
      .values({ studentId: c.studentIds[1]!, source: "school", actorName: "M. Principal", kind: "refuse_all", answeredAt: at(D, "10:00") });
    await t.db.insert(familyAgreements).values({
      studentId: c.studentIds[1]!,
      guardianId: c.guardianIds[1]![0]!,
      source: "school",
      actorName: "M. Principal",
      agrees: false,
      answeredAt: at(D, "10:00"),
    });

    const res = await run(t, NIGHT_D, "manual:final-answers");
    expect(countsOf(res)).toMatchObject({ answers: 1, agreements: 1 });
    const [ans] = await rows<{ source: string; kind: string; accepted_proposal_ids: string[]; answered_by_name: string }>(
      t.db,
      `select * from school_family_answers where student_id = '${c.studentIds[0]}'`,
    );
    expect(ans).toMatchObject({ source: "family", kind: "accept", accepted_proposal_ids: [p!.id], answered_by_name: "Mme Claire Parent0" });
    const agr = await rows<{ guardian_id: string; source: string; agrees: boolean }>(
      t.db,
      `select * from school_agreements where student_id = '${c.studentIds[0]}'`,
    );
    expect(agr).toEqual([expect.objectContaining({ guardian_id: c.guardianIds[0]![1], source: "family", agrees: true })]);
    expect(await count(t.db, "school_family_answers", `student_id = '${c.studentIds[1]}'`)).toBe(0);
    expect(await count(t.db, "school_agreements", `student_id = '${c.studentIds[1]}'`)).toBe(0);
    expect(countsOf(await run(t, NIGHT_D, "manual:final-answers-again"))).toMatchObject({ answers: 0, agreements: 0 });
  });
});

describe("nightly transfer, final phase, school → family (R-SYNC-2)", () => {
  it("R-SYNC-2 / R-FIN-5: proposals entered on D are published after night D, a change the night after, once; a deleted proposal is withdrawn", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    const props = await enterProposals(t.db, s, at(D, "16:00"));
    expect(countsOf(await run(t, at(D, "15:00"), "manual:prop-before"))).toMatchObject({ proposals: 0 });
    expect(countsOf(await run(t, NIGHT_D, "manual:prop-night-d"))).toMatchObject({ proposals: 2 });
    const pub = () =>
      rows<{ id: string; rank: number; track: string; answer: string; motivation: string | null; published_at: Date }>(
        t.db,
        `select * from family_published_proposals where student_id = '${s}' order by rank`,
      );
    expect((await pub()).map((p) => [p.id, p.rank, p.track, p.answer, p.motivation])).toEqual([
      [props[0]!.id, 1, "2GT", "yes", null],
      [props[1]!.id, 2, "2PRO", "no", "Résultats insuffisants"],
    ]);
    expect(countsOf(await run(t, NIGHT_D, "manual:prop-again"))).toMatchObject({ proposals: 0 });

    // Changed on D+1: the family sees the published one until night D+1.
    await t.db.execute(
      sql`update council_proposals set answer = 'yes', motivation = null, updated_at = ${at("2026-11-24", "10:00").toISOString()}::timestamptz where id = ${props[1]!.id}`,
    );
    expect(countsOf(await run(t, at("2026-11-24", "09:00"), "manual:prop-before-change"))).toMatchObject({ proposals: 0 });
    expect((await pub()).map((p) => p.answer)).toEqual(["yes", "no"]);
    expect(countsOf(await run(t, NIGHT_D1, "manual:prop-night-d1"))).toMatchObject({ proposals: 1 });
    expect((await pub()).map((p) => p.answer)).toEqual(["yes", "yes"]);
    expect(countsOf(await run(t, NIGHT_D1, "manual:prop-d1-again"))).toMatchObject({ proposals: 0, withdrawn: 0 });

    // Deleted by the school (changed final choices): withdrawn by the next run, once.
    await t.db.execute(sql`delete from council_proposals where id = ${props[0]!.id}`);
    expect(countsOf(await run(t, NIGHT_D1, "manual:prop-withdraw"))).toMatchObject({ proposals: 0, withdrawn: 1 });
    expect((await pub()).map((p) => p.id)).toEqual([props[1]!.id]);
    expect(countsOf(await run(t, NIGHT_D1, "manual:prop-withdraw-again"))).toMatchObject({ withdrawn: 0 });
  });

  it("R-SCH-7 / R-SYNC-2: only the avis of the provisional phase are published or kept: an avis on a final-phase choice is neither", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    // An avis stored against a final-phase choice (not a thing the product enters): never published.
    await t.db.transaction(async (tx) => {
      const [r] = await tx
        .insert(schoolRequests)
        .values({ studentId: s, phase: "final", source: "family", enteredByName: "TS", enteredAt: at(D, "09:00") })
        .returning();
      const [it] = await tx.insert(schoolRequestItems).values({ requestId: r!.id, rank: 1, track: "2GT" }).returning();
      await tx
        .insert(opinions)
        .values({ itemId: it!.id, studentId: s, value: "favorable", enteredAt: at(D, "10:00"), enteredByName: "M. Principal", updatedAt: at(D, "10:00") });
    });
    expect(countsOf(await run(t, NIGHT_D, "manual:avis-final"))).toMatchObject({ opinions: 0 });
    expect(await count(t.db, "family_published_opinions", `student_id = '${s}'`)).toBe(0);
    // A published avis of rank 1 whose provisional intention is gone is withdrawn, even though a
    // final-phase choice of rank 1 carries an avis.
    await t.db.execute(
      sql`insert into family_published_opinions (student_id, rank, track, value, published_at) values (${s}, 1, '2GT', 'favorable', ${NIGHT_D.toISOString()}::timestamptz)`,
    );
    expect(countsOf(await run(t, NIGHT_D, "manual:avis-final-withdraw"))).toMatchObject({ withdrawn: 1 });
    expect(await count(t.db, "family_published_opinions", `student_id = '${s}'`)).toBe(0);
  });
});

describe("nightly transfer, final phase, exactly once (R-SYNC-4)", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  /** Every final-phase kind pending for each student; a decision for the even ones. */
  async function seedFinal(db: Db, n: number) {
    const c = await seedCampaign(db, n);
    for (let i = 0; i < n; i++) {
      await validate(db, c, i, "final", at(D, "10:00"));
      const [p] = await enterProposals(db, c.studentIds[i]!, at(D, "15:00"));
      await answerAndAgree(db, c, i, p!.id, at(D, "19:00"));
      if (i % 2 === 0) await decide(db, c.studentIds[i]!, at(D, "20:00"));
    }
    return c;
  }

  const finalState = (db: Db) =>
    Promise.all([
      rows(
        db,
        `select s.last_name, e.phase, e.family_version, e.items, e.non_traitee from school_family_entries e join students s on s.id = e.student_id order by 1, 2`,
      ),
      rows(db, `select s.last_name, p.rank, p.track, p.answer from family_published_proposals p join students s on s.id = p.student_id order by 1, 2`),
      rows(db, `select s.last_name, a.kind, a.source from school_family_answers a join students s on s.id = a.student_id order by 1`),
      rows(db, `select s.last_name, a.agrees, a.source from school_agreements a join students s on s.id = a.student_id order by 1`),
      rows(db, `select s.last_name, d.track from family_published_decisions d join students s on s.id = d.student_id order by 1`),
      rows(db, `select subject, count(*)::int as n from outbox_emails group by 1 order by 1`),
    ]);

  it("R-SYNC-4 (final phase): a worker killed mid-run, then the night re-run: the same state as a clean run, no student half-transferred, each decision e-mail once", async () => {
    const killed = await createTestDb({ poolSize: 4 });
    const clean = await createTestDb({ poolSize: 4 });
    try {
      const N = 10;
      await seedFinal(killed.db, N);
      await seedFinal(clean.db, N);
      expect(await killSyncMidRun({ db: killed.db, url: killed.url, smtpUrl: sink.url, afterStudents: 3 })).toBe("SIGKILL");

      const partial = await count(killed.db, "school_family_entries");
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(N);
      // Whole students only: each one's final choices, proposals, answer, agreement (and decision) crossed together or not at all.
      const crossed = (table: string) => `exists (select 1 from ${table} x where x.student_id = s.id)`;
      expect(
        await count(
          killed.db,
          "students s",
          `${crossed("school_family_entries")} <> ${crossed("family_published_proposals")}
        or ${crossed("school_family_entries")} <> ${crossed("school_family_answers")}
        or ${crossed("school_family_entries")} <> ${crossed("school_agreements")}
        or (${crossed("decisions")} and ${crossed("school_family_entries")} <> ${crossed("family_published_decisions")})`,
        ),
      ).toBe(0);
      // What is marked on the source rows matches what crossed (same transaction).
      expect(
        await count(
          killed.db,
          "students s",
          `${crossed("school_family_answers")} <> exists (select 1 from family_answers a where a.student_id = s.id and a.transferred_at is not null)
        or ${crossed("family_published_proposals")} <> exists (select 1 from council_proposals p where p.student_id = s.id and p.published_at is not null)`,
        ),
      ).toBe(0);

      const mailer = createSmtpMailer(sink.url);
      try {
        sink.clear();
        let resumed = await run(killed, NIGHT_D, undefined, { mailer, triggeredBy: "test" });
        for (let i = 0; i < 50 && resumed.status === "skipped" && resumed.reason === "locked"; i++) {
          await new Promise((res) => setTimeout(res, 100));
          resumed = await run(killed, NIGHT_D, undefined, { mailer, triggeredBy: "test" });
        }
        expect(resumed.status).toBe("succeeded");
        expect(await run(killed, NIGHT_D, undefined, { mailer })).toMatchObject({ status: "skipped", reason: "already-done" });
        expect(countsOf(await run(killed, NIGHT_D, "manual:final-again", { mailer }))).toMatchObject({
          familyEntries: 0,
          proposals: 0,
          answers: 0,
          agreements: 0,
          decisions: 0,
          emailsQueued: 0,
        });
        const killedMails = sink.messages.map((m) => m.to.join()).sort();
        sink.clear();
        expect((await run(clean, NIGHT_D, undefined, { mailer })).status).toBe("succeeded");
        const cleanMails = sink.messages.map((m) => m.to.join()).sort();
        // Five decisions, two guardians each: ten e-mails, each address once, in both databases.
        expect(killedMails).toHaveLength(10);
        expect(new Set(killedMails).size).toBe(10);
        expect(cleanMails).toHaveLength(10);
      } finally {
        await mailer.close();
      }
      const [a, b] = await Promise.all([finalState(killed.db), finalState(clean.db)]);
      expect(a).toEqual(b);
      const [log] = await rows<{ status: string; counts: Record<string, number> }>(killed.db, `select * from sync_runs where run_key = 'night:2026-11-24'`);
      expect(log).toMatchObject({
        status: "succeeded",
        counts: expect.objectContaining({ familyEntries: N, proposals: 2 * N, answers: N, agreements: N, decisions: N / 2, emailsQueued: N }),
      });
    } finally {
      await Promise.all([killed.drop(), clean.drop()]);
    }
  }, 120_000);

  it("R-SYNC-4 (final phase): two workers started together carry each final-phase row once", async () => {
    const db2 = await createTestDb({ poolSize: 4 });
    try {
      await seedFinal(db2.db, 4);
      const { openDatabase } = await import("@/lib/db/client");
      const other = await openDatabase({ url: db2.url, poolSize: 4 });
      try {
        const results = await Promise.all([
          runTransfer({ db: db2.db, pool: db2.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 30 }),
          runTransfer({ db: other.db, pool: other.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 30 }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["skipped", "succeeded"]);
        const done = results.find((r) => r.status === "succeeded");
        expect(done && countsOf(done)).toMatchObject({ familyEntries: 4, proposals: 8, answers: 4, agreements: 4, decisions: 2, emailsQueued: 4 });
      } finally {
        await other.close();
      }
      expect(await count(db2.db, "sync_runs")).toBe(1);
      expect(await count(db2.db, "family_published_proposals")).toBe(8);
      expect(await count(db2.db, "school_agreements")).toBe(4);
      expect(await count(db2.db, "outbox_emails")).toBe(4);
    } finally {
      await db2.drop();
    }
  });

  it("R-SYNC-4 / R-FIN-8: a decision's e-mails are queued once per version: a re-run queues none, a changed decision once more", async () => {
    const own = await createTestDb({ poolSize: 3 });
    try {
      const c = await seedCampaign(own.db, 1);
      const s = c.studentIds[0]!;
      await decide(own.db, s, at(D, "17:00"));
      expect(countsOf(await run(own, NIGHT_D, "manual:dec-1"))).toMatchObject({ decisions: 1, emailsQueued: 2 });
      expect(countsOf(await run(own, NIGHT_D, "manual:dec-2"))).toMatchObject({ decisions: 0, emailsQueued: 0 });
      await decide(own.db, s, at("2026-11-24", "11:00"), "2PRO");
      expect(countsOf(await run(own, NIGHT_D1, "manual:dec-3"))).toMatchObject({ decisions: 1, emailsQueued: 2 });
      expect(countsOf(await run(own, NIGHT_D1, "manual:dec-4"))).toMatchObject({ decisions: 0, emailsQueued: 0 });
      // Withdrawn, then recorded again as it was: same version, the e-mails are not queued again.
      const [before] = await rows<{ updated_at: Date }>(own.db, `select updated_at from decisions where student_id = '${s}'`);
      await own.db.execute(sql`delete from decisions where student_id = ${s}`);
      expect(countsOf(await run(own, NIGHT_D1, "manual:dec-5"))).toMatchObject({ withdrawn: 1 });
      await decide(own.db, s, new Date(before!.updated_at), "2PRO");
      expect(countsOf(await run(own, NIGHT_D1, "manual:dec-6"))).toMatchObject({ decisions: 1, emailsQueued: 0 });
      expect(await count(own.db, "outbox_emails")).toBe(4);
      expect(await count(own.db, "family_published_decisions", `student_id = '${s}' and track = '2PRO'`)).toBe(1);
    } finally {
      await own.drop();
    }
  });
});
