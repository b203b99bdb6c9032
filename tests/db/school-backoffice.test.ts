import { trackItem } from "@/lib/domain/tracks";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import {
  auditLog,
  classCouncils,
  familyPublishedOpinions,
  councilProposals,
  decisions,
  divisions,
  opinions,
  schoolFamilyAnswers,
  outboxEmails,
  schoolAcknowledgements,
  schoolFamilyEntries,
  schoolFamilyToInform,
  schoolRequestItems,
  schoolRequests,
  students,
  type TrackItemSnapshot,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import { studentListCsv, studentListXlsx } from "@/lib/export/student-list";
import { changeCouncilDate, openCouncil, resetCouncil } from "@/lib/services/school-council";
import { markStudentFamilyInformed, saveDivisionOpinions } from "@/lib/services/school-opinions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { changeOutOfProcedure, loadFamilyEntryFollowUp, loadStudentList } from "@/lib/services/school-students";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
const LATER = new Date("2026-11-24T09:00:00Z");
const TODAY = "2026-11-24";
let t: TestDb;
let head: Actor;
let homeroom3A: Actor;
let div: Record<string, string>;
let s3C: { id: string; lastName: string; firstName: string }[];

const item = (rank: number, track: string, extra: Partial<TrackItemSnapshot> = {}): TrackItemSnapshot => trackItem(rank, track, extra);

async function receiveFamilyEntry(studentId: string, items: TrackItemSnapshot[], by: string, at: Date, nonTraitee = false) {
  await t.db
    .insert(schoolFamilyEntries)
    .values({ studentId, phase: "provisional", familyVersion: 1, items, enteredByName: by, enteredAt: at, receivedAt: at, nonTraitee })
    .onConflictDoUpdate({ target: [schoolFamilyEntries.studentId, schoolFamilyEntries.phase], set: { items, enteredByName: by, enteredAt: at, nonTraitee } });
}

async function requestOf(studentId: string) {
  const [r] = await t.db
    .select()
    .from(schoolRequests)
    .where(and(eq(schoolRequests.studentId, studentId), eq(schoolRequests.phase, "provisional")));
  if (!r) return null;
  const items = await t.db.select().from(schoolRequestItems).where(eq(schoolRequestItems.requestId, r.id)).orderBy(asc(schoolRequestItems.rank));
  return { ...r, items };
}

/** R-SCH-9: the provisional "famille à informer" flag of a student, if ever raised. */
async function informFlag(studentId: string) {
  const [f] = await t.db
    .select()
    .from(schoolFamilyToInform)
    .where(and(eq(schoolFamilyToInform.studentId, studentId), eq(schoolFamilyToInform.phase, "provisional")));
  return f;
}

async function domainCode(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  homeroom3A = await demoActor(t.db, "homeroom", "3A");
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

describe("opening the class council (R-SCH-3, R-SCH-4)", () => {
  it("R-SCH-3: opening generates the division's intentions from the family entries, overwriting the school's own", async () => {
    const [a, b, c, d] = s3C;
    // a: the school entered (paper form), then the family entered online: the family's entry wins.
    await saveSchoolRequest(t.db, head, { studentId: a!.id, items: [{ track: "CAP" }], confirmed: false }, NOW);
    await receiveFamilyEntry(
      a!.id,
      [item(1, "2GT"), item(2, "2PRO", { freeText: "Métiers de la relation client", statusApprentice: true })],
      "Mme Anne Test",
      new Date("2026-11-20T17:02:00Z"),
    );
    // b: only the school entered: kept.
    await saveSchoolRequest(t.db, head, { studentId: b!.id, items: [{ track: "2PRO" }], confirmed: false }, NOW);
    // c: a family entry validated the day of opening: non traitée, not generated.
    await receiveFamilyEntry(c!.id, [item(1, "CAP")], "M. Non Traité", NOW, true);
    // d: nothing at all.
    void d;

    const { generated } = await openCouncil(t.db, head, { divisionId: div["3C"]! }, NOW);
    expect(generated).toBe(1);

    const [council] = await t.db
      .select()
      .from(classCouncils)
      .where(and(eq(classCouncils.divisionId, div["3C"]!), eq(classCouncils.phase, "provisional")));
    expect(council!.state).toBe("open");
    expect(council!.openedAt).toEqual(NOW);

    const ra = await requestOf(a!.id);
    expect(ra!.source).toBe("family");
    expect(ra!.enteredByName).toBe("Mme Anne Test");
    expect(ra!.items.map((i) => [i.rank, i.track, i.freeText, i.statusApprentice])).toEqual([
      [1, "2GT", null, false],
      [2, "2PRO", "Métiers de la relation client", true],
    ]);
    expect((await requestOf(b!.id))!.source).toBe("school");
    expect(await requestOf(c!.id)).toBeNull();
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "council.open"), eq(auditLog.entityId, div["3C"]!)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe(head.displayName);
  });

  it("R-SCH-3: opening an open council is refused", async () => {
    expect(await domainCode(openCouncil(t.db, head, { divisionId: div["3C"]! }, NOW))).toBe("COUNCIL_ALREADY_OPEN");
  });

  it("R-SCH-6: the council date can be changed and the change is audited", async () => {
    const when = new Date("2026-12-10T16:30:00Z");
    await changeCouncilDate(t.db, head, { divisionId: div["3C"]!, scheduledAt: when }, NOW);
    const [council] = await t.db
      .select()
      .from(classCouncils)
      .where(and(eq(classCouncils.divisionId, div["3C"]!), eq(classCouncils.phase, "provisional")));
    expect(council!.scheduledAt).toEqual(when);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "council.date"))).toHaveLength(1);
  });
});

