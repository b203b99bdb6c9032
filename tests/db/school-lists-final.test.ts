import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { flagFamilyToInform } from "@/lib/db/repositories/family-to-inform";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import {
  councilProposals,
  divisions,
  guardians,
  schoolAgreements,
  schoolFamilyAnswers,
  schoolFamilyEntries,
  schoolRequestItems,
  schoolRequests,
  studentGuardians,
  students,
  type TrackItemSnapshot,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { studentListCsv, studentListXlsx } from "@/lib/export/student-list";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { printDialogueForms } from "@/lib/services/dialogue-forms";
import { changeOutOfProcedure, loadFinalFollowUp, loadStudentList } from "@/lib/services/school-students";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The back-office's lists in the final phase (R-SCH-8, R-SCH-10, R-SCH-11, R-SCH-13), on division
 * 3B of the demo collège, with final-phase facts written as the transfer and the school would.
 */

const NOW = new Date("2027-06-15T08:00:00Z");
const TODAY = "2027-06-15";
const CHOSEN = new Date("2027-05-20T08:00:00Z"); // 10:00 Paris
const PUBLISHED = new Date("2027-06-10T22:00:00Z"); // 11/06 00:00 Paris
const ANSWERED = new Date("2027-06-12T07:15:00Z"); // 09:15 Paris
const AGREED = new Date("2027-06-12T16:30:00Z"); // 18:30 Paris

let t: TestDb;
let head: Actor;
let homeroom3A: Actor;
let div: Record<string, string>;
let s3B: { id: string; ine: string; lastName: string; firstName: string }[];
/** The guardians ("Mme Claire Martin") of each fixture student, by rank. */
const names: Record<string, string[]> = {};

const snap = (rank: number, track: string): TrackItemSnapshot => ({
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
});

async function guardiansOf(studentId: string) {
  return t.db
    .select({ id: guardians.id, name: guardians.civility, firstName: guardians.firstName, lastName: guardians.lastName })
    .from(studentGuardians)
    .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
    .where(eq(studentGuardians.studentId, studentId))
    .orderBy(asc(studentGuardians.rank));
}

/** Final choices received from the family service (TS) and turned into the back-office request, with published proposals. */
async function finalChoicesWithProposals(studentId: string, by: string) {
  await t.db
    .insert(schoolFamilyEntries)
    .values({ studentId, phase: "final", familyVersion: 1, items: [snap(1, "2GT"), snap(2, "CAP")], enteredByName: by, enteredAt: CHOSEN, receivedAt: CHOSEN });
  return t.db.transaction(async (tx) => {
    const [r] = await tx.insert(schoolRequests).values({ studentId, phase: "final", source: "family", enteredByName: by, enteredAt: CHOSEN }).returning();
    const [c1, c2] = await tx
      .insert(schoolRequestItems)
      .values([
        { requestId: r!.id, rank: 1, track: "2GT" },
        { requestId: r!.id, rank: 2, track: "CAP" },
      ])
      .returning();
    const ps = await tx
      .insert(councilProposals)
      .values([
        {
          studentId,
          kind: "answer_to_choice",
          choiceItemId: c1!.id,
          rank: 1,
          track: "2GT",
          answer: "no",
          motivation: "=Résultats insuffisants",
          enteredAt: CHOSEN,
          enteredByName: "M. Le Principal",
          updatedAt: CHOSEN,
          publishedAt: PUBLISHED,
        },
        {
          studentId,
          kind: "answer_to_choice",
          choiceItemId: c2!.id,
          rank: 2,
          track: "CAP",
          answer: "yes",
          enteredAt: CHOSEN,
          enteredByName: "M. Le Principal",
          updatedAt: CHOSEN,
          publishedAt: PUBLISHED,
        },
      ])
      .returning();
    return ps;
  });
}

let answered: string; // TS choices, proposals, accepted by guardian 1, guardian 2 disagrees (entered by the school), à informer
let unanswered: string; // TS choices, proposals published, no answer
let refused: string; // school-entered answer refusing all
let nonTraitee: string; // final choices validated on the council's opening day
let outOfProcedure: string; // nothing entered, hors procédure
let nothing: string; // nothing entered

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  homeroom3A = await demoActor(t.db, "homeroom", "3A");
  const ds = await t.db.select().from(divisions);
  div = Object.fromEntries(ds.map((d) => [d.code, d.id]));
  s3B = await t.db
    .select({ id: students.id, ine: students.ine, lastName: students.lastName, firstName: students.firstName })
    .from(students)
    .where(eq(students.divisionId, div["3B"]!))
    .orderBy(asc(students.lastName), asc(students.firstName));
  // Students with two guardians first (the agreement needs "the other guardian").
  const withTwo: string[] = [];
  const rest: string[] = [];
  for (const s of s3B) {
    const gs = await guardiansOf(s.id);
    names[s.id] = gs.map((g) => `${g.name} ${g.firstName} ${g.lastName}`);
    (gs.length === 2 ? withTwo : rest).push(s.id);
  }
  [answered, unanswered, refused] = withTwo as [string, string, string];
  [nonTraitee, outOfProcedure, nothing] = [...withTwo.slice(3), ...rest] as [string, string, string];

  const first = (id: string) => names[id]![0]!;
  const [, accepted] = await finalChoicesWithProposals(answered, first(answered));
  await t.db.insert(schoolFamilyAnswers).values({
    studentId: answered,
    source: "family",
    kind: "accept",
    acceptedProposalIds: [accepted!.id],
    answeredByName: first(answered),
    answeredAt: ANSWERED,
    receivedAt: ANSWERED,
  });
  const [, g2] = await guardiansOf(answered);
  await t.db.insert(schoolAgreements).values({
    studentId: answered,
    guardianId: g2!.id,
    source: "school",
    agrees: false,
    answeredByName: "M. Le Principal",
    answeredAt: AGREED,
    receivedAt: AGREED,
  });
  await flagFamilyToInform(t.db, [answered], "final", NOW);

  await finalChoicesWithProposals(unanswered, first(unanswered));

  await finalChoicesWithProposals(refused, first(refused));
  await t.db.insert(schoolFamilyAnswers).values({
    studentId: refused,
    source: "school",
    kind: "refuse_all",
    answeredByName: "M. Le Principal",
    answeredAt: ANSWERED,
    receivedAt: ANSWERED,
  });

  await t.db.insert(schoolFamilyEntries).values({
    studentId: nonTraitee,
    phase: "final",
    familyVersion: 1,
    items: [snap(1, "2GT")],
    enteredByName: first(nonTraitee),
    enteredAt: CHOSEN,
    receivedAt: CHOSEN,
    nonTraitee: true,
  });
  await changeOutOfProcedure(t.db, head, { studentId: outOfProcedure, reason: "Parcours particulier" }, NOW);
});
afterAll(async () => {
  await t?.drop();
});

