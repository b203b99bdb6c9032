import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appeals, councilProposals, decisions, familyAgreements, familyAnswers, guardians, interviews } from "@/lib/db/schema";
import { parisDateTime } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";
import { createSmtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { sendDueEmails } from "@/lib/outbox/sender";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";
import { runTransfer } from "@/lib/transfer/run";
import { seedCampaign, type Campaign } from "../support/campaign";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { countingStatements, totalStatements } from "../support/statement-counter";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The nightly transfer and the end of the final phase (docs/sync.md, docs/decisions/009): the
 * decisions cross with their notice (R-FIN-8, R-FIN-11: day of receipt = the Paris day the e-mail
 * leaves, the appeal deadline in jours ouvrables from it), a notice that could not leave on its
 * day is renewed the next night, interviews and appeals are published (R-FIN-9), the guardians are
 * invited to the mandatory interview (R-FIN-9), exactly once (R-SYNC-4). Dates around Ascension
 * 2027 (Thursday 6 May) and 8 May (a Saturday): a notice received on Tuesday 4 May can be appealed
 * until Monday 10 May.
 */
const at = (day: string, time: string) => parisDateTime(day, time);
const NIGHT_4 = at("2027-05-04", "02:00");
const NIGHT_5 = at("2027-05-05", "02:00");

let t: TestDb;
let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  [t, sink] = await Promise.all([createTestDb({ poolSize: 6 }), startSmtpSink()]);
  mailer = createSmtpMailer(sink.url);
});
afterAll(async () => {
  await mailer?.close();
  await sink?.close();
  await t?.drop();
});
beforeEach(() => sink.clear());

const REASONS = {
  reasonKnowledge: "Les connaissances acquises ne permettent pas encore la 2de GT.",
  reasonAbilities: "Les capacités de Camille seront mieux mises en valeur en 2de professionnelle.",
  reasonInterests: "Ses intérêts rejoignent les enseignements professionnels.",
};

async function decide(db: Db, studentId: string, o: { when?: Date; differs?: boolean; paper?: { day: string; deadline: string } } = {}) {
  const when = o.when ?? at("2027-05-03", "15:00");
  await db.insert(decisions).values({
    studentId,
    rank: 1,
    track: o.differs ? "2PRO" : "2GT",
    statusSchool: !!o.differs,
    source: o.differs ? "head" : "agreement",
    differsFromRequest: !!o.differs,
    ...(o.differs ? REASONS : {}),
    ...(o.paper ? { notifiedOn: o.paper.day, noticeChannel: "paper" as const, appealDeadline: o.paper.deadline } : {}),
    decidedAt: when,
    decidedByName: "M. Jean Principal",
    updatedAt: when,
  });
}

async function rows<T>(db: Db, q: string): Promise<T[]> {
  return ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
}
type Notice = { notified_on: string | null; notice_channel: string | null; appeal_deadline: string | null };
const noticeOf = async (table: "decisions" | "family_published_decisions", s: string) =>
  (await rows<Notice>(t.db, `select notified_on::text, notice_channel::text, appeal_deadline::text from ${table} where student_id = '${s}'`))[0] ?? null;
type Mail = { to_address: string; dedupe_key: string; status: string; send_by: Date | null; text: string; kind: string };
const mailsOf = (s: string, kind = "decision-published") =>
  rows<Mail>(
    t.db,
    `select to_address, dedupe_key, status, send_by, text, kind from outbox_emails where kind = '${kind}' and dedupe_key like '%${s}%' order by id`,
  );
const run = (db: TestDb, now: Date, runKey: string, withMailer = true) =>
  runTransfer({ db: db.db, pool: db.pool, now, asOf: now, log: silentLog, runKey, ...(withMailer ? { mailer } : {}) });
const countsOf = (r: Awaited<ReturnType<typeof runTransfer>>) => (r.status === "skipped" ? null : r.counts);

