import { describe, expect, it } from "vitest";
import type { DecisionRow, StudentRow } from "@/lib/db/repositories/school-students";
import { awaitedAgreements, finalBadges, studentBadges, type FinalBadgeFacts } from "@/lib/domain/badges";
import { buildDialogueForm, type DialogueFormInput } from "@/lib/domain/dialogue-form";
import {
  appealDaysLeft,
  applyProcedureFilter,
  describeFinalFollowUp,
  describeStudentList,
  filtersToQuery,
  matchesProcedureFilter,
  parseFollowUpPhase,
  parseListFilters,
} from "@/lib/domain/school-lists";
import { badgesOf, neutraliseFormula, procedureOf, screenColumns, STUDENT_LIST_COLUMNS, studentListCsv, studentListTable } from "@/lib/export/student-list";

const AT = new Date("2027-05-20T08:00:00Z"); // 10:00 in Paris
const LATER = new Date("2027-06-10T16:30:00Z"); // 18:30 in Paris
const ANSWERED = new Date("2027-06-12T07:15:00Z"); // 09:15 in Paris
const TODAY = "2027-06-15";
const DECIDED = new Date("2027-06-14T14:00:00Z"); // 16:00 in Paris

const noFinal: FinalBadgeFacts = {
  familyEntry: null,
  request: null,
  proposalCount: 0,
  proposalsPublishedAt: null,
  answer: null,
  agreementsAwaited: { count: 0, names: [] },
  agreements: [],
  familyToInform: false,
};

const trackItem = (rank: number, track: string) => ({
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [] as string[],
  stagePasserelle: false,
});

/** A student of 3B at the end of the final phase: TS choices, proposals, an answer, one agreement awaited. */
function row(over: Partial<StudentRow["final"]> = {}, base: Partial<StudentRow> = {}): StudentRow {
  return {
    id: "s-1",
    ine: "111111111AA",
    lastName: "Martin",
    firstName: "Léa",
    birthDate: "2011-04-02",
    divisionId: "d-3B",
    divisionCode: "3B",
    level: "3e",
    mefCode: "10310019110",
    mefLabel: "3EME",
    outOfProcedureReason: null,
    outOfProcedureAt: null,
    leftOn: null,
    councilOpen: true,
    familyEntry: null,
    request: null,
    acknowledgement: null,
    ...base,
    final: {
      councilOpen: true,
      entry: { items: [trackItem(1, "2GT"), trackItem(2, "CAP")], enteredByName: "Mme Claire Martin", enteredAt: AT, receivedAt: AT, nonTraitee: false },
      request: { source: "family", enteredByName: "Mme Claire Martin", enteredAt: AT, changedBySchoolAt: null, changedBySchoolName: null },
      choices: [
        { id: "c-1", ...trackItem(1, "2GT") },
        { id: "c-2", ...trackItem(2, "CAP") },
      ],
      proposals: [
        {
          id: "p-1",
          ...trackItem(1, "2GT"),
          kind: "answer_to_choice",
          choiceItemId: "c-1",
          answer: "no",
          motivation: "Résultats insuffisants en mathématiques",
          enteredByName: "M. Le Principal",
          enteredAt: AT,
          updatedAt: AT,
          publishedAt: LATER,
        },
        {
          id: "p-2",
          ...trackItem(2, "CAP"),
          kind: "answer_to_choice",
          choiceItemId: "c-2",
          answer: "yes",
          motivation: null,
          enteredByName: "M. Le Principal",
          enteredAt: AT,
          updatedAt: AT,
          publishedAt: LATER,
        },
      ],
      answer: { source: "family", kind: "accept", acceptedProposalIds: ["p-2"], answeredByName: "Mme Claire Martin", answeredAt: ANSWERED },
      guardians: [
        { id: "g-1", name: "Mme Claire Martin" },
        { id: "g-2", name: "M. Jean Martin" },
      ],
      agreements: [],
      familyToInform: null,
      decision: null,
      interviews: [],
      appeal: null,
      ...over,
    },
  };
}

/** A decision as the list reads it: conforming, not yet notified, taken by the head, unless told. */
function decisionRow(over: Partial<DecisionRow> = {}): DecisionRow {
  return {
    ...trackItem(1, "CAP"),
    source: "agreement",
    differsFromRequest: false,
    reasonKnowledge: null,
    reasonAbilities: null,
    reasonInterests: null,
    notifiedOn: null,
    noticeChannel: null,
    appealDeadline: null,
    decidedAt: DECIDED,
    decidedByName: "M. Le Principal",
    publishedAt: null,
    maintienAt: null,
    maintienByName: null,
    ...over,
  };
}

