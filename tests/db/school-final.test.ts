import { trackItem } from "@/lib/domain/tracks";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Actor } from "@/lib/auth/policy";
import { findEntryContext } from "@/lib/db/repositories/family-requests";
import { findDivisionScope, findSchoolScope } from "@/lib/db/repositories/scopes";
import {
  auditLog,
  campaignWindows,
  classCouncils,
  councilProposals,
  divisions,
  familyPublishedProposals,
  outboxEmails,
  schoolFamilyEntries,
  schoolFamilyToInform,
  schoolRequestItems,
  schoolRequests,
  students,
  type TrackItemSnapshot,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { schoolYearOf } from "@/lib/domain/calendar";
import { COUNCIL_TOO_CLOSE_MESSAGE, REOPEN_TOO_SOON_MESSAGE } from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";
import type { StudentProposalsInput } from "@/lib/domain/proposals";
import { silentLog } from "@/lib/log";
import { loadServiceState } from "@/lib/services/family-intentions";
import { changeCouncilDate, openCouncil, resetCouncil } from "@/lib/services/school-council";
import { markStudentFamilyInformed } from "@/lib/services/school-opinions";
import { saveDivisionProposals } from "@/lib/services/school-proposals";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { setFamilyServiceClosed } from "@/lib/services/school-settings";
import { changeOutOfProcedure } from "@/lib/services/school-students";
import { runTransfer } from "@/lib/transfer/run";
import { actorByLogin, demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The school's class council of the final phase (R-SCH-3, R-SCH-5, R-SCH-6, R-SCH-9, R-FIN-4,
 * R-FIN-5), on division 3C of the demo collège.
 */

const NOW = new Date("2026-11-23T09:00:00Z");
const LATER = new Date("2026-11-23T10:00:00Z");
let t: TestDb;
let head: Actor;
let div: Record<string, string>;
let s3C: { id: string; lastName: string; firstName: string }[];

const item = (rank: number, track: string, extra: Partial<TrackItemSnapshot> = {}): TrackItemSnapshot => trackItem(rank, track, extra);

async function receiveFinalEntry(studentId: string, items: TrackItemSnapshot[], by: string, at: Date) {
  await t.db
    .insert(schoolFamilyEntries)
    .values({ studentId, phase: "final", familyVersion: 1, items, enteredByName: by, enteredAt: at, receivedAt: at })
    .onConflictDoUpdate({ target: [schoolFamilyEntries.studentId, schoolFamilyEntries.phase], set: { items, enteredByName: by, enteredAt: at } });
}

async function finalRequestOf(studentId: string) {
  const [r] = await t.db
    .select()
    .from(schoolRequests)
    .where(and(eq(schoolRequests.studentId, studentId), eq(schoolRequests.phase, "final")));
  if (!r) return null;
  const items = await t.db.select().from(schoolRequestItems).where(eq(schoolRequestItems.requestId, r.id)).orderBy(asc(schoolRequestItems.rank));
  return { ...r, items };
}

async function finalFlag(studentId: string) {
  const [f] = await t.db
    .select()
    .from(schoolFamilyToInform)
    .where(and(eq(schoolFamilyToInform.studentId, studentId), eq(schoolFamilyToInform.phase, "final")));
  return f ?? null;
}

async function proposalsOf(studentId: string) {
  return t.db.select().from(councilProposals).where(eq(councilProposals.studentId, studentId)).orderBy(asc(councilProposals.kind), asc(councilProposals.rank));
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

async function messageOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.message : String(e)),
  );
}

