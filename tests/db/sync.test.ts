import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nonTraitee } from "@/lib/db/transfer/family-to-school";
import { startManualTransfer } from "@/lib/transfer/manual";
import { runTransfer } from "@/lib/transfer/run";
import type { Db } from "@/lib/db/client";
import {
  classCouncils,
  councilProposals,
  decisions,
  familyAcknowledgements,
  familyAgreements,
  familyAnswers,
  familyRequestItems,
  familyRequests,
  opinions,
  schoolRequestItems,
  schoolRequests,
} from "@/lib/db/schema";
import { parisDateTime } from "@/lib/domain/paris-time";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { silentLog } from "@/lib/log";
import { killSyncMidRun } from "../support/killed-sync";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { seedCampaign, type Campaign } from "../support/campaign";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The nightly transfer on real PostgreSQL (docs/sync.md). Day D = Monday 23 November 2026
 * (Paris); "night D" = the run at 02:00 on the 24th: its cut-off (`asOf`). The runs' `now` is the
 * real time, as the worker and the CLI pass it (sessions end and e-mails go out on it).
 */
const D = "2026-11-23";
const at = (day: string, time: string) => parisDateTime(day, time);
const NIGHT_D = at("2026-11-24", "02:00");
const NIGHT_D1 = at("2026-11-25", "02:00");

async function validate(db: Db, c: Campaign, i: number, validatedAt: Date, tracks = ["2GT", "2PRO"]) {
  // The item-count constraint is checked at commit: the request and its items go together.
  return db.transaction(async (tx) => validateIn(tx as unknown as Db, c, i, validatedAt, tracks));
}
async function validateIn(db: Db, c: Campaign, i: number, validatedAt: Date, tracks: string[]) {
  const [r] = await db
    .insert(familyRequests)
    .values({
      studentId: c.studentIds[i]!,
      phase: "provisional",
      holderAccountId: c.guardianAccountIds[i]![0]!,
      holderName: "Mme Claire Parent" + i,
      validatedAt,
    })
    .onConflictDoUpdate({ target: [familyRequests.studentId, familyRequests.phase], set: { version: sql`${familyRequests.version} + 1`, validatedAt } })
    .returning();
  await db.delete(familyRequestItems).where(sql`${familyRequestItems.requestId} = ${r!.id}`);
  await db.insert(familyRequestItems).values(
    tracks.map((track, k) => ({
      requestId: r!.id,
      rank: k + 1,
      track,
      statusSchool: track === "2PRO",
      freeText: track === "2PRO" ? "Métiers de la relation client" : null,
    })),
  );
  return r!;
}

/** The school's intentions with avis on each (R-SCH-7), entered at `enteredAt`. */
async function enterOpinions(db: Db, studentId: string, enteredAt: Date, values: ("favorable" | "reserve" | "defavorable")[] = ["favorable", "reserve"]) {
  return db.transaction(async (tx) => enterOpinionsIn(tx as unknown as Db, studentId, enteredAt, values));
}
async function enterOpinionsIn(db: Db, studentId: string, enteredAt: Date, values: ("favorable" | "reserve" | "defavorable")[]) {
  const [r] = await db.insert(schoolRequests).values({ studentId, phase: "provisional", source: "family", enteredByName: "TS", enteredAt }).returning();
  const items = await db
    .insert(schoolRequestItems)
    .values(values.map((_, k) => ({ requestId: r!.id, rank: k + 1, track: k === 0 ? "2GT" : "2PRO" })))
    .returning();
  await db.insert(opinions).values(
    items.map((it, k) => ({
      itemId: it.id,
      studentId,
      value: values[k]!,
      comment: k === 0 ? "Bon travail" : null,
      enteredAt,
      enteredByName: "M. Principal",
      updatedAt: enteredAt,
    })),
  );
  return { request: r!, items };
}

