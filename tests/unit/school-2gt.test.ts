import { describe, expect, it } from "vitest";
import {
  bulkDecisionCandidate,
  decisionCandidates,
  maintienOpen,
  planCommissionDecision,
  planDecision,
  planInterview,
  type FinalOutcomeFacts,
  type ProposalFacts,
} from "@/lib/domain/decision";
import { DomainError } from "@/lib/domain/errors";
import { planStudentProposals, type StudentProposalFacts } from "@/lib/domain/proposals";
import { proposableVoies } from "@/lib/domain/request-items";
import { describeDecisionSection, type OutcomeRow } from "@/lib/domain/school-decisions-page";
import { describeDivisionPage, type DivisionStudentFacts } from "@/lib/domain/school-division-page";
import { trackItem, type TrackItem } from "@/lib/domain/tracks";

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

const item = (rank: number, track: string, over: Partial<TrackItem> = {}): TrackItem => trackItem(rank, track, over);
const SPECS = ["MATHS", "PC", "SVT"];

describe("R-FIN-5 / R-2GT-1: the council's proposals after 2de GT", () => {
  const facts = (over: Partial<StudentProposalFacts> = {}): StudentProposalFacts => ({
    studentId: "s1",
    level: "2GT",
    outOfProcedure: false,
    choices: [
      { itemId: "i1", rank: 1, track: "1G", subTrack: "", specialties: SPECS },
      { itemId: "i2", rank: 2, track: "1T", subTrack: "STMG", specialties: [] },
    ],
    stored: [],
    ...over,
  });
  const plan = (extras: { track: string; subTrack?: string; motivation: string | null }[], f = facts()) =>
    planStudentProposals({ studentId: "s1", answers: f.choices.map((c) => ({ itemId: c.itemId, answer: "yes" as const, motivation: null })), extras }, f);

  it("R-FIN-5 / R-2GT-1: extra voies carry their série or target; the «Oui» to a 1re générale keeps the family's ranked spécialités", () => {
    expect(
      plan([
        { track: "1T", subTrack: "STI2D", motivation: "Goût pour la technologie" },
        { track: "VOIE_PRO", subTrack: "1PRO", motivation: null },
      ]),
    ).toEqual([
      { kind: "insert_answer", studentId: "s1", itemId: "i1", rank: 1, track: "1G", subTrack: "", specialties: SPECS, answer: "yes", motivation: null },
      { kind: "insert_answer", studentId: "s1", itemId: "i2", rank: 2, track: "1T", subTrack: "STMG", specialties: [], answer: "yes", motivation: null },
      { kind: "insert_extra", studentId: "s1", rank: 1, track: "1T", subTrack: "STI2D", motivation: "Goût pour la technologie" },
      { kind: "insert_extra", studentId: "s1", rank: 2, track: "VOIE_PRO", subTrack: "1PRO", motivation: null },
    ]);
  });

  it("R-FIN-5 / R-2GT-1: the same série twice is refused; a série the family already chose is answered, not proposed; another série of the 1re technologique is a new voie", () => {
    expect(
      codeOf(() =>
        plan([
          { track: "1T", subTrack: "STI2D", motivation: null },
          { track: "1T", subTrack: "STI2D", motivation: null },
        ]),
      ),
    ).toBe("TRACK_TWICE");
    expect(codeOf(() => plan([{ track: "1T", subTrack: "STMG", motivation: null }]))).toBe("TRACK_CHOSEN");
    expect(codeOf(() => plan([{ track: "1G", motivation: null }]))).toBe("TRACK_CHOSEN");
    expect(codeOf(() => plan([{ track: "1T", subTrack: "ST2S", motivation: null }]))).toBe("ok");
  });

  it("R-FIN-5 / R-2GT-1: a 1re technologique without its série, an unknown série, a 3e voie are not voies of 2de GT; a 2de GT voie is not one of 3e", () => {
    expect(codeOf(() => plan([{ track: "1T", motivation: null }]))).toBe("UNKNOWN_TRACK");
    expect(codeOf(() => plan([{ track: "1T", subTrack: "STL", motivation: null }]))).toBe("UNKNOWN_TRACK");
    expect(codeOf(() => plan([{ track: "VOIE_PRO", subTrack: "BAC", motivation: null }]))).toBe("UNKNOWN_TRACK");
    expect(codeOf(() => plan([{ track: "2PRO", motivation: null }]))).toBe("UNKNOWN_TRACK");
    expect(codeOf(() => plan([{ track: "BT_MUSIQUE", motivation: null }], facts({ level: "3e", choices: [] })))).toBe("UNKNOWN_TRACK");
  });

  it("R-FIN-5 / R-SCH-9: a stored extra is known by its voie and série: unchanged it is not written again; another série replaces it", () => {
    const stored: StudentProposalFacts["stored"] = [
      { id: "a1", kind: "answer_to_choice", choiceItemId: "i1", track: "1G", answer: "yes", motivation: null, publishedAt: null },
      { id: "a2", kind: "answer_to_choice", choiceItemId: "i2", track: "1T", subTrack: "STMG", answer: "yes", motivation: null, publishedAt: null },
      {
        id: "x1",
        kind: "extra",
        choiceItemId: null,
        track: "1T",
        subTrack: "STI2D",
        answer: null,
        motivation: null,
        publishedAt: new Date("2027-06-12T00:30:00Z"),
      },
    ];
    expect(plan([{ track: "1T", subTrack: "STI2D", motivation: null }], facts({ stored }))).toEqual([]);
    expect(plan([{ track: "1T", subTrack: "ST2S", motivation: null }], facts({ stored }))).toEqual([
      { kind: "insert_extra", studentId: "s1", rank: 1, track: "1T", subTrack: "ST2S", motivation: null },
      { kind: "delete", studentId: "s1", id: "x1", published: true },
    ]);
  });
});

