import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findDivisionProposalFacts } from "@/lib/db/repositories/council-proposals";
import { loadDialogueFormInputs } from "@/lib/db/repositories/dialogue-forms";
import { replaceOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import {
  classCouncils,
  councilProposals,
  decisions,
  divisions,
  familyPublishedDecisions,
  familyPublishedOpinions,
  familyPublishedProposals,
  opinions,
  outboxEmails,
  schoolRequestItems,
  schoolRequests,
  studentGuardians,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { buildDialogueForm } from "@/lib/domain/dialogue-form";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";
import { describeDivisionPage } from "@/lib/domain/school-division-page";
import type { SchoolItemInput } from "@/lib/domain/school-requests";
import { studentListCsv } from "@/lib/export/student-list";
import { silentLog } from "@/lib/log";
import { openCouncil } from "@/lib/services/school-council";
import { takeDecision } from "@/lib/services/school-decisions";
import { saveSchoolFamilyAnswer } from "@/lib/services/school-family-answers";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";
import { saveDivisionProposals } from "@/lib/services/school-proposals";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { runTransfer } from "@/lib/transfer/run";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The 2de GT procedure on the school side, on real PostgreSQL, at the demo lycée: the head enters
 * intentions with ranked spécialités against the lycée's list (R-SCH-1, R-2GT-2, R-2GT-4), the
 * council gives its avis (R-SCH-7), the final choices (R-2GT-3), the proposals with a série
 * (R-FIN-5), the night transfer publishes them (R-SYNC-2), the decision keeps the série (R-FIN-8).
 * The division and its students are picked by what they hold, not by name: a fresh 2de GT division.
 */

const SEEDED = new Date("2026-11-23T09:00:00Z");
const T_PROV = parisDateTime("2027-02-08", "10:00");
const T_AVIS = parisDateTime("2027-02-10", "18:00");
const NIGHT_AVIS = parisDateTime("2027-02-11", "02:00");
const T_FINAL = parisDateTime("2027-06-02", "10:00");
const T_PROPOSALS = parisDateTime("2027-06-09", "18:00");
const NIGHT_PROPOSALS = parisDateTime("2027-06-10", "02:00");
const T_ANSWER = parisDateTime("2027-06-11", "10:00");
const T_DECISION = parisDateTime("2027-06-12", "10:00");
const NIGHT_DECISION = parisDateTime("2027-06-13", "02:00");
const OFFERED = ["MATHS", "PC", "SVT", "SES", "HGGSP", "HLP", "LLCER", "NSI", "ARTS_PLASTIQUES"];

let t: TestDb;
let head: Actor;
let schoolId: string;
let divisionId: string;
let a: string;
let b: string;

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : String(e)),
  );
}

async function transfer(asOf: Date, runKey: string) {
  const res = await runTransfer({ db: t.db, pool: t.pool, now: new Date(), asOf, log: silentLog, runKey });
  if (res.status !== "succeeded") throw new Error(`transfer ${runKey}: ${res.status}`);
  return res.counts;
}

async function itemsOf(studentId: string, phase: "provisional" | "final") {
  return t.db
    .select({
      id: schoolRequestItems.id,
      rank: schoolRequestItems.rank,
      track: schoolRequestItems.track,
      subTrack: schoolRequestItems.subTrack,
      specialties: schoolRequestItems.specialties,
      stagePasserelle: schoolRequestItems.stagePasserelle,
    })
    .from(schoolRequestItems)
    .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
    .where(and(eq(schoolRequests.studentId, studentId), eq(schoolRequests.phase, phase)))
    .orderBy(asc(schoolRequestItems.rank));
}

const save = (studentId: string, items: SchoolItemInput[], phase: "provisional" | "final", at: Date) =>
  saveSchoolRequest(t.db, head, { studentId, items, confirmed: false, phase }, at);

async function openIfNeeded(phase: "provisional" | "final", at: Date) {
  const [c] = await t.db
    .select()
    .from(classCouncils)
    .where(and(eq(classCouncils.divisionId, divisionId), eq(classCouncils.phase, phase)));
  if (c?.state !== "open") await openCouncil(t.db, head, { divisionId, phase }, at);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, SEEDED);
  head = await demoActor(t.db, "head", "Champollion");
  schoolId = head.schoolId!;
  // R-2GT-4: the lycée's list, as this test needs it (the demo's may change).
  await replaceOfferedSpecialties(t.db, schoolId, OFFERED);
  // The first 2de GT division of the lycée whose councils are not open, and two of its students with nothing entered.
  const r = await t.db.execute<{ id: string }>(sql`
    select d.id from divisions d where d.school_id = ${schoolId} and d.level = '2GT'
       and not exists (select 1 from class_councils c where c.division_id = d.id and c.state = 'open')
     order by d.code limit 1`);
  divisionId = r.rows[0]!.id;
  const free = await t.db.execute<{ id: string }>(sql`
    select s.id from students s where s.division_id = ${divisionId} and s.out_of_procedure_reason is null
       and not exists (select 1 from school_requests r where r.student_id = s.id)
       and not exists (select 1 from school_family_entries e where e.student_id = s.id)
     order by s.ine limit 2`);
  [a, b] = free.rows.map((x) => x.id) as [string, string];
  expect(b).toBeDefined();
});
afterAll(async () => {
  await t?.drop();
});