describe("R-SCH-8 / R-SCH-10: the student list reads the final phase", () => {
  it("R-SCH-8: final phase — the repository returns the final facts: TS entry, request, proposals with who/when/published, answer source, agreements, à informer", async () => {
    const [r] = await findStudentRows(t.db, { schoolId: head.schoolId!, studentIds: [answered] });
    const f = r!.final;
    expect(f.entry).toMatchObject({ enteredByName: names[answered]![0], enteredAt: CHOSEN, nonTraitee: false });
    expect(f.request).toMatchObject({ source: "family", enteredByName: names[answered]![0], changedBySchoolAt: null });
    expect(f.choices.map((c) => c.track)).toEqual(["2GT", "CAP"]);
    expect(f.proposals.map((p) => [p.answer, p.enteredByName, p.publishedAt])).toEqual([
      ["no", "M. Le Principal", PUBLISHED],
      ["yes", "M. Le Principal", PUBLISHED],
    ]);
    expect(f.answer).toMatchObject({ source: "family", kind: "accept", answeredByName: names[answered]![0] });
    expect(f.guardians.map((g) => g.name)).toEqual(names[answered]);
    expect(f.agreements).toEqual([
      expect.objectContaining({ guardianName: names[answered]![1], source: "school", agrees: false, answeredByName: "M. Le Principal", answeredAt: AGREED }),
    ]);
    expect(f.familyToInform).toMatchObject({ toInform: true });
    expect(f.councilOpen).toBe(false);
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3B"]! }, TODAY);
    const late = rows.find((x) => x.id === nonTraitee)!.final;
    expect([late.entry?.nonTraitee, late.request, late.choices]).toEqual([true, null, []]);
    expect(rows.find((x) => x.id === refused)!.final.answer).toMatchObject({ source: "school", kind: "refuse_all", acceptedProposalIds: [] });
  });

  it("R-SCH-10: final phase — filters: choices entered / not entered, answer awaited / accepted / refused, disagreement", async () => {
    const ids = async (filters: Parameters<typeof loadStudentList>[2]) =>
      new Set((await loadStudentList(t.db, head, { divisionId: div["3B"]!, ...filters }, TODAY)).rows.map((r) => r.id));
    const entered = await ids({ finalChoices: "saisis" });
    expect(entered).toEqual(new Set([answered, unanswered, refused, nonTraitee]));
    const notEntered = await ids({ finalChoices: "non_saisis" });
    expect(notEntered.has(nothing)).toBe(true);
    expect([answered, unanswered, refused, nonTraitee].some((id) => notEntered.has(id))).toBe(false);
    expect(entered.size + notEntered.size).toBe(s3B.length);
    expect(await ids({ finalAnswer: "attendue" })).toEqual(new Set([unanswered]));
    expect(await ids({ finalAnswer: "acceptee" })).toEqual(new Set([answered]));
    expect(await ids({ finalAnswer: "refus" })).toEqual(new Set([refused]));
    expect(await ids({ finalAgreement: "desaccord" })).toEqual(new Set([answered]));
    // R-SCH-14: a homeroom teacher of 3A filtering on 3B's final facts gets nothing.
    expect((await loadStudentList(t.db, homeroom3A, { finalAnswer: "acceptee" }, TODAY)).rows).toHaveLength(0);
    expect((await loadStudentList(t.db, homeroom3A, { divisionId: div["3B"]!, finalChoices: "saisis" }, TODAY)).rows).toHaveLength(0);
  });

  it("R-SCH-10: final phase — the XLSX (parsed back with exceljs) and the CSV carry choices, proposals, answer, agreements; the CSV neutralises formulas", async () => {
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3B"]!, finalChoices: "saisis" }, TODAY);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await studentListXlsx(rows, "Liste des élèves", "final", TODAY)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Élèves")!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => headers.indexOf(h) + 1;
    const ine = s3B.find((s) => s.id === answered)!.ine;
    const line = ws.getRows(2, rows.length)!.find((r) => r.getCell(col("INE")).value === ine)!;
    const g1 = names[answered]![0]!;
    const g2 = names[answered]![1]!;
    expect(line.getCell(col("Choix définitifs de la famille")).value).toBe("1 : 2de générale et technologique ou 2de STHR\n2 : 1re année de CAP");
    expect(line.getCell(col("Saisie des choix définitifs")).value).toBe(`Saisie en ligne (TS) par ${g1} le 20/05/2027 à 10:00`);
    expect(line.getCell(col("Propositions du conseil de classe")).value).toBe(
      "Non : 2de générale et technologique ou 2de STHR – =Résultats insuffisants\nOui : 1re année de CAP",
    );
    expect(line.getCell(col("Réponse de la famille")).value).toBe(`Accepte : 1re année de CAP (saisie en ligne (TS) par ${g1} le 12/06/2027 à 09:15)`);
    expect(line.getCell(col("Accord des représentants légaux")).value).toBe(
      `${g2} : pas d'accord (saisi par l'établissement (M. Le Principal) le 12/06/2027 à 18:30)`,
    );
    expect(String(line.getCell(col("Repères")).value)).toContain("Famille à informer : propositions du conseil de classe modifiées après leur publication");
    const refusedLine = ws.getRows(2, rows.length)!.find((r) => r.getCell(col("INE")).value === s3B.find((s) => s.id === refused)!.ine)!;
    expect(refusedLine.getCell(col("Réponse de la famille")).value).toBe(
      "Refus de toutes les propositions (saisie par l'établissement (M. Le Principal) le 12/06/2027 à 09:15)",
    );

    const csv = studentListCsv(rows, "final", TODAY);
    const csvLine = csv.split("\r\n").find((l) => l.includes(ine))!;
    expect(csvLine).toContain(`"Accepte : 1re année de CAP (saisie en ligne (TS) par ${g1} le 12/06/2027 à 09:15)"`);
    expect(csvLine).toContain(`"${g2} : pas d'accord (saisi par l'établissement (M. Le Principal) le 12/06/2027 à 18:30)"`);
    // A motivation starting with "=" is inside a cell that does not start with it; a cell that does is neutralised.
    const { rows: evil } = await loadStudentList(t.db, head, { divisionId: div["3B"]! }, TODAY);
    const withEvil = evil.map((r) => (r.id === nothing ? { ...r, firstName: "=1+1" } : r));
    expect(studentListCsv(withEvil, "final", TODAY)).toContain(`"'=1+1"`);
  });
});