/** The screen's input for every in-procedure student of 3C: the answers given here, «no answer» for the others. */
async function screen(
  answers: Record<string, Partial<Record<number, "yes" | "no">>>,
  extras: Record<string, { track: string; motivation: string | null }[]> = {},
) {
  const result: StudentProposalsInput[] = [];
  for (const s of s3C) {
    const r = await finalRequestOf(s.id);
    result.push({
      studentId: s.id,
      answers: (r?.items ?? []).map((i) => ({ itemId: i.id, answer: answers[s.id]?.[i.rank] ?? null, motivation: null })),
      extras: extras[s.id] ?? [],
    });
  }
  return result;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  const ds = await t.db.select().from(divisions);
  div = Object.fromEntries(ds.map((d) => [d.code, d.id]));
  s3C = await t.db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName })
    .from(students)
    .where(eq(students.divisionId, div["3C"]!))
    .orderBy(asc(students.lastName), asc(students.firstName));
});
afterAll(async () => {
  await t?.drop();
});

describe("the final council of a division (R-SCH-3, R-SCH-1)", () => {
  it("R-SCH-3: opening the final council generates the final choices from the family's final entries, leaves the provisional council alone, and closes the family's final entry at once", async () => {
    const [a, b, c] = s3C;
    const [w] = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.phase, "final"), eq(campaignWindows.level, "3e"), eq(campaignWindows.schoolYear, schoolYearOf(NOW))));
    const inWindow = new Date(w!.opensAt.getTime() + 3600_000);
    const ctxA = async () => (await findEntryContext(t.db, a!.id, "final"))!;
    expect(await loadServiceState(t.db, await ctxA(), "final", inWindow)).toEqual({ open: true });

    // R-SCH-1: the school entered c's final choices (a family without internet); a's family also entered online.
    await saveSchoolRequest(t.db, head, { studentId: c!.id, items: [{ track: "CAP" }], confirmed: false, phase: "final" }, NOW);
    await saveSchoolRequest(t.db, head, { studentId: a!.id, items: [{ track: "CAP" }], confirmed: false, phase: "final" }, NOW);
    await receiveFinalEntry(
      a!.id,
      [item(1, "2GT"), item(2, "2PRO", { freeText: "Métiers de la relation client", statusSchool: true })],
      "Mme Anne Test",
      new Date("2026-11-20T17:02:00Z"),
    );
    await receiveFinalEntry(b!.id, [item(1, "2PRO")], "M. Bruno Test", new Date("2026-11-21T08:00:00Z"));

    const { generated } = await openCouncil(t.db, head, { divisionId: div["3C"]!, phase: "final" }, NOW);
    expect(generated).toBe(2);
    const councils = await t.db.select().from(classCouncils).where(eq(classCouncils.divisionId, div["3C"]!));
    expect(councils.find((x) => x.phase === "final")!.state).toBe("open");
    expect(councils.find((x) => x.phase === "provisional")?.state ?? "planned").toBe("planned");

    const ra = (await finalRequestOf(a!.id))!;
    expect(ra.source).toBe("family");
    expect(ra.enteredByName).toBe("Mme Anne Test");
    expect(ra.items.map((i) => [i.rank, i.track, i.freeText, i.statusSchool])).toEqual([
      [1, "2GT", null, false],
      [2, "2PRO", "Métiers de la relation client", true],
    ]);
    expect((await finalRequestOf(c!.id))!.source).toBe("school");
    expect(await finalRequestOf(a!.id).then((r) => r!.phase)).toBe("final");
    // No provisional request was generated from the final entries.
    expect(
      await t.db
        .select()
        .from(schoolRequests)
        .where(and(eq(schoolRequests.studentId, b!.id), eq(schoolRequests.phase, "provisional"))),
    ).toHaveLength(0);
    // The family side reads the final council: the family's final entry is closed.
    expect(await loadServiceState(t.db, await ctxA(), "final", inWindow)).toEqual({ open: false, reason: "council_open" });
    expect(await codeOf(openCouncil(t.db, head, { divisionId: div["3C"]!, phase: "final" }, NOW))).toBe("COUNCIL_ALREADY_OPEN");
  });

  it("R-SCH-14: a homeroom teacher of another division may not manage 3C's council (the action answers 404)", async () => {
    const pp3A = await demoActor(t.db, "homeroom", "3A");
    const pp3C = await actorByLogin(t.db, "pp.3c");
    const scope3C = (await findDivisionScope(t.db, div["3C"]!))!;
    expect(can(pp3A, "manage:division", scope3C)).toBe(false);
    expect(can(pp3C, "manage:division", scope3C)).toBe(true);
  });
});