describe("avis provisoires (R-SCH-7, R-SCH-9)", () => {
  it("R-SCH-7: avis are saved for the whole division at once, only once the council is open", async () => {
    const ra = await requestOf(s3C[0]!.id);
    const rb = await requestOf(s3C[1]!.id);
    const res = await saveDivisionOpinions(
      t.db,
      head,
      {
        divisionId: div["3C"]!,
        entries: [
          { itemId: ra!.items[0]!.id, value: "favorable", comment: null },
          { itemId: ra!.items[1]!.id, value: "reserve", comment: "Stage en entreprise conseillé" },
          { itemId: rb!.items[0]!.id, value: "defavorable", comment: null },
        ],
      },
      NOW,
    );
    expect(res.changed).toBe(3);
    const stored = await t.db.select().from(opinions).where(eq(opinions.studentId, s3C[0]!.id));
    expect(stored.map((o) => o.value).sort()).toEqual(["favorable", "reserve"]);
    expect(stored.every((o) => o.enteredByName === head.displayName)).toBe(true);
    // R-SCH-7: entered today, published to the family by the night's transfer only.
    expect(await t.db.select().from(familyPublishedOpinions).where(eq(familyPublishedOpinions.studentId, s3C[0]!.id))).toEqual([]);
    // Another division's council is not open.
    const other = await t.db.select().from(students).where(eq(students.divisionId, div["3B"]!)).limit(1);
    await saveSchoolRequest(t.db, head, { studentId: other[0]!.id, items: [{ track: "2GT" }], confirmed: false }, NOW);
    const r3B = await requestOf(other[0]!.id);
    expect(
      await domainCode(
        saveDivisionOpinions(t.db, head, { divisionId: div["3B"]!, entries: [{ itemId: r3B!.items[0]!.id, value: "favorable", comment: null }] }, NOW),
      ),
    ).toBe("COUNCIL_NOT_OPEN");
  });

  it("R-SCH-7: an intention of another division cannot be given an avis from this division's screen", async () => {
    const other = await t.db.select().from(students).where(eq(students.divisionId, div["3B"]!)).limit(1);
    const r3B = await requestOf(other[0]!.id);
    expect(
      await domainCode(
        saveDivisionOpinions(t.db, head, { divisionId: div["3C"]!, entries: [{ itemId: r3B!.items[0]!.id, value: "favorable", comment: null }] }, NOW),
      ),
    ).toBe("STALE_SCREEN");
  });

  it("R-SCH-9: changing avis after the family acknowledged flags «famille à informer» until the head marks it done", async () => {
    const student = s3C[0]!.id;
    await t.db.insert(schoolAcknowledgements).values({ studentId: student, acknowledgedByName: "Mme Anne Test", acknowledgedAt: NOW, receivedAt: NOW });
    const ra = await requestOf(student);
    // Saving the same avis again changes nothing and flags nothing.
    await saveDivisionOpinions(t.db, head, { divisionId: div["3C"]!, entries: [{ itemId: ra!.items[0]!.id, value: "favorable", comment: null }] }, LATER);
    expect(await informFlag(student)).toBeUndefined();
    await saveDivisionOpinions(
      t.db,
      head,
      { divisionId: div["3C"]!, entries: [{ itemId: ra!.items[0]!.id, value: "reserve", comment: "Résultats à consolider" }] },
      LATER,
    );
    expect((await informFlag(student))?.toInform).toBe(true);
    const [op] = await t.db.select().from(opinions).where(eq(opinions.itemId, ra!.items[0]!.id));
    expect(op!.updatedAt).toEqual(LATER);
    await markStudentFamilyInformed(t.db, head, student, LATER);
    const after = await informFlag(student);
    expect([after!.toInform, after!.informedByName, after!.phase]).toEqual([false, head.displayName, "provisional"]);
    expect(await domainCode(markStudentFamilyInformed(t.db, head, student, LATER))).toBe("NOTHING_TO_DO");
  });
});