describe("R-FIN-8 / R-FIN-11: decisions cross at night with their notice", () => {
  it("R-FIN-8 / R-SYNC-3: a decision that follows the family's request: family copy, one e-mail per guardian with an address, received on the night's day, none twice", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await decide(t.db, s);
    const res = await run(t, NIGHT_4, `night-conforming-${s}`);
    expect(countsOf(res)).toMatchObject({ decisions: 1, notices: 1, renotices: 0, emailsQueued: 2, emailsSent: 2 });
    expect(await noticeOf("decisions", s)).toEqual({ notified_on: "2027-05-04", notice_channel: "email", appeal_deadline: null });
    expect(await noticeOf("family_published_decisions", s)).toEqual({ notified_on: "2027-05-04", notice_channel: "email", appeal_deadline: null });
    const mails = await mailsOf(s);
    expect(mails.map((m) => [m.status, new Date(m.send_by!).toISOString()])).toEqual([
      ["sent", at("2027-05-05", "00:00").toISOString()],
      ["sent", at("2027-05-05", "00:00").toISOString()],
    ]);
    expect(sink.messages.map((m) => m.text.split("\n")[0]).sort()).toEqual(["Madame,", "Monsieur,"]);
    expect(sink.messages[0]!.text).toContain("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.");
    expect(sink.messages[0]!.text).toContain(`/famille/eleves/${s}?etape=3`);
    expect(sink.messages[0]!.text).not.toContain("Voies de recours".toUpperCase());
    // Re-run (same night, another key; and the next night): nothing queued, nothing sent twice.
    expect(countsOf(await run(t, NIGHT_4, `night-conforming-again-${s}`))).toMatchObject({ decisions: 0, notices: 0, emailsQueued: 0 });
    expect(countsOf(await run(t, NIGHT_5, `night-conforming-next-${s}`))).toMatchObject({ decisions: 0, notices: 0, renotices: 0, emailsQueued: 0 });
    expect(await mailsOf(s)).toHaveLength(2);
    expect(sink.messages).toHaveLength(2);
  });

  it("R-FIN-11: a decision that differs: notified on the run's Paris day, deadline 3 jours ouvrables later across Ascension and 8 May (Tue 4 → Mon 10 May 2027)", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    // One guardian without an address: one e-mail.
    await t.db
      .update(guardians)
      .set({ email: null })
      .where(sql`${guardians.id} = ${c.guardianIds[0]![1]!}`);
    await decide(t.db, s, { differs: true });
    expect(countsOf(await run(t, NIGHT_4, `night-differs-${s}`))).toMatchObject({ decisions: 1, notices: 1, emailsQueued: 1, emailsSent: 1 });
    const expected = { notified_on: "2027-05-04", notice_channel: "email", appeal_deadline: "2027-05-10" };
    expect(await noticeOf("decisions", s)).toEqual(expected);
    expect(await noticeOf("family_published_decisions", s)).toEqual(expected);
    expect(sink.messages).toHaveLength(1);
    const text = sink.messages[0]!.text;
    expect(text.split("\n")[0]).toBe("Madame,");
    expect(text).toContain(
      "Notification reçue le mardi 4 mai 2027 (envoi par courrier électronique) : vous pouvez faire appel jusqu'au lundi 10 mai 2027 inclus.",
    );
    expect(text).toContain("Connaissances de l'élève : Les connaissances acquises ne permettent pas encore la 2de GT.");
    expect(text).toContain("commission d'appel présidée par M. le DASEN, 1 rue de l'Appel, 38000 Grenoble.");
    expect(text).toContain("maintien de votre enfant dans sa classe d'origine (3e)");
  });

  it("R-FIN-12 / R-SYNC-4: a maintien or a paper notice recorded after the e-mail republishes the family copy without a second e-mail", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await decide(t.db, s, { differs: true });
    await run(t, NIGHT_4, `night-maintien-${s}`);
    expect(sink.messages).toHaveLength(2);
    const later = at("2027-05-04", "16:00");
    await t.db.execute(sql`update decisions set maintien_at = ${later}, maintien_by_name = 'M. Jean Principal', updated_at = ${later} where student_id = ${s}`);
    expect(countsOf(await run(t, NIGHT_5, `night-maintien-next-${s}`))).toMatchObject({ decisions: 1, notices: 0, renotices: 0, emailsQueued: 0 });
    expect((await rows<{ m: boolean }>(t.db, `select maintien_at is not null as m from family_published_decisions where student_id = '${s}'`))[0]!.m).toBe(
      true,
    );
    expect(await mailsOf(s)).toHaveLength(2);
    expect(sink.messages).toHaveLength(2);
  });

  it("R-FIN-11: the académie's number of jours ouvrables sets the deadline", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await t.db.execute(
      sql`update academies set appeal_deadline_working_days = 5 where id = (select sc.academy_id from students st join schools sc on sc.id = st.school_id where st.id = ${s})`,
    );
    await decide(t.db, s, { differs: true });
    await run(t, NIGHT_4, `night-five-${s}`);
    // Wed 5 (1), Fri 7 (2), Mon 10 (3), Tue 11 (4), Wed 12 (5).
    expect((await noticeOf("decisions", s))?.appeal_deadline).toBe("2027-05-12");
  });

  it("R-FIN-11: a notice handed on paper before the night keeps its day and deadline; the e-mail informs without a sending limit", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await decide(t.db, s, { differs: true, paper: { day: "2027-05-03", deadline: "2027-05-06" } });
    expect(countsOf(await run(t, NIGHT_4, `night-paper-${s}`))).toMatchObject({ decisions: 1, notices: 0, emailsQueued: 2 });
    const expected = { notified_on: "2027-05-03", notice_channel: "paper", appeal_deadline: "2027-05-06" };
    expect(await noticeOf("decisions", s)).toEqual(expected);
    expect(await noticeOf("family_published_decisions", s)).toEqual(expected);
    expect((await mailsOf(s)).map((m) => m.send_by)).toEqual([null, null]);
    const [sent] = sink.messages.filter((m) => m.text.includes(`/famille/eleves/${s}?etape=3`));
    expect(sent!.text).toContain("Notification reçue le lundi 3 mai 2027 (remise en main propre) : vous pouvez faire appel jusqu'au jeudi 6 mai 2027 inclus.");
  });

  it("R-FIN-11: no guardian has an address: the decision is published without a notice (the school hands it on paper)", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await t.db
      .update(guardians)
      .set({ email: "" })
      .where(sql`${guardians.id} in (${c.guardianIds[0]![0]!}, ${c.guardianIds[0]![1]!})`);
    await decide(t.db, s, { differs: true });
    expect(countsOf(await run(t, NIGHT_4, `night-no-address-${s}`))).toMatchObject({ decisions: 1, notices: 0, emailsQueued: 0 });
    expect(await noticeOf("decisions", s)).toEqual({ notified_on: null, notice_channel: null, appeal_deadline: null });
    expect(await noticeOf("family_published_decisions", s)).toEqual({ notified_on: null, notice_channel: null, appeal_deadline: null });
  });
});

