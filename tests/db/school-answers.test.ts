import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { can } from "@/lib/auth/policy";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { findDivisionAnswerFacts, upsertSchoolAnswer } from "@/lib/db/repositories/school-family-answers";
import { accounts, auditLog, divisions, familyAgreements, familyAnswers, schoolAgreements, schoolFamilyAnswers, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";
import { runTransfer } from "@/lib/transfer/run";
import { demoActor, withFinalProposals, type StudentWithProposals } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-FIN-10 on real PostgreSQL: the school's entry of a family's answer and agreements (who, when,
 * audit, refusals, confirmation, double submit), and its publication to the family by the night
 * transfer, exactly once (R-SYNC-4), without the family → school copy bringing anything back.
 */

const SEEDED = new Date("2026-11-23T09:00:00Z");
const T0 = parisDateTime("2027-06-10", "10:00");
const T1 = parisDateTime("2027-06-10", "15:00");
const NIGHT = parisDateTime("2027-06-11", "02:00");
const NIGHT2 = parisDateTime("2027-06-12", "02:00");

let t: TestDb;
let head: Actor;
let homeroom3A: Actor;
type S = StudentWithProposals;
let a: S, b: S, c: S, d: S;

/** The counts of a run that ran (a skipped run has none: the test fails). */
async function transfer(asOf: Date, runKey: string): Promise<Record<string, number>> {
  const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf, log: silentLog, runKey });
  if (res.status !== "succeeded") throw new Error(`transfer ${runKey}: ${res.status}`);
  return res.counts;
}

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

const answerOf = async (id: string) => (await t.db.select().from(schoolFamilyAnswers).where(eq(schoolFamilyAnswers.studentId, id)))[0] ?? null;
const agreementsOf = async (id: string) =>
  t.db
    .select({ guardianId: schoolAgreements.guardianId, source: schoolAgreements.source, agrees: schoolAgreements.agrees, by: schoolAgreements.answeredByName })
    .from(schoolAgreements)
    .where(eq(schoolAgreements.studentId, id))
    .orderBy(asc(schoolAgreements.agrees));
const auditsOf = async (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "family.answer.school"), eq(auditLog.entityId, id)));
const familyAnswerOf = async (id: string) => (await t.db.select().from(familyAnswers).where(eq(familyAnswers.studentId, id)))[0] ?? null;
const familyAgreementsOf = async (id: string) =>
  t.db.select().from(familyAgreements).where(eq(familyAgreements.studentId, id)).orderBy(asc(familyAgreements.guardianId));

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, SEEDED, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  homeroom3A = await demoActor(t.db, "homeroom", "3A");
  const [div3C] = await t.db.select().from(divisions).where(eq(divisions.code, "3C"));
  // Students of 3C with two guardians each, and no guardian shared between them.
  const rows = await t.db.execute(sql`
    select s.id from students s where s.division_id = ${div3C!.id}
       and (select count(*) from student_guardians sg where sg.student_id = s.id) = 2
       and not exists (select 1 from student_guardians sg join student_guardians o on o.guardian_id = sg.guardian_id and o.student_id <> sg.student_id where sg.student_id = s.id)
     order by s.ine limit 4`);
  const ids = (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  const made: S[] = [];
  for (const id of ids) made.push(await withFinalProposals(t.db, id, SEEDED));
  [a, b, c, d] = made as [S, S, S, S];
});
afterAll(async () => {
  await t?.drop();
});