describe("changing a family's intentions (R-SCH-5)", () => {
  it("R-SCH-5: the change warns before deleting avis, keeps the original entry and bumps the version; the e-mails wait for the night", async () => {
    const student = s3C[0]!.id;
    const before = await requestOf(student);
    expect(
      await domainCode(saveSchoolRequest(t.db, head, { studentId: student, items: [{ track: "CAP", freeText: "Cuisine" }], confirmed: false }, LATER)),
    ).toBe("CONFIRMATION_REQUIRED");
    expect((await requestOf(student))!.items).toHaveLength(2); // nothing changed

    const res = await saveSchoolRequest(t.db, head, { studentId: student, items: [{ track: "CAP", freeText: "Cuisine" }], confirmed: true }, LATER);
    expect(res).toMatchObject({ changed: true, kind: "change_family_entry", deletedOpinions: 2 });
    const after = await requestOf(student);
    expect(after!.source).toBe("family");
    expect(after!.changedBySchoolName).toBe(head.displayName);
    expect(after!.changedBySchoolAt).toEqual(LATER);
    expect(after!.originalFamilyItems!.map((i) => i.track)).toEqual(["2GT", "2PRO"]);
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.version).toBeGreaterThan(after!.publishedVersion);
    expect(await t.db.select().from(opinions).where(eq(opinions.studentId, student))).toHaveLength(0);
    // Avis deleted after an acknowledgement: the family is to be informed again (R-SCH-9).
    expect((await informFlag(student))?.toInform).toBe(true);

    // R-SYNC-3: each guardian with an address is e-mailed by the night that publishes the change (tests/db/school-change-night.test.ts), not now.
    const guardians = await t.db.execute<{ email: string | null }>(
      sql`select g.email from student_guardians sg join guardians g on g.id = sg.guardian_id where sg.student_id = ${student}`,
    );
    expect(res.guardiansToEmail).toBe(guardians.rows.filter((g) => g.email).length);
    expect(await t.db.select().from(outboxEmails).where(eq(outboxEmails.kind, "school-change"))).toHaveLength(0);

    // A second change keeps the very first family entry as the original one.
    await saveSchoolRequest(t.db, head, { studentId: student, items: [{ track: "2PRO" }], confirmed: true }, LATER);
    expect((await requestOf(student))!.originalFamilyItems!.map((i) => i.track)).toEqual(["2GT", "2PRO"]);
    // Saving the same intentions again is no change: no e-mail, no new version.
    const n = (await t.db.select().from(outboxEmails)).length;
    const res2 = await saveSchoolRequest(t.db, head, { studentId: student, items: [{ track: "2PRO" }], confirmed: false }, LATER);
    expect(res2.changed).toBe(false);
    expect((await t.db.select().from(outboxEmails)).length).toBe(n);
  });

  it("R-SCH-5: before the council opens, a family's entry cannot be changed by the school", async () => {
    const [s] = await t.db.select().from(students).where(eq(students.divisionId, div["3A"]!)).limit(1);
    await receiveFamilyEntry(s!.id, [item(1, "2GT")], "M. Famille", NOW);
    // Not generated yet (council planned): the school enters its own, which opening will overwrite.
    await saveSchoolRequest(t.db, head, { studentId: s!.id, items: [{ track: "CAP" }], confirmed: false }, NOW);
    await t.db.update(schoolRequests).set({ source: "family" }).where(eq(schoolRequests.studentId, s!.id));
    expect(await domainCode(saveSchoolRequest(t.db, head, { studentId: s!.id, items: [{ track: "2PRO" }], confirmed: false }, NOW))).toBe("COUNCIL_NOT_OPEN");
    await t.db.delete(schoolRequests).where(eq(schoolRequests.studentId, s!.id));
    await t.db.delete(schoolFamilyEntries).where(eq(schoolFamilyEntries.studentId, s!.id));
  });
});