describe("the council's proposals (R-FIN-5, R-SCH-9)", () => {
  it("R-FIN-5: proposals are saved in one go, only what changed; hors procédure students get none", async () => {
    const [a, b] = s3C;
    const first = await saveDivisionProposals(
      t.db,
      head,
      {
        divisionId: div["3C"]!,
        students: await screen({ [a!.id]: { 1: "yes", 2: "no" }, [b!.id]: { 1: "yes" } }, { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }] }),
      },
      NOW,
    );
    expect(first).toEqual({ changed: 4, familiesToInform: 0 });
    const pa = await proposalsOf(a!.id);
    expect(pa.map((p) => [p.kind, p.track, p.answer, p.motivation, p.publishedAt])).toEqual([
      ["answer_to_choice", "2GT", "yes", null, null],
      ["answer_to_choice", "2PRO", "no", null, null],
      ["extra", "CAP", null, "Projet de boulangerie", null],
    ]);
    // The same screen again: nothing written (updated_at kept).
    const again = await saveDivisionProposals(
      t.db,
      head,
      {
        divisionId: div["3C"]!,
        students: await screen({ [a!.id]: { 1: "yes", 2: "no" }, [b!.id]: { 1: "yes" } }, { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }] }),
      },
      LATER,
    );
    expect(again.changed).toBe(0);
    expect((await proposalsOf(a!.id)).every((p) => p.updatedAt.getTime() === NOW.getTime())).toBe(true);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "proposals.save"))).toHaveLength(1);

    // R-SCH-12: a student hors procédure gets no proposal.
    const d = s3C[3]!;
    await saveSchoolRequest(t.db, head, { studentId: d.id, items: [{ track: "2GT" }], confirmed: false, phase: "final" }, NOW);
    await changeOutOfProcedure(t.db, head, { studentId: d.id, reason: "Parcours particulier" }, NOW);
    expect(await codeOf(saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: await screen({ [d.id]: { 1: "yes" } }) }, LATER))).toBe(
      "OUT_OF_PROCEDURE",
    );
    await changeOutOfProcedure(t.db, head, { studentId: d.id, reason: null }, NOW);
  });

  it("R-FIN-5: a stale screen, another division's student or item, and a closed council are refused, and nothing is written", async () => {
    const [a] = s3C;
    const base = await screen({ [a!.id]: { 1: "no", 2: "no" } });
    const before = await proposalsOf(a!.id);
    // An item of another division (a 3D student's final choice) in 3C's screen.
    const other = (await t.db.select({ id: students.id }).from(students).where(eq(students.divisionId, div["3D"]!)))[0]!;
    await saveSchoolRequest(t.db, head, { studentId: other.id, items: [{ track: "2GT" }], confirmed: false, phase: "final" }, NOW);
    const otherItem = (await finalRequestOf(other.id))!.items[0]!.id;
    const forgedItem = base.map((s) =>
      s.studentId === a!.id ? { ...s, answers: [...s.answers.slice(1), { itemId: otherItem, answer: "yes" as const, motivation: null }] } : s,
    );
    expect(await codeOf(saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: forgedItem }, LATER))).toBe("STALE_SCREEN");
    // Another division's student.
    const forgedStudent = [...base, { studentId: other.id, answers: [{ itemId: otherItem, answer: "yes" as const, motivation: null }], extras: [] }];
    expect(await messageOf(saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: forgedStudent }, LATER))).toBe(
      "Les choix définitifs de la division ont changé depuis l'affichage de la page. Rechargez la page puis saisissez à nouveau les propositions.",
    );
    // A screen shown before a's choices changed.
    const stale = base.map((s) => (s.studentId === a!.id ? { ...s, answers: s.answers.slice(0, 1) } : s));
    expect(await codeOf(saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: stale }, LATER))).toBe("STALE_SCREEN");
    // 3D's final council is not open.
    expect(await codeOf(saveDivisionProposals(t.db, head, { divisionId: div["3D"]!, students: [] }, LATER))).toBe("COUNCIL_NOT_OPEN");
    expect(await proposalsOf(a!.id)).toEqual(before);
    expect(await t.db.select().from(councilProposals).where(eq(councilProposals.studentId, other.id))).toHaveLength(0);
  });

  it("R-FIN-5: the same screen submitted twice at once writes its proposals once (the council row serialises the saves)", async () => {
    const [a, b] = s3C;
    const body = await screen(
      { [a!.id]: { 1: "yes", 2: "no" }, [b!.id]: { 1: "yes" } },
      { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }], [b!.id]: [{ track: "CAP", motivation: null }] },
    );
    const results = await Promise.all([
      saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: body }, LATER),
      saveDivisionProposals(t.db, head, { divisionId: div["3C"]!, students: body }, LATER),
    ]);
    expect(results.map((r) => r.changed).sort()).toEqual([0, 1]);
    expect((await proposalsOf(b!.id)).filter((p) => p.kind === "extra")).toHaveLength(1);
    // Withdrawn again (never published: no family to inform).
    const back = await saveDivisionProposals(
      t.db,
      head,
      {
        divisionId: div["3C"]!,
        students: await screen({ [a!.id]: { 1: "yes", 2: "no" }, [b!.id]: { 1: "yes" } }, { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }] }),
      },
      LATER,
    );
    expect(back).toEqual({ changed: 1, familiesToInform: 0 });
    expect(await finalFlag(b!.id)).toBeNull();
  });

  it("R-FIN-5 / R-SCH-9: the night transfer publishes the proposals; one changed afterwards raises «famille à informer» (final) until the head marks it", async () => {
    const [a, b] = s3C;
    const night = new Date("2026-11-24T01:00:00Z");
    await runTransfer({ db: t.db, pool: t.pool, now: night, asOf: night, log: silentLog, runKey: "manual:r-fin-5" });
    const published = await t.db
      .select()
      .from(familyPublishedProposals)
      .where(inArray(familyPublishedProposals.studentId, [a!.id, b!.id]));
    expect(published).toHaveLength(4);
    expect((await proposalsOf(a!.id)).every((p) => p.publishedAt !== null)).toBe(true);
    expect(published.find((p) => p.kind === "extra")!.motivation).toBe("Projet de boulangerie");

    const morning = new Date("2026-11-24T08:00:00Z");
    const res = await saveDivisionProposals(
      t.db,
      head,
      {
        divisionId: div["3C"]!,
        students: await screen(
          { [a!.id]: { 1: "yes", 2: "yes" }, [b!.id]: { 1: "yes" } },
          { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }] },
        ),
      },
      morning,
    );
    expect(res).toEqual({ changed: 1, familiesToInform: 1 });
    expect(await finalFlag(a!.id)).toMatchObject({ toInform: true, flaggedAt: morning });
    expect(await finalFlag(b!.id)).toBeNull();
    // The provisional flag is another one.
    expect(await codeOf(markStudentFamilyInformed(t.db, head, a!.id, morning, "provisional"))).toBe("NOTHING_TO_DO");
    await markStudentFamilyInformed(t.db, head, a!.id, morning, "final");
    expect(await finalFlag(a!.id)).toMatchObject({ toInform: false, informedAt: morning, informedByName: head.displayName });
    expect(await codeOf(markStudentFamilyInformed(t.db, head, a!.id, morning, "final"))).toBe("NOTHING_TO_DO");
    // The changed proposal is published again the next night.
    const night2 = new Date("2026-11-25T01:00:00Z");
    await runTransfer({ db: t.db, pool: t.pool, now: night2, asOf: night2, log: silentLog, runKey: "manual:r-fin-5-2" });
    const [p2] = await t.db
      .select()
      .from(familyPublishedProposals)
      .where(and(eq(familyPublishedProposals.studentId, a!.id), eq(familyPublishedProposals.track, "2PRO")));
    expect(p2!.answer).toBe("yes");
  });
});

