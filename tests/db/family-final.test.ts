import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, StudentScope } from "@/lib/auth/policy";
import { endAuthSession, startAuthSession } from "@/lib/auth/session-lifecycle";
import { buildDemoData } from "@/lib/db/demo-accounts";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  accounts,
  familyAcknowledgements,
  familyAgreements,
  familyAnswers,
  familyPublishedOpinions,
  familyPublishedProposals,
  outboxEmails,
  schoolFamilyEntries,
  schoolServiceClosures,
  students,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { CAMPAIGN_CLOSED_MESSAGE } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import {
  AGREEMENT_ALREADY_GIVEN_MESSAGE,
  AGREEMENT_BY_OTHER_ONLY_MESSAGE,
  ANSWER_ALREADY_GIVEN_MESSAGE,
  ANSWER_BY_HOLDER_ONLY_MESSAGE,
  ANSWER_BY_SCHOOL_MESSAGE,
  PROPOSAL_NOT_ACCEPTABLE_MESSAGE,
} from "@/lib/domain/family-answer";
import { ACKNOWLEDGE_FIRST_MESSAGE, CHOICES_FROZEN_MESSAGE, FINAL_SCHOOL_CLOSED_MESSAGE, NO_OPINIONS_EVER_MESSAGE } from "@/lib/domain/family-page";
import { STUDENT_READ_ONLY_MESSAGE, type Intention } from "@/lib/domain/intentions";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { silentLog } from "@/lib/log";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { agreeWithAnswer, answerProposals } from "@/lib/services/family-answer";
import { validateFamilyRequest, validateIntentions } from "@/lib/services/family-intentions";
import { runTransfer } from "@/lib/transfer/run";
import { createTestDb, type TestDb } from "../support/test-db";
import { setCampaignWindow } from "../support/final-fixtures";

/*
 * The final phase on the family side (R-FIN-1/2/3/6/7, R-CAL-2), on the 3D families of the demo
 * data. The seed's provisional window is moved to the past and the final window opened around NOW.
 */

const NOW = new Date("2027-04-12T08:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const DAY = 86_400_000;
let t: TestDb;

const PRO: Intention = { track: "2PRO", freeText: "Cuisine", statusSchool: true, statusApprentice: false };
const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };
const CAP: Intention = { track: "CAP", freeText: null, statusSchool: false, statusApprentice: true };

type Family = { studentId: string; scope: StudentScope; g1: Actor; g2: Actor; student: Actor };