describe("resetting the class council (R-SCH-6)", () => {
  it("R-SCH-6: reset asks for confirmation, then deletes the division's avis and plans the council again", async () => {
    const rb = await requestOf(s3C[1]!.id);
    expect(await t.db.select().from(opinions).where(eq(opinions.itemId, rb!.items[0]!.id))).toHaveLength(1);
    expect(await domainCode(resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: false }, LATER))).toBe("CONFIRMATION_REQUIRED");
    const { deletedOpinions } = await resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: true }, LATER);
    expect(deletedOpinions).toBe(1);
    const left = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from opinions o join students s on s.id = o.student_id where s.division_id = ${div["3C"]!}`,
    );
    expect(left.rows[0]!.n).toBe(0);
    const [council] = await t.db
      .select()
      .from(classCouncils)
      .where(and(eq(classCouncils.divisionId, div["3C"]!), eq(classCouncils.phase, "provisional")));
    expect([council!.state, council!.openedAt]).toEqual(["planned", null]);
    expect(await domainCode(resetCouncil(t.db, head, { divisionId: div["3C"]!, confirmed: true }, LATER))).toBe("COUNCIL_NOT_OPEN");
  });
});

describe("student list, follow-up and exports (R-SCH-10, R-SCH-11, R-SCH-12, R-SCH-14)", () => {
  it("R-SCH-14: a homeroom teacher's list holds only their divisions; the head's the whole school", async () => {
    const mine = await loadStudentList(t.db, homeroom3A, {}, TODAY);
    expect(new Set(mine.rows.map((r) => r.divisionCode))).toEqual(new Set(["3A"]));
    expect(mine.divisions.map((d) => d.code)).toEqual(["3A"]);
    // Asking for another division through the filter gives nothing.
    expect((await loadStudentList(t.db, homeroom3A, { divisionId: div["3C"]! }, TODAY)).rows).toHaveLength(0);
    const all = await loadStudentList(t.db, head, {}, TODAY);
    expect(new Set(all.rows.map((r) => r.divisionCode))).toEqual(new Set(["3A", "3B", "3C", "3D"]));
    // With the head's delegation, the whole school.
    const delegated = { ...homeroom3A, delegatedByHead: true };
    expect((await loadStudentList(t.db, delegated, {}, TODAY)).rows).toHaveLength(all.rows.length);
  });

  it("R-SCH-10: filters by level, division, MEF, last and first name", async () => {
    const target = s3C[0]!;
    const byName = await loadStudentList(t.db, head, { lastName: target.lastName.slice(0, 3).toLowerCase(), firstName: target.firstName }, TODAY);
    expect(byName.rows.map((r) => r.id)).toContain(target.id);
    expect(byName.rows.every((r) => r.firstName === target.firstName)).toBe(true);
    const byDivision = await loadStudentList(t.db, head, { divisionId: div["3C"]! }, TODAY);
    expect(byDivision.rows).toHaveLength(s3C.length);
    const [d3C] = await t.db.select().from(divisions).where(eq(divisions.id, div["3C"]!));
    const byMef = await loadStudentList(t.db, head, { mefCode: d3C!.mefCode }, TODAY);
    expect(byMef.rows.every((r) => r.mefCode === d3C!.mefCode)).toBe(true);
    expect((await loadStudentList(t.db, head, { level: "2GT" }, TODAY)).rows).toHaveLength(0); // the collège has no 2GT
    expect((await loadStudentList(t.db, head, { lastName: "%" }, TODAY)).rows).toHaveLength(0); // LIKE wildcards are literal
  });

  it("R-SCH-10: the XLSX and CSV exports carry the same columns and rows as the screen", async () => {
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3C"]! }, TODAY);
    const csv = studentListCsv(rows, "provisional", TODAY);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe(
      '"Nom";"Prénom";"INE";"Né(e) le";"Division";"MEF";"Intentions de la famille";"Avis provisoires du conseil de classe";"Accusé de réception";' +
        '"Repères"',
    );
    expect(lines).toHaveLength(rows.length + 1);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await studentListXlsx(rows, "Liste des élèves", "provisional", TODAY)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Élèves")!;
    expect(ws.rowCount).toBe(rows.length + 1);
    const first = rows[0]!;
    const sheetRow = ws.getRow(2).values as unknown[];
    expect(sheetRow.slice(1, 6)).toEqual([first.lastName, first.firstName, first.ine, first.birthDate.split("-").reverse().join("/"), "3C"]);
    const a = rows.find((r) => r.id === s3C[0]!.id)!;
    const aRow = ws.getRows(2, rows.length)!.find((r) => r.getCell(3).value === a.ine)!;
    expect(String(aRow.getCell(7).value)).toBe("1 : 2de professionnelle");
    expect(String(aRow.getCell(10).value)).toContain("Saisie en ligne (TS) par Mme Anne Test le 20/11/2026 à 18:02");
    expect(String(aRow.getCell(10).value)).toContain("Saisie TS modifiée par l'établissement");
  });

  it("R-SCH-10: the list carries the later steps too: final choices, council proposals, family answer, decision", async () => {
    const [s] = await t.db.select().from(students).where(eq(students.divisionId, div["3B"]!)).orderBy(asc(students.ine)).limit(1);
    await t.db.transaction(async (tx) => {
      const [r] = await tx
        .insert(schoolRequests)
        .values({ studentId: s!.id, phase: "final", source: "family", enteredByName: "M. Final", enteredAt: NOW })
        .returning();
      const [c1, c2] = await tx
        .insert(schoolRequestItems)
        .values([
          { requestId: r!.id, rank: 1, track: "2GT" },
          { requestId: r!.id, rank: 2, track: "CAP" },
        ])
        .returning();
      await tx.insert(councilProposals).values([
        {
          studentId: s!.id,
          kind: "answer_to_choice",
          choiceItemId: c1!.id,
          rank: 1,
          track: "2GT",
          answer: "no",
          enteredAt: NOW,
          enteredByName: "x",
          updatedAt: NOW,
        },
        {
          studentId: s!.id,
          kind: "answer_to_choice",
          choiceItemId: c2!.id,
          rank: 2,
          track: "CAP",
          answer: "yes",
          enteredAt: NOW,
          enteredByName: "x",
          updatedAt: NOW,
        },
      ]);
      const [p2] = await tx.select().from(councilProposals).where(eq(councilProposals.choiceItemId, c2!.id));
      await tx.insert(schoolFamilyAnswers).values({
        studentId: s!.id,
        source: "family",
        kind: "accept",
        acceptedProposalIds: [p2!.id],
        answeredByName: "M. Final",
        answeredAt: NOW,
        receivedAt: NOW,
      });
      await tx.insert(decisions).values({
        studentId: s!.id,
        rank: 1,
        track: "CAP",
        source: "agreement",
        differsFromRequest: false,
        decidedAt: NOW,
        decidedByName: "x",
        updatedAt: NOW,
      });
    });
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3B"]! }, TODAY);
    const line = studentListCsv(rows, "final", TODAY)
      .split("\r\n")
      .find((l) => l.includes(s!.ine))!;
    expect(line).toContain('"1 : 2de générale et technologique ou 2de STHR\n2 : 1re année de CAP"');
    expect(line).toContain('"Non : 2de générale et technologique ou 2de STHR\nOui : 1re année de CAP"');
    expect(line).toContain('"Accepte : 1re année de CAP (saisie en ligne (TS) par M. Final le 23/11/2026 à 10:00)"');
    expect(line).toContain('"1re année de CAP\nConforme à la demande de la famille\nPrise par x le 23/11/2026 à 10:00"');
  });

  it("R-SCH-11: «Suivi des saisies TS» lists the students in the procedure whose family has no validated entry", async () => {
    const follow = await loadFamilyEntryFollowUp(t.db, head);
    const ids = new Set(follow.map((f) => f.id));
    expect(ids.has(s3C[0]!.id)).toBe(false); // entry received
    expect(ids.has(s3C[2]!.id)).toBe(false); // non traitée, but validated
    expect(ids.has(s3C[3]!.id)).toBe(true);
    expect(follow.find((f) => f.id === s3C[3]!.id)!.guardians.length).toBeGreaterThan(0);
    expect((await loadFamilyEntryFollowUp(t.db, homeroom3A)).every((f) => f.divisionCode === "3A")).toBe(true);
  });

  it("R-SCH-12: a student set hors procédure with a reason leaves the follow-up, and can come back", async () => {
    const s = s3C[3]!.id;
    expect(await domainCode(changeOutOfProcedure(t.db, head, { studentId: s, reason: "  " }, NOW))).toBe("REASON_REQUIRED");
    await changeOutOfProcedure(t.db, head, { studentId: s, reason: "Redoublement exceptionnel" }, NOW);
    const [row] = await t.db.select().from(students).where(eq(students.id, s));
    expect([row!.outOfProcedureReason, row!.outOfProcedureAt]).toEqual(["Redoublement exceptionnel", NOW]);
    expect((await loadFamilyEntryFollowUp(t.db, head)).some((f) => f.id === s)).toBe(false);
    expect(await domainCode(saveSchoolRequest(t.db, head, { studentId: s, items: [{ track: "2GT" }], confirmed: false }, NOW))).toBe("OUT_OF_PROCEDURE");
    const listed = (await loadStudentList(t.db, head, { divisionId: div["3C"]! }, TODAY)).rows.find((r) => r.id === s)!;
    expect(listed.outOfProcedureReason).toBe("Redoublement exceptionnel");
    await changeOutOfProcedure(t.db, head, { studentId: s, reason: null }, NOW);
    expect((await t.db.select().from(students).where(eq(students.id, s)))[0]!.outOfProcedureReason).toBeNull();
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, s));
    expect(audits.map((a) => a.action)).toEqual(["student.out-of-procedure", "student.back-in-procedure"]);
  });
});
