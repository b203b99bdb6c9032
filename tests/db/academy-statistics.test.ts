import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStatisticsCounts, readAcademyStatistics, refreshAcademyStatistics } from "@/lib/db/repositories/academy-statistics";
import {
  academies,
  accounts,
  appeals,
  councilProposals,
  decisions,
  divisions,
  familyAcknowledgements,
  familyAgreements,
  familyAnswers,
  familyRequestItems,
  familyRequests,
  guardians,
  interviews,
  opinions,
  schoolFamilyEntries,
  schoolRequestItems,
  schoolRequests,
  schools,
  students,
} from "@/lib/db/schema";
import { DIVISION_OF_ANOTHER_SCHOOL_MESSAGE, UNKNOWN_LEVEL_MESSAGE, type StatisticsFilters } from "@/lib/domain/academy-statistics";
import { statisticsXlsx } from "@/lib/export/academy-statistics";
import { statisticsView } from "@/lib/loaders/academy-statistics";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-OVS-1 against a small generated campaign whose every figure is known: an académie A with a
 * collège (3A, 3B) and a lycée (2A), a student «hors procédure» in 3A who has everything
 * (R-SCH-12: never counted), and an académie B whose collège has everything too (never counted
 * for A). Both levels, both phases.
 */

const AT = new Date("2027-03-10T10:00:00Z");
const A = "stat-a";
const B = "stat-b";
let t: TestDb;
const id: Record<string, string> = {}; // schools, divisions, students by short name
const guardianOf: Record<string, string> = {};
const accountOf: Record<string, string> = {};

const NOW = new Date("2027-03-10T12:00:00Z");
const later: (() => Promise<unknown>)[] = [];
/** The page's view as the loader builds it, at `now`; the tasks left for after the answer are kept in `later`. */
const view = (params: Record<string, string | undefined>, now = NOW) => statisticsView(t.db, A, params, { now, later: (task) => void later.push(task) });
const F = (over: Partial<StatisticsFilters> = {}): StatisticsFilters => ({ level: "3e", phase: "provisional", schoolId: null, divisionId: null, ...over });

async function school(key: string, academyId: string, uai: string, name: string) {
  const [s] = await t.db
    .insert(schools)
    .values({ academyId, uai, name, address: "1 rue", postalCode: "38000", city: "Grenoble", phone: "04 00 00 00 00", email: `${key}@ac-test.fr` })
    .returning({ id: schools.id });
  id[key] = s!.id;
}
async function division(key: string, schoolKey: string, level: "3e" | "2GT") {
  const [d] = await t.db
    .insert(divisions)
    .values({ schoolId: id[schoolKey]!, code: key, level, mefCode: level === "3e" ? "10310019110" : "20010018110", mefLabel: level })
    .returning({ id: divisions.id });
  id[key] = d!.id;
}
let ine = 0;
async function student(key: string, schoolKey: string, divisionKey: string, outOfProcedure = false) {
  const [s] = await t.db
    .insert(students)
    .values({
      ine: `${String(++ine).padStart(10, "0")}A`,
      schoolId: id[schoolKey]!,
      divisionId: id[divisionKey]!,
      lastName: key.toUpperCase(),
      firstName: "Élève",
      birthDate: "2012-05-01",
      outOfProcedureReason: outOfProcedure ? "Parcours particulier" : null,
      outOfProcedureAt: outOfProcedure ? AT : null,
    })
    .returning({ id: students.id });
  id[key] = s!.id;
  const [g] = await t.db
    .insert(guardians)
    .values({ firstName: "Parent", lastName: key, email: `${key}@example.fr` })
    .returning({ id: guardians.id });
  guardianOf[key] = g!.id;
  const [a] = await t.db
    .insert(accounts)
    .values({ role: "guardian", displayName: `Parent ${key}`, guardianId: g!.id })
    .returning({ id: accounts.id });
  accountOf[key] = a!.id;
}
const validate = (key: string, phase: "provisional" | "final") =>
  t.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(familyRequests)
      .values({ studentId: id[key]!, phase, holderAccountId: accountOf[key]!, holderName: `Parent ${key}`, validatedAt: AT })
      .returning({ id: familyRequests.id });
    await tx.insert(familyRequestItems).values({ requestId: r!.id, rank: 1, track: "2GT" });
  });