async function actorOfAccount(id: string): Promise<Actor> {
  return (await findActor(t.db, id))!;
}
/** The n-th 3D student whose two guardians have an account (n = 0 is buildDemoData().named.finalFamily). */
async function family3D(index: number): Promise<Family> {
  const data = buildDemoData();
  const named = data.students.find((s) => s.key === data.named.finalFamily)!;
  const rows = await t.db.execute<{ id: string }>(sql`
    select s.id from students s join divisions d on d.id = s.division_id
     where d.code = '3D' and (select count(*) from student_guardians g join accounts a on a.guardian_id = g.guardian_id where g.student_id = s.id) = 2
     order by (s.ine = ${named.ine}) desc, s.ine offset ${index} limit 1`);
  const studentId = rows.rows[0]!.id;
  const scope = (await findStudentScope(t.db, studentId, NOW))!;
  const gs = await t.db.execute<{ account_id: string }>(sql`
    select a.id as account_id from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = ${studentId} order by sg.rank`);
  const [st] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.studentId, studentId));
  return {
    studentId,
    scope,
    g1: await actorOfAccount(gs.rows[0]!.account_id),
    g2: await actorOfAccount(gs.rows[1]!.account_id),
    student: await actorOfAccount(st!.id),
  };
}
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
async function publishOpinions(studentId: string) {
  await t.db.insert(familyPublishedOpinions).values({ studentId, rank: 1, track: "2GT", value: "favorable", comment: null, publishedAt: later(-60 * 24) });
}
async function ack(fam: Family, by: Actor) {
  await t.db
    .insert(familyAcknowledgements)
    .values({ studentId: fam.studentId, accountId: by.accountId, actorName: by.displayName, acknowledgedAt: later(-60) });
}
async function validateFinal(fam: Family, actor: Actor, items: unknown, opts: { sessionId?: string; now?: Date } = {}) {
  const sessionId = opts.sessionId ?? (await startAuthSession(t.db, actor.accountId, opts.now ?? NOW, 30));
  return validateFamilyRequest(t.db, { actor, scope: fam.scope, sessionId, phase: "final", intentions: items, now: opts.now ?? NOW });
}
/** Proposals as the night publishes them: «Oui» to choice 1, «Non» to choice 2, one voie not asked. */
async function publishProposals(studentId: string) {
  const ids = { yes: randomUUID(), no: randomUUID(), extra: randomUUID() };
  await t.db.insert(familyPublishedProposals).values([
    {
      id: ids.yes,
      studentId,
      kind: "answer_to_choice",
      rank: 1,
      track: "2PRO",
      freeText: "Cuisine",
      statusSchool: true,
      answer: "yes",
      motivation: null,
      publishedAt: NOW,
    },
    {
      id: ids.no,
      studentId,
      kind: "answer_to_choice",
      rank: 2,
      track: "2GT",
      answer: "no",
      motivation: "Résultats insuffisants en mathématiques",
      publishedAt: NOW,
    },
    { id: ids.extra, studentId, kind: "extra", rank: 1, track: "CAP", answer: null, motivation: "Projet professionnel", publishedAt: NOW },
  ]);
  return ids;
}
/** A family with avis, acknowledgement, final choices by `holder` and published proposals. */
async function readyToAnswer(index: number, holder: "g1" | "g2" = "g2") {
  const fam = await family3D(index);
  await publishOpinions(fam.studentId);
  await ack(fam, fam.g1);
  await validateFinal(fam, fam[holder], [PRO, GT], { now: later(-30) });
  const ids = await publishProposals(fam.studentId);
  return { fam, ids };
}
async function withAddress(studentId: string): Promise<number> {
  const r = await t.db.execute<{ n: number }>(
    sql`select count(*)::int as n from student_guardians sg join guardians g on g.id = sg.guardian_id where sg.student_id = ${studentId} and g.email is not null`,
  );
  return r.rows[0]!.n;
}
const emailsOf = (prefix: string) =>
  t.db
    .select()
    .from(outboxEmails)
    .where(sql`dedupe_key like ${`${prefix}%`}`);

beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
  await seedDemo(t.db, new Date("2026-11-23T09:00:00Z"), { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  // The provisional window is over; the final one is open around NOW (2026-2027, 3e).
  await setCampaignWindow(t.db, "3e", "provisional", new Date(NOW.getTime() - 120 * DAY), new Date(NOW.getTime() - 60 * DAY));
  await setCampaignWindow(t.db, "3e", "final", new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 20 * DAY));
});
afterAll(async () => {
  await t?.drop();
});

describe("R-FIN-2: acknowledge the avis first", () => {
  it("R-FIN-2: final choices are refused without published avis, then without an acknowledgement; accepted once acknowledged in the final window", async () => {
    const fam = await family3D(0);
    expect((await refusal(validateFinal(fam, fam.g2, [PRO]))).message).toBe(NO_OPINIONS_EVER_MESSAGE);
    await publishOpinions(fam.studentId);
    expect((await refusal(validateFinal(fam, fam.g2, [PRO]))).message).toBe(ACKNOWLEDGE_FIRST_MESSAGE);
    const before = await readFamilyFile(t.db, fam.g2, fam.scope, NOW);
    expect(before!.final.choices).toEqual({ mode: "ack_first" });
    // The acknowledgement is made in the final window (the provisional one is over).
    await acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: NOW });
    const r = await validateFinal(fam, fam.g2, [PRO, GT]);
    expect(r.items.map((i) => i.track)).toEqual(["2PRO", "2GT"]);
    const after = await readFamilyFile(t.db, fam.g2, fam.scope, NOW);
    expect(after!.final.choices).toEqual({ mode: "edit", hasValidated: true });
    expect(after!.selectedStep).toBe(2);
  });

  it("R-FIN-2: an acknowledgement outside every open window, or with the school's service closed for the open phase, is refused in French", async () => {
    const fam = await family3D(1);
    await publishOpinions(fam.studentId);
    const afterAll = new Date(NOW.getTime() + 30 * DAY);
    expect((await refusal(acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: afterAll }))).message).toBe(CAMPAIGN_CLOSED_MESSAGE);
    const [s] = await t.db.select({ schoolId: students.schoolId }).from(students).where(eq(students.id, fam.studentId));
    await t.db.insert(schoolServiceClosures).values({ schoolId: s!.schoolId, level: "3e", phase: "final", closed: true, updatedByName: "Chef" });
    try {
      expect((await refusal(acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: NOW }))).message).toBe(FINAL_SCHOOL_CLOSED_MESSAGE);
      expect(await t.db.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, fam.studentId))).toHaveLength(0);
    } finally {
      await t.db.delete(schoolServiceClosures).where(eq(schoolServiceClosures.schoolId, s!.schoolId));
    }
    await acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: NOW });
    // R-ACK-1 still holds: once, for good.
    expect((await refusal(acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: later(1) }))).code).toBe("ALREADY_ACKNOWLEDGED");
  });
});

