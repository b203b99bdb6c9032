import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Actor } from "@/lib/auth/policy";
import { findOutcomeStudentIds, loadFinalOutcomeFacts } from "@/lib/db/repositories/final-outcome";
import { findDivisionScope, findStudentScope } from "@/lib/db/repositories/scopes";
import { appeals, auditLog, councilProposals, decisions, divisions, interviews } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { finalOutcome, type Reasons } from "@/lib/domain/decision";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";
import { bulkSummary, describeDecisionSection } from "@/lib/domain/school-decisions-page";
import {
  recordAppealRequest,
  recordCommissionDecision,
  recordInterview,
  recordMaintien,
  recordPaperNotice,
  takeDecision,
  takeDivisionDecisions,
} from "@/lib/services/school-decisions";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";
import { demoActor, withFinalProposals, type StudentWithProposals } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12 on real PostgreSQL: the head's decision (with the
 * family's agreement, one by one and by division), the interview, the reasons, the paper notice
 * and its deadline, the appeal and the commission, the maintien; refusals, stale screens, races.
 * Students of 3C of the demo collège; the académie's deadline is 3 jours ouvrables.
 */

const SEEDED = new Date("2026-11-23T09:00:00Z");
const T_ANSWER = parisDateTime("2027-06-09", "10:00");
const THU = parisDateTime("2027-06-10", "10:00"); // Thursday
const FRI = parisDateTime("2027-06-11", "15:00"); // Friday
const WED = parisDateTime("2027-06-16", "09:00"); // the Wednesday after

let t: TestDb;
let head: Actor;
let homeroom3A: Actor;
let div3C: string;
type S = StudentWithProposals;
let s: S[] = [];

const REASONS: Reasons = {
  knowledge: "Les connaissances acquises ne permettent pas encore la seconde générale.",
  abilities: "Ses capacités seront mieux mises en valeur en CAP.",
  interests: "Ses intérêts rejoignent les enseignements du CAP.",
};

/** The family's answer, entered by the school (R-FIN-10): accept 2GT with the other guardian's agreement, or refuse all. */
async function answer(x: S, kind: "accept" | "refuse_all", otherAgreement: boolean | null = true) {
  await saveSchoolFamilyAnswer(
    t.db,
    head,
    { studentId: x.id, kind, acceptedProposalIds: kind === "accept" ? [x.yes] : [], answeredByGuardianId: x.guardians[0]!, otherAgreement, confirmed: true },
    T_ANSWER,
  );
}

async function rowOf(id: string, now: Date) {
  return (await loadFinalOutcomeFacts(t.db, [id], now)).get(id)!;
}
async function seen(id: string, now: Date) {
  return (await rowOf(id, now)).decisionUpdatedAt?.toISOString() ?? null;
}
const decisionOf = async (id: string) => (await t.db.select().from(decisions).where(eq(decisions.studentId, id)))[0] ?? null;
const appealOf = async (id: string) => (await t.db.select().from(appeals).where(eq(appeals.studentId, id)))[0] ?? null;
const auditsOf = async (id: string, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)));

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

/** A student with a refused answer, an interview and a decision (CAP) that differs from the request, decided on Thursday. */
async function differingDecision(x: S) {
  await answer(x, "refuse_all");
  await recordInterview(
    t.db,
    head,
    {
      studentId: x.id,
      seenUpdatedAt: null,
      heldAt: parisDateTime("2027-06-10", "08:30"),
      participants: "Le chef d'établissement, les deux représentants légaux, l'élève",
      outcome: "disagreement",
      agreedCandidateKey: null,
      notes: "",
    },
    THU,
  );
  await takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: REASONS, confirmed: false }, THU);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, SEEDED, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  homeroom3A = await demoActor(t.db, "homeroom", "3A");
  const [d] = await t.db.select().from(divisions).where(eq(divisions.code, "3C"));
  div3C = d!.id;
  const rows = await t.db.execute(sql`
    select s.id from students s where s.division_id = ${div3C} and s.out_of_procedure_reason is null
       and (select count(*) from student_guardians sg where sg.student_id = s.id) = 2
       and not exists (select 1 from student_guardians sg join student_guardians o on o.guardian_id = sg.guardian_id and o.student_id <> sg.student_id where sg.student_id = s.id)
     order by s.ine limit 9`);
  const ids = (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  expect(ids.length).toBe(9);
  s = [];
  for (const id of ids) s.push(await withFinalProposals(t.db, id, SEEDED));
});
afterAll(async () => {
  await t?.drop();
});