const received = (key: string, phase: "provisional" | "final") =>
  t.db
    .insert(schoolFamilyEntries)
    .values({ studentId: id[key]!, phase, familyVersion: 1, items: [], enteredByName: `Parent ${key}`, enteredAt: AT, receivedAt: AT });
/** The school's request with its items (one 2GT item when none is named: a request holds 1 to 3 items). */
function request(key: string, phase: "provisional" | "final", source: "family" | "school", items: string[] = ["2GT"]) {
  return t.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(schoolRequests)
      .values({ studentId: id[key]!, phase, source, enteredByName: "Secrétariat", enteredAt: AT, originalFamilyItems: source === "family" ? [] : null })
      .returning({ id: schoolRequests.id });
    const out: string[] = [];
    for (const [i, track] of items.entries()) {
      const [it] = await tx
        .insert(schoolRequestItems)
        .values({ requestId: r!.id, rank: i + 1, track })
        .returning({ id: schoolRequestItems.id });
      out.push(it!.id);
    }
    return out;
  });
}
const avis = (key: string, itemId: string, value: "favorable" | "reserve" | "defavorable") =>
  t.db.insert(opinions).values({ itemId, studentId: id[key]!, value, enteredAt: AT, enteredByName: "M. Principal", updatedAt: AT });
const acknowledge = (key: string) =>
  t.db.insert(familyAcknowledgements).values({ studentId: id[key]!, accountId: accountOf[key]!, actorName: `Parent ${key}`, acknowledgedAt: AT });
async function proposal(key: string, track: string, choiceItemId: string | null, answer: "yes" | "no" | null) {
  const [p] = await t.db
    .insert(councilProposals)
    .values({
      studentId: id[key]!,
      kind: choiceItemId ? "answer_to_choice" : "extra",
      choiceItemId,
      rank: 1,
      track,
      answer,
      enteredAt: AT,
      enteredByName: "M. Principal",
      updatedAt: AT,
    })
    .returning({ id: councilProposals.id });
  return p!.id;
}
const answer = (key: string, kind: "accept" | "refuse_all", proposalId?: string) =>
  t.db.insert(familyAnswers).values({
    studentId: id[key]!,
    source: "family",
    accountId: accountOf[key]!,
    actorName: `Parent ${key}`,
    kind,
    acceptedProposalIds: proposalId ? [proposalId] : [],
    answeredAt: AT,
  });
const agreement = (key: string, agrees: boolean) =>
  t.db
    .insert(familyAgreements)
    .values({ studentId: id[key]!, guardianId: guardianOf[key]!, accountId: accountOf[key]!, actorName: `Parent ${key}`, agrees, answeredAt: AT });
const reasons = { reasonKnowledge: "Connaissances", reasonAbilities: "Aptitudes", reasonInterests: "Intérêts" };
const decide = (key: string, track: string, differs: boolean) =>
  t.db.insert(decisions).values({
    studentId: id[key]!,
    rank: 1,
    track,
    source: differs ? "head" : "agreement",
    differsFromRequest: differs,
    ...(differs ? reasons : {}),
    decidedAt: AT,
    decidedByName: "M. Principal",
    updatedAt: AT,
  });
const interview = (key: string, outcome: "agreement" | "disagreement") =>
  t.db.insert(interviews).values({
    studentId: id[key]!,
    heldAt: AT,
    participants: "Le chef d'établissement, la famille",
    outcome,
    agreedTrack: outcome === "agreement" ? "CAP" : null,
    enteredByName: "M. Principal",
    enteredAt: AT,
    updatedAt: AT,
  });
const appeal = (key: string, outcome: "pending" | "upheld") =>
  t.db.insert(appeals).values({
    studentId: id[key]!,
    requestedOn: "2027-03-05",
    requestedByName: "M. Principal",
    outcome,
    ...(outcome === "upheld" ? { commissionTrack: "2PRO", commissionDecidedAt: AT, commissionEnteredByName: "Commission" } : {}),
    updatedAt: AT,
  });