describe("R-FIN-11: a notice that could not leave on its day", () => {
  it("R-FIN-11 / R-SYNC-4: never sent late (expired); the next night notifies again with a new day and deadline, new e-mails, once", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await decide(t.db, s, { differs: true });
    // Night of the 4th: queued, but the relay is down all day.
    sink.down();
    try {
      await run(t, NIGHT_4, `night-expire-${s}`);
      await sendDueEmails({ db: t.db, now: at("2027-05-04", "18:00"), mailer, log: silentLog });
    } finally {
      sink.up();
    }
    expect(sink.messages).toHaveLength(0);
    expect((await mailsOf(s)).map((m) => m.status)).toEqual(["pending", "pending"]);
    // After midnight the sender does not send them: their day is over.
    const late = await sendDueEmails({ db: t.db, now: at("2027-05-05", "00:30"), mailer, log: silentLog });
    expect(late).toMatchObject({ sent: 0, expired: 2 });
    expect(sink.messages).toHaveLength(0);
    expect((await mailsOf(s)).map((m) => m.status)).toEqual(["expired", "expired"]);
    expect(await noticeOf("decisions", s)).toMatchObject({ notified_on: "2027-05-04" });

    // Night of the 5th: notified again, received Wednesday 5 → Tue 11 May (6 Ascension, 8 May, 9 Sunday).
    expect(countsOf(await run(t, NIGHT_5, `night-renotice-${s}`))).toMatchObject({ decisions: 0, notices: 0, renotices: 1, emailsQueued: 2, emailsSent: 2 });
    const expected = { notified_on: "2027-05-05", notice_channel: "email", appeal_deadline: "2027-05-11" };
    expect(await noticeOf("decisions", s)).toEqual(expected);
    expect(await noticeOf("family_published_decisions", s)).toEqual(expected);
    const mails = await mailsOf(s);
    expect(mails.map((m) => m.status)).toEqual(["expired", "expired", "sent", "sent"]);
    expect(mails.slice(2).every((m) => m.dedupe_key.endsWith(":2027-05-05"))).toBe(true);
    expect(mails.slice(2).map((m) => new Date(m.send_by!).toISOString())).toEqual([
      at("2027-05-06", "00:00").toISOString(),
      at("2027-05-06", "00:00").toISOString(),
    ]);
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[0]!.text).toContain("vous pouvez faire appel jusqu'au mardi 11 mai 2027 inclus.");
    // Re-run and the following night: nothing more.
    expect(countsOf(await run(t, NIGHT_5, `night-renotice-again-${s}`))).toMatchObject({ renotices: 0, emailsQueued: 0 });
    expect(countsOf(await run(t, at("2027-05-06", "02:00"), `night-renotice-next-${s}`))).toMatchObject({ renotices: 0, emailsQueued: 0 });
    expect(await mailsOf(s)).toHaveLength(4);
  });

  it("R-FIN-11: a notice of which one e-mail was sent was received: not renewed when the other expired", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await decide(t.db, s, { differs: true });
    await run(t, NIGHT_4, `night-half-${s}`, false);
    const [first] = await mailsOf(s);
    await t.db.execute(sql`update outbox_emails set status = 'sent', sent_at = ${NIGHT_4.toISOString()}::timestamptz where dedupe_key = ${first!.dedupe_key}`);
    await sendDueEmails({ db: t.db, now: at("2027-05-05", "00:30"), mailer, log: silentLog });
    expect((await mailsOf(s)).map((m) => m.status)).toEqual(["sent", "expired"]);
    expect(countsOf(await run(t, NIGHT_5, `night-half-next-${s}`, false))).toMatchObject({ renotices: 0 });
    expect(await noticeOf("decisions", s)).toMatchObject({ notified_on: "2027-05-04", appeal_deadline: "2027-05-10" });
  });
});

