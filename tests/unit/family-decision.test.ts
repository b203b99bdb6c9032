import { describe, expect, it } from "vitest";
import { academyParametersSchema, AFFECTATION_URL_INVALID_MESSAGE, parametersFromForm } from "@/lib/domain/academy-parameters";
import { MAINTIEN_TEXT } from "@/lib/domain/decision";
import {
  DECISION_AFTER_INTERVIEW_MESSAGE,
  DECISION_NOT_AVAILABLE_MESSAGE,
  describeDecisionStep,
  DISAGREEMENT_REMAINS_MESSAGE,
  NEXT_STEP_LINK_LABEL,
  NEXT_STEP_NO_LINK_TEXT,
  NEXT_STEP_TITLE,
  NO_AGREEMENT_INTERVIEW_MESSAGE,
  NOTICE_PDF_LABEL,
  type DecisionStepFacts,
  type FamilyDecisionFact,
  type FamilyInterviewFact,
} from "@/lib/domain/family-decision";
import { parisDateTime } from "@/lib/domain/paris-time";
import { describeProcedureState, type ProcedureFacts } from "@/lib/domain/procedure-state";
import { appealDeadline } from "@/lib/domain/working-days";

const DECIDED_AT = parisDateTime("2027-06-08", "17:00");
const HEAD_DECISION: FamilyDecisionFact = {
  track: "2PRO",
  subTrack: "",
  specialties: [],
  source: "head",
  differsFromRequest: true,
  reasonKnowledge: "Les acquis en mathématiques restent fragiles.",
  reasonAbilities: "Léa montre un grand sens pratique.",
  reasonInterests: "Léa s'intéresse aux métiers de la vente.",
  notifiedOn: null,
  noticeChannel: null,
  appealDeadline: null,
  decidedAt: DECIDED_AT,
  decidedByName: "Mme Durand",
  maintienAt: null,
};
const AGREED_DECISION: FamilyDecisionFact = {
  ...HEAD_DECISION,
  source: "agreement",
  differsFromRequest: false,
  reasonKnowledge: null,
  reasonAbilities: null,
  reasonInterests: null,
};
const INTERVIEW: FamilyInterviewFact = {
  id: "i1",
  heldAt: parisDateTime("2027-06-07", "10:30"),
  participants: "Mme Claire Martin, Léa, Mme Durand (principale)",
  outcome: "disagreement",
  agreedTrack: null,
  agreedSubTrack: "",
};
const ACADEMY = {
  appealWorkingDays: 3,
  commissionPresident: "M. le directeur académique",
  commissionAddress: "DSDEN de l'Isère, 1 avenue Marcelin Berthelot, 38000 Grenoble",
  affectationUrl: "https://affectation.ac-grenoble.fr",
};
const base: DecisionStepFacts = {
  student: { firstName: "Léa", lastName: "Martin", level: "3e", schoolName: "Collège Stendhal" },
  answer: { kind: "accept" },
  agreements: [{ agrees: true }],
  interviews: [],
  decision: null,
  appeal: null,
  academy: ACADEMY,
  today: "2027-06-09",
  noticeHref: "/famille/eleves/s1/notification",
};
const step = (over: Partial<DecisionStepFacts>) => describeDecisionStep({ ...base, ...over });
const allText = (v: ReturnType<typeof describeDecisionStep>) =>
  [
    v.text,
    v.trackLabel,
    v.disagreement,
    ...v.interviews.flatMap((i) => [i.heading, i.participants, i.outcome]),
    ...v.afterInterview,
    ...(v.notice ?? []).flatMap((s) => [s.title, ...s.paragraphs]),
    v.deadline,
    v.maintien,
    ...(v.appeal?.lines ?? []),
    v.nextStep?.text,
  ]
    .filter(Boolean)
    .join("\n");

// Notice received on Friday 11 June 2027: the 3 jours ouvrables are Sat 12, Mon 14, Tue 15.
const NOTIFIED = { notifiedOn: "2027-06-11", noticeChannel: "email" as const, appealDeadline: appealDeadline("2027-06-11", 3) };

