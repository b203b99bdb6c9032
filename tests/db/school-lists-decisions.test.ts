import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { academyHomeView } from "@/lib/loaders/academy-home";
import { loadDialogueFormInputs } from "@/lib/db/repositories/dialogue-forms";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { academies, appeals, decisions, divisions, interviews, schoolFamilyAnswers, schools, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { buildDialogueForm } from "@/lib/domain/dialogue-form";
import { badgesOf, studentListCsv } from "@/lib/export/student-list";
import { changeOutOfProcedure, loadStudentList } from "@/lib/services/school-students";
import { createTestDb, type TestDb } from "../support/test-db";
import { demoActor } from "../support/final-fixtures";

/*
 * The end of the procedure in the back-office's lists (R-SCH-8, R-SCH-10, R-SCH-13) and the
 * académie's counts (R-OVS-1): decisions, interviews and appeals written directly, as the
 * decision screens would leave them, on the demo collège's 3B and the lycée, plus another académie.
 */

const NOW = new Date("2027-06-15T08:00:00Z");
const TODAY = "2027-06-15"; // a Tuesday
const ANSWERED = new Date("2027-06-10T07:15:00Z");
const HELD = new Date("2027-06-11T08:30:00Z"); // 10:30 Paris
const DECIDED = new Date("2027-06-11T14:00:00Z"); // 16:00 Paris

let t: TestDb;
let head: Actor;
let div: Record<string, string>;
/** The 3B students this file uses, in the list's order (by name). */
let interviewDue: string; // refused everything, no interview yet
let threeDays: string; // differing decision notified Monday 14/06: deadline Thursday 17/06
let lastDay: string; // differing decision notified Friday 11/06: deadline today
let appealing: string; // differing decision, appeal pending
let conforming: string; // accepted, decision conforming
let outOfProcedure: string; // a decision, then hors procédure: not counted by the académie
let lycee: string; // a 2GT student of the lycée, appeal decided (changed)
let elsewhere: string; // a student of another académie with a decision, an interview and an appeal

const item = (track: string, subTrack = "") => ({ rank: 1, track, subTrack });

async function refuseAll(studentId: string) {
  await t.db
    .insert(schoolFamilyAnswers)
    .values({ studentId, source: "school", kind: "refuse_all", answeredByName: "M. Le Principal", answeredAt: ANSWERED, receivedAt: ANSWERED });
}

async function interview(studentId: string, outcome: "agreement" | "disagreement" = "disagreement") {
  await t.db.insert(interviews).values({
    studentId,
    heldAt: HELD,
    participants: "Le chef d'établissement, les représentants légaux",
    outcome,
    agreedTrack: outcome === "agreement" ? "CAP" : null,
    enteredByName: "M. Le Principal",
    enteredAt: HELD,
    updatedAt: HELD,
  });
}

async function differingDecision(studentId: string, notifiedOn: string, appealDeadline: string, track = item("2PRO")) {
  await t.db.insert(decisions).values({
    studentId,
    ...track,
    source: "head",
    differsFromRequest: true,
    reasonKnowledge: "Des lacunes en mathématiques",
    reasonAbilities: "Une grande habileté manuelle",
    reasonInterests: "Un projet en cuisine",
    notifiedOn,
    noticeChannel: "paper",
    appealDeadline,
    decidedAt: DECIDED,
    decidedByName: "M. Le Principal",
    updatedAt: DECIDED,
  });
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  div = Object.fromEntries((await t.db.select().from(divisions)).map((d) => [d.code, d.id]));
  const s3B = await t.db
    .select({ id: students.id })
    .from(students)
    .where(eq(students.divisionId, div["3B"]!))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.ine));
  // The one with 3 days left comes first by name: the sort by days left must reverse them.
  [interviewDue, threeDays, lastDay, appealing, conforming, outOfProcedure] = s3B.map((s) => s.id) as [string, string, string, string, string, string];

  await refuseAll(interviewDue);
  for (const s of [threeDays, lastDay, appealing]) {
    await refuseAll(s);
    await interview(s);
  }
  await differingDecision(threeDays, "2027-06-14", "2027-06-17");
  await differingDecision(lastDay, "2027-06-11", "2027-06-15");
  await differingDecision(appealing, "2027-06-11", "2027-06-15");
  await t.db
    .insert(appeals)
    .values({ studentId: appealing, requestedOn: "2027-06-14", requestedByName: "M. Le Principal", commissionDate: "2027-06-25", updatedAt: NOW });
  await t.db
    .insert(schoolFamilyAnswers)
    .values({ studentId: conforming, source: "school", kind: "accept", answeredByName: "M. Le Principal", answeredAt: ANSWERED, receivedAt: ANSWERED });
  await t.db.insert(decisions).values({
    studentId: conforming,
    ...item("CAP"),
    source: "agreement",
    differsFromRequest: false,
    decidedAt: DECIDED,
    decidedByName: "M. Le Principal",
    updatedAt: DECIDED,
  });
  await differingDecision(outOfProcedure, "2027-06-11", "2027-06-15");
  await changeOutOfProcedure(t.db, head, { studentId: outOfProcedure, reason: "Parcours particulier" }, NOW);

  // The lycée (same académie, 2GT): a decision changed by the appeal commission.
  const [l] = await t.db
    .select({ id: students.id })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .where(eq(divisions.level, "2GT"))
    .orderBy(asc(students.ine))
    .limit(1);
  lycee = l!.id;
  await refuseAll(lycee);
  await interview(lycee);
  await interview(lycee);
  await t.db.insert(decisions).values({
    studentId: lycee,
    ...item("1T", "STMG"),
    source: "commission",
    differsFromRequest: false,
    decidedAt: NOW,
    decidedByName: "M. Le Proviseur",
    updatedAt: NOW,
  });
  await t.db.insert(appeals).values({
    studentId: lycee,
    requestedOn: "2027-06-12",
    requestedByName: "M. Le Proviseur",
    commissionDate: "2027-06-14",
    outcome: "changed",
    commissionTrack: "1T",
    commissionSubTrack: "STMG",
    commissionDecidedAt: NOW,
    commissionEnteredByName: "M. Le Proviseur",
    updatedAt: NOW,
  });

  // Another académie, with the same kinds of rows: never counted for Grenoble.
  await t.db.insert(academies).values({ id: "lyon", name: "Académie de Lyon", senderEmail: "orientation@ac-lyon.example" });
  const [school] = await t.db
    .insert(schools)
    .values({
      uai: "0691234B",
      academyId: "lyon",
      name: "Collège Lumière",
      address: "1 rue de la République",
      postalCode: "69001",
      city: "Lyon",
      phone: "04 72 00 00 00",
      email: "ce.0691234b@example.fr",
    })
    .returning();
  const [d] = await t.db.insert(divisions).values({ schoolId: school!.id, code: "3A", level: "3e", mefCode: "10310019110", mefLabel: "3EME" }).returning();
  const [s] = await t.db
    .insert(students)
    .values({ ine: "999999999ZZ", schoolId: school!.id, divisionId: d!.id, lastName: "Autre", firstName: "Élève", birthDate: "2012-01-01" })
    .returning();
  elsewhere = s!.id;
  await refuseAll(elsewhere);
  await interview(elsewhere);
  await differingDecision(elsewhere, "2027-06-11", "2027-06-15");
  await t.db.insert(appeals).values({ studentId: elsewhere, requestedOn: "2027-06-14", requestedByName: "M. X", updatedAt: NOW });
});