describe("the 24 hours of the final phase (R-FIN-4)", () => {
  it("R-FIN-4: a final council set less than 24 h after the family service closes needs the head's confirmation (the school's own earlier closing counts)", async () => {
    const [w] = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.phase, "final"), eq(campaignWindows.level, "3e"), eq(campaignWindows.schoolYear, schoolYearOf(NOW))));
    const tooClose = new Date(w!.closesAt.getTime() + 23 * 3600_000);
    const fine = new Date(w!.closesAt.getTime() + 24 * 3600_000);
    const scheduled = async () =>
      (
        await t.db
          .select()
          .from(classCouncils)
          .where(and(eq(classCouncils.divisionId, div["3B"]!), eq(classCouncils.phase, "final")))
      )[0]?.scheduledAt ?? null;
    const seeded = await scheduled();
    expect(await messageOf(changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: tooClose, phase: "final" }, NOW))).toBe(
      COUNCIL_TOO_CLOSE_MESSAGE,
    );
    expect(await scheduled()).toEqual(seeded);
    await changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: tooClose, phase: "final", confirmed: true }, NOW);
    expect(await scheduled()).toEqual(tooClose);
    await changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: fine, phase: "final" }, NOW);
    // The provisional council takes no such warning.
    await changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: tooClose, phase: "provisional" }, NOW);

    // The school closes its final service now: a council tomorrow morning is too close.
    const college = (await findSchoolScope(t.db, head.schoolId!))!;
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: true }, NOW);
    const tomorrow = new Date(NOW.getTime() + 20 * 3600_000);
    expect(await codeOf(changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: tomorrow, phase: "final" }, NOW))).toBe("CONFIRMATION_REQUIRED");
    expect(
      await codeOf(changeCouncilDate(t.db, head, { divisionId: div["3B"]!, scheduledAt: new Date(NOW.getTime() + 25 * 3600_000), phase: "final" }, NOW)),
    ).toBe("ok");
  });

  it("R-FIN-4: reopening the final service less than 24 h after the council's answers changed needs the head's confirmation", async () => {
    const college = (await findSchoolScope(t.db, head.schoolId!))!;
    // The last answers were changed on 24/11 at 08:00 (above); the service was closed by the school on 23/11.
    const soon = new Date("2026-11-25T07:59:00Z");
    expect(await messageOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, soon))).toBe(REOPEN_TOO_SOON_MESSAGE);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false, confirmed: true }, soon);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: true }, soon);
    // Exactly 24 h later: no warning.
    expect(await codeOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, new Date("2026-11-25T08:00:00Z")))).toBe(
      "ok",
    );
  });

  it("R-FIN-4: withdrawing proposals counts as a change of the council's answers, too", async () => {
    const college = (await findSchoolScope(t.db, head.schoolId!))!;
    const [a, b] = s3C;
    const withdrawnAt = new Date("2026-11-25T12:00:00Z");
    const aScreen = { [a!.id]: [{ track: "CAP", motivation: "Projet de boulangerie" }] };
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: true }, withdrawnAt);
    // b's only proposal, published, is withdrawn: no proposal row is left to date the change.
    const res = await saveDivisionProposals(
      t.db,
      head,
      { divisionId: div["3C"]!, students: await screen({ [a!.id]: { 1: "yes", 2: "yes" } }, aScreen) },
      withdrawnAt,
    );
    expect(res).toEqual({ changed: 1, familiesToInform: 1 });
    expect(await codeOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "final", closed: false }, new Date("2026-11-26T11:00:00Z")))).toBe(
      "CONFIRMATION_REQUIRED",
    );
    // b's answer is given again and published the next night, for the steps below.
    await saveDivisionProposals(
      t.db,
      head,
      { divisionId: div["3C"]!, students: await screen({ [a!.id]: { 1: "yes", 2: "yes" }, [b!.id]: { 1: "yes" } }, aScreen) },
      withdrawnAt,
    );
    const night = new Date("2026-11-26T01:00:00Z");
    await runTransfer({ db: t.db, pool: t.pool, now: night, asOf: night, log: silentLog, runKey: "manual:r-fin-4-withdrawn" });
    expect((await proposalsOf(b!.id)).every((p) => p.publishedAt !== null)).toBe(true);
  });
});