/** Everything a student can have, both phases: used for the students that must never be counted. */
async function everything(key: string) {
  await validate(key, "provisional");
  await received(key, "provisional");
  const [item] = await request(key, "provisional", "school", ["2GT"]);
  await avis(key, item!, "favorable");
  await acknowledge(key);
  await validate(key, "final");
  await received(key, "final");
  const [choice] = await request(key, "final", "school", ["2GT"]);
  const p = await proposal(key, "2GT", choice!, "yes");
  await answer(key, "accept", p);
  await agreement(key, true);
  await decide(key, "2GT", false);
  await interview(key, "agreement");
  await appeal(key, "pending");
}

beforeAll(async () => {
  t = await createTestDb();
  await t.db.insert(academies).values([
    { id: A, name: "Académie de Test", senderEmail: "ce@ac-test.fr" },
    { id: B, name: "Académie d'Ailleurs", senderEmail: "ce@ac-ailleurs.fr" },
  ]);
  await school("college", A, "0380001A", "Collège Alpha");
  await school("lycee", A, "0380002B", "Lycée Bêta");
  await school("ailleurs", B, "0690003C", "Collège Gamma");
  await division("3A", "college", "3e");
  await division("3B", "college", "3e");
  await division("2A", "lycee", "2GT");
  await division("3Z", "ailleurs", "3e");
  for (const k of ["a1", "a2", "a3", "a4", "a5"]) await student(k, "college", "3A");
  await student("a6", "college", "3A", true); // hors procédure
  for (const k of ["b1", "b2", "b3"]) await student(k, "college", "3B");
  for (const k of ["l1", "l2", "l3", "l4"]) await student(k, "lycee", "2A");
  await student("z1", "ailleurs", "3Z");

  // Provisional phase, 3e.
  for (const k of ["a1", "a2", "a3", "b1"]) await validate(k, "provisional");
  for (const k of ["a1", "a2"]) await received(k, "provisional");
  const [a1fav, a1res] = await request("a1", "provisional", "family", ["2GT", "2PRO"]);
  await request("a2", "provisional", "family");
  const [a4def] = await request("a4", "provisional", "school", ["2GT"]);
  await request("b2", "provisional", "school");
  await avis("a1", a1fav!, "favorable");
  await avis("a1", a1res!, "reserve");
  await avis("a4", a4def!, "defavorable");
  await acknowledge("a1");
  // Provisional phase, 2GT.
  await validate("l1", "provisional");
  await request("l2", "provisional", "school");

  // Final phase, 3e.
  for (const k of ["a1", "b1"]) await validate(k, "final");
  await received("a1", "final");
  const [c2gt, c2pro] = await request("a1", "final", "family", ["2GT", "2PRO"]);
  await request("b3", "final", "school");
  const yes = await proposal("a1", "2GT", c2gt!, "yes");
  await proposal("a1", "2PRO", c2pro!, "no");
  await proposal("b3", "CAP", null, null);
  await answer("a1", "accept", yes);
  await answer("b3", "refuse_all");
  await agreement("a1", true);
  await agreement("b3", false);
  await decide("a1", "2GT", false);
  await decide("b3", "2PRO", true);
  await interview("b3", "disagreement");
  await interview("b3", "agreement");
  await appeal("b3", "pending");
  await appeal("a2", "upheld");
  // Final phase, 2GT.
  await decide("l1", "1G", false);

  // Never counted for A, 3e: the student hors procédure, and the other académie's.
  await everything("a6");
  await everything("z1");
});
afterAll(async () => t?.drop());

