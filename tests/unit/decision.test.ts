import { describe, expect, it } from "vitest";
import {
  appealWindow,
  bulkDecisionCandidate,
  checkReasons,
  decisionCandidates,
  differsFromRequest,
  finalOutcome,
  finalOutcomeLabel,
  maintienOpen,
  planAppealRequest,
  planCommissionDecision,
  planDecision,
  planInterview,
  planMaintien,
  reasonsText,
  reasonTemplates,
  type DecisionFacts,
  type FinalOutcomeFacts,
  type ProposalFacts,
} from "@/lib/domain/decision";
import { noticeText, type NoticeFacts } from "@/lib/domain/decision-notice";
import { DomainError } from "@/lib/domain/errors";
import { trackItem, type TrackItem } from "@/lib/domain/tracks";

const item = (track: string, rank = 1): TrackItem => trackItem(rank, track);
const proposal = (id: string, track: string, answer: "yes" | "no" | null, rank = 1): ProposalFacts => ({
  ...item(track, rank),
  id,
  kind: answer === null ? "extra" : "answer_to_choice",
  answer,
});

/** 2GT asked first (council: «Non»), 2de pro asked second (council: «Oui»). */
function facts(over: Partial<FinalOutcomeFacts> = {}): FinalOutcomeFacts {
  return {
    level: "3e",
    outOfProcedure: false,
    choices: [item("2GT", 1), item("2PRO", 2)],
    proposals: [proposal("p1", "2GT", "no", 1), proposal("p2", "2PRO", "yes", 2)],
    answer: null,
    agreements: [],
    agreementsAwaited: 0,
    interviews: [],
    decision: null,
    appeal: null,
    ...over,
  };
}
const accepted = (o: Partial<FinalOutcomeFacts> = {}) =>
  facts({ answer: { kind: "accept", acceptedProposalIds: ["p2"] }, agreements: [{ agrees: true }], ...o });
const refused = (o: Partial<FinalOutcomeFacts> = {}) => facts({ answer: { kind: "refuse_all", acceptedProposalIds: [] }, ...o });
const interview = (outcome: "agreement" | "disagreement", agreedTrack: string | null = null) => ({
  id: "i1",
  heldAt: new Date("2027-06-08T14:00:00Z"),
  participants: "Le principal, Mme Martin, l'élève",
  outcome,
  agreedTrack,
  agreedSubTrack: "",
});
const decision = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  ...item("2PRO"),
  source: "head",
  differsFromRequest: true,
  reasonKnowledge: "k",
  reasonAbilities: "a",
  reasonInterests: "i",
  notifiedOn: "2027-06-11",
  noticeChannel: "email",
  appealDeadline: "2027-06-15",
  decidedAt: new Date("2027-06-10T10:00:00Z"),
  decidedByName: "M. Principal",
  publishedAt: new Date("2027-06-11T00:00:00Z"),
  maintienAt: null,
  ...over,
});
const reasons = { knowledge: "Connaissances fragiles.", abilities: "Capacités pratiques.", interests: "Intérêt pour les métiers." };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return "no error";
};
const TODAY = "2027-06-14";