describe("R-FIN-1 / R-FIN-3: the final choices, one hand per phase", () => {
  it("R-FIN-1: the guardian who entered the intentions is not the one who holds the final phase: the other guardian takes it; the first is refused and reads it", async () => {
    const fam = await family3D(2);
    // The provisional hand is g1's (entered while the provisional window was open).
    await validateIntentions(t.db, {
      actor: fam.g1,
      scope: fam.scope,
      sessionId: await startAuthSession(t.db, fam.g1.accountId, new Date(NOW.getTime() - 100 * DAY), 30),
      intentions: [GT],
      now: new Date(NOW.getTime() - 100 * DAY),
    });
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    await validateFinal(fam, fam.g2, [CAP, PRO]);
    const refused = await refusal(validateFinal(fam, fam.g1, [GT]));
    expect(refused.code).toBe("HAND_TAKEN");
    expect(refused.message).toContain(`Les choix définitifs de cet élève ont déjà été validés par ${fam.g2.displayName}`);
    expect((await refusal(validateFinal(fam, fam.student, [GT]))).message).toBe(STUDENT_READ_ONLY_MESSAGE);
    for (const reader of [fam.g1, fam.student]) {
      const file = await readFamilyFile(t.db, reader, fam.scope, NOW);
      expect(file!.final.choices).toEqual({ mode: "readonly", enteredBy: `Choix définitifs saisis par ${fam.g2.displayName} le 12/04/2027 à 10:00` });
      expect(file!.final.validatedChoices!.map((i) => i.track)).toEqual(["CAP", "2PRO"]);
      // Step 1 stays readable: the intentions by g1, read-only now that the provisional phase is over.
      const one = await readFamilyFile(t.db, reader, fam.scope, NOW, { step: "1" });
      expect(one!.selectedStep).toBe(1);
      expect(one!.view.intentions.mode).toBe("readonly");
    }
    // The holder keeps editing; the g1 provisional hand is untouched.
    await validateFinal(fam, fam.g2, [PRO], { now: later(5) });
  });

  it("R-FIN-1: two guardians validating final choices at the same instant: exactly one holds the phase, the other is told", async () => {
    const fam = await family3D(3);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    const results = await Promise.allSettled([validateFinal(fam, fam.g1, [GT]), validateFinal(fam, fam.g2, [PRO, CAP])]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as DomainError).code).toBe("HAND_TAKEN");
    const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from family_requests where student_id = ${fam.studentId} and phase = 'final'`);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it("R-FIN-3: the final choices follow the intention rules (duplicate voie refused), and are frozen once proposals are published", async () => {
    const fam = await family3D(4);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    expect((await refusal(validateFinal(fam, fam.g1, [GT, GT]))).code).toBe("INVALID_INTENTIONS");
    await validateFinal(fam, fam.g1, [GT]);
    await publishProposals(fam.studentId);
    expect((await refusal(validateFinal(fam, fam.g1, [PRO]))).message).toBe(CHOICES_FROZEN_MESSAGE);
  });

  it("R-FIN-3 / R-INT-8: the session end queues the final recap, subject and wordings of seed 001, the dedupe key naming the phase", async () => {
    const fam = await family3D(5);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    const sid = await startAuthSession(t.db, fam.g2.accountId, NOW, 30);
    await validateFinal(fam, fam.g2, [PRO, CAP], { sessionId: sid, now: later(1) });
    await endAuthSession(t.db, sid, "logout", later(2));
    const rows = await emailsOf(`recap:final:${sid}:`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.subject).toBe("[ORIENTATION] Saisie des choix définitifs d'orientation");
      expect(r.text).toContain("Choix 1 : 2de professionnelle");
      expect(r.text).toContain("Choix 2 : 1re année de CAP");
    }
    const other = rows.find((r) => r.text.includes(`par ${fam.g2.displayName}`))!;
    expect(other.text).toContain("Vous devez signifier votre accord avec ce(s) choix définitif(s) ou votre désaccord par écrit au chef d'établissement.");
    const holder = rows.find((r) => r !== other)!;
    expect(holder.text).toContain("que vous avez effectuée en ligne le 12/04/2027 à 10:01");
    expect(holder.text).not.toContain("Vous devez signifier votre accord");
    expect(await emailsOf(`recap:provisional:${sid}:`)).toHaveLength(0);
  });

  it("R-FIN-1 / R-SYNC-1: validated final choices cross to the back-office at night", async () => {
    const fam = await family3D(6);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    await validateFinal(fam, fam.g1, [CAP, GT]);
    await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf: later(60 * 18), log: silentLog, runKey: "manual:final-choices" });
    const [entry] = await t.db
      .select()
      .from(schoolFamilyEntries)
      .where(and(eq(schoolFamilyEntries.studentId, fam.studentId), eq(schoolFamilyEntries.phase, "final")));
    expect(entry).toBeDefined();
    expect((entry!.items as { track: string }[]).map((i) => i.track)).toEqual(["CAP", "2GT"]);
    expect(entry!.enteredByName).toBe(fam.g1.displayName);
  });
});

describe("R-FIN-6: the answer to the proposals", () => {
  it("R-FIN-6: only the holder of the final phase answers; a foreign or a «Non» proposal is refused; once, for good", async () => {
    const { fam, ids } = await readyToAnswer(7);
    const other = await readyToAnswer(8);
    expect((await refusal(answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "refuse_all" }, now: NOW }))).message).toBe(
      ANSWER_BY_HOLDER_ONLY_MESSAGE,
    );
    expect((await refusal(answerProposals(t.db, { actor: fam.student, scope: fam.scope, answer: { kind: "refuse_all" }, now: NOW }))).message).toBe(
      STUDENT_READ_ONLY_MESSAGE,
    );
    // A guardian of another student (the action answers 404 before; the service refuses too).
    expect((await refusal(answerProposals(t.db, { actor: other.fam.g2, scope: fam.scope, answer: { kind: "refuse_all" }, now: NOW }))).code).toBe("READ_ONLY");
    for (const bad of [ids.no, other.ids.yes, randomUUID()]) {
      const err = await refusal(
        answerProposals(t.db, { actor: fam.g2, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [ids.yes, bad] }, now: NOW }),
      );
      expect(err.message).toBe(PROPOSAL_NOT_ACCEPTABLE_MESSAGE);
    }
    expect(await t.db.select().from(familyAnswers).where(eq(familyAnswers.studentId, fam.studentId))).toHaveLength(0);

    const file = await readFamilyFile(t.db, fam.g2, fam.scope, NOW);
    expect(file!.final.answer).toEqual({ mode: "form", studentId: fam.studentId });
    expect(file!.final.proposals!.choices.map((p) => [p.trackLabel, p.councilAnswer, p.acceptable])).toEqual([
      ["2de professionnelle", "Oui", true],
      ["2de générale et technologique ou 2de STHR", "Non", false],
    ]);
    expect(file!.final.proposals!.extras.map((p) => [p.trackLabel, p.motivation])).toEqual([["1re année de CAP", "Projet professionnel"]]);

    await answerProposals(t.db, { actor: fam.g2, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [ids.yes, ids.extra] }, now: NOW });
    const [row] = await t.db.select().from(familyAnswers).where(eq(familyAnswers.studentId, fam.studentId));
    expect(row!.acceptedProposalIds.sort()).toEqual([ids.yes, ids.extra].sort());
    expect(row!.source).toBe("family");
    expect((await refusal(answerProposals(t.db, { actor: fam.g2, scope: fam.scope, answer: { kind: "refuse_all" }, now: later(1) }))).message).toBe(
      ANSWER_ALREADY_GIVEN_MESSAGE,
    );

    // Both guardians are e-mailed at once, with the holder's and the other's wordings.
    const mails = await emailsOf(`answer:${fam.studentId}:`);
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.subject).toBe("[ORIENTATION] Réponse aux propositions du conseil de classe");
      expect(m.text).toContain("- 2de professionnelle");
      expect(m.text).toContain("- 1re année de CAP");
    }
    const otherMail = mails.find((m) => m.text.includes(`par ${fam.g2.displayName}`))!;
    expect(otherMail.text).toContain("signifier votre accord (« Oui ») ou votre désaccord (« Non »)");
    expect(otherMail.text).toContain("En cas de désaccord, veuillez prendre contact avec le chef d'établissement.");
    expect(mails.find((m) => m !== otherMail)!.text).toContain("que vous avez effectuée en ligne le 12/04/2027 à 10:00");
  });

  it("R-FIN-6: two tabs answering at the same instant: one answer is kept, the other is told", async () => {
    const { fam, ids } = await readyToAnswer(9, "g1");
    const results = await Promise.allSettled([
      answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [ids.yes] }, now: NOW }),
      answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "refuse_all" }, now: NOW }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as DomainError).message).toBe(ANSWER_ALREADY_GIVEN_MESSAGE);
    expect(await t.db.select().from(familyAnswers).where(eq(familyAnswers.studentId, fam.studentId))).toHaveLength(1);
  });

  it("R-FIN-6: refusing every proposal tells both guardians to contact the head IMMEDIATEMENT; the page says so", async () => {
    const { fam } = await readyToAnswer(10);
    await answerProposals(t.db, { actor: fam.g2, scope: fam.scope, answer: { kind: "refuse_all" }, now: NOW });
    const mails = await emailsOf(`answer:${fam.studentId}:`);
    expect(mails).toHaveLength(2);
    for (const m of mails) expect(m.text).toContain("vous devez prendre contact IMMEDIATEMENT avec le chef d'établissement");
    const file = await readFamilyFile(t.db, fam.g1, fam.scope, NOW);
    expect(file!.final.answer.mode).toBe("done");
    if (file!.final.answer.mode === "done") expect(file!.final.answer.contactText).toContain("IMMEDIATEMENT");
  });

  it("R-FIN-6 / R-FIN-10: final choices not entered online: the answer is the school's to enter", async () => {
    const fam = await family3D(11);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    const ids = await publishProposals(fam.studentId);
    expect(
      (await refusal(answerProposals(t.db, { actor: fam.g1, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [ids.yes] }, now: NOW }))).message,
    ).toBe(ANSWER_BY_SCHOOL_MESSAGE);
    const file = await readFamilyFile(t.db, fam.g1, fam.scope, NOW);
    expect(file!.final.answer).toEqual({ mode: "waiting", text: ANSWER_BY_SCHOOL_MESSAGE });
  });
});

describe("R-FIN-7: the other guardian's agreement", () => {
  it("R-FIN-7: not before the answer; not by the one who answered, the student or an outsider; the other guardian once; both e-mailed", async () => {
    const { fam, ids } = await readyToAnswer(12);
    const outsider = (await family3D(13)).g1;
    expect((await refusal(agreeWithAnswer(t.db, { actor: fam.g1, scope: fam.scope, agrees: true, now: NOW }))).code).toBe("NO_ANSWER_YET");
    await answerProposals(t.db, { actor: fam.g2, scope: fam.scope, answer: { kind: "accept", acceptedProposalIds: [ids.yes] }, now: NOW });
    expect((await refusal(agreeWithAnswer(t.db, { actor: fam.g2, scope: fam.scope, agrees: true, now: later(1) }))).message).toBe(
      AGREEMENT_BY_OTHER_ONLY_MESSAGE,
    );
    expect((await refusal(agreeWithAnswer(t.db, { actor: fam.student, scope: fam.scope, agrees: true, now: later(1) }))).code).toBe("READ_ONLY");
    expect((await refusal(agreeWithAnswer(t.db, { actor: outsider, scope: fam.scope, agrees: true, now: later(1) }))).code).toBe("READ_ONLY");

    const g1File = await readFamilyFile(t.db, fam.g1, fam.scope, later(1));
    expect(g1File!.final.agreement!.form).not.toBeNull();
    expect((await readFamilyFile(t.db, fam.g2, fam.scope, later(1)))!.final.agreement!.form).toBeNull();

    await agreeWithAnswer(t.db, { actor: fam.g1, scope: fam.scope, agrees: false, now: later(2) });
    const rows = await t.db.select().from(familyAgreements).where(eq(familyAgreements.studentId, fam.studentId));
    expect(rows.map((r) => [r.guardianId, r.agrees, r.source, r.accountId])).toEqual([[fam.g1.guardianId, false, "family", fam.g1.accountId]]);
    expect((await refusal(agreeWithAnswer(t.db, { actor: fam.g1, scope: fam.scope, agrees: true, now: later(3) }))).message).toBe(
      AGREEMENT_ALREADY_GIVEN_MESSAGE,
    );

    const after = await readFamilyFile(t.db, fam.g2, fam.scope, later(3));
    expect(after!.final.agreement!.lines).toEqual([`Accord avec la réponse : « Non », saisi le 12/04/2027 à 10:02 par ${fam.g1.displayName}.`]);
    expect(after!.final.agreement!.disagreementText).toContain("entretien avec le chef d'établissement est obligatoire");

    const mails = await emailsOf(`agreement:${fam.studentId}:`);
    expect(mails).toHaveLength(await withAddress(fam.studentId));
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.subject).toBe("[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe");
      expect(m.text).toContain("un entretien avec le chef d'établissement est obligatoire");
    }
  });

  it("R-FIN-10: an answer and an agreement entered by the school show as such and close the step", async () => {
    const fam = await family3D(14);
    await publishOpinions(fam.studentId);
    await ack(fam, fam.g1);
    const ids = await publishProposals(fam.studentId);
    await t.db.insert(familyAnswers).values({
      studentId: fam.studentId,
      source: "school",
      accountId: null,
      actorName: "Mme Anne Proviseur",
      kind: "accept",
      acceptedProposalIds: [ids.yes],
      answeredAt: NOW,
    });
    await t.db.insert(familyAgreements).values({
      studentId: fam.studentId,
      guardianId: fam.g1.guardianId!,
      source: "school",
      accountId: null,
      actorName: "Mme Anne Proviseur",
      agrees: true,
      answeredAt: NOW,
    });
    const file = await readFamilyFile(t.db, fam.g1, fam.scope, later(1));
    expect(file!.final.answer).toMatchObject({ mode: "done", text: "Réponse saisie par l'établissement le 12/04/2027 à 10:00 par Mme Anne Proviseur." });
    expect(file!.final.agreement!.lines[0]).toBe(
      "Réponse saisie par l'établissement le 12/04/2027 à 10:00 par Mme Anne Proviseur : accord de ce représentant légal « Oui ».",
    );
    expect(file!.final.agreement!.form).toBeNull();
    expect((await refusal(agreeWithAnswer(t.db, { actor: fam.g1, scope: fam.scope, agrees: true, now: later(2) }))).message).toBe(
      AGREEMENT_ALREADY_GIVEN_MESSAGE,
    );
  });
});

describe("R-CAL-2: the step shown", () => {
  it("R-CAL-2: step 2 by default once the final window has opened; `?etape=` picks another; an invalid value falls back", async () => {
    const fam = await family3D(15);
    const file = (step?: string) => readFamilyFile(t.db, fam.g1, fam.scope, NOW, { step });
    expect((await file())!.selectedStep).toBe(2);
    expect((await file("1"))!.selectedStep).toBe(1);
    expect((await file("3"))!.decision.text).toBe("La décision d'orientation n'est pas encore disponible.");
    expect((await file("9"))!.selectedStep).toBe(2);
    expect((await file("2 OR 1=1"))!.selectedStep).toBe(2);
    const steps = (await file("1"))!.stepLinks;
    expect(steps.map((s) => [s.number, s.current, s.selected])).toEqual([
      [1, false, true],
      [2, true, false],
      [3, false, false],
    ]);
  });
});