describe("R-FIN-9: interviews, appeals and the interview invitation", () => {
  it("R-FIN-9 / R-SYNC-2: the interview and the appeal are published, changes republished, deletions withdrawn, each once", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    const when = at("2027-05-03", "10:00");
    const [iv] = await t.db
      .insert(interviews)
      .values({
        studentId: s,
        heldAt: when,
        participants: "M. Jean Principal, Mme Claire Parent0, Camille",
        outcome: "disagreement",
        notes: "Interne à l'établissement",
        enteredByName: "M. Jean Principal",
        enteredAt: when,
        updatedAt: when,
      })
      .returning();
    await decide(t.db, s, { differs: true, paper: { day: "2027-05-03", deadline: "2027-05-06" } });
    await t.db.insert(appeals).values({ studentId: s, requestedOn: "2027-05-03", requestedByName: "M. Jean Principal", updatedAt: at("2027-05-03", "16:00") });
    expect(countsOf(await run(t, NIGHT_4, `night-iv-${s}`))).toMatchObject({ interviews: 1, appeals: 1 });
    expect(await rows(t.db, `select id, participants, outcome::text, agreed_track from family_published_interviews where student_id = '${s}'`)).toEqual([
      { id: iv!.id, participants: "M. Jean Principal, Mme Claire Parent0, Camille", outcome: "disagreement", agreed_track: null },
    ]);
    expect(await rows(t.db, `select requested_on::text, outcome::text, commission_track from family_published_appeals where student_id = '${s}'`)).toEqual([
      { requested_on: "2027-05-03", outcome: "pending", commission_track: null },
    ]);
    expect(countsOf(await run(t, NIGHT_4, `night-iv-again-${s}`))).toMatchObject({ interviews: 0, appeals: 0, withdrawn: 0 });

    // The commission decides: republished next night; the interview deleted: withdrawn.
    const later = at("2027-05-04", "11:00");
    await t.db
      .update(appeals)
      .set({
        commissionDate: "2027-05-04",
        outcome: "changed",
        commissionTrack: "2GT",
        commissionDecidedAt: later,
        commissionEnteredByName: "M. Jean Principal",
        updatedAt: later,
      })
      .where(sql`${appeals.studentId} = ${s}`);
    await t.db.delete(interviews).where(sql`${interviews.id} = ${iv!.id}`);
    expect(countsOf(await run(t, NIGHT_5, `night-iv-next-${s}`))).toMatchObject({ interviews: 0, appeals: 1, withdrawn: 1 });
    expect(await rows(t.db, `select commission_date::text, outcome::text, commission_track from family_published_appeals where student_id = '${s}'`)).toEqual([
      { commission_date: "2027-05-04", outcome: "changed", commission_track: "2GT" },
    ]);
    expect(await rows(t.db, `select id from family_published_interviews where student_id = '${s}'`)).toEqual([]);
  });

  async function proposals(c: Campaign, i: number) {
    const when = at("2027-04-28", "15:00");
    return t.db
      .insert(councilProposals)
      .values({
        studentId: c.studentIds[i]!,
        kind: "extra",
        rank: 1,
        track: "2GT",
        enteredAt: when,
        enteredByName: "M. Jean Principal",
        updatedAt: when,
      })
      .returning();
  }

  it("R-FIN-9: a refusal of every proposal, or a guardian's «Non», invites each guardian to the interview once per answer; an agreement invites nobody", async () => {
    const c = await seedCampaign(t.db, 3);
    const [refuse, disagree, agree] = c.studentIds as [string, string, string];
    const when = at("2027-05-03", "18:00");
    await t.db
      .insert(familyAnswers)
      .values({ studentId: refuse, accountId: c.guardianAccountIds[0]![0]!, actorName: "Mme Claire Parent0", kind: "refuse_all", answeredAt: when });
    for (const [i, agrees] of [
      [1, false],
      [2, true],
    ] as const) {
      const [p] = await proposals(c, i);
      await t.db.insert(familyAnswers).values({
        studentId: c.studentIds[i]!,
        accountId: c.guardianAccountIds[i]![0]!,
        actorName: `Mme Claire Parent${i}`,
        kind: "accept",
        acceptedProposalIds: [p!.id],
        answeredAt: when,
      });
      // The other guardian answers the next day: the invitation follows the night after.
      await t.db.insert(familyAgreements).values({
        studentId: c.studentIds[i]!,
        guardianId: c.guardianIds[i]![1]!,
        accountId: c.guardianAccountIds[i]![1]!,
        actorName: `M. Paul Parent${i}`,
        agrees,
        answeredAt: at("2027-05-04", "09:00"),
      });
    }
    expect(countsOf(await run(t, NIGHT_4, `night-inv-${refuse}`))).toMatchObject({ answers: 3, emailsQueued: 2 });
    const refused = await mailsOf(refuse, "interview-invitation");
    expect(refused.map((m) => m.to_address.replace(/\.\d+\./, ".N.")).sort()).toEqual(["parent1.N.0@example.fr", "parent2.N.0@example.fr"]);
    expect(refused[0]!.text).toContain("La réponse saisie pour l'élève Camille Élève0 refuse toutes les propositions du conseil de classe.");
    expect(refused[0]!.text).toContain("il FAUT contacter IMMÉDIATEMENT le chef d'établissement");
    expect(sink.messages.filter((m) => m.subject === "[ORIENTATION] Entretien obligatoire avec le chef d'établissement")).toHaveLength(2);

    expect(countsOf(await run(t, NIGHT_5, `night-inv-next-${refuse}`))).toMatchObject({ agreements: 2, emailsQueued: 2 });
    const disagreed = await mailsOf(disagree, "interview-invitation");
    expect(disagreed).toHaveLength(2);
    expect(disagreed[0]!.text).toContain("a signifié son désaccord avec la réponse saisie");
    expect(await mailsOf(agree, "interview-invitation")).toEqual([]);
    // Re-runs: nothing more.
    expect(countsOf(await run(t, NIGHT_5, `night-inv-again-${refuse}`))).toMatchObject({ emailsQueued: 0 });
    expect(await mailsOf(refuse, "interview-invitation")).toHaveLength(2);
  });

  it("R-FIN-9 / R-FIN-10: the school enters a refusal for a family without the online service: each guardian is invited at once, once", async () => {
    const c = await seedCampaign(t.db, 1);
    const s = c.studentIds[0]!;
    await proposals(c, 0);
    const head = { accountId: null, displayName: "M. Jean Principal" };
    const entry = {
      studentId: s,
      kind: "refuse_all" as const,
      acceptedProposalIds: [],
      answeredByGuardianId: c.guardianIds[0]![0]!,
      otherAgreement: true,
      confirmed: false,
    };
    expect(await saveSchoolFamilyAnswer(t.db, head, entry, at("2027-05-03", "11:00"))).toEqual({ changed: true });
    expect(await saveSchoolFamilyAnswer(t.db, head, entry, at("2027-05-03", "11:05"))).toEqual({ changed: false });
    const mails = await mailsOf(s, "interview-invitation");
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.text.split("\n")[0]).sort()).toEqual(["Madame,", "Monsieur,"]);
    // The night publishes the school's answer to the family; it does not invite again.
    expect(countsOf(await run(t, NIGHT_4, `night-school-refusal-${s}`, false))).toMatchObject({ schoolAnswers: 1, emailsQueued: 0 });
  });
});

