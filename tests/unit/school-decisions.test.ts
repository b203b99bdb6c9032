import { describe, expect, it } from "vitest";
import type { DecisionFacts, FinalOutcomeFacts, ProposalFacts } from "@/lib/domain/decision";
import {
  bulkSummary,
  describeDecisionSection,
  describeDecisionsPage,
  describeDivisionDecisions,
  fingerprintOf,
  parseFingerprint,
  type OutcomeRow,
} from "@/lib/domain/school-decisions-page";
import { schoolNav } from "@/lib/domain/school-home";
import { trackItem, type TrackItem } from "@/lib/domain/tracks";

/*
 * The back-office view-models of the end of the final phase (R-FIN-8, R-FIN-9, R-FIN-11,
 * R-FIN-12): the decision section of a student's file, the division's summary, the head's list.
 */

const item = (rank: number, track: string): TrackItem => trackItem(rank, track);
const proposals: ProposalFacts[] = [
  { ...item(1, "2GT"), id: "p1", kind: "answer_to_choice", answer: "yes" },
  { ...item(2, "2PRO"), id: "p2", kind: "answer_to_choice", answer: "no" },
  { ...item(3, "CAP"), id: "p3", kind: "extra", answer: null },
];
const base: FinalOutcomeFacts = {
  level: "3e",
  outOfProcedure: false,
  choices: [item(1, "2GT"), item(2, "2PRO")],
  proposals,
  answer: null,
  agreements: [],
  agreementsAwaited: 0,
  interviews: [],
  decision: null,
  appeal: null,
};
const agreed: FinalOutcomeFacts = { ...base, answer: { kind: "accept", acceptedProposalIds: ["p1"] }, agreements: [{ agrees: true }, { agrees: true }] };
const refused: FinalOutcomeFacts = { ...base, answer: { kind: "refuse_all", acceptedProposalIds: [] }, agreements: [{ agrees: true }] };
const decision = (over: Partial<DecisionFacts>): DecisionFacts => ({
  ...item(1, "CAP"),
  source: "head",
  differsFromRequest: true,
  reasonKnowledge: "k",
  reasonAbilities: "a",
  reasonInterests: "i",
  notifiedOn: null,
  noticeChannel: null,
  appealDeadline: null,
  decidedAt: new Date("2027-06-10T08:00:00Z"),
  decidedByName: "Mme Principale",
  publishedAt: null,
  maintienAt: null,
  ...over,
});
const row = (id: string, lastName: string, facts: FinalOutcomeFacts, extra: Partial<OutcomeRow> = {}): OutcomeRow => ({
  studentId: id,
  firstName: "Camille",
  lastName,
  divisionId: "d",
  divisionCode: "3C",
  facts,
  decisionUpdatedAt: facts.decision ? new Date("2027-06-10T08:00:00Z") : null,
  decisionDay: facts.decision ? "2027-06-10" : null,
  ...extra,
});
const NOW = new Date("2027-06-11T13:00:00Z");

describe("R-FIN-8: the division's decisions by agreement", () => {
  it("R-FIN-8: the summary lists the students whose family agreed, with the voie the decision will take", () => {
    const rows = [row("a", "Martin", agreed), row("b", "Bernard", refused), row("c", "Durand", { ...agreed, agreementsAwaited: 1 }), row("d", "Petit", base)];
    const s = bulkSummary(rows, "2027-06-10");
    expect(s.items).toEqual([{ studentId: "a", name: "Camille Martin", candidateKey: "2GT|", label: expect.stringContaining("2de générale") }]);
    expect(s.fingerprint).toBe("a=2GT|");
    const v = describeDivisionDecisions("3C", rows, "2027-06-10");
    expect(v.items).toEqual([{ studentId: "a", text: expect.stringMatching(/^Camille Martin → 2de générale/) }]);
    expect(v.confirmText).toContain("1 décision(s) d'orientation de la division 3C");
    expect(describeDivisionDecisions("3C", [row("b", "Bernard", refused)], "2027-06-10").emptyText).toBe(
      "Aucune décision à prendre avec l'accord de la famille en 3C.",
    );
  });

  it("R-FIN-8: the fingerprint does not depend on the order and reads back", () => {
    const items = [
      { studentId: "b", candidateKey: "CAP|" },
      { studentId: "a", candidateKey: "2GT|" },
    ];
    expect(fingerprintOf(items)).toBe(fingerprintOf([...items].reverse()));
    expect(parseFingerprint(fingerprintOf(items))).toEqual([items[1], items[0]]);
    expect(parseFingerprint("")).toEqual([]);
  });
});