describe("R-SCH-11: «Suivi des saisies TS», final phase", () => {
  it("R-SCH-11: final phase — families without final choices and families with unanswered proposals, guardians' e-mails, hors procédure excluded", async () => {
    const { noChoices, unanswered: waiting } = await loadFinalFollowUp(t.db, head);
    const none = new Set(noChoices.map((r) => r.id));
    expect(none.has(nothing)).toBe(true);
    expect(none.has(outOfProcedure)).toBe(false); // hors procédure
    for (const id of [answered, unanswered, refused, nonTraitee]) expect(none.has(id)).toBe(false);
    expect(waiting.map((r) => r.id)).toEqual([unanswered]);
    expect(waiting[0]!.publishedAt).toEqual(PUBLISHED);
    expect(waiting[0]!.guardians.map((g) => `${g.civility} ${g.firstName} ${g.lastName}`)).toEqual(names[unanswered]);
    expect(waiting[0]!.guardians.some((g) => g.email)).toBe(true);
    // R-SCH-14: a homeroom teacher of 3A sees only 3A.
    const mine = await loadFinalFollowUp(t.db, homeroom3A);
    expect(mine.noChoices.every((r) => r.divisionCode === "3A")).toBe(true);
    expect(mine.unanswered).toEqual([]);
  });
});