describe("R-FIN-8 / R-FIN-9: decisions after 2de GT keep the série and the spécialités", () => {
  const choices = [item(1, "1G", { specialties: SPECS }), item(2, "1T", { subTrack: "STMG" })];
  const proposals: ProposalFacts[] = [
    { ...item(1, "1G", { specialties: SPECS }), id: "p1", kind: "answer_to_choice", answer: "yes" },
    { ...item(2, "1T", { subTrack: "STMG" }), id: "p2", kind: "answer_to_choice", answer: "no" },
    { ...item(1, "1T", { subTrack: "STI2D" }), id: "p3", kind: "extra", answer: null },
  ];
  const facts = (over: Partial<FinalOutcomeFacts> = {}): FinalOutcomeFacts => ({
    level: "2GT",
    outOfProcedure: false,
    choices,
    proposals,
    answer: { kind: "accept", acceptedProposalIds: ["p3"] },
    agreements: [{ agrees: true }],
    agreementsAwaited: 0,
    interviews: [],
    decision: null,
    appeal: null,
    ...over,
  });
  const TODAY = "2027-06-20";

  it("R-FIN-8 / R-2GT-1: the accepted extra série is the decision's candidate, keyed and labelled with its série", () => {
    const f = facts();
    const [first, second, third] = decisionCandidates(f);
    expect([first!.key, first!.label, first!.acceptedByFamily]).toEqual(["1G|", "1re générale", false]);
    expect([second!.key, second!.label, second!.acceptedByFamily]).toEqual(["1T|STI2D", "1re technologique – série STI2D", true]);
    expect(third!.key).toBe("1T|STMG");
    expect(bulkDecisionCandidate(f, TODAY)?.key).toBe("1T|STI2D");
    const plan = planDecision(f, { candidateKey: "1T|STI2D", reasons: null }, TODAY);
    expect(plan).toMatchObject({ changed: true, source: "agreement", differsFromRequest: false, item: { track: "1T", subTrack: "STI2D", rank: 1 } });
    // Another série than the one accepted is not the family's agreement.
    expect(codeOf(() => planDecision(f, { candidateKey: "1T|STMG", reasons: null }, TODAY))).toBe("NOT_ACCEPTED");
  });

  it("R-FIN-8 / R-2GT-3: a «Oui» to a 1re générale keeps the family's ranked spécialités, taken from the choice when the proposal lacks them", () => {
    const plan = planDecision(facts({ answer: { kind: "accept", acceptedProposalIds: ["p1"] } }), { candidateKey: "1G|", reasons: null }, TODAY);
    expect(plan).toMatchObject({ changed: true, item: { track: "1G", specialties: SPECS } });
    const bare = proposals.map((p) => (p.id === "p1" ? { ...p, specialties: [] } : p));
    const again = planDecision(
      facts({ proposals: bare, answer: { kind: "accept", acceptedProposalIds: ["p1"] } }),
      { candidateKey: "1G|", reasons: null },
      TODAY,
    );
    expect(again).toMatchObject({ changed: true, item: { track: "1G", specialties: SPECS } });
  });

  it("R-FIN-9 / R-2GT-1: after 2de GT the interview, the head and the commission may take any voie of the level with its série or target; after 3e only the proposals and requests", () => {
    const refused = facts({ answer: { kind: "refuse_all", acceptedProposalIds: [] }, agreements: [] });
    const keys = decisionCandidates(refused).map((c) => c.key);
    expect(new Set(keys)).toEqual(new Set(proposableVoies("2GT").map((v) => `${v.track}|${v.subTrack}`)));
    expect(decisionCandidates(refused).find((c) => c.key === "VOIE_PRO|CAP")).toMatchObject({ from: "other", label: "Accès à la voie professionnelle : CAP" });
    const agreed = planInterview(
      refused,
      { heldAt: new Date("2027-06-18T08:00:00Z"), participants: "Le proviseur, Mme Durand", outcome: "agreement", agreedCandidateKey: "1T|STL_BIO", notes: "" },
      new Date("2027-06-20T08:00:00Z"),
    );
    expect(agreed.agreed).toEqual({ track: "1T", subTrack: "STL_BIO" });
    const afterInterview = {
      ...refused,
      interviews: [
        { id: "iv", heldAt: agreed.heldAt, participants: agreed.participants, outcome: "agreement" as const, agreedTrack: "1T", agreedSubTrack: "STL_BIO" },
      ],
    };
    // The voie agreed at the interview is the family's request: no reasons needed; the other séries differ.
    expect(planDecision(afterInterview, { candidateKey: "1T|STL_BIO", reasons: null }, TODAY)).toMatchObject({
      differsFromRequest: false,
      source: "head",
      item: { subTrack: "STL_BIO" },
    });
    expect(codeOf(() => planDecision(afterInterview, { candidateKey: "1T|STL_SPCL", reasons: null }, TODAY))).toBe("REASONS_REQUIRED");
    const threeE = { ...refused, level: "3e" as const, choices: [item(1, "2GT")], proposals: [] };
    expect(decisionCandidates(threeE).map((c) => c.key)).toEqual(["2GT|"]);
  });

  it("R-FIN-9 / R-FIN-12: the commission decides a série; the droit au maintien stays 3e only", () => {
    const decided = facts({
      answer: { kind: "refuse_all", acceptedProposalIds: [] },
      agreements: [],
      interviews: [{ id: "iv", heldAt: new Date("2027-06-18T08:00:00Z"), participants: "x", outcome: "disagreement", agreedTrack: null, agreedSubTrack: "" }],
      decision: {
        ...item(1, "1T", { subTrack: "STMG" }),
        source: "head",
        differsFromRequest: true,
        reasonKnowledge: "k",
        reasonAbilities: "a",
        reasonInterests: "i",
        notifiedOn: "2027-06-15",
        noticeChannel: "email",
        appealDeadline: "2027-06-18",
        decidedAt: new Date("2027-06-14T08:00:00Z"),
        decidedByName: "M. le proviseur",
        publishedAt: null,
        maintienAt: null,
      },
      appeal: { requestedOn: "2027-06-16", commissionDate: null, outcome: "pending", commissionTrack: null, commissionSubTrack: "", commissionDecidedAt: null },
    });
    const c = planCommissionDecision(decided, { commissionDate: "2027-06-19", candidateKey: "1T|ST2S", notes: "" }, TODAY);
    expect(c).toMatchObject({ outcome: "changed", item: { track: "1T", subTrack: "ST2S" } });
    expect(planCommissionDecision(decided, { commissionDate: "2027-06-19", candidateKey: "1T|STMG", notes: "" }, TODAY).outcome).toBe("upheld");
    expect(maintienOpen({ ...decided, appeal: null })).toBe(false);
  });

  it("R-FIN-9 / R-2GT-1: the head's decision form lists the proposals and requests, then the other voies of 2de GT apart, labelled with their série", () => {
    const row: OutcomeRow = {
      studentId: "s1",
      firstName: "Inès",
      lastName: "Morel",
      divisionId: "d1",
      divisionCode: "2A",
      facts: facts({
        answer: { kind: "refuse_all", acceptedProposalIds: [] },
        agreements: [],
        interviews: [{ id: "iv", heldAt: new Date("2027-06-18T08:00:00Z"), participants: "x", outcome: "disagreement", agreedTrack: null, agreedSubTrack: "" }],
      }),
      decisionUpdatedAt: null,
      decisionDay: null,
    };
    const view = describeDecisionSection(row, TODAY, new Date("2027-06-20T08:00:00Z"), { canDecide: true })!;
    const options = view.forms!.decision!.candidates;
    expect(options.filter((o) => !o.other).map((o) => o.label)).toEqual([
      "1re générale (proposition du conseil)",
      "1re technologique – série STI2D (proposition du conseil)",
      "1re technologique – série STMG (demande de la famille)",
    ]);
    expect(options.filter((o) => o.other).map((o) => o.label)).toContain("1re technologique – série STL option biotechnologies");
    expect(view.forms!.maintien).toBe(false);
  });
});