afterAll(async () => {
  await t?.drop();
});

describe("R-SCH-8 / R-SCH-10: decisions, interviews and appeals in the student list", () => {
  it("R-FIN-9 / R-FIN-11: the list query reads each row's decision, interviews and appeal", async () => {
    const rows = await findStudentRows(t.db, { schoolId: head.schoolId!, studentIds: [appealing, interviewDue] });
    const a = rows.find((r) => r.id === appealing)!;
    expect(a.final.decision).toMatchObject({ track: "2PRO", source: "head", differsFromRequest: true, notifiedOn: "2027-06-11", appealDeadline: "2027-06-15" });
    expect(a.final.interviews).toEqual([
      expect.objectContaining({ heldAt: HELD, outcome: "disagreement", participants: "Le chef d'établissement, les représentants légaux" }),
    ]);
    expect(a.final.appeal).toMatchObject({ requestedOn: "2027-06-14", commissionDate: "2027-06-25", outcome: "pending" });
    const due = rows.find((r) => r.id === interviewDue)!;
    expect([due.final.decision, due.final.interviews, due.final.appeal]).toEqual([null, [], null]);
  });

  it("R-SCH-8: the badges say what is to do and how many jours ouvrables are left", async () => {
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3B"]! }, TODAY);
    const codes = (id: string) =>
      badgesOf(
        rows.find((r) => r.id === id)!,
        TODAY,
      ).map((b) => b.code);
    expect(codes(interviewDue)).toContain("interview_due");
    expect(codes(lastDay)).toEqual(expect.arrayContaining(["interview_held", "decision", "appeal_window_open"]));
    expect(
      badgesOf(
        rows.find((r) => r.id === lastDay)!,
        TODAY,
      ).find((b) => b.code === "appeal_window_open")!.label,
    ).toBe("Délai d'appel : 1 jour ouvrable restant (jusqu'au 15/06/2027 inclus)");
    expect(codes(appealing)).toEqual(expect.arrayContaining(["decision", "appeal_pending"]));
    expect(codes(appealing)).not.toContain("appeal_window_open");
    expect(codes(conforming)).toContain("decision");
    expect(codes(outOfProcedure)).not.toContain("decision");
  });

  it("R-SCH-10: the «Décision et appel» filters, and «délai d'appel en cours» sorted by the days left", async () => {
    const ids = async (finalProcedure: "decision_prise" | "entretien_a_mener" | "appel_en_cours" | "delai_en_cours", today = TODAY) =>
      (await loadStudentList(t.db, head, { divisionId: div["3B"]!, finalProcedure }, today)).rows.map((r) => r.id);
    expect(await ids("delai_en_cours")).toEqual([lastDay, threeDays]);
    expect(await ids("delai_en_cours", "2027-06-16")).toEqual([threeDays]);
    expect(await ids("delai_en_cours", "2027-06-18")).toEqual([]);
    expect(await ids("entretien_a_mener")).toEqual([interviewDue]);
    expect(await ids("appel_en_cours")).toEqual([appealing]);
    expect(await ids("decision_prise")).toEqual([threeDays, lastDay, appealing, conforming]);
  });

  it("R-SCH-10: the CSV line carries the interview, the decision, its reasons, the notice and deadline, and the appeal", async () => {
    const { rows } = await loadStudentList(t.db, head, { divisionId: div["3B"]!, finalProcedure: "appel_en_cours" }, TODAY);
    const [header, line] = studentListCsv(rows, "final", TODAY)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(header).toContain(
      `"Désaccord / entretien avec le chef d'établissement";"Décision d'orientation";"Motifs";"Notification / délai d'appel";"Appel";"Maintien"`,
    );
    expect(line).toContain(
      [
        `"Désaccord : la famille refuse toutes les propositions\nEntretien le 11/06/2027 à 10:30 avec Le chef d'établissement, les représentants légaux : désaccord maintenu"`,
        `"2de professionnelle\nDifférente de la demande de la famille\nPrise par M. Le Principal le 11/06/2027 à 16:00"`,
        `"Connaissances de l'élève : Des lacunes en mathématiques\nCapacités de l'élève : Une grande habileté manuelle\nIntérêts de l'élève : Un projet en cuisine"`,
        `"Notification reçue le 11/06/2027 (remise en main propre)\nDélai d'appel : jusqu'au 15/06/2027 inclus"`,
        `"Appel demandé le 14/06/2027 (enregistré par M. Le Principal)\nCommission d'appel le 25/06/2027\nDécision de la commission d'appel attendue"`,
        `""`,
      ].join(";"),
    );
  });

  it("R-SCH-13: the fiche de dialogue reads the interviews and the appeal", async () => {
    const [input] = await loadDialogueFormInputs(t.db, [appealing], "2026-2027");
    const form = buildDialogueForm(input!);
    const lines = (h: string) => form.sections.find((s) => s.heading === h)!.lines.map((l) => l.text);
    expect(lines("DÉSACCORD / ENTRETIEN AVEC LE CHEF D'ÉTABLISSEMENT")).toContain("Issue : le désaccord demeure");
    expect(lines("DÉCISION D'ORIENTATION")).toContain("Capacités de l'élève : Une grande habileté manuelle");
    expect(lines("APPEL")).toEqual([
      "Appel demandé par la famille le 14/06/2027",
      "Enregistré par M. Le Principal",
      "Commission d'appel réunie le 25/06/2027",
      "Décision de la commission d'appel attendue.",
    ]);
  });
});