describe("R-FIN-8: the decision with the family's agreement", () => {
  it("R-FIN-8 / R-FIN-10: the council turns the accepted proposal to «Non» after the answer: no decision until the family's answer is entered again", async () => {
    const x = s[8]!;
    await answer(x, "accept");
    await t.db.update(councilProposals).set({ answer: "no", updatedAt: THU }).where(eq(councilProposals.id, x.yes));
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "2GT|", reasons: null, confirmed: false }, THU))).toBe(
      "ANSWER_OUTDATED",
    );
    expect(finalOutcome((await rowOf(x.id, THU)).facts, "2027-06-10").kind).toBe("answer_outdated");
    expect(await decisionOf(x.id)).toBeNull();
  });

  it("R-FIN-8: with every guardian's agreement, the head takes the accepted proposal: who, when, audited, notice reset", async () => {
    const x = s[0]!;
    await answer(x, "accept", null);
    // The other guardian's agreement is still awaited: no decision yet.
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "2GT|", reasons: null, confirmed: false }, THU))).toBe(
      "AGREEMENT_AWAITED",
    );
    await answer(x, "accept", true);
    // Only a proposal the family accepted.
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: null, confirmed: false }, THU))).toBe(
      "NOT_ACCEPTED",
    );
    expect(await takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "2GT|", reasons: null, confirmed: false }, THU)).toEqual({
      changed: true,
    });
    const d = await decisionOf(x.id);
    expect(d).toMatchObject({
      track: "2GT",
      source: "agreement",
      differsFromRequest: false,
      notifiedOn: null,
      appealDeadline: null,
      decidedByName: head.displayName,
    });
    expect(d!.updatedAt.getTime()).toBe(THU.getTime());
    expect(await auditsOf(x.id, "decision.take")).toHaveLength(1);
    // A screen that did not see this decision is refused; the same decision again writes nothing.
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: REASONS, confirmed: true }, FRI))).toBe(
      "NOT_ACCEPTED",
    );
    expect(await takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "2GT|", reasons: null, confirmed: false }, FRI)).toEqual({
      changed: false,
    });
  });

  it("R-FIN-8: two decisions submitted together (double submit, two heads) write once", async () => {
    const x = s[1]!;
    await answer(x, "accept");
    const input = { studentId: x.id, seenUpdatedAt: null, candidateKey: "2GT|", reasons: null, confirmed: false };
    const results = await Promise.all([takeDecision(t.db, head, input, THU), takeDecision(t.db, head, input, THU)]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await auditsOf(x.id, "decision.take")).toHaveLength(1);
  });

  it("R-FIN-8: a division's decisions by agreement after the summary; a changed set is refused, a double submit writes nothing", async () => {
    const [x, y, z] = [s[2]!, s[3]!, s[4]!];
    await answer(x, "accept");
    await answer(y, "accept");
    const ids = await findOutcomeStudentIds(t.db, { divisionId: div3C });
    const rows = [...(await loadFinalOutcomeFacts(t.db, ids, THU)).values()];
    const summary = bulkSummary(rows, "2027-06-10");
    expect(summary.items.map((i) => i.studentId).sort()).toEqual([x.id, y.id].sort());
    expect(summary.items.every((i) => i.label.includes("2de générale") || i.candidateKey === "2GT|")).toBe(true);
    // A third family agrees meanwhile: the summary the head saw is stale.
    await answer(z, "accept");
    expect(await code(takeDivisionDecisions(t.db, head, { divisionId: div3C, fingerprint: summary.fingerprint }, THU))).toBe("STALE_SUMMARY");
    expect(await decisionOf(x.id)).toBeNull();
    const fresh = bulkSummary([...(await loadFinalOutcomeFacts(t.db, ids, THU)).values()], "2027-06-10");
    expect(fresh.items).toHaveLength(3);
    expect(await takeDivisionDecisions(t.db, head, { divisionId: div3C, fingerprint: fresh.fingerprint }, THU)).toEqual({ taken: 3 });
    for (const w of [x, y, z]) expect(await decisionOf(w.id)).toMatchObject({ track: "2GT", source: "agreement" });
    expect(await takeDivisionDecisions(t.db, head, { divisionId: div3C, fingerprint: fresh.fingerprint }, THU)).toEqual({ taken: 0 });
    for (const w of [x, y, z]) expect(await auditsOf(w.id, "decision.take")).toHaveLength(1);
  });
});