describe("R-FIN-9 / R-FIN-11: «Entretiens à mener et délais d'appel»", () => {
  it("R-FIN-9: interviews to hold with the reason, decisions due, and the deadlines sorted by jours ouvrables left", () => {
    const rows = [
      row("a", "Martin", agreed),
      row("b", "Bernard", refused),
      row("c", "Durand", { ...refused, decision: decision({ notifiedOn: "2027-06-11", noticeChannel: "paper", appealDeadline: "2027-06-15" }) }),
      row("d", "Petit", { ...refused, decision: decision({ notifiedOn: "2027-06-10", noticeChannel: "email", appealDeadline: "2027-06-14" }) }),
      row("e", "Leroy", { ...refused, decision: decision({}) }),
      row("f", "Moreau", {
        ...refused,
        decision: decision({ notifiedOn: "2027-06-10", noticeChannel: "email", appealDeadline: "2027-06-14" }),
        appeal: {
          requestedOn: "2027-06-11",
          commissionDate: "2027-06-20",
          outcome: "pending",
          commissionTrack: null,
          commissionSubTrack: "",
          commissionDecidedAt: null,
        },
      }),
      row("g", "Roux", { ...agreed, decision: decision({ source: "agreement", differsFromRequest: false, ...item(1, "2GT") }) }),
    ];
    const v = describeDecisionsPage(rows, "2027-06-12");
    expect(v.interviews).toEqual([
      { studentId: "b", name: "Camille Bernard", divisionCode: "3C", reason: "Entretien à mener : la famille refuse toutes les propositions" },
    ]);
    expect(v.decisionsDue.map((r) => r.studentId)).toEqual(["a"]);
    expect(v.deadlines.map((r) => [r.studentId, r.state])).toEqual([
      ["d", "Délai d'appel jusqu'au 14/06/2027 : 2 jour(s) ouvrable(s) restant(s)"],
      ["c", "Délai d'appel jusqu'au 15/06/2027 : 3 jour(s) ouvrable(s) restant(s)"],
      ["e", "Notification à la famille en attente (le délai d'appel n'a pas commencé)"],
      ["f", "Appel enregistré le 11/06/2027 – commission d'appel le 20/06/2027 : décision de la commission attendue"],
    ]);
  });
});

