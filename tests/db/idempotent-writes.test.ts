import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, StudentScope } from "@/lib/auth/policy";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import { findFamilyRequest } from "@/lib/db/repositories/family-requests";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  divisions,
  familyAcknowledgements,
  familyPublishedOpinions,
  familyPublishedProposals,
  familyRequests,
  opinions,
  schoolRequestItems,
  schoolRequests,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import { HandTakenError } from "@/lib/domain/family-writes";
import type { Intention } from "@/lib/domain/intentions";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { agreeWithAnswer, answerProposals } from "@/lib/services/family-answer";
import { validateFamilyRequest } from "@/lib/services/family-intentions";
import { openCouncil } from "@/lib/services/school-council";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { demoActor, withFinalProposals, setCampaignWindow } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * Idempotent writes (docs/decisions/010-idempotent-writes.md): a write submitted twice with the
 * same content (a replayed request, a double click, two tabs at once) saves one version, writes
 * one audit row and queues no more e-mail than once. 3e families of the demo: the provisional
 * phase on 3B at SEED (its window is open then), the final phase on 3D at NOW.
 */

const SEED = new Date("2026-11-23T09:00:00Z");
const NOW = new Date("2027-04-12T08:00:00Z");
const DAY = 86_400_000;
const later = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
let t: TestDb;

const PRO: Intention = { track: "2PRO", freeText: "Cuisine", statusSchool: true, statusApprentice: false };
const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };
const CAP: Intention = { track: "CAP", freeText: null, statusSchool: false, statusApprentice: true };

type Family = { studentId: string; scope: StudentScope; g1: Actor; g2: Actor };
const used = new Set<string>();

/** A student of `division` whose two guardians have an account, not used by another test of this file. */
async function family(division: string, at: Date): Promise<Family> {
  const rows = await t.db.execute<{ id: string }>(sql`
    select s.id from students s join divisions d on d.id = s.division_id
     where d.code = ${division} and (select count(*) from student_guardians g join accounts a on a.guardian_id = g.guardian_id where g.student_id = s.id) = 2
     order by s.ine`);
  const studentId = rows.rows.map((r) => r.id).find((id) => !used.has(id))!;
  used.add(studentId);
  const gs = await t.db.execute<{ account_id: string }>(sql`
    select a.id as account_id from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = ${studentId} order by sg.rank`);
  return {
    studentId,
    scope: (await findStudentScope(t.db, studentId, at))!,
    g1: (await findActor(t.db, gs.rows[0]!.account_id))!,
    g2: (await findActor(t.db, gs.rows[1]!.account_id))!,
  };
}

/** What a write leaves behind: the student's audit rows, the outbox rows about them, the request's version. */
async function traces(studentId: string, phase: "provisional" | "final" = "provisional") {
  const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${studentId}`);
  const outbox = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_emails where dedupe_key like ${`%${studentId}%`}`);
  const [req] = await t.db
    .select({ version: familyRequests.version })
    .from(familyRequests)
    .where(and(eq(familyRequests.studentId, studentId), eq(familyRequests.phase, phase)));
  return { audit: audit.rows[0]!.n, outbox: outbox.rows[0]!.n, version: req?.version ?? 0 };
}

async function validate(fam: Family, actor: Actor, items: Intention[], phase: "provisional" | "final", at: Date) {
  const sessionId = await startAuthSession(t.db, actor.accountId, at, 30);
  return validateFamilyRequest(t.db, { actor, scope: fam.scope, sessionId, phase, intentions: items, now: at });
}