async function count(db: Db, table: string, where = "true"): Promise<number> {
  const res = (await db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`))) as unknown as { rows: { n: number }[] };
  return res.rows[0]!.n;
}

async function rows<T>(db: Db, q: string): Promise<T[]> {
  return ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
}

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
});
afterAll(async () => {
  await t?.drop();
});

describe("nightly transfer, family → school", () => {
  it("R-SYNC-1 / R-SCH-2: what a family validated on day D appears school-side after the run of night D, and not before", async () => {
    const c = await seedCampaign(t.db, 2);
    await validate(t.db, c, 0, at(D, "18:30"));
    const where = `student_id = '${c.studentIds[0]}'`;

    // A run as of D 12:00 (before the validation) carries nothing.
    const early = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: at(D, "12:00"), log: silentLog, runKey: "manual:early" });
    expect(early.status).toBe("succeeded");
    expect(await count(t.db, "school_family_entries", where)).toBe(0);

    const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog });
    expect(res).toMatchObject({ status: "succeeded", runKey: "night:2026-11-24" });
    const [entry] = await rows<{
      items: { rank: number; track: string; freeText: string | null; statusSchool: boolean }[];
      entered_by_name: string;
      entered_at: Date;
      received_at: Date;
      non_traitee: boolean;
      family_version: number;
    }>(t.db, `select * from school_family_entries where ${where}`);
    expect(entry!.entered_by_name).toBe("Mme Claire Parent0");
    expect(new Date(entry!.entered_at).toISOString()).toBe(at(D, "18:30").toISOString());
    expect(new Date(entry!.received_at).toISOString()).toBe(NIGHT_D.toISOString());
    expect(entry!.non_traitee).toBe(false);
    expect(entry!.family_version).toBe(1);
    expect(entry!.items.map((i) => [i.rank, i.track, i.freeText, i.statusSchool])).toEqual([
      [1, "2GT", null, false],
      [2, "2PRO", "Métiers de la relation client", true],
    ]);

    // R-SYNC-4: the version received is the watermark; another run copies nothing again.
    const again = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:again" });
    expect(again.status === "succeeded" && again.counts.familyEntries).toBe(0);

    // A new validation on D+1 (version 2) replaces the received entry after night D+1, once.
    await validate(t.db, c, 0, at("2026-11-24", "09:00"), ["CAP"]);
    const next = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog });
    expect(next.status === "succeeded" && next.counts.familyEntries).toBe(1);
    const [v2] = await rows<{ family_version: number; items: { track: string }[] }>(t.db, `select * from school_family_entries where ${where}`);
    expect([v2!.family_version, v2!.items.map((i) => i.track)]).toEqual([2, ["CAP"]]);
    const none = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:again-d1" });
    expect(none.status === "succeeded" && none.counts.familyEntries).toBe(0);
  });

  it("R-SCH-4: a validation on the Paris day its division's council opened is recorded « non traitée »", async () => {
    const c = await seedCampaign(t.db, 2);
    // 23:30 UTC on the 22nd is already the 23rd in Paris: the same day as the opening.
    await validate(t.db, c, 0, new Date("2026-11-22T23:30:00Z"));
    await validate(t.db, c, 1, at("2026-11-22", "20:00"));
    // Student 1's entry crosses before the opening day, as it should (a run as of midnight).
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: at(D, "00:00"), log: silentLog, runKey: "manual:r-sch-4-before" });
    await t.db
      .insert(classCouncils)
      .values({ divisionId: c.divisionId, phase: "provisional", state: "open", openedAt: at(D, "14:00"), openedByName: "M. Principal" });
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:r-sch-4" });
    const got = await rows<{ student_id: string; non_traitee: boolean }>(
      t.db,
      `select student_id, non_traitee from school_family_entries where student_id in ('${c.studentIds[0]}', '${c.studentIds[1]}')`,
    );
    const byId = Object.fromEntries(got.map((r) => [r.student_id, r.non_traitee]));
    expect(byId[c.studentIds[0]!]).toBe(true);
    expect(byId[c.studentIds[1]!]).toBe(false);
  });

  it("R-SCH-4 / R-SCH-3: an entry that arrives after its council opened (opened between midnight and the run) is « non traitée » too", async () => {
    const c = await seedCampaign(t.db, 2);
    // Validated the evening before; the head opens the council at 01:00, before the 02:00 run.
    await validate(t.db, c, 0, at("2026-11-23", "21:00"));
    await t.db
      .insert(classCouncils)
      .values({ divisionId: c.divisionId, phase: "provisional", state: "open", openedAt: at("2026-11-24", "01:00"), openedByName: "M. Principal" });
    // Student 1 is in another division whose council opens after the run: a normal entry.
    const other = await seedCampaign(t.db, 1);
    await validate(t.db, other, 0, at("2026-11-23", "21:00"));
    await t.db
      .insert(classCouncils)
      .values({ divisionId: other.divisionId, phase: "provisional", state: "open", openedAt: at("2026-11-24", "10:00"), openedByName: "M. Principal" });
    const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:r-sch-4-midnight" });
    expect(res.status === "succeeded" && res.counts).toMatchObject({ familyEntries: 2, nonTraitee: 1 });
    const got = await rows<{ student_id: string; non_traitee: boolean }>(
      t.db,
      `select student_id, non_traitee from school_family_entries where student_id in ('${c.studentIds[0]}', '${other.studentIds[0]}')`,
    );
    expect(Object.fromEntries(got.map((r) => [r.student_id, r.non_traitee]))).toEqual({ [c.studentIds[0]!]: true, [other.studentIds[0]!]: false });
  });

  /** The transfer's own R-SCH-4 predicate (the SQL it runs), for one entry and one council. */
  async function judged(validatedAt: string, councilOpenedAt: string | null, asOf: Date): Promise<boolean> {
    const res = (await t.db.execute(
      sql`select coalesce(${nonTraitee(sql`${validatedAt}::timestamptz`, sql`${councilOpenedAt}::timestamptz`, asOf.toISOString())}, false) as nt`,
    )) as unknown as { rows: { nt: boolean }[] };
    return res.rows[0]!.nt;
  }

  it("R-SCH-4: « non traitée » is decided on the Paris day, not the UTC day, across both clock changes", async () => {
    const before = at("2026-01-01", "00:00"); // a cut-off before every opening below: only the Paris day decides
    // Winter (UTC+1): the council opens at 09:00 Paris on 23 November.
    expect(await judged("2026-11-23T20:00:00Z", "2026-11-23T08:00:00Z", before)).toBe(true); // 21:00 Paris, same day
    expect(await judged("2026-11-22T22:59:00Z", "2026-11-23T08:00:00Z", before)).toBe(false); // 23:59 Paris the day before
    expect(await judged("2026-11-22T23:30:00Z", "2026-11-23T08:00:00Z", before)).toBe(true); // already the 23rd in Paris
    // Summer time begins on 28 March 2027 (UTC+1 until 02:00, then UTC+2).
    expect(await judged("2027-03-27T23:30:00Z", "2027-03-28T08:00:00Z", before)).toBe(true); // 00:30 Paris on the 28th
    expect(await judged("2027-03-27T22:59:00Z", "2027-03-28T08:00:00Z", before)).toBe(false); // 23:59 Paris on the 27th
    // Summer time ends on 25 October 2026 (UTC+2 until 03:00, then UTC+1).
    expect(await judged("2026-10-24T22:30:00Z", "2026-10-25T10:00:00Z", before)).toBe(true); // 00:30 Paris on the 25th
    expect(await judged("2026-10-24T21:59:00Z", "2026-10-25T10:00:00Z", before)).toBe(false); // 23:59 Paris on the 24th
    expect(await judged("2026-10-25T22:30:00Z", "2026-10-25T10:00:00Z", before)).toBe(true); // 23:30 Paris (UTC+1 now): the 25th still
    expect(await judged("2026-10-25T23:30:00Z", "2026-10-25T10:00:00Z", before)).toBe(false); // 00:30 Paris on the 26th
  });

  it("R-SCH-4: no open council, no « non traitée »; an entry arriving after its council opened always is", async () => {
    expect(await judged("2026-11-23T20:00:00Z", null, NIGHT_D)).toBe(false);
    // Validated on the 22nd, council opened on the 23rd at 09:00, run on the 24th: it arrives after the opening.
    expect(await judged("2026-11-22T20:00:00Z", "2026-11-23T08:00:00Z", NIGHT_D)).toBe(true);
    // The same entry carried by a run before the opening is a normal one.
    expect(await judged("2026-11-22T20:00:00Z", "2026-11-23T08:00:00Z", at(D, "00:00"))).toBe(false);
  });

  it("R-ACK-2 / R-SYNC-1: acknowledgements, answers and agreements cross once", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await t.db
      .insert(familyAcknowledgements)
      .values({ studentId: s, accountId: c.guardianAccountIds[0]![0]!, actorName: "Mme Claire Parent0", acknowledgedAt: at(D, "10:00") });
    const [p] = await t.db
      .insert(councilProposals)
      .values({ studentId: s, kind: "extra", rank: 1, track: "2GT", enteredAt: at(D, "09:00"), enteredByName: "M. Principal", updatedAt: at(D, "09:00") })
      .returning();
    await t.db.insert(familyAnswers).values({
      studentId: s,
      accountId: c.guardianAccountIds[0]![0]!,
      actorName: "Mme Claire Parent0",
      kind: "accept",
      acceptedProposalIds: [p!.id],
      answeredAt: at(D, "11:00"),
    });
    await t.db.insert(familyAgreements).values({
      studentId: s,
      guardianId: c.guardianIds[0]![1]!,
      accountId: c.guardianAccountIds[0]![1]!,
      actorName: "M. Paul Parent0",
      agrees: true,
      answeredAt: at(D, "12:00"),
    });
    const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:ack" });
    expect(res.status === "succeeded" && res.counts).toMatchObject({ acknowledgements: 1, answers: 1, agreements: 1, proposals: 1 });
    const [ack] = await rows<{ acknowledged_by_name: string; acknowledged_at: Date }>(t.db, `select * from school_acknowledgements where student_id = '${s}'`);
    expect(ack!.acknowledged_by_name).toBe("Mme Claire Parent0");
    const [ans] = await rows<{ source: string; kind: string; accepted_proposal_ids: string[] }>(
      t.db,
      `select * from school_family_answers where student_id = '${s}'`,
    );
    expect(ans).toMatchObject({ source: "family", kind: "accept", accepted_proposal_ids: [p!.id] });
    expect(await count(t.db, "school_agreements", `student_id = '${s}' and agrees`)).toBe(1);
    expect(await count(t.db, "family_published_proposals", `student_id = '${s}'`)).toBe(1);

    const again = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:ack2" });
    expect(again.status === "succeeded" && again.counts).toMatchObject({ acknowledgements: 0, answers: 0, agreements: 0, proposals: 0, familyEntries: 0 });
  });
});

describe("nightly transfer, school → family", () => {
  it("R-SCH-7 / R-SYNC-2: avis entered on day D reach the family side after night D, a later change the night after", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    const { items } = await enterOpinions(t.db, s, at(D, "16:00"));
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: at(D, "15:00"), log: silentLog, runKey: "manual:before-avis" });
    expect(await count(t.db, "family_published_opinions", `student_id = '${s}'`)).toBe(0);

    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:avis-night-d" });
    let pub = await rows<{ rank: number; track: string; value: string; comment: string | null; published_at: Date }>(
      t.db,
      `select * from family_published_opinions where student_id = '${s}' order by rank`,
    );
    expect(pub.map((p) => [p.rank, p.track, p.value, p.comment])).toEqual([
      [1, "2GT", "favorable", "Bon travail"],
      [2, "2PRO", "reserve", null],
    ]);
    expect(new Date(pub[0]!.published_at).toISOString()).toBe(NIGHT_D.toISOString());

    // Changed on D+1: the family still sees the published avis until night D+1.
    await t.db.execute(
      sql`update opinions set value = 'defavorable', updated_at = ${at("2026-11-24", "10:00").toISOString()}::timestamptz where item_id = ${items[1]!.id}`,
    );
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: at("2026-11-24", "09:00"), log: silentLog, runKey: "manual:avis-before-change" });
    pub = await rows(t.db, `select * from family_published_opinions where student_id = '${s}' order by rank`);
    expect(pub.map((p) => p.value)).toEqual(["favorable", "reserve"]);
    const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:avis-night-d1" });
    expect(res.status === "succeeded" && res.counts.opinions).toBe(1);
    pub = await rows(t.db, `select * from family_published_opinions where student_id = '${s}' order by rank`);
    expect(pub.map((p) => p.value)).toEqual(["favorable", "defavorable"]);

    // R-SCH-6: the council reset deletes the avis; the next run withdraws them from the family side.
    await t.db.execute(sql`delete from opinions where student_id = ${s}`);
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:avis-reset" });
    expect(await count(t.db, "family_published_opinions", `student_id = '${s}'`)).toBe(0);
  });

  it("R-SCH-5 / R-SYNC-2: the school's change overwrites the family's items and does not come back as a family entry", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await validate(t.db, c, 0, at(D, "08:00"));
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:change-1" });
    await t.db.transaction(async (tx) => {
      const [sr] = await tx
        .insert(schoolRequests)
        .values({
          studentId: s,
          phase: "provisional",
          source: "family",
          enteredByName: "Mme Claire Parent0",
          enteredAt: at(D, "08:00"),
          changedBySchoolAt: at("2026-11-24", "11:00"),
          changedBySchoolName: "M. Principal",
          version: 2,
          publishedVersion: 0,
          originalFamilyItems: [],
        })
        .returning();
      await tx.insert(schoolRequestItems).values({ requestId: sr!.id, rank: 1, track: "CAP", statusApprentice: true });
    });
    const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:change-2" });
    expect(res.status === "succeeded" && res.counts).toMatchObject({ schoolChanges: 1, familyEntries: 0 });
    const items = await rows<{ track: string; status_apprentice: boolean }>(
      t.db,
      `select i.* from family_request_items i join family_requests r on r.id = i.request_id where r.student_id = '${s}'`,
    );
    expect(items.map((i) => [i.track, i.status_apprentice])).toEqual([["CAP", true]]);
    const [fr] = await rows<{ changed_by_school_name: string; version: number }>(t.db, `select * from family_requests where student_id = '${s}'`);
    expect(fr!.changed_by_school_name).toBe("M. Principal");
    const [received] = await rows<{ family_version: number }>(t.db, `select family_version from school_family_entries where student_id = '${s}'`);
    expect(received!.family_version).toBe(fr!.version);
    const again = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:change-3" });
    expect(again.status === "succeeded" && again.counts).toMatchObject({ schoolChanges: 0, familyEntries: 0 });
  });
});

describe("nightly transfer: what the family sees of the school's entries (R-SCH-1)", () => {
  it("R-SCH-1: intentions the school entered reach the family only with their published avis; a family's entry changed by the school reaches it at once", async () => {
    const c = await seedCampaign(t.db, 2);
    const [own, fam] = [c.studentIds[0]!, c.studentIds[1]!];
    // Student 0: the family entered nothing; the school enters its intentions on day D, no avis yet.
    const items = await t.db.transaction(async (tx) => {
      const [sr] = await tx
        .insert(schoolRequests)
        .values({
          studentId: own,
          phase: "provisional",
          source: "school",
          enteredByName: "M. Principal",
          enteredAt: at(D, "09:00"),
          changedBySchoolAt: at(D, "09:00"),
          changedBySchoolName: "M. Principal",
        })
        .returning();
      return tx
        .insert(schoolRequestItems)
        .values([
          { requestId: sr!.id, rank: 1, track: "2GT" },
          { requestId: sr!.id, rank: 2, track: "2PRO", statusSchool: true },
        ])
        .returning();
    });
    // Student 1: the family's own entry, changed by the school on day D (no avis either).
    await validate(t.db, c, 1, at("2026-11-22", "20:00"));
    await t.db.transaction(async (tx) => {
      const [sr] = await tx
        .insert(schoolRequests)
        .values({
          studentId: fam,
          phase: "provisional",
          source: "family",
          enteredByName: "Mme Claire Parent1",
          enteredAt: at("2026-11-22", "20:00"),
          changedBySchoolAt: at(D, "10:00"),
          changedBySchoolName: "M. Principal",
          version: 2,
          publishedVersion: 0,
          originalFamilyItems: [],
        })
        .returning();
      await tx.insert(schoolRequestItems).values({ requestId: sr!.id, rank: 1, track: "CAP", statusApprentice: true });
    });

    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:r-sch-1-night-d" });
    // The school's own entry: nothing on the family side.
    expect(await count(t.db, "family_requests", `student_id = '${own}'`)).toBe(0);
    expect(await count(t.db, "family_published_opinions", `student_id = '${own}'`)).toBe(0);
    // The family's entry changed by the school: the family sees the change.
    const famItems = await rows<{ track: string }>(
      t.db,
      `select i.track from family_request_items i join family_requests r on r.id = i.request_id where r.student_id = '${fam}'`,
    );
    expect(famItems.map((i) => i.track)).toEqual(["CAP"]);

    // The avis on the school's intentions (D+1) reach the family with them, the night after.
    await t.db.insert(opinions).values(
      items.map((it, k) => ({
        itemId: it.id,
        studentId: own,
        value: k === 0 ? ("favorable" as const) : ("reserve" as const),
        comment: null,
        enteredAt: at("2026-11-24", "10:00"),
        enteredByName: "M. Principal",
        updatedAt: at("2026-11-24", "10:00"),
      })),
    );
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: NIGHT_D1, log: silentLog, runKey: "manual:r-sch-1-night-d1" });
    const pub = await rows<{ rank: number; track: string; value: string }>(
      t.db,
      `select rank, track, value from family_published_opinions where student_id = '${own}' order by rank`,
    );
    expect(pub.map((p) => [p.rank, p.track, p.value])).toEqual([
      [1, "2GT", "favorable"],
      [2, "2PRO", "reserve"],
    ]);
    expect(await count(t.db, "family_requests", `student_id = '${own}'`)).toBe(0);
  });
});

describe("nightly transfer: its audit rows (R-AUTH-3)", () => {
  it("R-AUTH-3: a run records its writes, one audit row per kind with its count, under the transfer's system actor", async () => {
    // Its own database: the counts are this campaign's only.
    const own = await createTestDb({ poolSize: 3 });
    try {
      const c = await seedCampaign(own.db, 2);
      await validate(own.db, c, 0, at(D, "10:00"));
      await validate(own.db, c, 1, at(D, "11:00"));
      await own.db
        .insert(familyAcknowledgements)
        .values({ studentId: c.studentIds[0]!, accountId: c.guardianAccountIds[0]![0]!, actorName: "Mme Claire Parent0", acknowledgedAt: at(D, "12:00") });
      await enterOpinions(own.db, c.studentIds[1]!, at(D, "15:00"));
      const runKey = "manual:r-auth-3";
      const res = await runTransfer({ db: own.db, pool: own.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey });
      expect(res.status).toBe("succeeded");
      const audit = await rows<{ account_id: string | null; actor_name: string; action: string; entity_type: string; details: string }>(
        own.db,
        `select account_id, actor_name, action, entity_type, details from audit_log where entity_id = '${runKey}' order by action`,
      );
      expect(audit.map((a) => [a.action, JSON.parse(a.details).count])).toEqual([
        ["transfer.acknowledgements", 1],
        ["transfer.familyEntries", 2],
        ["transfer.opinions", 2],
      ]);
      expect(new Set(audit.map((a) => `${a.account_id}|${a.actor_name}|${a.entity_type}`))).toEqual(new Set(["null|Système (transfert nocturne)|sync_run"]));
      // A run that carries nothing writes no audit row.
      await runTransfer({ db: own.db, pool: own.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, runKey: "manual:r-auth-3-again" });
      expect(await count(own.db, "audit_log", "entity_id = 'manual:r-auth-3-again'")).toBe(0);
    } finally {
      await own.drop();
    }
  });
});

describe("the administrator's manual run (R-SYNC-5)", () => {
  it("R-SYNC-5: runs in the background under its own key, one at a time, recorded with who started it", async () => {
    const own = await createTestDb({ poolSize: 3 });
    try {
      const c = await seedCampaign(own.db, 1);
      await validate(own.db, c, 0, at(D, "10:00"));
      const when = new Date();
      const admin = { accountId: null, displayName: "Mme Admin" };
      const first = await startManualTransfer(own, admin, when);
      expect(first).toEqual({ started: true, runKey: `manual:${when.toISOString()}` });
      expect((await startManualTransfer(own, admin, when)).started).toBe(false);
      for (let i = 0; i < 100; i++) {
        const [r] = await rows<{ status: string }>(own.db, `select status from sync_runs where run_key = '${first.runKey}'`);
        if (r?.status === "succeeded") break;
        await new Promise((res) => setTimeout(res, 100));
      }
      const [run] = await rows<{ status: string; triggered_by: string; counts: Record<string, number> }>(
        own.db,
        `select * from sync_runs where run_key = '${first.runKey}'`,
      );
      expect(run).toMatchObject({ status: "succeeded", triggered_by: "Mme Admin" });
      expect(run!.counts.familyEntries).toBe(1);
      expect(await count(own.db, "audit_log", `action = 'sync.start' and actor_name = 'Mme Admin' and entity_id = '${first.runKey}'`)).toBe(1);
      // Once it has finished, another one may start.
      let again = await startManualTransfer(own, admin, new Date(when.getTime() + 1000));
      for (let i = 0; i < 50 && !again.started; i++) {
        await new Promise((res) => setTimeout(res, 100));
        again = await startManualTransfer(own, admin, new Date(when.getTime() + 1000));
      }
      expect(again.started).toBe(true);
      for (let i = 0; i < 100 && (await count(own.db, "sync_runs", "status = 'running'")) > 0; i++) await new Promise((res) => setTimeout(res, 100));
    } finally {
      await own.drop();
    }
  });
});

describe("nightly transfer, exactly once (R-SYNC-4) and its log (R-SYNC-5)", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  /** A campaign with every kind pending, decisions included (their e-mails go to the sink). */
  async function seedEverything(db: Db, n: number) {
    const c = await seedCampaign(db, n);
    for (let i = 0; i < n; i++) {
      await validate(db, c, i, at(D, "10:00"));
      await db
        .insert(familyAcknowledgements)
        .values({ studentId: c.studentIds[i]!, accountId: c.guardianAccountIds[i]![0]!, actorName: `Mme Claire Parent${i}`, acknowledgedAt: at(D, "11:00") });
      await enterOpinions(db, c.studentIds[i]!, at(D, "15:00"));
      if (i % 2 === 0) {
        await db.insert(decisions).values({
          studentId: c.studentIds[i]!,
          rank: 1,
          track: "2GT",
          source: "agreement",
          differsFromRequest: false,
          decidedAt: at(D, "17:00"),
          decidedByName: "M. Principal",
          updatedAt: at(D, "17:00"),
        });
      }
    }
    return c;
  }

  const finalState = (db: Db, ids: string[]) => {
    const list = ids.map((id) => `'${id}'`).join(",");
    return Promise.all([
      rows(
        db,
        `select s.last_name, e.family_version, e.items, e.non_traitee from school_family_entries e join students s on s.id = e.student_id where e.student_id in (${list}) order by 1`,
      ),
      rows(
        db,
        `select s.last_name, a.acknowledged_by_name from school_acknowledgements a join students s on s.id = a.student_id where a.student_id in (${list}) order by 1`,
      ),
      rows(
        db,
        `select s.last_name, o.rank, o.track, o.value, o.comment from family_published_opinions o join students s on s.id = o.student_id where o.student_id in (${list}) order by 1, 2`,
      ),
      rows(
        db,
        `select s.last_name, d.track from family_published_decisions d join students s on s.id = d.student_id where d.student_id in (${list}) order by 1`,
      ),
      rows(
        db,
        `select s.last_name, r.version, r.validated_at from family_requests r join students s on s.id = r.student_id where r.student_id in (${list}) order by 1`,
      ),
      rows(db, `select to_address, subject from outbox_emails order by 1`),
    ]);
  };

  it("R-SYNC-4: a run killed mid-way then re-run gives the same final state as one clean run, each e-mail sent exactly once", async () => {
    const killed = await createTestDb({ poolSize: 4 });
    const clean = await createTestDb({ poolSize: 4 });
    try {
      const N = 12;
      const ck = await seedEverything(killed.db, N);
      const cc = await seedEverything(clean.db, N);

      // The worker process: one student per batch, slowed down so it is killed between batches' commits.
      expect(await killSyncMidRun({ db: killed.db, url: killed.url, smtpUrl: sink.url, afterStudents: 4 })).toBe("SIGKILL");

      // Killed: the run is left 'running', part of the students done, whole.
      const [half] = await rows<{ status: string; students: number }>(
        killed.db,
        `select status, (counts->>'students')::int as students from sync_runs where run_key = 'night:2026-11-24'`,
      );
      expect(half!.status).toBe("running");
      expect(half!.students).toBeLessThan(N);
      const partial = await rows<{ n: number }>(killed.db, `select count(*)::int as n from school_family_entries`);
      expect(partial[0]!.n).toBeGreaterThan(0);
      expect(partial[0]!.n).toBeLessThan(N);
      // No half-transferred student: each student's entry, acknowledgement, avis (and decision)
      // crossed together or not at all.
      const crossed = (table: string) => `exists (select 1 from ${table} x where x.student_id = s.id)`;
      expect(
        await count(
          killed.db,
          "students s",
          `${crossed("school_family_entries")} <> ${crossed("school_acknowledgements")}
        or ${crossed("school_family_entries")} <> ${crossed("family_published_opinions")}
        or (${crossed("decisions")} and ${crossed("school_family_entries")} <> ${crossed("family_published_decisions")})`,
        ),
      ).toBe(0);

      // The next run (same night) resumes and completes; the e-mails go out once.
      const mailer = createSmtpMailer(sink.url);
      try {
        sink.clear();
        // The killed worker's advisory lock goes with its connection, once the server notices it closed.
        let resumed = await runTransfer({ db: killed.db, pool: killed.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, mailer, triggeredBy: "test" });
        for (let i = 0; i < 50 && resumed.status === "skipped" && resumed.reason === "locked"; i++) {
          await new Promise((res) => setTimeout(res, 100));
          resumed = await runTransfer({ db: killed.db, pool: killed.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, mailer, triggeredBy: "test" });
        }
        expect(resumed.status).toBe("succeeded");
        const again = await runTransfer({ db: killed.db, pool: killed.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, mailer });
        expect(again).toMatchObject({ status: "skipped", reason: "already-done" });
        const manual = await runTransfer({ db: killed.db, pool: killed.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, mailer, runKey: "manual:again" });
        expect(manual.status === "succeeded" && manual.counts).toMatchObject({
          familyEntries: 0,
          opinions: 0,
          decisions: 0,
          acknowledgements: 0,
          emailsQueued: 0,
        });
        const killedMails = [...sink.messages];
        sink.clear();
        const cleanRun = await runTransfer({ db: clean.db, pool: clean.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, mailer });
        expect(cleanRun.status).toBe("succeeded");
        const cleanMails = [...sink.messages];

        // R-FIN-8: two guardians for each of the 6 decisions, each e-mail exactly once.
        expect(cleanMails).toHaveLength(12);
        expect(killedMails.map((m) => m.to.join()).sort()).toEqual(
          killedMails
            .map((m) => m.to.join())
            .filter((v, i, a) => a.indexOf(v) === i)
            .sort(),
        );
        expect(killedMails).toHaveLength(12);
        expect(killedMails[0]!.subject).toBe("[ORIENTATION] Décision d'orientation");
        expect(await count(killed.db, "outbox_emails", "status = 'sent'")).toBe(12);
      } finally {
        await mailer.close();
      }
      const [a, b] = await Promise.all([finalState(killed.db, ck.studentIds), finalState(clean.db, cc.studentIds)]);
      // Addresses carry a per-seed tag; compare them without it.
      const norm = (x: unknown) => JSON.parse(JSON.stringify(x).replace(/parent(\d)\.\d+\./g, "parent$1."));
      expect(norm(a)).toEqual(norm(b));
      const [log] = await rows<{ status: string; finished_at: Date | null; counts: Record<string, number>; errors: string[] }>(
        killed.db,
        `select * from sync_runs where run_key = 'night:2026-11-24'`,
      );
      // R-SYNC-5: the log of the night: start, end, counts per kind (both attempts together).
      expect(log!.status).toBe("succeeded");
      expect(log!.finished_at).not.toBeNull();
      expect(log!.counts).toMatchObject({ familyEntries: N, acknowledgements: N, opinions: 2 * N, decisions: N / 2, emailsQueued: N });
      expect(log!.counts.students).toBeGreaterThanOrEqual(N); // walked: the resumed run walks from the start again
    } finally {
      await Promise.all([killed.drop(), clean.drop()]);
    }
  }, 120_000);

  it("R-SYNC-4: two workers started together run the night once", async () => {
    const db2 = await createTestDb({ poolSize: 4 });
    try {
      await seedEverything(db2.db, 6);
      const { openDatabase } = await import("@/lib/db/client");
      const other = await openDatabase({ url: db2.url, poolSize: 4 });
      try {
        const results = await Promise.all([
          runTransfer({ db: db2.db, pool: db2.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 30 }),
          runTransfer({ db: other.db, pool: other.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 30 }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["skipped", "succeeded"]);
        // And later workers find the night done.
        const late = await runTransfer({ db: other.db, pool: other.pool, now: new Date(), asOf: NIGHT_D, log: silentLog });
        expect(late).toMatchObject({ status: "skipped", reason: "already-done" });
      } finally {
        await other.close();
      }
      expect(await count(db2.db, "sync_runs")).toBe(1);
      expect(await count(db2.db, "school_family_entries")).toBe(6);
      expect(await count(db2.db, "outbox_emails")).toBe(6);
    } finally {
      await db2.drop();
    }
  });

  it("--dry-run reports what would cross and writes nothing", async () => {
    const db3 = await createTestDb({ poolSize: 3 });
    try {
      await seedEverything(db3.db, 3);
      const res = await runTransfer({ db: db3.db, pool: db3.pool, now: new Date(), asOf: NIGHT_D, log: silentLog, dryRun: true });
      expect(res.status === "succeeded" && res.counts).toMatchObject({ familyEntries: 3, acknowledgements: 3, opinions: 6, decisions: 2 });
      expect(await count(db3.db, "school_family_entries")).toBe(0);
      expect(await count(db3.db, "family_published_opinions")).toBe(0);
      expect(await count(db3.db, "outbox_emails")).toBe(0);
      expect(await count(db3.db, "sync_runs")).toBe(0);
    } finally {
      await db3.drop();
    }
  });
});