describe("R-SYNC-4: two workers at once", () => {
  it("R-SYNC-4 / R-FIN-11: two transfers started together notify each decision once, one e-mail per guardian", async () => {
    const db2 = await createTestDb({ poolSize: 4 });
    try {
      const c = await seedCampaign(db2.db, 4);
      for (const [i, s] of c.studentIds.entries()) await decide(db2.db, s, { differs: i % 2 === 0 });
      const { openDatabase } = await import("@/lib/db/client");
      const other = await openDatabase({ url: db2.url, poolSize: 4 });
      try {
        const opts = { now: NIGHT_4, asOf: NIGHT_4, log: silentLog, batchSize: 1, pauseBetweenBatchesMs: 30 };
        const results = await Promise.all([runTransfer({ db: db2.db, pool: db2.pool, ...opts }), runTransfer({ db: other.db, pool: other.pool, ...opts })]);
        expect(results.map((r) => r.status).sort()).toEqual(["skipped", "succeeded"]);
        expect(countsOf(results.find((r) => r.status === "succeeded")!)).toMatchObject({ decisions: 4, notices: 4, emailsQueued: 8 });
        // A second night run while the first is done: nothing more.
        expect(await runTransfer({ db: other.db, pool: other.pool, ...opts })).toMatchObject({ status: "skipped", reason: "already-done" });
      } finally {
        await other.close();
      }
      expect(await rows(db2.db, `select count(*)::int as n, count(distinct to_address)::int as d from outbox_emails`)).toEqual([{ n: 8, d: 8 }]);
      expect(
        await rows(
          db2.db,
          `select d.notified_on::text, d.appeal_deadline::text, count(*)::int as n from decisions d join family_published_decisions p using (student_id)
            where p.notified_on = d.notified_on and p.appeal_deadline is not distinct from d.appeal_deadline group by 1, 2 order by 2 nulls first`,
        ),
      ).toEqual([
        { notified_on: "2027-05-04", appeal_deadline: null, n: 2 },
        { notified_on: "2027-05-04", appeal_deadline: "2027-05-10", n: 2 },
      ]);
    } finally {
      await db2.drop();
    }
  });
});