describe("R-FIN-8 / R-FIN-9: the state of the procedure after the proposals", () => {
  it("R-FIN-8: no answer yet → nothing to do; answer with an agreement awaited → awaiting agreement", () => {
    expect(finalOutcome(facts(), TODAY).kind).toBe("none");
    expect(finalOutcome(accepted({ agreements: [], agreementsAwaited: 1 }), TODAY).kind).toBe("awaiting_agreement");
    expect(finalOutcome(accepted({ outOfProcedure: true }), TODAY).kind).toBe("none");
  });

  it("R-FIN-8: every guardian agreed with an accepted proposal → decision due, with that proposal", () => {
    const o = finalOutcome(accepted(), TODAY);
    expect(o.kind).toBe("decision_due");
    expect(o.kind === "decision_due" && o.accepted.map((p) => p.track)).toEqual(["2PRO"]);
    expect(finalOutcomeLabel(o)).toBe("Décision à prendre (accord de la famille)");
    expect(bulkDecisionCandidate(accepted(), TODAY)?.item.track).toBe("2PRO");
  });

  it("R-FIN-8 / R-FIN-10: proposals withdrawn after the family accepted them → its answer must be renewed before any decision", () => {
    const outdated = accepted({ proposals: [proposal("p1", "2GT", "no", 1), proposal("p3", "2PRO", "no", 2)] });
    expect(finalOutcome(outdated, TODAY)).toEqual({ kind: "answer_outdated" });
    expect(finalOutcomeLabel(finalOutcome(outdated, TODAY))).toContain("Réponse de la famille à renouveler");
    expect(code(() => planDecision(outdated, { candidateKey: "2PRO|", reasons: null }, TODAY))).toBe("ANSWER_OUTDATED");
    expect(bulkDecisionCandidate(outdated, TODAY)).toBeNull();
  });

  it("R-FIN-9: refusal of every proposal, or a guardian's «Non» → interview due", () => {
    expect(finalOutcome(refused(), TODAY)).toEqual({ kind: "interview_due", reason: "refused_all" });
    expect(finalOutcome(accepted({ agreements: [{ agrees: false }] }), TODAY)).toEqual({ kind: "interview_due", reason: "guardians_disagree" });
    expect(finalOutcomeLabel(finalOutcome(refused(), TODAY))).toContain("Entretien à mener");
    expect(bulkDecisionCandidate(refused(), TODAY)).toBeNull();
  });

  it("R-FIN-9: after the interview → decision due after interview (agreement or disagreement maintained)", () => {
    const o = finalOutcome(refused({ interviews: [interview("disagreement")] }), TODAY);
    expect(o.kind).toBe("decision_after_interview_due");
    expect(finalOutcomeLabel(o)).toContain("désaccord maintenu");
  });

  it("R-FIN-11: a decided student shows the jours ouvrables left, the notice awaited, or a final decision", () => {
    const open = finalOutcome(refused({ interviews: [interview("disagreement")], decision: decision() }), TODAY);
    expect(open).toMatchObject({ kind: "decided", window: { status: "open", deadline: "2027-06-15", workingDaysLeft: 2 } });
    expect(finalOutcomeLabel(open)).toBe("Décision prise – délai d'appel : 2 jour(s) ouvrable(s) restant(s)");
    const waiting = finalOutcome(
      refused({ interviews: [interview("disagreement")], decision: decision({ notifiedOn: null, noticeChannel: null, appealDeadline: null }) }),
      TODAY,
    );
    expect(waiting).toMatchObject({ kind: "decided", window: { status: "awaiting_notice" } });
    const expired = finalOutcome(refused({ interviews: [interview("disagreement")], decision: decision() }), "2027-06-16");
    expect(finalOutcomeLabel(expired)).toBe("Décision définitive (délai d'appel expiré)");
    expect(appealWindow(decision({ differsFromRequest: false, appealDeadline: null }), TODAY)).toEqual({ status: "none" });
  });

  it("R-FIN-9: an appeal pending, then the commission's decision", () => {
    const appeal = {
      requestedOn: "2027-06-14",
      commissionDate: "2027-06-25",
      outcome: "pending" as const,
      commissionTrack: null,
      commissionSubTrack: "",
      commissionDecidedAt: null,
    };
    expect(finalOutcome(refused({ decision: decision(), appeal }), TODAY).kind).toBe("appeal_pending");
    const decided = { ...appeal, outcome: "changed" as const, commissionTrack: "2GT", commissionDecidedAt: new Date() };
    expect(finalOutcome(refused({ decision: decision({ source: "commission", track: "2GT" }), appeal: decided }), TODAY).kind).toBe("commission_decided");
  });
});