describe("R-OVS-1: the académie's statistics against a generated campaign", () => {
  it("R-OVS-1: 3e, provisional, académie: validations, entries received and by the school, avis per voie, acknowledgements; hors procédure and other académies excluded", async () => {
    const c = await findStatisticsCounts(t.db, A, F(), "academy");
    expect(c.units).toEqual([{ id: id.college, label: "Collège Alpha (Grenoble)", students: 8, validated: 4, online: 2, bySchool: 2 }]);
    expect(c.acknowledgements).toBe(1);
    expect([...c.avis].sort((x, y) => (x.track + x.value).localeCompare(y.track + y.value))).toEqual([
      { track: "2GT", subTrack: "", value: "defavorable", n: 1 },
      { track: "2GT", subTrack: "", value: "favorable", n: 1 },
      { track: "2PRO", subTrack: "", value: "reserve", n: 1 },
    ]);
  });

  it("R-OVS-1: 3e, final, académie: proposals, answers, agreements, decisions per voie (differing), interviews, appeals", async () => {
    const c = await findStatisticsCounts(t.db, A, F({ phase: "final" }), "academy");
    expect(c.units).toEqual([{ id: id.college, label: "Collège Alpha (Grenoble)", students: 8, validated: 2, online: 1, bySchool: 1 }]);
    expect([...c.proposals].sort((x, y) => x.track.localeCompare(y.track))).toEqual([
      { track: "2GT", subTrack: "", kind: "answer_to_choice", answer: "yes", n: 1 },
      { track: "2PRO", subTrack: "", kind: "answer_to_choice", answer: "no", n: 1 },
      { track: "CAP", subTrack: "", kind: "extra", answer: null, n: 1 },
    ]);
    expect(c.answers).toEqual({ accept: 1, refuseAll: 1 });
    expect(c.agreements).toEqual({ agrees: 1, disagrees: 1 });
    expect([...c.decisions].sort((x, y) => x.track.localeCompare(y.track))).toEqual([
      { track: "2GT", subTrack: "", decisions: 1, differing: 0 },
      { track: "2PRO", subTrack: "", decisions: 1, differing: 1 },
    ]);
    expect(c.interviews).toEqual({ interviews: 2, students: 1, agreement: 1, disagreement: 1 });
    expect(c.appeals).toEqual({ pending: 1, upheld: 1, changed: 0 });
  });

  it("R-OVS-1: 2de GT: the lycée only, with its own figures", async () => {
    const p = await findStatisticsCounts(t.db, A, F({ level: "2GT" }), "academy");
    expect(p.units).toEqual([{ id: id.lycee, label: "Lycée Bêta (Grenoble)", students: 4, validated: 1, online: 0, bySchool: 1 }]);
    expect(p.avis).toEqual([]);
    const f = await findStatisticsCounts(t.db, A, F({ level: "2GT", phase: "final" }), "academy");
    expect(f.decisions).toEqual([{ track: "1G", subTrack: "", decisions: 1, differing: 0 }]);
    expect(f.appeals).toEqual({ pending: 0, upheld: 0, changed: 0 });
  });

  it("R-OVS-1: drill-down: the collège per division, then one division", async () => {
    const s = await view({ etablissement: id.college, phase: "final" });
    const rows = s!.sections[0]!.table.rows.map((r) => [r.head, ...r.cells]);
    expect(rows).toEqual([
      ["3A", 5, 1, 4, "20 %", 1, 0],
      ["3B", 3, 1, 2, "33,3 %", 0, 1],
    ]);
    expect(s!.sections[0]!.table.rows[1]!.href).toBe(`/academie/statistiques?niveau=3e&phase=final&etablissement=${id.college}&division=${id["3B"]}`);
    const d = await view({ division: id["3B"], phase: "final" });
    expect(d!.title).toBe("Statistiques – Collège Alpha (Grenoble), division 3B");
    expect(d!.sections.find((x) => x.id === "decisions")!.table.rows.map((r) => [r.head, ...r.cells])).toEqual([["2de professionnelle", 1, 1]]);
    expect(d!.sections.find((x) => x.id === "entretiens-appels")!.table.rows.map((r) => r.cells[0])).toEqual([2, 1, 1, 1, 1, 0, 0]);
  });

  it("R-OVS-1: another académie's school or division, an unknown one or a malformed one is not shown (404); an unknown level is told in French", async () => {
    expect(await view({ etablissement: id.ailleurs })).toBeNull();
    expect(await view({ division: id["3Z"] })).toBeNull();
    expect(await view({ etablissement: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await view({ etablissement: "college" })).toBeNull();
    const v = await view({ niveau: "CM2" });
    expect(v!.problems).toEqual([UNKNOWN_LEVEL_MESSAGE]);
    expect(v!.filters.level).toBe("3e");
    // B's own statistics see only its collège.
    const b = await findStatisticsCounts(t.db, B, F(), "academy");
    expect(b.units).toEqual([{ id: id.ailleurs, label: "Collège Gamma (Grenoble)", students: 1, validated: 1, online: 1, bySchool: 1 }]);
  });

  it("R-OVS-1: odd query strings never fail: a view with its French message, or a 404", async () => {
    const odd: Record<string, string | undefined>[] = [
      { niveau: "x".repeat(10_000) },
      { phase: "définitive" },
      { etablissement: "", division: "" },
      { etablissement: `${id.college}'; drop table students; --` },
      { division: id["3A"]!.toUpperCase() },
      { etablissement: id.lycee, division: id["3A"] },
    ];
    const views = await Promise.all(odd.map((p) => view(p)));
    expect(views.map((v) => (v ? v.title : null))).toEqual([
      "Statistiques – Académie de Test",
      "Statistiques – Académie de Test",
      "Statistiques – Académie de Test",
      null,
      "Statistiques – Collège Alpha (Grenoble), division 3A",
      "Statistiques – Lycée Bêta (Grenoble)",
    ]);
    expect(views[5]!.problems).toEqual([DIVISION_OF_ANOTHER_SCHOOL_MESSAGE]);
  });

  it("R-OVS-1: the XLSX holds the summary and every table with the page's figures", async () => {
    const v = await view({ phase: "final" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statisticsXlsx(v!)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Synthèse",
      "Saisies",
      "Propositions par voie",
      "Réponses et accords",
      "Décisions par voie",
      "Entretiens et appels",
    ]);
    const saisies = wb.getWorksheet("Saisies")!;
    expect(saisies.getRow(2).values).toEqual([
      undefined,
      "Établissement",
      "Élèves dans la procédure",
      "Familles ayant validé",
      "Familles n'ayant pas validé",
      "Taux de validation",
      "Saisies en ligne reçues",
      "Saisies par l'établissement",
    ]);
    expect(saisies.getRow(3).values).toEqual([undefined, "Collège Alpha (Grenoble)", 8, 2, 6, "25 %", 1, 1]);
    expect(wb.getWorksheet("Décisions par voie")!.getRow(5).values).toEqual([undefined, "Total", 2, 1]);
  });

  it("R-OVS-1: the académie's counts are kept a few minutes, then recomputed after the answer; a school's are live", async () => {
    const first = await view({ niveau: "2GT" });
    expect(first!.summary[1]).toEqual({ label: "Familles ayant validé", value: "1 (25 %)" });
    expect(first!.freshness).toMatch(/^Chiffres de l'académie calculés le 10\/03\/2027 à 13:00/);
    expect(later).toHaveLength(0);

    await validate("l3", "provisional");
    // Four minutes on: the académie still shows its counts of 13:00, the lycée's page is live.
    const soon = new Date(NOW.getTime() + 4 * 60_000);
    expect((await view({ niveau: "2GT" }, soon))!.summary[1]!.value).toBe("1 (25 %)");
    expect((await view({ niveau: "2GT", etablissement: id.lycee }, soon))!.summary[1]!.value).toBe("2 (50 %)");
    expect(later).toHaveLength(0);

    // Six minutes on: still the old counts on this answer, and a recomputation left for after it.
    const stale = new Date(NOW.getTime() + 6 * 60_000);
    expect((await view({ niveau: "2GT" }, stale))!.summary[1]!.value).toBe("1 (25 %)");
    expect(later).toHaveLength(1);
    await later.pop()!();
    expect((await view({ niveau: "2GT" }, stale))!.summary[1]!.value).toBe("2 (50 %)");
  });

  it("R-OVS-1: one computation at a time per académie, level and phase (several servers)", async () => {
    const c = await t.pool!.connect();
    try {
      await c.query("begin");
      await c.query("select pg_advisory_xact_lock(hashtext('academy-statistics'), hashtext($1))", [`${A}|2GT|final`]);
      expect(await refreshAcademyStatistics(t.db, A, "2GT", "final", NOW)).toBe(false);
      await c.query("rollback");
    } finally {
      c.release();
    }
    expect(await refreshAcademyStatistics(t.db, A, "2GT", "final", NOW)).toBe(true);
    // An older computation never replaces a newer one.
    expect(await refreshAcademyStatistics(t.db, A, "2GT", "final", new Date(NOW.getTime() - 60_000))).toBe(true);
    expect((await readAcademyStatistics(t.db, A, "2GT", "final"))!.computedAt).toEqual(NOW);
  });
});