describe("R-SCH-8: pictograms of the final phase", () => {
  it("R-SCH-8: final phase — final choices entered online (TS) say by whom and when", () => {
    const b = finalBadges({ ...noFinal, familyEntry: { enteredByName: "Mme Claire Martin", enteredAt: AT, nonTraitee: false } });
    expect(b).toEqual([
      { code: "final_ts", mark: "TS déf.", label: "Choix définitifs saisis en ligne (TS) par Mme Claire Martin le 20/05/2027 à 10:00", tone: "info" },
    ]);
  });

  it("R-SCH-8: final phase — non traitée, entered by the school, changed by the school", () => {
    expect(finalBadges({ ...noFinal, familyEntry: { enteredByName: "M. Jean Martin", enteredAt: AT, nonTraitee: true } }).map((b) => b.code)).toEqual([
      "final_non_traitee",
    ]);
    const school = finalBadges({ ...noFinal, request: { source: "school", enteredByName: "M. Le Principal", enteredAt: AT, changedBySchool: null } });
    expect(school.map((b) => [b.code, b.label])).toEqual([
      ["final_school_entry", "Choix définitifs saisis par l'établissement (M. Le Principal) le 20/05/2027 à 10:00"],
    ]);
    const changed = finalBadges({
      ...noFinal,
      familyEntry: { enteredByName: "M. Jean Martin", enteredAt: AT, nonTraitee: false },
      request: { source: "family", enteredByName: "M. Jean Martin", enteredAt: AT, changedBySchool: { name: "M. Le Principal", at: LATER } },
    });
    expect(changed.map((b) => b.code)).toEqual(["final_ts", "final_changed_by_school"]);
    expect(changed[1]!.label).toBe("Choix définitifs TS modifiés par l'établissement (M. Le Principal) le 10/06/2027 à 18:30");
  });

  it("R-SCH-8: final phase — proposals entered; the answer is awaited only once they are published", () => {
    expect(finalBadges({ ...noFinal, proposalCount: 2 }).map((b) => [b.code, b.label])).toEqual([
      ["proposals", "Propositions du conseil de classe saisies, pas encore publiées à la famille"],
    ]);
    expect(finalBadges({ ...noFinal, proposalCount: 2, proposalsPublishedAt: LATER }).map((b) => b.code)).toEqual(["proposals", "answer_awaited"]);
  });

  it("R-SCH-8: final phase — the family's answer, accepted or refused, TS or entered by the school", () => {
    const accepted = finalBadges({
      ...noFinal,
      proposalCount: 1,
      proposalsPublishedAt: LATER,
      answer: { source: "family", kind: "accept", byName: "Mme Claire Martin", at: ANSWERED },
    });
    expect(accepted.map((b) => b.code)).toEqual(["proposals", "answer_accepted"]);
    expect(accepted[1]!.label).toBe("Réponse de la famille : proposition(s) acceptée(s), saisie en ligne (TS) par Mme Claire Martin le 12/06/2027 à 09:15");
    const refused = finalBadges({ ...noFinal, proposalCount: 1, answer: { source: "school", kind: "refuse_all", byName: "M. Le Principal", at: ANSWERED } });
    expect(refused[1]!.code).toBe("answer_refused");
    expect(refused[1]!.label).toBe(
      "Réponse de la famille : refus de toutes les propositions, saisie par l'établissement (M. Le Principal) le 12/06/2027 à 09:15 – entretien avec le chef d'établissement",
    );
  });

  it("R-SCH-8: final phase — agreements: awaited, all given, disagreement (which wins)", () => {
    const answer = { source: "family" as const, kind: "accept" as const, byName: "Mme Claire Martin", at: ANSWERED };
    const awaited = finalBadges({ ...noFinal, answer, agreementsAwaited: { count: 1, names: ["M. Jean Martin"] } });
    expect(awaited.map((b) => [b.code, b.label])).toContainEqual(["agreement_awaited", "Accord avec la réponse attendu de M. Jean Martin"]);
    const agree = { guardianName: "M. Jean Martin", agrees: true, source: "family" as const, byName: "M. Jean Martin", at: LATER };
    const given = finalBadges({ ...noFinal, answer, agreements: [agree] });
    expect(given.map((b) => [b.code, b.label])).toContainEqual([
      "agreements_given",
      "Accord avec la réponse : M. Jean Martin (en ligne le 10/06/2027 à 18:30)",
    ]);
    const refused = finalBadges({
      ...noFinal,
      answer,
      agreements: [{ ...agree, agrees: false, source: "school", byName: "M. Le Principal" }],
      agreementsAwaited: { count: 1, names: ["M. Paul Roux"] },
    });
    expect(refused.map((b) => b.code)).toEqual(["answer_accepted", "agreement_refused"]);
    expect(refused[1]!.label).toContain("M. Jean Martin (saisi par l'établissement (M. Le Principal) le 10/06/2027 à 18:30)");
    // No agreement badge before an answer.
    expect(finalBadges({ ...noFinal, agreementsAwaited: { count: 1, names: ["x"] } })).toEqual([]);
  });

  it("R-SCH-8: final phase — «famille à informer» when proposals changed after publication; studentBadges appends the final badges", () => {
    expect(finalBadges({ ...noFinal, familyToInform: true }).map((b) => [b.code, b.label])).toEqual([
      ["final_family_to_inform", "Famille à informer : propositions du conseil de classe modifiées après leur publication"],
    ]);
    const all = studentBadges({
      outOfProcedure: null,
      familyEntry: null,
      request: null,
      opinionCount: 0,
      acknowledgement: null,
      final: { ...noFinal, familyToInform: true },
    });
    expect(all.map((b) => b.code)).toEqual(["final_family_to_inform"]);
    // Every code is unique within one student's list (they key the list items and data-badge).
    const codes = badgesOf(row(), TODAY).map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("R-SCH-8: final phase — whose agreement is awaited: every guardian but the answerer; unnamed when the answerer is unknown", () => {
    expect(awaitedAgreements(["Mme A", "M. B"], "Mme A", [])).toEqual({ count: 1, names: ["M. B"] });
    expect(awaitedAgreements(["Mme A", "M. B"], "Mme A", ["M. B"])).toEqual({ count: 0, names: [] });
    expect(awaitedAgreements(["Mme A"], "Mme A", [])).toEqual({ count: 0, names: [] });
    // Answer entered by the school under a staff name: one agreement fewer than guardians.
    expect(awaitedAgreements(["Mme A", "M. B"], "M. Le Principal", [])).toEqual({ count: 1, names: [] });
    expect(awaitedAgreements(["Mme A", "M. B"], "M. Le Principal", ["M. B"])).toEqual({ count: 0, names: [] });
    expect(awaitedAgreements(["Mme A", "M. B", "Mme C"], "M. Le Principal", ["M. B"])).toEqual({ count: 1, names: [] });
  });

  it("R-FIN-10 / R-FIN-8: an answer entered by the school records the answering guardian's agreement: the other guardian's is still awaited (no decision due yet)", () => {
    expect(awaitedAgreements(["Mme A", "M. B"], "M. Le Principal", ["Mme A"], "school")).toEqual({ count: 1, names: ["M. B"] });
    expect(awaitedAgreements(["Mme A", "M. B"], "M. Le Principal", ["Mme A", "M. B"], "school")).toEqual({ count: 0, names: [] });
  });

  it("R-SCH-8: final phase — a full row: TS choices, proposals published, accepted, agreement of the other guardian awaited", () => {
    expect(badgesOf(row(), TODAY).map((b) => b.code)).toEqual(["final_ts", "proposals", "answer_accepted", "agreement_awaited"]);
    expect(badgesOf(row(), TODAY).at(-1)!.label).toBe("Accord avec la réponse attendu de M. Jean Martin");
  });
});

describe("R-SCH-10: the list's final-phase filters and columns", () => {
  it("R-SCH-10: final phase — filters read from the query string are validated (unknown values ignored) and carried to the exports", () => {
    const f = parseListFilters({ phase: "final", choix: "non_saisis", reponse: "attendue", accord: "desaccord" });
    expect(f).toMatchObject({ phase: "final", finalChoices: "non_saisis", finalAnswer: "attendue", finalAgreement: "desaccord" });
    expect(filtersToQuery(f)).toBe("phase=final&choix=non_saisis&reponse=attendue&accord=desaccord");
    const forged = parseListFilters({ phase: "x", choix: "toString", reponse: "'; drop table students;--", accord: "__proto__" });
    expect([forged.phase, forged.finalChoices, forged.finalAnswer, forged.finalAgreement]).toEqual([undefined, undefined, undefined, undefined]);
    expect(parseListFilters({ reponse: ["refus", "acceptee"] }).finalAnswer).toBe("refus");
    const v = describeStudentList({ filters: f, rowCount: 1, divisions: [] });
    expect(v.exports.csv).toBe("/etablissement/export?format=csv&phase=final&choix=non_saisis&reponse=attendue&accord=desaccord");
    expect(v.phase).toBe("final");
    expect(v.finalAnswerOptions.map((o) => o.value)).toEqual(["attendue", "acceptee", "refus"]);
    expect(describeStudentList({ filters: {}, rowCount: 1, divisions: [] }).phase).toBe("provisional");
  });

  it("R-SCH-10: final phase — the screen and its exports show the chosen phase's columns", () => {
    const keys = (phase: "provisional" | "final") => screenColumns(phase).map((c) => c.key);
    expect(keys("provisional")).toEqual([
      "lastName",
      "firstName",
      "ine",
      "birthDate",
      "division",
      "mef",
      "intentions",
      "opinions",
      "acknowledgement",
      "badges",
    ]);
    expect(keys("final")).toEqual([
      "lastName",
      "firstName",
      "ine",
      "birthDate",
      "division",
      "mef",
      "finalChoices",
      "finalChoicesEntry",
      "proposals",
      "proposalsEntry",
      "familyAnswer",
      "agreements",
      "interview",
      "decision",
      "reasons",
      "notice",
      "appeal",
      "maintien",
      "badges",
    ]);
    expect(studentListTable([row()], "final", TODAY)[0]).toEqual(screenColumns("final").map((c) => c.header));
    expect(studentListTable([row()], "provisional", TODAY)[0]).toEqual(screenColumns("provisional").map((c) => c.header));
    expect(STUDENT_LIST_COLUMNS.filter((c) => c.phase === "final").map((c) => c.header)).toEqual([
      "Choix définitifs de la famille",
      "Saisie des choix définitifs",
      "Propositions du conseil de classe",
      "Saisie des propositions",
      "Réponse de la famille",
      "Accord des représentants légaux",
      "Désaccord / entretien avec le chef d'établissement",
      "Décision d'orientation",
      "Motifs",
      "Notification / délai d'appel",
      "Appel",
      "Maintien",
    ]);
  });

  it("R-SCH-10: final phase — export rows: choices by rank with who entered them, Oui/Non and motivation, the answer, each agreement, the decision", () => {
    const r = row(
      {
        agreements: [
          { guardianId: "g-2", guardianName: "M. Jean Martin", source: "school", agrees: false, answeredByName: "M. Le Principal", answeredAt: LATER },
        ],
        decision: decisionRow({ ...trackItem(1, "CAP"), decidedAt: LATER }),
      },
      {},
    );
    const [header, line] = studentListTable([r], "final", TODAY);
    const cell = (h: string) => line![header!.indexOf(h)];
    expect(cell("Choix définitifs de la famille")).toBe("1 : 2de générale et technologique ou 2de STHR\n2 : 1re année de CAP");
    expect(cell("Saisie des choix définitifs")).toBe("Saisie en ligne (TS) par Mme Claire Martin le 20/05/2027 à 10:00");
    expect(cell("Propositions du conseil de classe")).toBe(
      "Non : 2de générale et technologique ou 2de STHR – Résultats insuffisants en mathématiques\nOui : 1re année de CAP",
    );
    expect(cell("Saisie des propositions")).toBe("Saisies par M. Le Principal, modifiées le 20/05/2027 à 10:00\nPubliées le 10/06/2027 à 18:30");
    expect(cell("Réponse de la famille")).toBe("Accepte : 1re année de CAP (saisie en ligne (TS) par Mme Claire Martin le 12/06/2027 à 09:15)");
    expect(cell("Accord des représentants légaux")).toBe("M. Jean Martin : pas d'accord (saisi par l'établissement (M. Le Principal) le 10/06/2027 à 18:30)");
    expect(cell("Décision d'orientation")).toBe("1re année de CAP\nConforme à la demande de la famille\nPrise par M. Le Principal le 10/06/2027 à 18:30");
    // A refusal entered by the school, and the awaited agreement named.
    const refused = row({
      answer: { source: "school", kind: "refuse_all", acceptedProposalIds: [], answeredByName: "Mme Claire Martin", answeredAt: ANSWERED },
    });
    const [, l2] = studentListTable([refused], "final", TODAY);
    expect(l2![header!.indexOf("Réponse de la famille")]).toBe(
      "Refus de toutes les propositions (saisie par l'établissement (Mme Claire Martin) le 12/06/2027 à 09:15)",
    );
    expect(l2![header!.indexOf("Accord des représentants légaux")]).toBe("Accord attendu de M. Jean Martin");
    // Non traitée final choices: not the family's choices, but said so.
    const late = row({
      request: null,
      choices: [],
      entry: { items: [trackItem(1, "2GT")], enteredByName: "M. Jean Martin", enteredAt: AT, receivedAt: AT, nonTraitee: true },
    });
    const [, l3] = studentListTable([late], "final", TODAY);
    expect(l3![header!.indexOf("Choix définitifs de la famille")]).toBe("");
    expect(l3![header!.indexOf("Saisie des choix définitifs")]).toBe("Saisie en ligne par M. Jean Martin le 20/05/2027 à 10:00, non traitée");
  });

  it("R-SCH-10: final phase — the CSV neutralises cells a spreadsheet would run as formulas", () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(["+1", "-1", "@SUM(A1)", "\tx"].map(neutraliseFormula)).toEqual(["'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(neutraliseFormula("Martin")).toBe("Martin");
    const evil = row({}, { lastName: "=cmd|'/c calc'!A1" });
    const csv = studentListCsv([evil], "provisional", TODAY);
    expect(csv).toContain(`"'=cmd|'/c calc'!A1"`);
    expect(csv).not.toMatch(/(^|;)"=/m);
  });
});

describe("R-SCH-11: «Suivi des saisies TS», final phase", () => {
  it("R-SCH-11: final phase — the phase is data (?phase=final), provisional otherwise", () => {
    expect(parseFollowUpPhase({ phase: "final" })).toBe("final");
    expect(parseFollowUpPhase({ phase: "definitive" })).toBe("provisional");
    expect(parseFollowUpPhase({})).toBe("provisional");
  });

  it("R-SCH-11: final phase — families without final choices and families with unanswered proposals, with each guardian's e-mail", () => {
    const guardians = [
      { rank: 1, civility: "Mme", firstName: "Claire", lastName: "Martin", email: "claire@example.fr" },
      { rank: 2, civility: "M.", firstName: "Jean", lastName: "Martin", email: null },
    ];
    const v = describeFinalFollowUp({
      noChoices: [{ id: "s-1", lastName: "Martin", firstName: "Léa", divisionCode: "3B", publishedAt: null, guardians }],
      unanswered: [
        { id: "s-2", lastName: "Roux", firstName: "Paul", divisionCode: "3B", publishedAt: LATER, guardians: [] },
        { id: "s-3", lastName: "Zola", firstName: "Émile", divisionCode: "3C", publishedAt: null, guardians: [] },
      ],
    });
    expect(v.noChoices.statusText).toBe("1 élève sans choix définitifs validés");
    expect(v.noChoices.rows[0]).toEqual({
      id: "s-1",
      name: "Martin Léa",
      divisionCode: "3B",
      guardians: [
        { key: 1, text: "Mme Claire Martin – claire@example.fr" },
        { key: 2, text: "M. Jean Martin – pas d'adresse électronique" },
      ],
    });
    expect(v.unanswered.statusText).toBe("2 familles sans réponse aux propositions du conseil de classe");
    expect(v.unanswered.rows.map((r) => r.publishedText)).toEqual(["Propositions publiées le 10/06/2027 à 18:30", "Propositions publiées"]);
    const none = describeFinalFollowUp({ noChoices: [], unanswered: [] });
    expect([none.noChoices.statusText, none.unanswered.statusText]).toEqual([
      "Toutes les familles ont des choix définitifs validés.",
      "Aucune famille n'attend de répondre aux propositions du conseil de classe.",
    ]);
  });
});

describe("R-SCH-13: the fiche de dialogue's final section", () => {
  const input = (over: Partial<DialogueFormInput> = {}): DialogueFormInput => ({
    schoolYear: "2026-2027",
    school: {
      name: "Collège Stendhal",
      uai: "0381234A",
      address: "1 rue",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04",
      email: "ce@x.fr",
      termMode: "trimester",
    },
    academy: { appealCommissionPresident: "", appealCommissionAddress: "" },
    student: { lastName: "Martin", firstName: "Léa", ine: "111111111AA", birthDate: "2011-04-02", divisionCode: "3B", level: "3e", outOfProcedureReason: null },
    guardians: [
      { rank: 1, civility: "Mme", firstName: "Claire", lastName: "Martin" },
      { rank: 2, civility: "M.", firstName: "Jean", lastName: "Martin" },
    ],
    requests: [
      {
        phase: "final",
        source: "family",
        enteredByName: "Mme Claire Martin",
        enteredAt: AT,
        changedBySchoolName: null,
        changedBySchoolAt: null,
        items: [
          { id: "c-1", ...trackItem(1, "2GT") },
          { id: "c-2", ...trackItem(2, "CAP") },
        ],
      },
    ],
    familyEntries: [],
    opinions: [],
    acknowledgement: null,
    proposals: [
      {
        id: "p-1",
        kind: "answer_to_choice",
        choiceItemId: "c-1",
        item: trackItem(1, "2GT"),
        answer: "no",
        motivation: "Résultats insuffisants",
        enteredAt: AT,
        enteredByName: "M. Le Principal",
        updatedAt: LATER,
        publishedAt: LATER,
      },
      {
        id: "p-2",
        kind: "answer_to_choice",
        choiceItemId: "c-2",
        item: trackItem(2, "CAP"),
        answer: "yes",
        motivation: null,
        enteredAt: AT,
        enteredByName: "M. Le Principal",
        updatedAt: AT,
        publishedAt: null,
      },
    ],
    answer: { source: "family", kind: "accept", acceptedProposalIds: ["p-2"], answeredByName: "Mme Claire Martin", answeredAt: ANSWERED },
    agreements: [],
    decision: null,
    interviews: [],
    appeal: null,
    signatoryName: "M. Le Principal",
    ...over,
  });
  const text = (i: DialogueFormInput) =>
    buildDialogueForm(i)
      .sections.flatMap((s) => [s.heading, ...s.lines.map((l) => l.text)])
      .join("\n");

  it("R-SCH-13: final phase — choices with who entered them, proposals with who/when/published, the answer, the awaited agreement", () => {
    const t = text(input());
    expect(t).toContain("Troisième trimestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s)");
    expect(t).toContain("Saisie en ligne par Mme Claire Martin le 20/05/2027 à 10:00");
    expect(t).toContain("Choix 1. 2de générale et technologique ou 2de STHR : Non");
    expect(t).toContain("Motivation : Résultats insuffisants");
    expect(t).toContain("Saisie par M. Le Principal le 20/05/2027 à 10:00, modifiée le 10/06/2027 à 18:30, publiée à la famille le 10/06/2027 à 18:30");
    expect(t).toContain("Saisie par M. Le Principal le 20/05/2027 à 10:00\n");
    expect(t).toContain("Proposition acceptée : 1re année de CAP");
    expect(t).toContain("Réponse saisie en ligne par Mme Claire Martin le 12/06/2027 à 09:15");
    expect(t).toContain("Accord avec cette réponse attendu de M. Jean Martin");
  });

  it("R-SCH-13: final phase — agreements name who entered them (the school for a guardian); a disagreement calls for an interview", () => {
    const t = text(
      input({
        agreements: [{ guardianName: "M. Jean Martin", agrees: false, answeredByName: "M. Le Principal", answeredAt: LATER, source: "school" }],
      }),
    );
    expect(t).toContain("M. Jean Martin : pas d'accord avec cette réponse (saisi par l'établissement (M. Le Principal) le 10/06/2027 à 18:30)");
    expect(t).not.toContain("Accord avec cette réponse attendu");
    expect(t).toContain("Un entretien avec le chef d'établissement est nécessaire.");
  });

  it("R-SCH-13: final phase — final choices validated online on the council's opening day are shown as non traitées", () => {
    const t = text(
      input({
        requests: [],
        proposals: [],
        answer: null,
        familyEntries: [{ phase: "final", enteredByName: "M. Jean Martin", enteredAt: AT, items: [trackItem(1, "2GT")], nonTraitee: true }],
      }),
    );
    expect(t).toContain("Aucun choix définitif saisi.");
    expect(t).toContain("Saisie en ligne par M. Jean Martin le 20/05/2027 à 10:00, non traitée (validée le jour de l'ouverture du conseil de classe) :");
    expect(t).toContain("1. 2de générale et technologique ou 2de STHR");
  });
});

describe("R-SCH-8 / R-SCH-10: decisions, interviews and appeals in the list (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12)", () => {
  const HELD = new Date("2027-06-13T08:30:00Z"); // 10:30 in Paris
  const refusedAll = {
    source: "family" as const,
    kind: "refuse_all" as const,
    acceptedProposalIds: [],
    answeredByName: "Mme Claire Martin",
    answeredAt: ANSWERED,
  };
  const interview = (outcome: "agreement" | "disagreement") => ({
    id: "i-1",
    heldAt: HELD,
    participants: "M. Le Principal, Mme Claire Martin, Léa",
    outcome,
    agreedTrack: outcome === "agreement" ? "CAP" : null,
    agreedSubTrack: "",
    notes: null,
    enteredByName: "M. Le Principal",
  });
  const differing = (notifiedOn: string | null, appealDeadline: string | null) =>
    decisionRow({
      ...trackItem(1, "2PRO"),
      source: "head",
      differsFromRequest: true,
      reasonKnowledge: "Lacunes en mathématiques",
      reasonAbilities: "Habileté manuelle",
      reasonInterests: "Goût pour la cuisine",
      notifiedOn,
      noticeChannel: notifiedOn ? "paper" : null,
      appealDeadline,
    });
  /** Refused everything, interview held without agreement, decision differing, notified on Friday 11/06 (deadline Tuesday 15/06). */
  const lastDay = () => row({ answer: refusedAll, interviews: [interview("disagreement")], decision: differing("2027-06-11", "2027-06-15") });
  const codes = (r: StudentRow, today = TODAY) => badgesOf(r, today).map((b) => b.code);
  const badge = (r: StudentRow, code: string, today = TODAY) => badgesOf(r, today).find((b) => b.code === code)!;

  it("R-FIN-9: «Entretien à mener» when the family refused every proposal or a guardian disagrees, until an interview is recorded", () => {
    expect(codes(row({ answer: refusedAll }))).toContain("interview_due");
    expect(badge(row({ answer: refusedAll }), "interview_due")).toMatchObject({
      mark: "E ?",
      label: "Entretien à mener avec le chef d'établissement : la famille refuse toutes les propositions du conseil de classe",
    });
    const disagree = row({
      agreements: [{ guardianId: "g-2", guardianName: "M. Jean Martin", source: "family", agrees: false, answeredByName: "M. Jean Martin", answeredAt: LATER }],
    });
    expect(badge(disagree, "interview_due").label).toBe("Entretien à mener avec le chef d'établissement : les représentants légaux ne sont pas d'accord");
    const held = row({ answer: refusedAll, interviews: [interview("agreement")] });
    expect(codes(held)).not.toContain("interview_due");
    expect(badge(held, "interview_held")).toMatchObject({
      mark: "E ✓",
      label: "Entretien mené avec le chef d'établissement le 13/06/2027 à 10:30 : accord sur 1re année de CAP",
    });
    // Nothing of the kind for a family that agreed, or for a student hors procédure.
    expect(codes(row()).filter((c) => c.startsWith("interview"))).toEqual([]);
    expect(codes(row({ answer: refusedAll }, { outOfProcedureReason: "Redoublement exceptionnel" }))).not.toContain("interview_due");
  });

  it("R-FIN-8 / R-FIN-11: «Décision prise», conforming or differing, and the appeal deadline in jours ouvrables, then expired", () => {
    const conforming = row({ decision: decisionRow() });
    expect(badge(conforming, "decision")).toMatchObject({
      mark: "D",
      label: "Décision prise : 1re année de CAP, conforme à la demande de la famille (M. Le Principal, le 14/06/2027 à 16:00)",
      tone: "success",
    });
    expect(codes(conforming).filter((c) => c.startsWith("appeal") || c === "notice_awaited")).toEqual([]);
    expect(badge(lastDay(), "decision")).toMatchObject({
      mark: "D ≠",
      label: expect.stringContaining("2de professionnelle, différente de la demande de la famille"),
    });
    expect(badge(lastDay(), "appeal_window_open")).toMatchObject({
      mark: "1 j",
      label: "Délai d'appel : 1 jour ouvrable restant (jusqu'au 15/06/2027 inclus)",
    });
    // Notified on Monday 14/06: Tuesday, Wednesday, Thursday.
    const monday = row({ answer: refusedAll, interviews: [interview("disagreement")], decision: differing("2027-06-14", "2027-06-17") });
    expect(badge(monday, "appeal_window_open").label).toBe("Délai d'appel : 3 jours ouvrables restants (jusqu'au 17/06/2027 inclus)");
    expect(badge(lastDay(), "appeal_window_expired", "2027-06-16")).toMatchObject({
      mark: "Délai ✗",
      label: "Délai d'appel expiré le 15/06/2027 : la décision est définitive",
    });
    const unsent = row({ answer: refusedAll, interviews: [interview("disagreement")], decision: differing(null, null) });
    expect(badge(unsent, "notice_awaited").label).toBe("Décision à notifier à la famille : le délai d'appel n'a pas commencé");
  });

  it("R-FIN-9 / R-FIN-12: «Appel en cours», «Décision de la commission d'appel», «Maintien demandé»", () => {
    const appeal = {
      requestedOn: "2027-06-14",
      requestedByName: "M. Le Principal",
      commissionDate: "2027-06-25",
      outcome: "pending" as const,
      commissionTrack: null,
      commissionSubTrack: "",
      commissionNotes: null,
      commissionDecidedAt: null,
      commissionEnteredByName: null,
    };
    const pending = row({ answer: refusedAll, interviews: [interview("disagreement")], decision: differing("2027-06-11", "2027-06-15"), appeal });
    expect(codes(pending)).toEqual(expect.arrayContaining(["decision", "appeal_pending"]));
    expect(codes(pending)).not.toContain("appeal_window_open");
    expect(badge(pending, "appeal_pending")).toMatchObject({
      mark: "Appel",
      label: "Appel en cours : demandé le 14/06/2027, commission d'appel le 25/06/2027, décision de la commission d'appel attendue",
    });
    const decided = row({
      answer: refusedAll,
      interviews: [interview("disagreement")],
      decision: { ...differing("2027-06-11", "2027-06-15"), track: "2GT", source: "commission", appealDeadline: null, differsFromRequest: false },
      appeal: { ...appeal, outcome: "changed", commissionTrack: "2GT", commissionDecidedAt: LATER, commissionEnteredByName: "M. Le Principal" },
    });
    expect(codes(decided)).not.toContain("decision");
    expect(badge(decided, "commission_decided")).toMatchObject({
      mark: "CA",
      label: "Décision de la commission d'appel du 25/06/2027 : 2de générale et technologique ou 2de STHR (décision modifiée)",
    });
    const kept = row({ answer: refusedAll, decision: { ...differing("2027-06-01", "2027-06-04"), maintienAt: LATER, maintienByName: "M. Le Principal" } });
    expect(badge(kept, "maintien")).toMatchObject({
      mark: "Maintien",
      label: "Maintien dans la classe d'origine demandé (enregistré par M. Le Principal le 10/06/2027 à 18:30)",
    });
    // Every code stays unique within one student's list.
    for (const r of [pending, decided, kept, lastDay()]) expect(new Set(codes(r)).size).toBe(codes(r).length);
  });

  it("R-SCH-10: the «Décision et appel» filter is validated, carried to the exports, and matches the badges' state; «délai d'appel en cours» sorts by the days left", () => {
    const f = parseListFilters({ phase: "final", decision: "delai_en_cours" });
    expect(f.finalProcedure).toBe("delai_en_cours");
    expect(parseListFilters({ decision: "__proto__" }).finalProcedure).toBeUndefined();
    expect(filtersToQuery(f)).toBe("phase=final&decision=delai_en_cours");
    const v = describeStudentList({ filters: f, rowCount: 0, divisions: [] });
    expect(v.exports.xlsx).toBe("/etablissement/export?format=xlsx&phase=final&decision=delai_en_cours");
    expect(v.finalProcedureOptions.map((o) => o.label)).toEqual([
      "Décision prise",
      "Entretien à mener",
      "Appel en cours",
      "Délai d'appel en cours (le plus court d'abord)",
    ]);
    const three = { ...row({ answer: refusedAll, interviews: [interview("disagreement")], decision: differing("2027-06-14", "2027-06-17") }), id: "three" };
    const one = { ...lastDay(), id: "one" };
    const due = { ...row({ answer: refusedAll }), id: "due" };
    const none = { ...row(), id: "none" };
    const conforming = { ...row({ decision: decisionRow() }), id: "conforming" };
    const rows = [three, due, none, one, conforming];
    const ids = (filter: Parameters<typeof applyProcedureFilter>[1], today = TODAY) =>
      applyProcedureFilter(rows, filter, (r) => procedureOf(r, today)).map((r) => r.id);
    expect(ids(undefined)).toEqual(["three", "due", "none", "one", "conforming"]);
    expect(ids("delai_en_cours")).toEqual(["one", "three"]);
    expect(ids("delai_en_cours", "2027-06-16")).toEqual(["three"]);
    expect(ids("decision_prise")).toEqual(["three", "one", "conforming"]);
    expect(ids("entretien_a_mener")).toEqual(["due"]);
    expect(ids("appel_en_cours")).toEqual([]);
    expect(matchesProcedureFilter({ kind: "none" }, "decision_prise")).toBe(false);
    expect(appealDaysLeft(procedureOf(three, TODAY))).toBe(3);
  });

  it("R-SCH-10: export — decision, reasons, notice and deadline, disagreement and interview, appeal and maintien columns", () => {
    const r = row({
      answer: refusedAll,
      interviews: [interview("disagreement")],
      decision: { ...differing("2027-06-14", "2027-06-17"), maintienAt: null },
      appeal: {
        requestedOn: "2027-06-15",
        requestedByName: "M. Le Principal",
        commissionDate: "2027-06-25",
        outcome: "upheld",
        commissionTrack: "2PRO",
        commissionSubTrack: "",
        commissionNotes: "Décision confirmée",
        commissionDecidedAt: LATER,
        commissionEnteredByName: "M. Le Principal",
      },
    });
    const [header, line] = studentListTable([r], "final", TODAY);
    const cell = (h: string) => line![header!.indexOf(h)];
    expect(cell("Désaccord / entretien avec le chef d'établissement")).toBe(
      "Désaccord : la famille refuse toutes les propositions\nEntretien le 13/06/2027 à 10:30 avec M. Le Principal, Mme Claire Martin, Léa : désaccord maintenu",
    );
    expect(cell("Décision d'orientation")).toBe("2de professionnelle\nDifférente de la demande de la famille\nPrise par M. Le Principal le 14/06/2027 à 16:00");
    expect(cell("Motifs")).toBe(
      "Connaissances de l'élève : Lacunes en mathématiques\nCapacités de l'élève : Habileté manuelle\nIntérêts de l'élève : Goût pour la cuisine",
    );
    expect(cell("Notification / délai d'appel")).toBe("Notification reçue le 14/06/2027 (remise en main propre)\nDélai d'appel : jusqu'au 17/06/2027 inclus");
    expect(cell("Appel")).toBe(
      "Appel demandé le 15/06/2027 (enregistré par M. Le Principal)\nCommission d'appel le 25/06/2027\nDécision de la commission d'appel : 2de professionnelle (décision maintenue)\nDécision confirmée",
    );
    expect(cell("Maintien")).toBe("");
    // Without an appeal, the deadline's jours ouvrables left on the day of the export.
    const [, open] = studentListTable([lastDay()], "final", TODAY);
    expect(open![header!.indexOf("Notification / délai d'appel")]).toBe(
      "Notification reçue le 11/06/2027 (remise en main propre)\nDélai d'appel : jusqu'au 15/06/2027 inclus, 1 jour ouvrable restant",
    );
    const [, late] = studentListTable([lastDay()], "final", "2027-06-16");
    expect(late![header!.indexOf("Notification / délai d'appel")]).toBe(
      "Notification reçue le 11/06/2027 (remise en main propre)\nDélai d'appel expiré le 15/06/2027",
    );
    const due = studentListTable([row({ answer: refusedAll })], "final", TODAY)[1]!;
    expect(due[header!.indexOf("Désaccord / entretien avec le chef d'établissement")]).toBe(
      "Désaccord : la famille refuse toutes les propositions\nEntretien à mener",
    );
  });
});

describe("R-SCH-10, docs/security-inputs.md: the student list's XLSX", () => {
  it("neutralises every text cell like the CSV (a name starting with = is text, never a formula)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { studentListXlsx } = await import("@/lib/export/student-list");
    const r = row({}, { lastName: '=HYPERLINK("http://x")', firstName: "+Léa" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await studentListXlsx([r], "Liste des élèves", "final", TODAY)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.getWorksheet("Élèves")!
      .getRow(2)
      .eachCell((c) => texts.push(String(c.value)));
    expect(texts.some((t) => t.includes("HYPERLINK"))).toBe(true);
    for (const t of texts) expect(t, t).not.toMatch(/^[=+\-@\t\r\n]/);
    expect(texts.filter((t) => t.includes("HYPERLINK")).every((t) => t.startsWith("'"))).toBe(true);
  });
});