/** A 3D family with avis published and acknowledged, final choices by g1, proposals published (2PRO «Oui», CAP proposed). */
async function readyToAnswer(): Promise<{ fam: Family; yes: string; extra: string }> {
  const fam = await family("3D", NOW);
  await t.db
    .insert(familyPublishedOpinions)
    .values({ studentId: fam.studentId, rank: 1, track: "2GT", value: "favorable", comment: null, publishedAt: later(NOW, -DAY / 60_000) });
  await t.db
    .insert(familyAcknowledgements)
    .values({ studentId: fam.studentId, accountId: fam.g1.accountId, actorName: fam.g1.displayName, acknowledgedAt: later(NOW, -120) });
  await validate(fam, fam.g1, [PRO, GT], "final", later(NOW, -60));
  const yes = randomUUID();
  const extra = randomUUID();
  await t.db.insert(familyPublishedProposals).values([
    {
      id: yes,
      studentId: fam.studentId,
      kind: "answer_to_choice",
      rank: 1,
      track: "2PRO",
      freeText: "Cuisine",
      statusSchool: true,
      answer: "yes",
      publishedAt: NOW,
    },
    { id: extra, studentId: fam.studentId, kind: "extra", rank: 1, track: "CAP", answer: null, motivation: "Projet professionnel", publishedAt: NOW },
  ]);
  return { fam, yes, extra };
}

beforeAll(async () => {
  t = await createTestDb({ poolSize: 8 });
  await seedDemo(t.db, SEED, { history: false });
  // The 3e final window is open around NOW (the provisional one stays open around SEED).
  await setCampaignWindow(t.db, "3e", "final", new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 20 * DAY));
});
afterAll(async () => {
  await t?.drop();
});