describe("R-FIN-10: the school enters the answer of a family", () => {
  it("R-FIN-10: the answer and the agreements are saved with the staff member's name and the time, and audited", async () => {
    const res = await saveSchoolFamilyAnswer(
      t.db,
      head,
      {
        studentId: a.id,
        kind: "accept",
        acceptedProposalIds: [a.yes, a.extra],
        answeredByGuardianId: a.guardians[1]!,
        otherAgreement: false,
        confirmed: false,
      },
      T0,
    );
    expect(res).toEqual({ changed: true });
    const ans = await answerOf(a.id);
    expect(ans).toMatchObject({ source: "school", kind: "accept", answeredByName: head.displayName, answeredAt: T0 });
    expect([...ans!.acceptedProposalIds].sort()).toEqual([a.yes, a.extra].sort());
    expect(await agreementsOf(a.id)).toEqual([
      { guardianId: a.guardians[0], source: "school", agrees: false, by: head.displayName },
      { guardianId: a.guardians[1], source: "school", agrees: true, by: head.displayName },
    ]);
    const audits = await auditsOf(a.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ accountId: head.accountId, actorName: head.displayName, at: T0 });

    // The screen shows it back.
    const [div] = await t.db.select({ divisionId: students.divisionId }).from(students).where(eq(students.id, a.id));
    const facts = (await findDivisionAnswerFacts(t.db, div!.divisionId)).find((s) => s.id === a.id)!;
    expect(facts.answer).toMatchObject({ source: "school", answeredByName: head.displayName });
    expect(facts.proposals).toHaveLength(3);
  });

  it("R-FIN-10: another student's proposal, a «Non», a guardian of another student are refused and write nothing", async () => {
    const base = {
      studentId: b.id,
      kind: "accept" as const,
      acceptedProposalIds: [b.yes],
      answeredByGuardianId: b.guardians[0]!,
      otherAgreement: null,
      confirmed: false,
    };
    expect(await code(saveSchoolFamilyAnswer(t.db, head, { ...base, acceptedProposalIds: [a.yes] }, T0))).toBe("FOREIGN_PROPOSAL");
    expect(await code(saveSchoolFamilyAnswer(t.db, head, { ...base, acceptedProposalIds: [b.no] }, T0))).toBe("REFUSED_PROPOSAL");
    expect(await code(saveSchoolFamilyAnswer(t.db, head, { ...base, answeredByGuardianId: a.guardians[0]! }, T0))).toBe("FOREIGN_GUARDIAN");
    expect(await answerOf(b.id)).toBeNull();
    expect(await agreementsOf(b.id)).toEqual([]);
    expect(await auditsOf(b.id)).toEqual([]);
  });

  it("R-FIN-10: a double submit (two identical entries at once) writes once", async () => {
    const entry = {
      studentId: b.id,
      kind: "refuse_all" as const,
      acceptedProposalIds: [],
      answeredByGuardianId: b.guardians[0]!,
      otherAgreement: true,
      confirmed: false,
    };
    const results = await Promise.all([saveSchoolFamilyAnswer(t.db, head, entry, T0), saveSchoolFamilyAnswer(t.db, head, entry, T0)]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await auditsOf(b.id)).toHaveLength(1);
    expect(await agreementsOf(b.id)).toHaveLength(2);
  });

  it("R-FIN-10: replacing an answer given online (TS) needs the head's confirmation", async () => {
    await t.db.insert(schoolFamilyAnswers).values({
      studentId: c.id,
      source: "family",
      kind: "refuse_all",
      answeredByName: "Mme En Ligne",
      answeredAt: T0,
      receivedAt: NIGHT,
    });
    const entry = { studentId: c.id, kind: "accept" as const, acceptedProposalIds: [c.extra], answeredByGuardianId: c.guardians[0]!, otherAgreement: null };
    expect(await code(saveSchoolFamilyAnswer(t.db, head, { ...entry, confirmed: false }, T1))).toBe("CONFIRMATION_REQUIRED");
    expect(await answerOf(c.id)).toMatchObject({ source: "family", answeredByName: "Mme En Ligne" });
    expect(await saveSchoolFamilyAnswer(t.db, head, { ...entry, confirmed: true }, T1)).toEqual({ changed: true });
    expect(await answerOf(c.id)).toMatchObject({ source: "school", kind: "accept", answeredByName: head.displayName, answeredAt: T1 });
    expect((await auditsOf(c.id))[0]!.details).toContain("replacedOnline");
  });

  it("R-FIN-10: an online answer carried by the night while the head was entering one is not overwritten (write against the row seen)", async () => {
    const entry = { studentId: d.id, kind: "accept" as const, acceptedProposalIds: [d.extra], byName: head.displayName, at: T1 };
    // The head's screen showed no answer; the night has since brought the family's.
    // Stored to the microsecond, as a row written by SQL's now() is; JavaScript reads it to the millisecond.
    await t.db.insert(schoolFamilyAnswers).values({
      studentId: d.id,
      source: "family",
      kind: "refuse_all",
      answeredByName: "Mme En Ligne",
      answeredAt: sql`${T0.toISOString()}::timestamptz + interval '999 microseconds'`,
      receivedAt: NIGHT,
    });
    expect(await upsertSchoolAnswer(t.db, entry, null)).toBe(false);
    expect(await answerOf(d.id)).toMatchObject({ source: "family", answeredByName: "Mme En Ligne" });
    // Written over the row the head did see (after confirming).
    expect(await upsertSchoolAnswer(t.db, entry, { source: "family", answeredAt: T0 })).toBe(true);
    expect(await answerOf(d.id)).toMatchObject({ source: "school", answeredByName: head.displayName });
    await t.db.delete(schoolFamilyAnswers).where(eq(schoolFamilyAnswers.studentId, d.id));
  });

  it("R-FIN-10 / R-SCH-14: a homeroom teacher of another division may not enter for this student (the action's policy)", async () => {
    const scope = (await findStudentScope(t.db, a.id, T0))!;
    expect(can(homeroom3A, "manage:student-file", scope)).toBe(false);
    expect(can(head, "manage:student-file", scope)).toBe(true);
  });
});