describe("R-SCH-13: the fiche de dialogue's final section from the database", () => {
  it("R-SCH-13: final phase — the PDF prints the final choices, proposals, answer and agreements with who entered each and the dates", async () => {
    const pdf = await printDialogueForms(t.db, { schoolId: head.schoolId!, studentIds: [answered, unanswered, nonTraitee], title: "Fiches" }, NOW);
    const text = extractPdfText(pdf);
    const g1 = names[answered]![0]!;
    const g2 = names[answered]![1]!;
    expect(text).toContain("DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s)");
    expect(text).toContain(`Saisie en ligne par ${g1} le 20/05/2027 à 10:00`);
    expect(text).toContain("Choix 1. 2de générale et technologique ou 2de STHR : Non");
    expect(text).toContain("Motivation : =Résultats insuffisants");
    expect(text).toContain("Saisie par M. Le Principal le 20/05/2027 à 10:00, publiée à la famille le 11/06/2027 à 00:00");
    expect(text).toContain("Proposition acceptée : 1re année de CAP");
    expect(text).toContain(`Réponse saisie en ligne par ${g1} le 12/06/2027 à 09:15`);
    expect(text).toContain(`${g2} : pas d'accord avec cette réponse (saisi par l'établissement (M. Le Principal) le 12/06/2027 à 18:30)`);
    expect(text).toContain("Un entretien avec le chef d'établissement est nécessaire.");
    expect(text).toContain("Pas de réponse de la famille.");
    expect(text).toContain(`Saisie en ligne par ${names[nonTraitee]![0]} le 20/05/2027 à 10:00, non traitée`);
    expect(text).toContain("Le chef d'établissement");
  });
});