describe("R-OVS-1: the académie's decisions, interviews and appeals", () => {
  it("R-FIN-8 / R-FIN-9 / R-FIN-11: counted per level and voie for the académie's own schools, hors procédure and other académies excluded", async () => {
    const home = (academyId: string) => academyHomeView(t.db, academyId, academyId, { now: new Date(), later: () => undefined });
    const v = (await home("grenoble")).decisions;
    const [college, lyceeLevel] = v.levels;
    expect(college!.level).toBe("3e");
    expect(college!.tracks).toEqual([
      { label: "2de professionnelle", decisions: 3, differing: 3 },
      { label: "1re année de CAP", decisions: 1, differing: 0 },
    ]);
    expect(college!.interviews).toEqual({ interviews: 3, students: 3 });
    expect(college!.appeals).toEqual({ pending: 1, upheld: 0, changed: 0, total: 1 });
    expect(lyceeLevel!.level).toBe("2GT");
    expect(lyceeLevel!.tracks).toEqual([{ label: "1re technologique – série STMG", decisions: 1, differing: 0 }]);
    expect(lyceeLevel!.interviews).toEqual({ interviews: 2, students: 1 });
    expect(lyceeLevel!.appeals).toEqual({ pending: 0, upheld: 0, changed: 1, total: 1 });
    // Lyon sees only its own student.
    const lyon = (await home("lyon")).decisions;
    expect(lyon.levels.map((l) => [l.level, l.totals, l.interviews, l.appeals])).toEqual([
      ["3e", { decisions: 1, differing: 1 }, { interviews: 1, students: 1 }, { pending: 1, upheld: 0, changed: 0, total: 1 }],
    ]);
    // And the collège's list never shows the other académie's student.
    expect(await findStudentRows(t.db, { schoolId: head.schoolId!, studentIds: [elsewhere] })).toEqual([]);
  });
});