describe("the family's writes, twice with the same content", () => {
  it("R-INT-6: the same intentions validated twice by the holder: one version, one audit row, no session marked again; the replay answers the saved entry", async () => {
    const fam = await family("3B", SEED);
    const first = await validate(fam, fam.g1, [PRO, CAP], "provisional", SEED);
    const after = await traces(fam.studentId);
    expect(after.version).toBe(1);
    const replay = await validate(fam, fam.g1, [PRO, CAP], "provisional", later(SEED, 5));
    expect(replay).toEqual({ ...first, changed: false });
    expect(await traces(fam.studentId)).toEqual(after);
    // A different entry is a new version.
    const changed = await validate(fam, fam.g1, [CAP, PRO], "provisional", later(SEED, 10));
    expect(changed.changed).toBe(true);
    expect(changed.version).toBe(2);
  });

  it("R-INT-6: two identical validations at the same instant by the holder save one version and one audit row", async () => {
    for (let round = 0; round < 3; round++) {
      const fam = await family("3B", SEED);
      const before = await traces(fam.studentId);
      const results = await Promise.all([validate(fam, fam.g1, [GT, PRO], "provisional", SEED), validate(fam, fam.g1, [GT, PRO], "provisional", SEED)]);
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      const after = await traces(fam.studentId);
      expect(after.version).toBe(1);
      expect(after.audit - before.audit).toBe(1);
      expect((await findFamilyRequest(t.db, fam.studentId, "provisional"))!.items.map((i) => i.track)).toEqual(["2GT", "2PRO"]);
    }
  });

  it("R-FIN-3: the same final choices validated twice, in turn and at once: one version, one audit row", async () => {
    const fam = await family("3D", NOW);
    await t.db
      .insert(familyPublishedOpinions)
      .values({ studentId: fam.studentId, rank: 1, track: "2GT", value: "favorable", comment: null, publishedAt: later(NOW, -600) });
    await t.db
      .insert(familyAcknowledgements)
      .values({ studentId: fam.studentId, accountId: fam.g2.accountId, actorName: fam.g2.displayName, acknowledgedAt: later(NOW, -120) });
    const before = await traces(fam.studentId, "final");
    await Promise.all([validate(fam, fam.g2, [CAP], "final", NOW), validate(fam, fam.g2, [CAP], "final", NOW)]);
    await validate(fam, fam.g2, [CAP], "final", later(NOW, 1));
    const after = await traces(fam.studentId, "final");
    expect(after.version).toBe(1);
    expect(after.audit - before.audit).toBe(1);
  });

  it("R-INT-1: the guardian who validates second is refused with the holder's entry (the page turns read-only on it), and nothing is saved", async () => {
    const fam = await family("3B", SEED);
    await validate(fam, fam.g1, [PRO, GT], "provisional", SEED);
    const before = await traces(fam.studentId);
    const err = await validate(fam, fam.g2, [CAP], "provisional", later(SEED, 1)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HandTakenError);
    const taken = err as HandTakenError;
    expect(taken.code).toBe("HAND_TAKEN");
    expect(taken.message).toContain(`déjà été validées par ${fam.g1.displayName}`);
    expect(taken.held).toEqual({ holderName: fam.g1.displayName, validatedAt: SEED, items: [PRO, GT].map((i) => expect.objectContaining(i)) });
    expect(await traces(fam.studentId)).toEqual(before);
  });

  it("R-ACK-1: the same account acknowledging twice, in turn and at once: one acknowledgement, one audit row; the replay answers the saved one", async () => {
    const fam = await family("3D", NOW);
    await t.db
      .insert(familyPublishedOpinions)
      .values({ studentId: fam.studentId, rank: 1, track: "2GT", value: "favorable", comment: null, publishedAt: later(NOW, -600) });
    const before = await traces(fam.studentId);
    const [a, b] = await Promise.all([
      acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: NOW }),
      acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: NOW }),
    ]);
    expect(a).toEqual(b);
    const replay = await acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: later(NOW, 3) });
    expect(replay).toEqual({ actorName: fam.g1.displayName, acknowledgedAt: NOW });
    expect((await traces(fam.studentId)).audit - before.audit).toBe(1);
    // The other guardian still gets the refusal that says who acknowledged.
    const other = await acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: later(NOW, 4) }).then(
      () => null,
      (e: unknown) => e as DomainError,
    );
    expect(other?.code).toBe("ALREADY_ACKNOWLEDGED");
  });

  it("R-FIN-6: the same answer twice, in turn and at once: one answer, one audit row, the e-mails queued once", async () => {
    const { fam, yes, extra } = await readyToAnswer();
    const before = await traces(fam.studentId, "final");
    const answer = { kind: "accept" as const, acceptedProposalIds: [yes, extra] };
    const [a, b] = await Promise.all([
      answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer, now: NOW }),
      answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [extra, yes] }, now: NOW }),
    ]);
    expect(a.answeredAt).toEqual(b.answeredAt);
    const once = await traces(fam.studentId, "final");
    expect(once.audit - before.audit).toBe(1);
    expect(once.outbox).toBeGreaterThan(before.outbox);
    await answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer, now: later(NOW, 2) });
    expect(await traces(fam.studentId, "final")).toEqual(once);
    // Another content is not a replay: the answer is given already.
    const other = await answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "refuse_all" }, now: later(NOW, 3) }).then(
      () => null,
      (e: unknown) => e as DomainError,
    );
    expect(other?.code).toBe("ALREADY_ANSWERED");
  });

  it("R-FIN-7: the same agreement twice, in turn and at once: one agreement, one audit row, the e-mails queued once", async () => {
    const { fam, yes } = await readyToAnswer();
    await answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [yes] }, now: NOW });
    const before = await traces(fam.studentId, "final");
    await Promise.all([
      agreeWithAnswer(t.db, { actor: fam.g2, scope: fam.scope, agrees: true, now: later(NOW, 1) }),
      agreeWithAnswer(t.db, { actor: fam.g2, scope: fam.scope, agrees: true, now: later(NOW, 1) }),
    ]);
    const once = await traces(fam.studentId, "final");
    expect(once.audit - before.audit).toBe(1);
    expect(once.outbox).toBeGreaterThan(before.outbox);
    const replay = await agreeWithAnswer(t.db, { actor: fam.g2, scope: fam.scope, agrees: true, now: later(NOW, 5) });
    expect(replay.answeredAt).toEqual(later(NOW, 1));
    expect(await traces(fam.studentId, "final")).toEqual(once);
    const other = await agreeWithAnswer(t.db, { actor: fam.g2, scope: fam.scope, agrees: false, now: later(NOW, 6) }).then(
      () => null,
      (e: unknown) => e as DomainError,
    );
    expect(other?.code).toBe("ALREADY_AGREED");
  });
});