describe("R-FIN-8 / R-FIN-9 / R-FIN-11: taking the decision", () => {
  it("R-FIN-8: with every guardian's agreement, the decision is an accepted proposal, conforming, without reasons", () => {
    const plan = planDecision(accepted(), { candidateKey: "2PRO|", reasons: null }, TODAY);
    expect(plan).toMatchObject({ changed: true, source: "agreement", differsFromRequest: false, reasons: null, item: { track: "2PRO" } });
    expect(code(() => planDecision(accepted(), { candidateKey: "2GT|", reasons: reasons }, TODAY))).toBe("NOT_ACCEPTED");
  });

  it("R-FIN-8: no decision before the answer, nor while an agreement is awaited; none for a student hors procédure", () => {
    expect(code(() => planDecision(facts(), { candidateKey: "2PRO|", reasons: null }, TODAY))).toBe("NO_ANSWER");
    expect(code(() => planDecision(accepted({ agreements: [], agreementsAwaited: 1 }), { candidateKey: "2PRO|", reasons: null }, TODAY))).toBe(
      "AGREEMENT_AWAITED",
    );
    expect(code(() => planDecision(accepted({ outOfProcedure: true }), { candidateKey: "2PRO|", reasons: null }, TODAY))).toBe("OUT_OF_PROCEDURE");
  });

  it("R-FIN-9: after a refusal, no decision before the interview", () => {
    expect(code(() => planDecision(refused(), { candidateKey: "2PRO|", reasons }, TODAY))).toBe("INTERVIEW_FIRST");
  });

  it("R-FIN-11: a decision that differs from the request cannot be saved without the three reasons", () => {
    const f = refused({ interviews: [interview("disagreement")] });
    expect(differsFromRequest(f, item("2PRO"))).toBe(true);
    expect(code(() => planDecision(f, { candidateKey: "2PRO|", reasons: null }, TODAY))).toBe("REASONS_REQUIRED");
    expect(code(() => planDecision(f, { candidateKey: "2PRO|", reasons: { ...reasons, interests: "   " } }, TODAY))).toBe("REASONS_REQUIRED");
    expect(code(() => planDecision(f, { candidateKey: "2PRO|", reasons: { ...reasons, knowledge: "x".repeat(1501) } }, TODAY))).toBe("REASON_TOO_LONG");
    const plan = planDecision(f, { candidateKey: "2PRO|", reasons: { ...reasons, knowledge: "  Connaissances fragiles.\r\n" } }, TODAY);
    expect(plan).toMatchObject({ changed: true, source: "head", differsFromRequest: true, reasons: { knowledge: "Connaissances fragiles." } });
  });

  it("R-FIN-11 / R-FIN-9: a NUL byte or another control character in a reason, the participants or the notes is refused in French", () => {
    const f = refused({ interviews: [interview("disagreement")] });
    expect(code(() => planDecision(f, { candidateKey: "2PRO|", reasons: { ...reasons, abilities: "Capacités\u0000" } }, TODAY))).toBe("CONTROL_CHARACTER");
    const input = {
      heldAt: new Date("2027-06-08T14:00:00Z"),
      participants: "Le principal\u0007",
      outcome: "disagreement" as const,
      agreedCandidateKey: null,
      notes: "",
    };
    expect(code(() => planInterview(refused(), input, new Date("2027-06-09T10:00:00Z")))).toBe("CONTROL_CHARACTER");
    // Line breaks and tabs are text.
    expect(planDecision(f, { candidateKey: "2PRO|", reasons: { ...reasons, abilities: "Capacités :\n\t- pratiques" } }, TODAY)).toMatchObject({
      changed: true,
    });
  });

  it("R-FIN-11: the reasons rule names each missing ground in French", () => {
    try {
      checkReasons({ knowledge: "ok" });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).fieldErrors).toEqual({
        abilities: ["Capacités de l'élève : motif obligatoire."],
        interests: ["Intérêts de l'élève : motif obligatoire."],
      });
    }
    const t = reasonTemplates({ studentFirstName: "Léa", decision: "2de professionnelle", request: "2de générale et technologique" });
    expect(t.knowledge).toContain("Léa");
    expect(t.abilities).toContain("2de professionnelle");
    expect(reasonsText({ reasonKnowledge: "k", reasonAbilities: "a", reasonInterests: "i" })).toBe(
      "Connaissances de l'élève : k\nCapacités de l'élève : a\nIntérêts de l'élève : i",
    );
  });

  it("R-FIN-11: the voie agreed at the interview is the family's request: deciding it needs no reasons", () => {
    const f = refused({ interviews: [interview("agreement", "2PRO")] });
    expect(planDecision(f, { candidateKey: "2PRO|", reasons: null }, TODAY)).toMatchObject({ differsFromRequest: false, source: "head", reasons: null });
    expect(code(() => planDecision(f, { candidateKey: "2GT|", reasons: null }, TODAY))).toBe("REASONS_REQUIRED");
  });

  it("R-FIN-9: a decision may follow a voie the family asked for, never an unknown one", () => {
    const f = refused({ interviews: [interview("disagreement")] });
    expect(decisionCandidates(f).map((c) => c.key)).toEqual(["2PRO|", "2GT|"]);
    expect(code(() => planDecision(f, { candidateKey: "CAP|", reasons }, TODAY))).toBe("UNKNOWN_CANDIDATE");
  });

  it("R-FIN-11: the same decision twice writes nothing; no change once the deadline passed without appeal, nor during an appeal", () => {
    const same = refused({
      interviews: [interview("disagreement")],
      decision: decision({ reasonKnowledge: reasons.knowledge, reasonAbilities: reasons.abilities, reasonInterests: reasons.interests }),
    });
    expect(planDecision(same, { candidateKey: "2PRO|", reasons }, TODAY)).toEqual({ changed: false });
    expect(code(() => planDecision(same, { candidateKey: "2GT|", reasons }, "2027-06-16"))).toBe("DEADLINE_PASSED");
    const appeal = {
      requestedOn: "2027-06-14",
      commissionDate: null,
      outcome: "pending" as const,
      commissionTrack: null,
      commissionSubTrack: "",
      commissionDecidedAt: null,
    };
    expect(code(() => planDecision({ ...same, appeal }, { candidateKey: "2GT|", reasons }, TODAY))).toBe("APPEAL_PENDING");
  });
});