describe("R-FIN-9 / R-FIN-11: disagreement, interview, reasons", () => {
  it("R-FIN-9: no decision before the interview; R-FIN-11: a decision that differs needs the three reasons", async () => {
    const x = s[5]!;
    await answer(x, "refuse_all");
    expect(finalOutcome((await rowOf(x.id, THU)).facts, "2027-06-10").kind).toBe("interview_due");
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: REASONS, confirmed: false }, THU))).toBe(
      "INTERVIEW_FIRST",
    );
    const interview = {
      studentId: x.id,
      seenUpdatedAt: null,
      heldAt: parisDateTime("2027-06-10", "08:30"),
      participants: "Le chef d'établissement, Mme et M. les représentants légaux",
      outcome: "disagreement" as const,
      agreedCandidateKey: null,
      notes: "La famille maintient sa demande de 2de professionnelle.",
    };
    expect(await code(recordInterview(t.db, head, { ...interview, heldAt: parisDateTime("2027-06-10", "12:00") }, THU))).toBe("INTERVIEW_IN_FUTURE");
    expect(await recordInterview(t.db, head, interview, THU)).toEqual({ changed: true });
    expect(await recordInterview(t.db, head, interview, THU)).toEqual({ changed: false });
    expect(await t.db.select().from(interviews).where(eq(interviews.studentId, x.id))).toHaveLength(1);
    expect(
      await code(
        takeDecision(
          t.db,
          head,
          { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: { ...REASONS, interests: " " }, confirmed: false },
          THU,
        ),
      ),
    ).toBe("REASONS_REQUIRED");
    expect(await decisionOf(x.id)).toBeNull();
    expect(await takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: null, candidateKey: "CAP|", reasons: REASONS, confirmed: false }, THU)).toEqual({
      changed: true,
    });
    expect(await decisionOf(x.id)).toMatchObject({
      track: "CAP",
      source: "head",
      differsFromRequest: true,
      reasonKnowledge: REASONS.knowledge,
      reasonAbilities: REASONS.abilities,
      reasonInterests: REASONS.interests,
      notifiedOn: null,
    });
    // The section shows the notice awaited and the paper-notice form.
    const view = describeDecisionSection(await rowOf(x.id, THU), "2027-06-10", THU, { canDecide: true })!;
    expect(view.stateText).toBe("Décision prise – notification à la famille en attente");
    expect(view.forms?.paperNotice).toEqual({ minDay: "2027-06-10", maxDay: "2027-06-10" });
  });

  it("R-FIN-11: the notice handed on paper on Friday 2027-06-11 opens the deadline until Tuesday 2027-06-15; the dates are checked", async () => {
    const x = s[5]!;
    const v = await seen(x.id, FRI);
    expect(await code(recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: v, day: "2027-06-12" }, FRI))).toBe("DATE_IN_FUTURE");
    expect(await code(recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: v, day: "2027-06-09" }, FRI))).toBe("NOTICE_BEFORE_DECISION");
    expect(await code(recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: null, day: "2027-06-11" }, FRI))).toBe("STALE_SCREEN");
    expect(await recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: v, day: "2027-06-11" }, FRI)).toEqual({
      changed: true,
      deadline: "2027-06-15",
    });
    expect(await decisionOf(x.id)).toMatchObject({ notifiedOn: "2027-06-11", noticeChannel: "paper", appealDeadline: "2027-06-15" });
    expect(await recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: v, day: "2027-06-11" }, FRI)).toEqual({
      changed: false,
      deadline: "2027-06-15",
    });
    // Jours ouvrables left to act, today included: Friday, Saturday, Monday, Tuesday; then Saturday, Monday, Tuesday (Sunday never counts).
    const facts = (await rowOf(x.id, FRI)).facts;
    expect(finalOutcome(facts, "2027-06-11")).toMatchObject({ kind: "decided", window: { status: "open", deadline: "2027-06-15", workingDaysLeft: 3 } });
    expect(finalOutcome(facts, "2027-06-12")).toMatchObject({ kind: "decided", window: { status: "open", deadline: "2027-06-15", workingDaysLeft: 3 } });
    expect(finalOutcome(facts, "2027-06-16")).toMatchObject({ kind: "decided", window: { status: "expired", deadline: "2027-06-15" } });
    // A decision that follows the family's request is not notified on paper here.
    expect(await code(recordPaperNotice(t.db, head, { studentId: s[0]!.id, seenUpdatedAt: await seen(s[0]!.id, FRI), day: "2027-06-11" }, FRI))).toBe(
      "NOTICE_NOT_NEEDED",
    );
  });

  it("R-FIN-9: an appeal after the deadline is refused, within it recorded; the commission's decision becomes the decision", async () => {
    const x = s[5]!;
    const v = await seen(x.id, WED);
    expect(await code(recordAppealRequest(t.db, head, { studentId: x.id, seenUpdatedAt: v, requestedOn: "2027-06-16" }, WED))).toBe("APPEAL_LATE");
    expect(await recordAppealRequest(t.db, head, { studentId: x.id, seenUpdatedAt: v, requestedOn: "2027-06-15" }, WED)).toEqual({ changed: true });
    expect(await recordAppealRequest(t.db, head, { studentId: x.id, seenUpdatedAt: v, requestedOn: "2027-06-15" }, WED)).toEqual({ changed: false });
    expect(await appealOf(x.id)).toMatchObject({ requestedOn: "2027-06-15", outcome: "pending", requestedByName: head.displayName });
    // While the appeal is pending, the head cannot change the decision.
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: v, candidateKey: "2GT|", reasons: REASONS, confirmed: true }, WED))).toBe(
      "APPEAL_PENDING",
    );
    const commission = { studentId: x.id, seenUpdatedAt: v, commissionDate: "2027-06-16", candidateKey: "2GT|", notes: "Avis favorable de la commission." };
    expect(await code(recordCommissionDecision(t.db, head, { ...commission, commissionDate: "2027-06-14", confirmed: true }, WED))).toBe(
      "COMMISSION_BEFORE_APPEAL",
    );
    expect(await code(recordCommissionDecision(t.db, head, { ...commission, confirmed: false }, WED))).toBe("CONFIRMATION_REQUIRED");
    expect(await recordCommissionDecision(t.db, head, { ...commission, confirmed: true }, WED)).toEqual({ changed: true });
    expect(await recordCommissionDecision(t.db, head, { ...commission, confirmed: true }, WED)).toEqual({ changed: false });
    expect(await appealOf(x.id)).toMatchObject({
      commissionDate: "2027-06-16",
      outcome: "changed",
      commissionTrack: "2GT",
      commissionNotes: "Avis favorable de la commission.",
      commissionEnteredByName: head.displayName,
    });
    const d = await decisionOf(x.id);
    expect(d).toMatchObject({ track: "2GT", source: "commission", appealDeadline: null, reasonKnowledge: REASONS.knowledge });
    expect(d!.updatedAt.getTime()).toBe(WED.getTime());
    expect(finalOutcome((await rowOf(x.id, WED)).facts, "2027-06-16").kind).toBe("commission_decided");
    expect(
      await code(
        takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: await seen(x.id, WED), candidateKey: "CAP|", reasons: REASONS, confirmed: true }, WED),
      ),
    ).toBe("COMMISSION_DECIDED");
  });

  it("R-FIN-11: without an appeal, the decision is final once the deadline passed; R-FIN-12: the family may keep the student in 3e", async () => {
    const x = s[6]!;
    await differingDecision(x);
    await recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: await seen(x.id, FRI), day: "2027-06-11" }, FRI);
    const v = await seen(x.id, WED);
    expect(await code(takeDecision(t.db, head, { studentId: x.id, seenUpdatedAt: v, candidateKey: "2PRO|", reasons: REASONS, confirmed: true }, WED))).toBe(
      "DEADLINE_PASSED",
    );
    expect(await decisionOf(x.id)).toMatchObject({ track: "CAP" });
    expect(await recordMaintien(t.db, head, { studentId: x.id, seenUpdatedAt: v }, WED)).toEqual({ changed: true });
    expect(await recordMaintien(t.db, head, { studentId: x.id, seenUpdatedAt: v }, WED)).toEqual({ changed: false });
    expect(await decisionOf(x.id)).toMatchObject({ maintienByName: head.displayName, appealDeadline: "2027-06-15", notifiedOn: "2027-06-11" });
    expect((await decisionOf(x.id))!.maintienAt!.getTime()).toBe(WED.getTime());
    expect(await auditsOf(x.id, "decision.maintien")).toHaveLength(1);
    // Not for a decision that follows the family's request.
    expect(await code(recordMaintien(t.db, head, { studentId: s[0]!.id, seenUpdatedAt: await seen(s[0]!.id, WED) }, WED))).toBe("MAINTIEN_NOT_OPEN");
  });

  it("R-FIN-11: changing a decision asks for confirmation and resets its notice, so the family is notified again", async () => {
    const x = s[7]!;
    await differingDecision(x);
    await recordPaperNotice(t.db, head, { studentId: x.id, seenUpdatedAt: await seen(x.id, FRI), day: "2027-06-11" }, FRI);
    const v = await seen(x.id, FRI);
    const change = { studentId: x.id, seenUpdatedAt: v, candidateKey: "2PRO|", reasons: REASONS };
    expect(await code(takeDecision(t.db, head, { ...change, confirmed: false }, FRI))).toBe("CONFIRMATION_REQUIRED");
    expect(await code(takeDecision(t.db, head, { ...change, seenUpdatedAt: THU.toISOString(), confirmed: true }, FRI))).toBe("STALE_SCREEN");
    expect(await takeDecision(t.db, head, { ...change, confirmed: true }, FRI)).toEqual({ changed: true });
    expect(await decisionOf(x.id)).toMatchObject({ track: "2PRO", notifiedOn: null, noticeChannel: null, appealDeadline: null, publishedAt: null });
    expect(await auditsOf(x.id, "decision.change")).toHaveLength(1);
  });

  it("R-FIN-8: only the head of the school decides: a homeroom teacher, even with the delegation, is refused", async () => {
    const scope = (await findStudentScope(t.db, s[0]!.id, THU))!;
    const delegated: Actor = { ...homeroom3A, delegatedByHead: true } as Actor;
    expect(can(head, "decide:orientation", scope)).toBe(true);
    expect(can(delegated, "manage:student-file", scope)).toBe(true);
    expect(can(delegated, "decide:orientation", scope)).toBe(false);
    expect(can(homeroom3A, "decide:orientation", scope)).toBe(false);
    const division = (await findDivisionScope(t.db, div3C))!;
    expect(can(head, "decide:orientation", division)).toBe(true);
    expect(can(delegated, "decide:orientation", division)).toBe(false);
    // The section is read-only for who may not decide.
    const view = describeDecisionSection(await rowOf(s[0]!.id, THU), "2027-06-10", THU, { canDecide: false })!;
    expect(view.forms).toBeNull();
    expect(view.decisionText).toContain("2de générale");
  });
});