describe("R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: the «Décision d'orientation» section of a student's file", () => {
  it("R-FIN-9: not shown before the family's answer; after a refusal, the interview form first and no decision form", () => {
    expect(describeDecisionSection(row("a", "Martin", base), "2027-06-11", NOW, { canDecide: true })).toBeNull();
    const v = describeDecisionSection(row("b", "Bernard", refused), "2027-06-11", NOW, { canDecide: true })!;
    expect(v.stateText).toBe("Entretien à mener : la famille refuse toutes les propositions");
    expect(v.forms?.interview?.candidates.map((c) => c.key)).toEqual(["2GT|", "CAP|", "2PRO|"]);
    expect(v.forms?.decision).toBeNull();
  });

  it("R-FIN-11: after the interview, every voie differs from the refused request: the reasons come pre-filled with the student's name", () => {
    const facts: FinalOutcomeFacts = {
      ...refused,
      interviews: [
        {
          id: "i1",
          heldAt: new Date("2027-06-10T08:00:00Z"),
          participants: "M. et Mme Bernard",
          outcome: "disagreement",
          agreedTrack: null,
          agreedSubTrack: "",
        },
      ],
    };
    const v = describeDecisionSection(row("b", "Bernard", facts, { interviewNotes: new Map([["i1", "Désaccord sur la voie."]]) }), "2027-06-11", NOW, {
      canDecide: true,
    })!;
    expect(v.stateText).toBe("Entretien mené (désaccord maintenu) : décision à prendre");
    expect(v.interviewsText).toEqual(["Entretien du 10/06/2027 à 10:00 (M. et Mme Bernard) : désaccord maintenu. Désaccord sur la voie."]);
    const cap = v.forms!.decision!.candidates.find((c) => c.key === "CAP|")!;
    expect(cap.differs).toBe(true);
    expect(cap.templates?.knowledge).toContain("Camille");
    expect(cap.templates?.abilities).toContain("CAP");
    // Another interview may still be held before the decision.
    expect(v.forms?.interview).not.toBeNull();
  });

  it("R-FIN-8: with the family's agreement, only the accepted proposals are offered; the decision follows the request (no reasons)", () => {
    const v = describeDecisionSection(row("a", "Martin", agreed), "2027-06-11", NOW, { canDecide: true })!;
    expect(v.forms?.decision?.candidates.map((c) => [c.key, c.differs])).toEqual([["2GT|", false]]);
    expect(v.forms?.decision?.replaces).toBe(false);
  });

  it("R-FIN-11: a differing decision awaiting notice offers the paper notice; once notified, the deadline and the appeal form", () => {
    const awaiting = describeDecisionSection(row("c", "Durand", { ...refused, decision: decision({}) }), "2027-06-11", NOW, { canDecide: true })!;
    expect(awaiting.noticeText).toContain("Notification à la famille en attente");
    expect(awaiting.forms?.paperNotice).toEqual({ minDay: "2027-06-10", maxDay: "2027-06-11" });
    expect(awaiting.forms?.appeal).toBeNull();
    expect(awaiting.seenUpdatedAt).toBe("2027-06-10T08:00:00.000Z");
    const notified = describeDecisionSection(
      row("c", "Durand", { ...refused, decision: decision({ notifiedOn: "2027-06-11", noticeChannel: "paper", appealDeadline: "2027-06-15" }) }),
      "2027-06-12",
      NOW,
      { canDecide: true },
    )!;
    expect(notified.noticeText).toBe(
      "Notification reçue le 11/06/2027 (remise sur papier). Délai d'appel jusqu'au 15/06/2027 : 3 jour(s) ouvrable(s) restant(s).",
    );
    expect(notified.forms?.paperNotice).toBeNull();
    expect(notified.forms?.appeal).toEqual({ minDay: "2027-06-11", maxDay: "2027-06-12" });
    expect(notified.forms?.maintien).toBe(true);
    expect(notified.reasonsLines).toEqual(["Connaissances de l'élève : k", "Capacités de l'élève : a", "Intérêts de l'élève : i"]);
  });

  it("R-FIN-11: after the deadline without appeal, no decision form (final); R-FIN-9: a pending appeal offers the commission only", () => {
    const expired = describeDecisionSection(
      row("c", "Durand", { ...refused, decision: decision({ notifiedOn: "2027-06-11", noticeChannel: "paper", appealDeadline: "2027-06-15" }) }),
      "2027-06-16",
      NOW,
      { canDecide: true },
    )!;
    expect(expired.stateText).toBe("Décision définitive (délai d'appel expiré)");
    expect(expired.forms?.decision).toBeNull();
    expect(expired.forms?.appeal).toBeNull();
    const pending = describeDecisionSection(
      row("f", "Moreau", {
        ...refused,
        decision: decision({ notifiedOn: "2027-06-10", noticeChannel: "email", appealDeadline: "2027-06-14" }),
        appeal: {
          requestedOn: "2027-06-11",
          commissionDate: null,
          outcome: "pending",
          commissionTrack: null,
          commissionSubTrack: "",
          commissionDecidedAt: null,
        },
      }),
      "2027-06-12",
      NOW,
      { canDecide: true },
    )!;
    expect(pending.forms?.decision).toBeNull();
    expect(pending.forms?.maintien).toBe(false);
    expect(pending.forms?.commission).toMatchObject({ minDay: "2027-06-11", maxDay: "2027-06-12", currentKey: "CAP|" });
    expect(pending.appealText).toBe("Appel de la famille reçu le 11/06/2027. Décision de la commission d'appel attendue.");
  });

  it("R-FIN-8: who may not decide (homeroom teacher) reads the section without any form", () => {
    const v = describeDecisionSection(row("c", "Durand", { ...refused, decision: decision({}) }), "2027-06-11", NOW, { canDecide: false })!;
    expect(v.forms).toBeNull();
    expect(v.decisionText).toContain("CAP");
  });

  it("R-FIN-9: the head's menu links «Entretiens et délais d'appel»; a homeroom teacher's does not", () => {
    expect(schoolNav({ mayManageSchool: true, mayDecide: true }).map((l) => l.href)).toContain("/etablissement/decisions");
    expect(schoolNav({ mayManageSchool: false, mayDecide: false }).map((l) => l.href)).not.toContain("/etablissement/decisions");
  });
});