describe("R-FIN-9: interview, appeal and commission", () => {
  const now = new Date("2027-06-09T10:00:00Z");
  it("R-FIN-9: the interview is recorded only for a disagreement, before the decision, once held, with its participants", () => {
    const input = {
      heldAt: new Date("2027-06-08T14:00:00Z"),
      participants: " Le principal, les parents ",
      outcome: "disagreement" as const,
      agreedCandidateKey: null,
      notes: "",
    };
    expect(planInterview(refused(), input, now)).toEqual({
      heldAt: input.heldAt,
      participants: "Le principal, les parents",
      outcome: "disagreement",
      agreed: null,
      notes: null,
    });
    expect(code(() => planInterview(accepted(), input, now))).toBe("INTERVIEW_NOT_DUE");
    expect(code(() => planInterview(refused(), { ...input, heldAt: new Date("2027-06-10T10:00:00Z") }, now))).toBe("INTERVIEW_IN_FUTURE");
    expect(code(() => planInterview(refused(), { ...input, participants: " " }, now))).toBe("PARTICIPANTS_REQUIRED");
    expect(code(() => planInterview(refused(), { ...input, outcome: "agreement" }, now))).toBe("AGREED_TRACK_REQUIRED");
    expect(planInterview(refused(), { ...input, outcome: "agreement", agreedCandidateKey: "2PRO|" }, now).agreed).toEqual({ track: "2PRO", subTrack: "" });
    expect(code(() => planInterview(refused({ decision: decision() }), input, now))).toBe("INTERVIEW_AFTER_DECISION");
  });

  it("R-FIN-11: the appeal is recorded within the deadline of a notified decision that differs", () => {
    const f = refused({ interviews: [interview("disagreement")], decision: decision() });
    expect(planAppealRequest(f, "2027-06-15", "2027-06-15")).toEqual({ requestedOn: "2027-06-15" });
    expect(code(() => planAppealRequest(f, "2027-06-16", "2027-06-16"))).toBe("APPEAL_LATE");
    expect(code(() => planAppealRequest(f, "2027-06-10", TODAY))).toBe("APPEAL_BEFORE_NOTICE");
    expect(code(() => planAppealRequest(f, "2027-06-15", TODAY))).toBe("DATE_IN_FUTURE");
    expect(code(() => planAppealRequest(f, "2027-02-30", TODAY))).toBe("BAD_DATE");
    expect(code(() => planAppealRequest({ ...f, decision: decision({ notifiedOn: null, noticeChannel: null, appealDeadline: null }) }, TODAY, TODAY))).toBe(
      "NOT_NOTIFIED",
    );
    expect(code(() => planAppealRequest({ ...f, decision: decision({ differsFromRequest: false, appealDeadline: null }) }, TODAY, TODAY))).toBe(
      "NOT_APPEALABLE",
    );
  });

  it("R-FIN-9: the commission's decision becomes the decision (upheld or changed)", () => {
    const appeal = {
      requestedOn: "2027-06-14",
      commissionDate: null,
      outcome: "pending" as const,
      commissionTrack: null,
      commissionSubTrack: "",
      commissionDecidedAt: null,
    };
    const f = refused({ interviews: [interview("disagreement")], decision: decision(), appeal });
    expect(planCommissionDecision(f, { commissionDate: "2027-06-25", candidateKey: "2GT|", notes: "" }, "2027-06-25")).toMatchObject({
      outcome: "changed",
      item: { track: "2GT" },
    });
    expect(planCommissionDecision(f, { commissionDate: "2027-06-25", candidateKey: "2PRO|", notes: "" }, "2027-06-25").outcome).toBe("upheld");
    expect(code(() => planCommissionDecision(f, { commissionDate: "2027-06-13", candidateKey: "2GT|", notes: "" }, "2027-06-25"))).toBe(
      "COMMISSION_BEFORE_APPEAL",
    );
    expect(code(() => planCommissionDecision({ ...f, appeal: null }, { commissionDate: "2027-06-25", candidateKey: "2GT|", notes: "" }, "2027-06-25"))).toBe(
      "NO_PENDING_APPEAL",
    );
  });

  it("R-FIN-12: the droit au maintien, for a 3e decision that differs, once, not during an appeal", () => {
    const f = refused({ interviews: [interview("disagreement")], decision: decision() });
    expect(maintienOpen(f)).toBe(true);
    expect(() => planMaintien(f)).not.toThrow();
    expect(code(() => planMaintien({ ...f, level: "2GT" }))).toBe("MAINTIEN_3E_ONLY");
    expect(code(() => planMaintien({ ...f, decision: decision({ maintienAt: new Date() }) }))).toBe("MAINTIEN_ALREADY");
    expect(code(() => planMaintien(accepted({ decision: decision({ source: "agreement", differsFromRequest: false, appealDeadline: null }) })))).toBe(
      "MAINTIEN_NOT_OPEN",
    );
  });
});