describe("R-FIN-8 / R-SYNC-3: the night's decision e-mails are queued set-based", () => {
  /** A night over `n` students, each with a decision and two guardians with an address: its e-mails and the statements it sent. */
  async function nightOf(n: number) {
    const db = await createTestDb({ poolSize: 4 });
    try {
      const c = await seedCampaign(db.db, n);
      for (const [i, s] of c.studentIds.entries()) await decide(db.db, s, { differs: i % 3 === 0 });
      const [result, statements] = await countingStatements(() => run(db, NIGHT_4, "night:set-based", false));
      const mails = await rows<{ n: number; keys: number; to: number; notices: number }>(
        db.db,
        `select count(*)::int as n, count(distinct dedupe_key)::int as keys, count(distinct to_address)::int as to, count(send_by)::int as notices
           from outbox_emails where kind = 'decision-published'`,
      );
      // Run again (another key, so not skipped): every e-mail is already queued, none is added.
      const again = await run(db, NIGHT_4, "night:set-based:again", false);
      const after = await rows<{ n: number }>(db.db, `select count(*)::int as n from outbox_emails`);
      return { counts: countsOf(result), statements, mails: mails[0]!, again: countsOf(again), after: after[0]!.n };
    } finally {
      await db.drop();
    }
  }

  it("R-SYNC-4: 3 or 60 decisions, the night sends as many statements: one INSERT queues every guardian's e-mail, each once", async () => {
    const small = await nightOf(3);
    const large = await nightOf(60);
    expect(small.counts).toMatchObject({ decisions: 3, emailsQueued: 6 });
    expect(large.counts).toMatchObject({ decisions: 60, emailsQueued: 120 });
    expect(large.mails).toEqual({ n: 120, keys: 120, to: 120, notices: 120 });
    expect(small.mails).toEqual({ n: 6, keys: 6, to: 6, notices: 6 });
    // One INSERT into the outbox per night step, whatever the number of guardians…
    expect(small.statements.get('insert into "outbox_emails"')).toBe(1);
    expect(large.statements.get('insert into "outbox_emails"')).toBe(1);
    // …and the night as a whole does not grow with them either.
    expect(totalStatements(large.statements)).toBe(totalStatements(small.statements));
    // A re-run queues none twice.
    expect(large.again).toMatchObject({ emailsQueued: 0 });
    expect(large.after).toBe(120);
  });
});