describe("R-SCH-7 / R-FIN-5 / R-2GT-2: a 2de GT division's page", () => {
  const division = { id: "d2", code: "2A", mefLabel: "2NDE GENERALE & TECHNO YC BT", level: "2GT" };
  const open = { state: "open" as const, scheduledAt: null, openedAt: new Date("2027-02-10T08:00:00Z"), openedByName: "M. le proviseur" };
  const offered = ["MATHS", "PC", "SVT", "SES"];
  const intention = { ...item(1, "1G", { specialties: ["MATHS", "PC", "SVT", "SES", "ARTS_DANSE"] }), id: "i1", opinion: null };
  const students: DivisionStudentFacts[] = [
    {
      id: "s1",
      lastName: "Morel",
      firstName: "Inès",
      outOfProcedureReason: null,
      familyEntry: null,
      request: { items: [intention, { ...item(2, "1T", { subTrack: "STL_SPCL" }), id: "i2", opinion: { value: "reserve", comment: "À confirmer" } }] },
      proposals: [
        { kind: "answer_to_choice", choiceItemId: "i1", track: "1G", answer: "yes", motivation: null },
        { kind: "extra", choiceItemId: null, track: "VOIE_PRO", subTrack: "1PRO", rank: 2, answer: null, motivation: "Stage" },
        { kind: "extra", choiceItemId: null, track: "1T", subTrack: "STMG", rank: 1, answer: null, motivation: null },
      ],
    },
  ];

  it("R-SCH-7 / R-2GT-2 / R-2GT-4: the avis form labels each intention with its série and its ranked spécialités, «hors établissement» marked", () => {
    const v = describeDivisionPage({ division, council: open, students, canManage: true, offeredSpecialties: offered });
    if (v.opinions.kind !== "form") throw new Error("form expected");
    expect(v.opinions.sheet[0]!.items.map((i) => i.label)).toEqual([
      "1re générale – Spécialités : 1. Mathématiques, 2. Physique-chimie, 3. Sciences de la vie et de la Terre, 4. Sciences économiques et sociales, 5. Arts : danse (hors établissement)",
      "1re technologique – série STL option sciences physiques et chimiques en laboratoire",
    ]);
    expect(v.opinions.sheet[0]!.items[1]).toMatchObject({ value: "reserve", comment: "À confirmer" });
  });

  it("R-FIN-5 / R-2GT-1: the final council's form answers each choice and offers the other voies of 2de GT with their série, compactly, those proposed first in their order", () => {
    const v = describeDivisionPage({ division, council: open, students, canManage: true, phase: "final", offeredSpecialties: offered });
    if (v.proposals.kind !== "form") throw new Error("form expected");
    expect(v.proposals.compactExtras).toBe(true);
    const [s] = v.proposals.sheet;
    expect(s!.choices.map((c) => [c.rank, c.answer])).toEqual([
      [1, "yes"],
      [2, null],
    ]);
    expect(s!.extras.slice(0, 2).map((x) => [x.label, x.proposed, x.motivation])).toEqual([
      ["1re technologique – série STMG", true, null],
      ["Accès à la voie professionnelle : 1re professionnelle", true, "Stage"],
    ]);
    const keys = s!.extras.map((x) => x.key);
    expect(keys).not.toContain("1G|");
    expect(keys).not.toContain("1T|STL_SPCL");
    expect(keys).toContain("1T|STL_BIO");
    expect(keys).toHaveLength(proposableVoies("2GT").length - 2);
    expect(describeDivisionPage({ division: { ...division, level: "3e" }, council: open, students, canManage: true, phase: "final" }).proposals).toMatchObject({
      kind: "form",
      compactExtras: false,
    });
  });
});