describe("R-FIN-11 / R-FIN-12: the notice", () => {
  const n: NoticeFacts = {
    studentName: "Léa Martin",
    level: "3e",
    schoolName: "Collège Jean Moulin",
    ...item("2PRO"),
    source: "head",
    differsFromRequest: true,
    reasonKnowledge: "Connaissances fragiles.",
    reasonAbilities: "Capacités pratiques.",
    reasonInterests: "Intérêt pour les métiers.",
    decidedAt: new Date("2027-06-10T10:00:00Z"),
    decidedByName: "M. Principal",
    notifiedOn: "2027-06-11",
    noticeChannel: "email",
    appealDeadline: "2027-06-15",
    appealWorkingDays: 3,
    appealCommissionPresident: "M. l'inspecteur d'académie",
    appealCommissionAddress: "DSDEN, 1 rue de l'Académie, 38000 Grenoble",
  };
  it("R-FIN-11: a differing decision's notice gives the reasons, the deadline in jours ouvrables and the commission", () => {
    const t = noticeText(n);
    expect(t).toContain("Intérêts de l'élève : Intérêt pour les métiers.");
    expect(t).toContain("dans un délai de 3 jours ouvrables à compter de la réception");
    expect(t).toContain("Notification reçue le vendredi 11 juin 2027");
    expect(t).toContain("jusqu'au mardi 15 juin 2027 inclus");
    expect(t).toContain("présidée par M. l'inspecteur d'académie, DSDEN, 1 rue de l'Académie, 38000 Grenoble");
    expect(t).toContain("maintien de votre enfant dans sa classe d'origine");
  });

  it("R-FIN-12: a conforming decision's notice has no appeal nor maintien; a 2GT one never the maintien", () => {
    const conforming = noticeText({ ...n, source: "agreement", differsFromRequest: false, appealDeadline: null });
    expect(conforming).toContain("reprend la proposition du conseil de classe que vous avez acceptée");
    expect(conforming).not.toContain("appel");
    expect(conforming).not.toContain("maintien");
    expect(noticeText({ ...n, level: "2GT" })).not.toContain("maintien");
  });
});