describe("R-FIN-10 / R-SYNC-4: the night transfer publishes the school's answers to the family, once", () => {
  it("R-FIN-10: published with source 'school' and no account, exactly once; the family → school copy brings nothing back", async () => {
    // d: the family answered online (and the other guardian agreed) before the school's entry,
    // and nothing of it was transferred yet.
    const [acc] = await t.db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(eq(accounts.guardianId, d.guardians[0]!));
    const [acc2] = await t.db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(eq(accounts.guardianId, d.guardians[1]!));
    await t.db.insert(familyAnswers).values({ studentId: d.id, accountId: acc!.id, actorName: acc!.name, kind: "refuse_all", answeredAt: T0 });
    await t.db
      .insert(familyAgreements)
      .values({ studentId: d.id, guardianId: d.guardians[1]!, accountId: acc2!.id, actorName: acc2!.name, agrees: true, answeredAt: T0 });
    await saveSchoolFamilyAnswer(
      t.db,
      head,
      { studentId: d.id, kind: "accept", acceptedProposalIds: [d.yes], answeredByGuardianId: d.guardians[0]!, otherAgreement: null, confirmed: true },
      T1,
    );

    const counts = await transfer(NIGHT, "manual:r-fin-10");
    // a (answer + 2 agreements), b (answer + 2), c (answer + 1), d (answer + 1).
    expect(counts.schoolAnswers).toBe(4);
    expect(counts.schoolAgreements).toBe(6);

    const fa = await familyAnswerOf(a.id);
    expect(fa).toMatchObject({ source: "school", accountId: null, actorName: head.displayName, kind: "accept", answeredAt: T0, transferredAt: NIGHT });
    expect(await familyAgreementsOf(a.id)).toHaveLength(2);
    for (const g of await familyAgreementsOf(a.id))
      expect(g).toMatchObject({ source: "school", accountId: null, actorName: head.displayName, transferredAt: NIGHT });

    // d: the school's later entry wins on both sides; the family's agreement with its earlier
    // answer is void, on both sides.
    expect(await familyAnswerOf(d.id)).toMatchObject({ source: "school", kind: "accept", acceptedProposalIds: [d.yes], answeredAt: T1 });
    expect((await familyAgreementsOf(d.id)).map((g) => [g.guardianId, g.source, g.agrees])).toEqual([[d.guardians[0], "school", true]]);
    expect(await answerOf(d.id)).toMatchObject({ source: "school", answeredAt: T1 });
    expect((await agreementsOf(d.id)).map((g) => [g.guardianId, g.source])).toEqual([[d.guardians[0], "school"]]);

    // R-SYNC-5 / R-AUTH-3: the run's counts are audited under the transfer's system actor.
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "transfer.schoolAnswers"), eq(auditLog.entityId, "manual:r-fin-10")));
    expect(audited).toHaveLength(1);

    // A re-run, and the next night: nothing published again, nothing carried back to the school.
    const snapshot = async () => ({
      fam: await t.db.select().from(familyAnswers).orderBy(asc(familyAnswers.studentId)),
      agr: await t.db.select().from(familyAgreements).orderBy(asc(familyAgreements.studentId), asc(familyAgreements.guardianId)),
      sch: await t.db.select().from(schoolFamilyAnswers).orderBy(asc(schoolFamilyAnswers.studentId)),
      schAgr: await t.db.select().from(schoolAgreements).orderBy(asc(schoolAgreements.studentId), asc(schoolAgreements.guardianId)),
    });
    const before = await snapshot();
    for (const [asOf, key] of [
      [NIGHT, "manual:r-fin-10-again"],
      [NIGHT2, "manual:r-fin-10-next"],
    ] as const) {
      const again = await transfer(asOf, key);
      expect(again.schoolAnswers ?? 0).toBe(0);
      expect(again.schoolAgreements ?? 0).toBe(0);
      expect(again.answers ?? 0).toBe(0);
      expect(again.agreements ?? 0).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("R-FIN-10: the other guardian's agreement given online after the publication reaches the school and is not overwritten", async () => {
    const later = parisDateTime("2027-06-12", "09:00");
    const [acc2] = await t.db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(eq(accounts.guardianId, a.guardians[0]!));
    await t.db
      .update(familyAgreements)
      .set({ source: "family", accountId: acc2!.id, actorName: acc2!.name, agrees: true, answeredAt: later, transferredAt: null })
      .where(and(eq(familyAgreements.studentId, a.id), eq(familyAgreements.guardianId, a.guardians[0]!)));
    const counts = await transfer(parisDateTime("2027-06-13", "02:00"), "manual:r-fin-10-online");
    expect(counts.agreements).toBe(1);
    expect(counts.schoolAgreements ?? 0).toBe(0);
    const [row] = await t.db
      .select()
      .from(schoolAgreements)
      .where(and(eq(schoolAgreements.studentId, a.id), eq(schoolAgreements.guardianId, a.guardians[0]!)));
    expect(row).toMatchObject({ source: "family", agrees: true, answeredByName: acc2!.name, answeredAt: later });
    // The school's answer itself stays the school's.
    expect(await answerOf(a.id)).toMatchObject({ source: "school", answeredAt: T0 });
  });
});