describe("R-SCH-1 / R-2GT-2 / R-2GT-4: the head enters a 2de GT student's intentions", () => {
  it("R-2GT-2 / R-2GT-4: ranked spécialités against the lycée's list: a 5th with one outside is taken; a 3rd outside, a 5th without one outside, a 1re technologique without its série are refused and write nothing", async () => {
    const spec5 = ["MATHS", "PC", "SVT", "ARTS_DANSE", "SES"];
    expect(await code(save(a, [{ track: "1G", specialties: ["MATHS", "SI", "ARTS_DANSE", "ARTS_THEATRE", "PC"] }], "provisional", T_PROV))).toBe(
      "SPECIALTY_OUTSIDE",
    );
    expect(await code(save(a, [{ track: "1G", specialties: ["MATHS", "PC", "SVT", "SES", "NSI"] }], "provisional", T_PROV))).toBe("SPECIALTY_COUNT");
    expect(await code(save(a, [{ track: "1T" }], "provisional", T_PROV))).toBe("SERIES_REQUIRED");
    expect(await itemsOf(a, "provisional")).toEqual([]);

    const res = await save(
      a,
      [
        { track: "1G", specialties: spec5 },
        { track: "1T", subTrack: "STL_BIO" },
        // The stage passerelle is a final-phase request: dropped here.
        { track: "VOIE_PRO", subTrack: "1PRO", stagePasserelle: true },
      ],
      "provisional",
      T_PROV,
    );
    expect(res).toMatchObject({ changed: true, kind: "school_entry" });
    expect((await itemsOf(a, "provisional")).map((i) => [i.rank, i.track, i.subTrack, i.specialties, i.stagePasserelle])).toEqual([
      [1, "1G", "", spec5, false],
      [2, "1T", "STL_BIO", [], false],
      [3, "VOIE_PRO", "1PRO", [], false],
    ]);
    await save(b, [{ track: "1G", specialties: ["SES", "HGGSP", "MATHS", "LLCER"] }], "provisional", T_PROV);
  });

  it("R-SCH-7 / R-2GT-2: the council gives its avis and recommandations on each 2de GT intention; the screen labels them with the série and the ranked spécialités; the night publishes them with their spécialités", async () => {
    await openIfNeeded("provisional", T_AVIS);
    const items = await itemsOf(a, "provisional");
    const res = await saveDivisionOpinions(
      t.db,
      head,
      {
        divisionId,
        entries: [
          { itemId: items[0]!.id, value: "favorable", comment: "Choisir entre SVT et SES avant juin." },
          { itemId: items[1]!.id, value: "reserve", comment: null },
          { itemId: items[2]!.id, value: "defavorable", comment: null },
        ],
      },
      T_AVIS,
    );
    expect(res.changed).toBe(3);
    expect(await t.db.select({ value: opinions.value }).from(opinions).where(eq(opinions.studentId, a))).toHaveLength(3);

    const [division] = await t.db.select().from(divisions).where(eq(divisions.id, divisionId));
    const rows = await findStudentRows(t.db, { schoolId, filters: { divisionId } });
    const view = describeDivisionPage({
      division: division!,
      council: { state: "open", scheduledAt: null, openedAt: T_AVIS, openedByName: "x" },
      students: rows,
      canManage: true,
      offeredSpecialties: OFFERED,
    });
    if (view.opinions.kind !== "form") throw new Error("form expected");
    const sheet = view.opinions.sheet.find((s) => s.studentId === a)!;
    expect(sheet.items.map((i) => [i.label, i.value])).toEqual([
      [
        "1re générale – Spécialités : 1. Mathématiques, 2. Physique-chimie, 3. Sciences de la vie et de la Terre, 4. Arts : danse (hors établissement), 5. Sciences économiques et sociales",
        "favorable",
      ],
      ["1re technologique – série STL option biotechnologies", "reserve"],
      ["Accès à la voie professionnelle : 1re professionnelle", "defavorable"],
    ]);

    await transfer(NIGHT_AVIS, "test:2gt-avis");
    const published = await t.db
      .select()
      .from(familyPublishedOpinions)
      .where(eq(familyPublishedOpinions.studentId, a))
      .orderBy(asc(familyPublishedOpinions.rank));
    expect(published.map((p) => [p.track, p.subTrack, p.specialties, p.value, p.comment])).toEqual([
      ["1G", "", ["MATHS", "PC", "SVT", "ARTS_DANSE", "SES"], "favorable", "Choisir entre SVT et SES avant juin."],
      ["1T", "STL_BIO", [], "reserve", null],
      ["VOIE_PRO", "1PRO", [], "defavorable", null],
    ]);
  });
});