describe("step «3 Décision» of the family page", () => {
  it("R-FIN-8: nothing yet: the decision is not available and there is nothing to do", () => {
    const v = step({});
    expect(v).toMatchObject({ text: DECISION_NOT_AVAILABLE_MESSAGE, trackLabel: null, disagreement: null, notice: null, nextStep: null, noticeLink: null });
    expect(v.interviews).toEqual([]);
    expect(v.todo).toBe("À faire : rien, la décision n'est pas encore prise");
  });

  it("R-FIN-9: the family refused every proposal: the interview is mandatory, contact the head immediately (seed 004)", () => {
    const v = step({ answer: { kind: "refuse_all" }, agreements: [] });
    expect(v.disagreement).toBe(NO_AGREEMENT_INTERVIEW_MESSAGE);
    expect(v.disagreement).toContain("il FAUT contacter IMMÉDIATEMENT le chef d'établissement");
    expect(v.todo).toBe("À faire : contacter immédiatement le chef d'établissement pour l'entretien");
  });

  it("R-FIN-9: a guardian said «Non»: the same mandatory interview", () => {
    const v = step({ agreements: [{ agrees: true }, { agrees: false }] });
    expect(v.disagreement).toBe(NO_AGREEMENT_INTERVIEW_MESSAGE);
    expect(step({ agreements: [{ agrees: true }] }).disagreement).toBeNull();
  });

  it("R-FIN-9: the interview held shows its date, participants and outcome; the decision is then awaited", () => {
    const v = step({ answer: { kind: "refuse_all" }, interviews: [INTERVIEW] });
    expect(v.disagreement).toBeNull();
    expect(v.interviews).toEqual([
      {
        id: "i1",
        heading: "Entretien avec le chef d'établissement le 07/06/2027 à 10:30",
        participants: "Participants : Mme Claire Martin, Léa, Mme Durand (principale)",
        outcome: "Issue de l'entretien : le désaccord est maintenu.",
      },
    ]);
    expect(v.afterInterview).toEqual([DISAGREEMENT_REMAINS_MESSAGE, DECISION_AFTER_INTERVIEW_MESSAGE]);
    expect(v.todo).toBe("À faire : rien, la décision du chef d'établissement est attendue");
    const agreed = step({ answer: { kind: "refuse_all" }, interviews: [{ ...INTERVIEW, outcome: "agreement", agreedTrack: "2GT" }] });
    expect(agreed.interviews[0]!.outcome).toBe("Issue de l'entretien : accord sur la voie « 2de générale et technologique ou 2de STHR ».");
    expect(agreed.afterInterview).toEqual([DECISION_AFTER_INTERVIEW_MESSAGE]);
  });

  it("R-FIN-8: a decision that follows the family's agreement: voie, who and when, no reasons, no appeal, next step with the académie's link", () => {
    const v = step({ decision: AGREED_DECISION });
    expect(v.text).toBe("Décision d'orientation prise le 08/06/2027 à 17:00 :");
    expect(v.trackLabel).toBe("2de professionnelle");
    const text = allText(v);
    expect(text).toContain(
      "Le chef d'établissement (Mme Durand) a pris, le 08/06/2027, la décision d'orientation suivante pour Léa Martin (Collège Stendhal) : 2de professionnelle.",
    );
    expect(text).toContain("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.");
    expect(text).not.toContain("Motifs");
    expect(text).not.toContain("commission d'appel");
    expect(text).not.toContain(MAINTIEN_TEXT);
    expect(v.deadline).toBeNull();
    expect(v.nextStep).toEqual({ title: NEXT_STEP_TITLE, text: expect.any(String), link: { href: ACADEMY.affectationUrl, label: NEXT_STEP_LINK_LABEL } });
    expect(v.noticeLink).toEqual({ href: "/famille/eleves/s1/notification", label: NOTICE_PDF_LABEL });
    expect(v.todo).toBe("À faire : consulter la décision d'orientation");
  });

  it("R-2GT-3 / R-FIN-8: a 1re générale decided after 2de GT names its spécialités in rank order, on the page and in the notice", () => {
    const v = step({
      student: { ...base.student, level: "2GT", schoolName: "Lycée Champollion" },
      decision: { ...AGREED_DECISION, track: "1G", specialties: ["MATHS", "PC", "NSI"] },
    });
    const label = "1re générale (enseignements de spécialité : Mathématiques, Physique-chimie, Numérique et sciences informatiques)";
    expect(v.trackLabel).toBe(label);
    expect(allText(v)).toContain(`la décision d'orientation suivante pour Léa Martin (Lycée Champollion) : ${label}.`);
    expect(allText(v)).not.toContain(MAINTIEN_TEXT);
    expect(step({ decision: { ...AGREED_DECISION, track: "1T", subTrack: "STL_BIO", specialties: [] } }).trackLabel).toBe(
      "1re technologique – série STL option biotechnologies",
    );
  });

  it("R-FIN-11: a decision that differs, before notification: the three reasons, the rule of the deadline in words, the commission; R-FIN-12: the droit au maintien (3e)", () => {
    const v = step({ answer: { kind: "refuse_all" }, interviews: [INTERVIEW], decision: HEAD_DECISION });
    const text = allText(v);
    expect(text).toContain("Cette décision diffère de votre demande.");
    expect(text).toContain("Connaissances de l'élève : Les acquis en mathématiques restent fragiles.");
    expect(text).toContain("Capacités de l'élève : Léa montre un grand sens pratique.");
    expect(text).toContain("Intérêts de l'élève : Léa s'intéresse aux métiers de la vente.");
    expect(text).toContain("dans un délai de 3 jours ouvrables à compter de la réception de cette notification");
    expect(text).toContain("Le délai d'appel court à compter de la réception de cette notification.");
    expect(text).toContain("présidée par M. le directeur académique, DSDEN de l'Isère, 1 avenue Marcelin Berthelot, 38000 Grenoble");
    expect(text).toContain(MAINTIEN_TEXT);
    expect(text).not.toContain("inclus");
    expect(v.deadline).toBeNull();
    // The interview stays on the page after the decision.
    expect(v.interviews).toHaveLength(1);
    expect(v.afterInterview).toEqual([]);
    expect(v.todo).toBe("À faire : consulter la décision d'orientation");
  });

  it("R-FIN-11: once notified, the page gives the last day to appeal and the jours ouvrables left, then says when it has expired", () => {
    const v = step({ decision: { ...HEAD_DECISION, ...NOTIFIED }, today: "2027-06-12" });
    expect(allText(v)).toContain("vous pouvez faire appel jusqu'au mardi 15 juin 2027 inclus.");
    expect(allText(v)).toContain("Notification reçue le vendredi 11 juin 2027 (envoi par courrier électronique)");
    expect(v.deadline).toBe("Délai d'appel : 3 jour(s) ouvrable(s) restant(s), jusqu'au mardi 15 juin 2027 inclus.");
    expect(v.todo).toBe("À faire : consulter la décision d'orientation (appel possible jusqu'au mardi 15 juin 2027 inclus)");
    const expired = step({ decision: { ...HEAD_DECISION, ...NOTIFIED }, today: "2027-06-16" });
    expect(expired.deadline).toBe("Le délai d'appel a expiré le mardi 15 juin 2027 sans appel : la décision d'orientation est définitive.");
    expect(expired.todo).toBe("À faire : consulter la décision d'orientation");
  });

  it("R-FIN-9: an appeal pending: requested on, the commission's date, no more invitation to appeal, the commission's decision awaited", () => {
    const v = step({
      decision: { ...HEAD_DECISION, ...NOTIFIED },
      appeal: {
        requestedOn: "2027-06-14",
        commissionDate: "2027-06-24",
        outcome: "pending",
        commissionTrack: null,
        commissionSubTrack: "",
        commissionDecidedAt: null,
      },
      today: "2027-06-16",
    });
    expect(v.appeal).toEqual({
      title: "Appel de la décision",
      lines: [
        "Appel demandé le lundi 14 juin 2027.",
        "La commission d'appel se réunit le jeudi 24 juin 2027.",
        "La décision de la commission d'appel est attendue : elle deviendra la décision d'orientation.",
      ],
    });
    expect(v.notice!.map((s) => s.title)).not.toContain("Voies de recours");
    expect(v.deadline).toBeNull();
    expect(v.todo).toBe("À faire : rien, la décision de la commission d'appel est attendue");
  });

  it("R-FIN-9: the commission decided: its decision becomes the decision, final", () => {
    const v = step({
      decision: { ...HEAD_DECISION, track: "2GT", source: "commission", differsFromRequest: false, appealDeadline: null, decidedByName: "Mme Durand" },
      appeal: {
        requestedOn: "2027-06-14",
        commissionDate: "2027-06-24",
        outcome: "changed",
        commissionTrack: "2GT",
        commissionSubTrack: "",
        commissionDecidedAt: parisDateTime("2027-06-24", "18:00"),
      },
      today: "2027-06-25",
    });
    expect(v.text).toMatch(/^Décision de la commission d'appel/);
    expect(v.trackLabel).toBe("2de générale et technologique ou 2de STHR");
    expect(v.appeal!.lines).toContain("La commission d'appel s'est réunie le jeudi 24 juin 2027.");
    expect(v.appeal!.lines.at(-1)).toBe(
      "Décision de la commission d'appel : 2de générale et technologique ou 2de STHR (elle modifie la décision du chef d'établissement). Cette décision est définitive : elle devient la décision d'orientation.",
    );
    expect(allText(v)).toContain("Cette décision de la commission d'appel est définitive.");
    expect(allText(v)).not.toContain(MAINTIEN_TEXT);
    expect(v.todo).toBe("À faire : consulter la décision d'orientation");
  });

  it("R-FIN-12: the maintien recorded by the school is said", () => {
    const v = step({ decision: { ...HEAD_DECISION, ...NOTIFIED, maintienAt: parisDateTime("2027-06-18", "09:00") }, today: "2027-06-18" });
    expect(v.maintien).toBe("Le maintien de Léa dans sa classe d'origine (3e) pour une année scolaire a été enregistré par l'établissement le 18/06/2027.");
    expect(step({ decision: HEAD_DECISION }).maintien).toBeNull();
  });

  it("R-FIN-12: a 2GT decision that differs carries no droit au maintien text", () => {
    const v = step({ student: { ...base.student, level: "2GT" }, decision: { ...HEAD_DECISION, track: "1T", subTrack: "STMG" } });
    expect(v.trackLabel).toContain("série STMG");
    expect(allText(v)).toContain("Motifs de la décision");
    expect(allText(v)).not.toContain(MAINTIEN_TEXT);
  });

  it("R-FIN-12: the next step is the affectation, with the académie's link, or without a link when the académie gave none", () => {
    const without = step({ decision: AGREED_DECISION, academy: { ...ACADEMY, affectationUrl: "" } });
    expect(without.nextStep?.title).toBe("Prochaine étape : l'affectation");
    expect(without.nextStep?.link).toBeNull();
    expect(without.nextStep?.text).toContain(NEXT_STEP_NO_LINK_TEXT);
    expect(step({ decision: AGREED_DECISION }).nextStep?.link?.href).toBe("https://affectation.ac-grenoble.fr");
    expect(step({ decision: AGREED_DECISION, noticeHref: null }).noticeLink).toBeNull();
  });
});

describe("the family home's one-line state", () => {
  const facts: ProcedureFacts = {
    outOfProcedure: false,
    service: { open: false, reason: "campaign_closed" },
    validated: null,
    opinionsPublished: true,
    acknowledged: null,
    decisionPublished: false,
    final: {
      opened: true,
      service: { open: false, reason: "campaign_closed" },
      validated: null,
      proposalsPublished: true,
      answered: { byName: "Mme Claire Martin", at: parisDateTime("2027-06-02", "18:00"), bySchool: false },
      agreementsAwaited: 0,
    },
  };
  const outcome = { disagreement: false, interviewHeldAt: null, decision: null, appeal: null, today: "2027-06-12" };
  const state = (o: Partial<NonNullable<ProcedureFacts["outcome"]>>, decisionPublished = false) =>
    describeProcedureState({ ...facts, decisionPublished, outcome: { ...outcome, ...o } });
  const decision = { source: "head" as const, differsFromRequest: true, notifiedOn: null, appealDeadline: null, maintienAt: null };

  it("R-FIN-9: disagreement, then the interview held", () => {
    expect(state({ disagreement: true })).toEqual({
      label: "Aucun accord : entretien obligatoire avec le chef d'établissement, à contacter immédiatement",
      tone: "todo",
    });
    expect(state({ disagreement: true, interviewHeldAt: parisDateTime("2027-06-07", "10:30") })).toEqual({
      label: "Entretien avec le chef d'établissement tenu le 07/06/2027 : décision d'orientation attendue",
      tone: "info",
    });
  });

  it("R-FIN-11 / R-FIN-12: the decision, its appeal deadline, the maintien", () => {
    expect(state({ decision }, true).label).toBe("Décision d'orientation disponible");
    expect(state({ decision: { ...decision, notifiedOn: "2027-06-11", appealDeadline: "2027-06-15" } }, true)).toEqual({
      label: "Décision d'orientation disponible – appel possible jusqu'au mardi 15 juin 2027 inclus",
      tone: "todo",
    });
    expect(state({ decision: { ...decision, maintienAt: parisDateTime("2027-06-18", "09:00") } }, true).label).toBe(
      "Décision d'orientation disponible – maintien dans la classe d'origine enregistré",
    );
  });

  it("R-FIN-9: the appeal pending, then the commission's decision", () => {
    expect(state({ decision, appeal: { outcome: "pending" } }, true)).toEqual({
      label: "Appel en cours : décision de la commission d'appel attendue",
      tone: "info",
    });
    expect(state({ decision: { ...decision, source: "commission" }, appeal: { outcome: "upheld" } }, true)).toEqual({
      label: "Décision de la commission d'appel disponible",
      tone: "done",
    });
  });

  it("R-FIN-8: without disagreement nor decision, the final phase's state stands", () => {
    expect(state({}).label).toMatch(/^Réponse aux propositions du conseil de classe enregistrée/);
  });
});

describe("the académie's affectation link", () => {
  const form = {
    senderEmail: "ne-pas-repondre@ac-grenoble.fr",
    appealDeadlineWorkingDays: "3",
    appealCommissionPresident: "M. le DASEN",
    appealCommissionAddress: "DSDEN de l'Isère",
  };
  const parse = (affectationUrl: unknown) => academyParametersSchema.safeParse(parametersFromForm({ ...form, affectationUrl }));

  it("R-FIN-12: an https address, or empty (no link)", () => {
    expect(parse("https://affectation.ac-grenoble.fr/3e").data?.affectationUrl).toBe("https://affectation.ac-grenoble.fr/3e");
    expect(parse("  ").data?.affectationUrl).toBe("");
    expect(parse(undefined).data?.affectationUrl).toBe("");
  });

  it("R-FIN-12: anything else is refused with a French message", () => {
    for (const bad of [
      "http://affectation.ac-grenoble.fr",
      "javascript:alert(1)",
      "affectation.ac-grenoble.fr",
      "https://",
      "https://user:pw@ac-grenoble.fr",
      "https://localhost",
    ]) {
      const r = parse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message, bad).toBe(AFFECTATION_URL_INVALID_MESSAGE);
    }
  });
});