describe("the school changes the final choices after the opening (R-SCH-5)", () => {
  it("R-SCH-5: changing a family's final choices deletes the proposals on them once confirmed, keeps the original entry, bumps the version, raises the flag; the e-mails wait for the night", async () => {
    const [a] = s3C;
    const before = (await finalRequestOf(a!.id))!;
    const at = new Date("2026-11-25T09:00:00Z");
    const change = (confirmed: boolean) =>
      saveSchoolRequest(t.db, head, { studentId: a!.id, items: [{ track: "2PRO", freeText: "Cuisine" }], confirmed, phase: "final" }, at);
    expect(await messageOf(change(false))).toBe(
      "Attention : la modification des choix définitifs supprimera les 2 propositions du conseil de classe déjà saisies. Confirmez la modification.",
    );
    expect(await proposalsOf(a!.id)).toHaveLength(3);
    const res = await change(true);
    expect(res).toMatchObject({ changed: true, kind: "change_family_entry", deletedProposals: 2 });
    // The council's extra voie is not on a choice: it stays.
    expect((await proposalsOf(a!.id)).map((p) => p.kind)).toEqual(["extra"]);
    const after = (await finalRequestOf(a!.id))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.changedBySchoolName).toBe(head.displayName);
    expect(after.originalFamilyItems!.map((i) => i.track)).toEqual(["2GT", "2PRO"]);
    expect(after.items.map((i) => i.track)).toEqual(["2PRO"]);
    expect(await finalFlag(a!.id)).toMatchObject({ toInform: true, flaggedAt: at });
    // R-SYNC-3: the guardians are e-mailed by the night that publishes the change (tests/db/school-change-night.test.ts), not now.
    expect(res.guardiansToEmail).toBeGreaterThan(0);
    expect(await t.db.select().from(outboxEmails).where(eq(outboxEmails.kind, "school-change"))).toHaveLength(0);
  });
});