describe("R-2GT-3 / R-FIN-5 / R-FIN-8: the final phase of a 2de GT student", () => {
  const eleven: SchoolItemInput[] = [
    { track: "1G", specialties: ["MATHS", "SI", "PC"] },
    { track: "1T", subTrack: "STI2D" },
    { track: "1T", subTrack: "STMG" },
    { track: "1T", subTrack: "ST2S" },
    { track: "1T", subTrack: "STL_BIO" },
    { track: "1T", subTrack: "STL_SPCL" },
    { track: "1T", subTrack: "STD2A" },
    { track: "1T", subTrack: "STHR" },
    { track: "BT_MUSIQUE" },
    { track: "VOIE_PRO", subTrack: "1PRO", stagePasserelle: true },
    { track: "VOIE_PRO", subTrack: "CAP" },
  ];

  it("R-2GT-3: up to 11 final choices, a 1re générale with exactly 3 spécialités chosen freely in and outside the lycée, the stage passerelle of the paper form kept; a 12th, a 4th spécialité are refused", async () => {
    expect(await code(save(a, [...eleven, { track: "1T", subTrack: "S2TMD" }], "final", T_FINAL))).toBe("TOO_MANY_INTENTIONS");
    expect(await code(save(a, [{ track: "1G", specialties: ["MATHS", "PC", "SVT", "SES"] }], "final", T_FINAL))).toBe("SPECIALTY_COUNT");
    expect(
      await code(
        save(
          a,
          [
            { track: "1T", subTrack: "STMG" },
            { track: "1T", subTrack: "STMG" },
          ],
          "final",
          T_FINAL,
        ),
      ),
    ).toBe("TRACK_TWICE");
    await save(a, eleven, "final", T_FINAL);
    const stored = await itemsOf(a, "final");
    expect(stored).toHaveLength(11);
    expect(stored[0]).toMatchObject({ track: "1G", specialties: ["MATHS", "SI", "PC"] });
    expect(stored[9]).toMatchObject({ track: "VOIE_PRO", subTrack: "1PRO", stagePasserelle: true });
    await save(
      b,
      [
        { track: "1G", specialties: ["SES", "HGGSP", "MATHS"] },
        { track: "1T", subTrack: "STMG" },
      ],
      "final",
      T_FINAL,
    );
  });

  it("R-FIN-5 / R-2GT-1: the council answers each choice and proposes another série; a série already chosen, the same série twice, a 3e voie are refused", async () => {
    await openIfNeeded("final", T_PROPOSALS);
    const [bG, bT] = await itemsOf(b, "final");
    const answersA = (await itemsOf(a, "final")).map((i) => ({ itemId: i.id, answer: null, motivation: null }));
    const screen = (extras: { track: string; subTrack?: string; motivation: string | null }[]) => [
      { studentId: a, answers: answersA, extras: [] },
      {
        studentId: b,
        answers: [
          { itemId: bG!.id, answer: "yes" as const, motivation: "Très bon dossier" },
          { itemId: bT!.id, answer: "no" as const, motivation: null },
        ],
        extras,
      },
    ];
    expect(
      await code(saveDivisionProposals(t.db, head, { divisionId, students: screen([{ track: "1T", subTrack: "STMG", motivation: null }]) }, T_PROPOSALS)),
    ).toBe("TRACK_CHOSEN");
    expect(
      await code(
        saveDivisionProposals(
          t.db,
          head,
          {
            divisionId,
            students: screen([
              { track: "1T", subTrack: "STI2D", motivation: null },
              { track: "1T", subTrack: "STI2D", motivation: null },
            ]),
          },
          T_PROPOSALS,
        ),
      ),
    ).toBe("TRACK_TWICE");
    expect(await code(saveDivisionProposals(t.db, head, { divisionId, students: screen([{ track: "CAP", motivation: null }]) }, T_PROPOSALS))).toBe(
      "UNKNOWN_TRACK",
    );
    expect(await t.db.select().from(councilProposals).where(eq(councilProposals.studentId, b))).toEqual([]);

    const res = await saveDivisionProposals(
      t.db,
      head,
      { divisionId, students: screen([{ track: "1T", subTrack: "STI2D", motivation: "Goût pour la technologie" }]) },
      T_PROPOSALS,
    );
    expect(res).toEqual({ changed: 3, familiesToInform: 0 });
    const stored = await t.db
      .select()
      .from(councilProposals)
      .where(eq(councilProposals.studentId, b))
      .orderBy(asc(councilProposals.kind), asc(councilProposals.rank));
    expect(stored.map((p) => [p.kind, p.track, p.subTrack, p.specialties, p.answer, p.motivation])).toEqual([
      ["answer_to_choice", "1G", "", ["SES", "HGGSP", "MATHS"], "yes", "Très bon dossier"],
      ["answer_to_choice", "1T", "STMG", [], "no", null],
      ["extra", "1T", "STI2D", [], null, "Goût pour la technologie"],
    ]);
    // The same screen again writes nothing.
    const facts = (await findDivisionProposalFacts(t.db, divisionId)).find((f) => f.studentId === b)!;
    expect(facts.level).toBe("2GT");
    expect(
      (
        await saveDivisionProposals(
          t.db,
          head,
          { divisionId, students: screen([{ track: "1T", subTrack: "STI2D", motivation: "Goût pour la technologie" }]) },
          T_PROPOSALS,
        )
      ).changed,
    ).toBe(0);
  });

  it("R-SYNC-2 / R-FIN-5: the night publishes the proposals to the family side with their série and spécialités", async () => {
    await transfer(NIGHT_PROPOSALS, "test:2gt-proposals");
    const published = await t.db
      .select()
      .from(familyPublishedProposals)
      .where(eq(familyPublishedProposals.studentId, b))
      .orderBy(asc(familyPublishedProposals.kind), asc(familyPublishedProposals.rank));
    expect(published.map((p) => [p.kind, p.track, p.subTrack, p.specialties, p.answer])).toEqual([
      ["answer_to_choice", "1G", "", ["SES", "HGGSP", "MATHS"], "yes"],
      ["answer_to_choice", "1T", "STMG", [], "no"],
      ["extra", "1T", "STI2D", [], null],
    ]);
  });

  it("R-FIN-8 / R-FIN-10: the decision taken from the accepted 2de GT proposal keeps its série; the night publishes it and the e-mail names the série", async () => {
    const extra = (
      await t.db
        .select()
        .from(councilProposals)
        .where(and(eq(councilProposals.studentId, b), eq(councilProposals.kind, "extra")))
    )[0]!;
    const gs = await t.db
      .select({ id: studentGuardians.guardianId })
      .from(studentGuardians)
      .where(eq(studentGuardians.studentId, b))
      .orderBy(asc(studentGuardians.rank));
    await saveSchoolFamilyAnswer(
      t.db,
      head,
      {
        studentId: b,
        kind: "accept",
        acceptedProposalIds: [extra.id],
        answeredByGuardianId: gs[0]!.id,
        otherAgreement: gs.length > 1 ? true : null,
        confirmed: false,
      },
      T_ANSWER,
    );
    expect(
      await takeDecision(t.db, head, { studentId: b, seenUpdatedAt: null, candidateKey: "1T|STI2D", reasons: null, confirmed: false }, T_DECISION),
    ).toEqual({
      changed: true,
    });
    const [d] = await t.db.select().from(decisions).where(eq(decisions.studentId, b));
    expect(d).toMatchObject({ track: "1T", subTrack: "STI2D", source: "agreement", differsFromRequest: false });

    await transfer(NIGHT_DECISION, "test:2gt-decision");
    const [pub] = await t.db.select().from(familyPublishedDecisions).where(eq(familyPublishedDecisions.studentId, b));
    expect(pub).toMatchObject({ track: "1T", subTrack: "STI2D" });
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`${outboxEmails.kind} like 'decision%' and ${outboxEmails.dedupeKey} like ${`%${b}%`}`);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]!.text).toContain("1re technologique – série STI2D");
  });

  it("R-SCH-10 / R-SCH-13: the export and the fiche de dialogue rank the spécialités and mark those outside the lycée «hors établissement»", async () => {
    const rows = await findStudentRows(t.db, { schoolId, filters: { divisionId }, phase: "final" });
    const csv = studentListCsv(rows, "final", "2027-06-13");
    expect(csv).toContain("1 : 1re générale – Spécialités : 1. Mathématiques, 2. Sciences de l'ingénieur (hors établissement), 3. Physique-chimie");
    expect(csv).toContain("Accès à la voie professionnelle : 1re professionnelle – Stage passerelle demandé");
    expect(csv).toContain("Proposition : 1re technologique – série STI2D");
    const [input] = await loadDialogueFormInputs(t.db, [a], "2026-2027");
    expect(input!.offeredSpecialties).toEqual(expect.arrayContaining(OFFERED));
    const text = buildDialogueForm(input!)
      .sections.flatMap((s) => s.lines.map((l) => l.text))
      .join("\n");
    expect(text).toContain("4. Arts : danse (hors établissement), 5. Sciences économiques et sociales : Favorable");
    expect(text).toContain("2. 1re technologique – série STL option biotechnologies");
  });
});