describe("the school's writes, twice with the same content", () => {
  it("R-SCH-1: the head's first entry of a student's intentions submitted twice at once: one request, one audit row, no error", async () => {
    const head = await demoActor(t.db, "head", "Collège");
    for (let round = 0; round < 3; round++) {
      const fam = await family("3C", SEED);
      const before = await traces(fam.studentId);
      const results = await Promise.all([
        saveSchoolRequest(t.db, head, { studentId: fam.studentId, items: [{ track: "CAP" }, { track: "2GT" }], confirmed: false }, SEED),
        saveSchoolRequest(t.db, head, { studentId: fam.studentId, items: [{ track: "CAP" }, { track: "2GT" }], confirmed: false }, SEED),
      ]);
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      await saveSchoolRequest(t.db, head, { studentId: fam.studentId, items: [{ track: "CAP" }, { track: "2GT" }], confirmed: false }, later(SEED, 1));
      const [r] = await t.db.select().from(schoolRequests).where(eq(schoolRequests.studentId, fam.studentId));
      expect(r!.version).toBe(1);
      expect((await traces(fam.studentId)).audit - before.audit).toBe(1);
    }
  });

  it("R-SCH-7: the same avis saved twice at once: written once, one audit row; again later, nothing", async () => {
    const head = await demoActor(t.db, "head", "Collège");
    const [div] = await t.db.select().from(divisions).where(eq(divisions.code, "3C"));
    await openCouncil(t.db, head, { divisionId: div!.id }, SEED);
    const [item] = await t.db
      .select({ id: schoolRequestItems.id, studentId: schoolRequests.studentId })
      .from(schoolRequestItems)
      .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
      .where(and(eq(schoolRequests.phase, "provisional"), sql`${schoolRequests.studentId} in (select id from students where division_id = ${div!.id})`))
      .limit(1);
    const entries = [{ itemId: item!.id, value: "reserve" as const, comment: "Résultats à consolider" }];
    const audits = async () =>
      (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'opinions.save' and entity_id = ${div!.id}`)).rows[0]!.n;
    const before = await audits();
    const results = await Promise.all([
      saveDivisionOpinions(t.db, head, { divisionId: div!.id, entries }, later(SEED, 1)),
      saveDivisionOpinions(t.db, head, { divisionId: div!.id, entries }, later(SEED, 1)),
    ]);
    expect(results.map((r) => r.changed).sort()).toEqual([0, 1]);
    await saveDivisionOpinions(t.db, head, { divisionId: div!.id, entries }, later(SEED, 5));
    expect(await audits()).toBe(before + 1);
    const [saved] = await t.db.select().from(opinions).where(eq(opinions.itemId, item!.id));
    expect(saved!.updatedAt).toEqual(later(SEED, 1));
  });

  it("R-FIN-10: the family's answer entered by the school twice at once: one answer, one audit row, the interview invitations queued once", async () => {
    const head = await demoActor(t.db, "head", "Collège");
    const fam = await family("3C", SEED);
    const s = await withFinalProposals(t.db, fam.studentId, SEED);
    const input = {
      studentId: s.id,
      kind: "refuse_all" as const,
      acceptedProposalIds: [],
      answeredByGuardianId: s.guardians[0]!,
      otherAgreement: null,
      confirmed: false,
    };
    const before = await traces(s.id);
    const results = await Promise.all([saveSchoolFamilyAnswer(t.db, head, input, later(SEED, 2)), saveSchoolFamilyAnswer(t.db, head, input, later(SEED, 2))]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    const once = await traces(s.id);
    expect(once.audit - before.audit).toBe(1);
    expect(once.outbox).toBeGreaterThan(before.outbox);
    expect((await saveSchoolFamilyAnswer(t.db, head, input, later(SEED, 6))).changed).toBe(false);
    expect(await traces(s.id)).toEqual(once);
  });
});