describe("resetting the final council (R-SCH-6, R-SCH-9)", () => {
  it("R-SCH-6: the reset deletes the proposals only once confirmed, flags the families whose proposals were published, and reopens the family's final entry", async () => {
    const [, b] = s3C;
    const count = (
      await t.db.select().from(councilProposals).innerJoin(students, eq(students.id, councilProposals.studentId)).where(eq(students.divisionId, div["3C"]!))
    ).length;
    expect(count).toBe(2);
    expect(await messageOf(resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: false, phase: "final" }, LATER))).toBe(
      "Attention : la réinitialisation du conseil de classe supprimera les 2 propositions du conseil de classe déjà saisies. Confirmez la réinitialisation.",
    );
    const at = new Date("2026-11-26T09:00:00Z");
    expect(await resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: true, phase: "final" }, at)).toEqual({
      deletedOpinions: 0,
      deletedProposals: 2,
    });
    expect(await finalFlag(b!.id)).toMatchObject({ toInform: true, flaggedAt: at });
    const [c] = await t.db
      .select()
      .from(classCouncils)
      .where(and(eq(classCouncils.divisionId, div["3C"]!), eq(classCouncils.phase, "final")));
    expect(c!.state).toBe("planned");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "council.reset"));
    expect(typeof audit!.details === "string" ? JSON.parse(audit!.details) : audit!.details).toMatchObject({ phase: "final", deletedProposals: 2 });
    expect(await codeOf(resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: true, phase: "final" }, at))).toBe("COUNCIL_NOT_OPEN");
  });
});
