import { describe, expect, it } from "vitest";
import { answerAgreementEmail } from "@/emails/answer-agreement";
import { FINAL_CHOICES_OTHER_ENDING, FINAL_CHOICES_RECAP_SUBJECT, intentionsRecapEmail } from "@/emails/intentions-recap";
import { proposalsAnswerEmail, PROPOSALS_ANSWER_SUBJECT } from "@/emails/proposals-answer";
import { DomainError } from "@/lib/domain/errors";
import {
  AGREEMENT_BY_OTHER_ONLY_MESSAGE,
  AGREEMENT_NOT_ASKED_ADULT_MESSAGE,
  ANSWER_ALREADY_GIVEN_MESSAGE,
  ANSWER_BY_HOLDER_ONLY_MESSAGE,
  ANSWER_BY_SCHOOL_MESSAGE,
  answerInput,
  assertCanAgree,
  assertValidAnswer,
  NO_CHOICE_IN_ANSWER_MESSAGE,
  PROPOSAL_NOT_ACCEPTABLE_MESSAGE,
  type PublishedProposalFact,
} from "@/lib/domain/family-answer";
import {
  buildFamilyFileView,
  chooseStep,
  defaultStep,
  DECISION_NOT_AVAILABLE_MESSAGE,
  FINAL_CHOICES_HEADING,
  NO_OPINIONS_EVER_MESSAGE,
  type FamilyFileFacts,
  type FinalFacts,
} from "@/lib/domain/family-page";
import { parisDateTime } from "@/lib/domain/paris-time";
import { describeProcedureState, type ProcedureFacts } from "@/lib/domain/procedure-state";

const school = {
  name: "Collège Stendhal",
  address: "12 rue Hector Berlioz",
  postalCode: "38000",
  city: "Grenoble",
  phone: "04 76 12 34 50",
  email: "ce@example.fr",
};
const NOW = parisDateTime("2027-04-12", "10:00");
const AT = parisDateTime("2027-04-10", "09:30");

const proposals: PublishedProposalFact[] = [
  {
    id: "p-yes",
    kind: "answer_to_choice",
    rank: 1,
    track: "2PRO",
    freeText: null,
    statusSchool: false,
    statusApprentice: false,
    answer: "yes",
    motivation: null,
  },
  {
    id: "p-no",
    kind: "answer_to_choice",
    rank: 2,
    track: "2GT",
    freeText: null,
    statusSchool: false,
    statusApprentice: false,
    answer: "no",
    motivation: "Résultats",
  },
  { id: "p-extra", kind: "extra", rank: 1, track: "CAP", freeText: null, statusSchool: false, statusApprentice: false, answer: null, motivation: "Projet" },
];

const finalFacts: FinalFacts = {
  service: { open: true },
  studentIsAdult: false,
  viewerGuardianId: "G1",
  guardians: [
    { id: "G1", name: "Mme Claire Martin", accountId: "g1" },
    { id: "G2", name: "M. Paul Martin", accountId: "g2" },
  ],
  request: null,
  proposals: [],
  answer: null,
  agreements: [],
  decision: null,
};
const facts: FamilyFileFacts = {
  student: {
    id: "s1",
    firstName: "Léa",
    lastName: "Martin",
    divisionCode: "3D",
    schoolName: "Collège Stendhal",
    level: "3e",
    termMode: "trimester",
    service: { open: false, reason: "campaign_closed" },
    calendar: [
      { phase: "provisional", termLabel: "Deuxième trimestre", opensAt: parisDateTime("2026-11-02", "08:00"), closesAt: parisDateTime("2027-03-01", "18:00") },
      { phase: "final", termLabel: "Troisième trimestre", opensAt: parisDateTime("2027-04-01", "08:00"), closesAt: parisDateTime("2027-05-30", "18:00") },
    ],
  },
  allowTrackDetails: true,
  viewer: { accountId: "g1", mayEnter: true },
  request: null,
  opinions: [{ rank: 1, track: "2GT", freeText: null, statusSchool: false, statusApprentice: false, value: "favorable", comment: null }],
  acknowledgement: { actorName: "M. Paul Martin", acknowledgedAt: AT },
  decisionPublished: false,
  now: NOW,
  final: finalFacts,
};
const finalRequest = {
  holderAccountId: "g2",
  holderName: "M. Paul Martin",
  validatedAt: AT,
  items: [{ track: "2PRO" as const, freeText: null, statusSchool: false, statusApprentice: false }],
};
const view = (over: Partial<FamilyFileFacts> = {}, fin: Partial<FinalFacts> = {}) =>
  buildFamilyFileView({ ...facts, ...over, final: { ...finalFacts, ...fin } });

function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error("no refusal");
}

describe("R-CAL-2: the step bar", () => {
  it("R-CAL-2: default step 3 with a decision, 2 once the final window has opened (even closed since), else 1", () => {
    const opensAt = parisDateTime("2027-04-01", "08:00");
    expect(defaultStep({ decisionPublished: true, finalOpensAt: opensAt, now: NOW })).toBe(3);
    expect(defaultStep({ decisionPublished: false, finalOpensAt: opensAt, now: NOW })).toBe(2);
    expect(defaultStep({ decisionPublished: false, finalOpensAt: opensAt, now: parisDateTime("2027-07-01", "08:00") })).toBe(2);
    expect(defaultStep({ decisionPublished: false, finalOpensAt: opensAt, now: parisDateTime("2027-03-01", "08:00") })).toBe(1);
    expect(defaultStep({ decisionPublished: false, finalOpensAt: null, now: NOW })).toBe(1);
  });

  it("R-CAL-2: `?etape=` accepts 1, 2 or 3 only; anything else gives the default step", () => {
    expect(chooseStep("1", 2)).toBe(1);
    expect(chooseStep("3", 2)).toBe(3);
    for (const bad of ["0", "4", "", "2.0", " 2", "deux", null, undefined]) expect(chooseStep(bad, 1)).toBe(1);
  });

  it("R-CAL-2: the steps are links, the procedure's current one marked, each with its « À faire : … »", () => {
    const v = view({}, { request: null });
    expect(v.stepLinks.map((s) => [s.label, s.href, s.current, s.selected])).toEqual([
      ["Intentions provisoires", "?etape=1", false, false],
      ["Choix définitifs", "?etape=2", true, true],
      ["Décision", "?etape=3", false, false],
    ]);
    expect(v.stepLinks.map((s) => s.todo)).toEqual([
      "À faire : rien, consultation seulement",
      "À faire : saisir les choix définitifs",
      "À faire : rien, la décision n'est pas encore prise",
    ]);
    expect(view({ requestedStep: "1" }).selectedStep).toBe(1);
  });

  it("R-FIN-13: in the head's simulation the step links keep the simulated guardian", () => {
    expect(view({ stepQuery: "&responsable=2" }).stepLinks.map((s) => s.href)).toEqual([
      "?etape=1&responsable=2",
      "?etape=2&responsable=2",
      "?etape=3&responsable=2",
    ]);
  });

  it("R-FIN-12 (display): step 3 shows the published decision, or says it is not available yet", () => {
    expect(view({ requestedStep: "3" }).decision).toMatchObject({ trackLabel: null, text: DECISION_NOT_AVAILABLE_MESSAGE, notice: null });
    const decided = view(
      {},
      {
        decision: {
          track: "2PRO",
          subTrack: "",
          specialties: [],
          source: "agreement",
          differsFromRequest: false,
          reasonKnowledge: null,
          reasonAbilities: null,
          reasonInterests: null,
          notifiedOn: null,
          noticeChannel: null,
          appealDeadline: null,
          decidedAt: AT,
          decidedByName: "Mme Durand",
          maintienAt: null,
        },
      },
    );
    expect(decided.selectedStep).toBe(3);
    expect(decided.decision).toMatchObject({ trackLabel: "2de professionnelle", text: "Décision d'orientation prise le 10/04/2027 à 09:30 :" });
  });
});

describe("R-FIN-1 / R-FIN-2 / R-FIN-3: step 2, the final choices", () => {
  it("R-FIN-3 / R-CAL-4: headed by the final term label, with the instructions of seed 001", () => {
    expect(view().final.heading).toBe(`Troisième trimestre : ${FINAL_CHOICES_HEADING}`);
    expect(view({ student: { ...facts.student, termMode: "semester" } }).final.heading).toBe(`Second semestre : ${FINAL_CHOICES_HEADING}`);
    expect(view().final.instructions).toContain("Vous devez obligatoirement saisir un choix.");
  });

  it("R-FIN-2: without an acknowledgement the guardian acknowledges first; with no avis ever published, no editor", () => {
    expect(view({ acknowledgement: null }).final.choices).toEqual({ mode: "ack_first" });
    expect(view({ acknowledgement: null }).stepLinks[1]!.todo).toBe("À faire : accuser réception des avis provisoires, puis saisir les choix définitifs");
    expect(view({ acknowledgement: null, opinions: [] }).final.choices).toEqual({ mode: "none", text: NO_OPINIONS_EVER_MESSAGE });
    expect(view().final.choices).toEqual({ mode: "edit", hasValidated: false });
  });

  it("R-FIN-1: the holder of the final phase edits; the other guardian and the student read, with who and when", () => {
    const holder = view({ viewer: { accountId: "g2", mayEnter: true } }, { request: finalRequest, viewerGuardianId: "G2" });
    expect(holder.final.choices).toEqual({ mode: "edit", hasValidated: true });
    const other = view({}, { request: finalRequest });
    expect(other.final.choices).toEqual({ mode: "readonly", enteredBy: "Choix définitifs saisis par M. Paul Martin le 10/04/2027 à 09:30" });
    expect(view({ viewer: { accountId: "s", mayEnter: false } }, { request: finalRequest, viewerGuardianId: null }).final.choices.mode).toBe("readonly");
  });
});

describe("R-FIN-6 / R-FIN-7: the proposals, the answer and the agreement", () => {
  it("R-FIN-6: each choice with the council's «Oui» / «Non» and motivation, then the voies proposed; a «Non» is not acceptable", () => {
    const v = view({}, { request: finalRequest, proposals });
    expect(v.final.proposals!.choices.map((p) => [p.rank, p.trackLabel, p.councilAnswer, p.motivation, p.acceptable])).toEqual([
      [1, "2de professionnelle", "Oui", null, true],
      [2, "2de générale et technologique ou 2de STHR", "Non", "Résultats", false],
    ]);
    expect(v.final.proposals!.extras.map((p) => [p.trackLabel, p.councilAnswer, p.acceptable])).toEqual([["1re année de CAP", null, true]]);
    // Choices are frozen once proposals are published.
    expect(v.final.choices.mode).toBe("readonly");
  });

  it("R-FIN-6: the holder gets the answer form; the other guardian waits; without a family holder, the school enters the answer", () => {
    const holder = view({ viewer: { accountId: "g2", mayEnter: true } }, { request: finalRequest, proposals, viewerGuardianId: "G2" });
    expect(holder.final.answer).toEqual({ mode: "form", studentId: "s1" });
    expect(holder.stepLinks[1]!.todo).toBe("À faire : répondre aux propositions du conseil de classe");
    expect(view({}, { request: finalRequest, proposals }).final.answer).toEqual({ mode: "waiting", text: ANSWER_BY_HOLDER_ONLY_MESSAGE });
    expect(view({}, { request: null, proposals }).final.answer).toEqual({ mode: "waiting", text: ANSWER_BY_SCHOOL_MESSAGE });
  });

  it("R-FIN-6 / R-FIN-7: the final council still open does not stop the answer nor the agreement; the school's closed service does", () => {
    const councilOpen = { service: { open: false as const, reason: "council_open" as const } };
    const holder = view({ viewer: { accountId: "g2", mayEnter: true } }, { request: finalRequest, proposals, viewerGuardianId: "G2", ...councilOpen });
    expect(holder.final.answer).toEqual({ mode: "form", studentId: "s1" });
    expect(holder.final.serviceMessage).toBeNull();
    const closed = { service: { open: false as const, reason: "school_closed" as const } };
    expect(
      view({ viewer: { accountId: "g2", mayEnter: true } }, { request: finalRequest, proposals, viewerGuardianId: "G2", ...closed }).final.answer.mode,
    ).toBe("waiting");
  });

  it("R-FIN-6: the answer is validated: at least one acceptable published proposal of this student, or refuse all; once", () => {
    expect(assertValidAnswer({ proposals, existing: null, answer: { kind: "accept", acceptedProposalIds: ["p-yes", "p-extra", "p-yes"] } })).toEqual([
      "p-yes",
      "p-extra",
    ]);
    expect(assertValidAnswer({ proposals, existing: null, answer: { kind: "refuse_all" } })).toEqual([]);
    expect(thrown(() => assertValidAnswer({ proposals, existing: null, answer: { kind: "accept", acceptedProposalIds: ["p-no"] } })).message).toBe(
      PROPOSAL_NOT_ACCEPTABLE_MESSAGE,
    );
    expect(thrown(() => assertValidAnswer({ proposals, existing: null, answer: { kind: "accept", acceptedProposalIds: ["elsewhere"] } })).message).toBe(
      PROPOSAL_NOT_ACCEPTABLE_MESSAGE,
    );
    expect(thrown(() => assertValidAnswer({ proposals, existing: null, answer: { kind: "accept", acceptedProposalIds: [] } })).message).toBe(
      NO_CHOICE_IN_ANSWER_MESSAGE,
    );
    const existing = {
      source: "family" as const,
      accountId: "g2",
      actorName: "M. Paul Martin",
      kind: "refuse_all" as const,
      acceptedProposalIds: [],
      answeredAt: AT,
    };
    expect(thrown(() => assertValidAnswer({ proposals, existing, answer: { kind: "refuse_all" } })).message).toBe(ANSWER_ALREADY_GIVEN_MESSAGE);
    // The action's schema refuses forged shapes.
    expect(answerInput.safeParse({ studentId: "6f1c1f55-4b8c-4d4b-9d57-1f4a3d1c2b3a", kind: "accept", acceptedProposalIds: [] }).success).toBe(false);
    expect(answerInput.safeParse({ studentId: "6f1c1f55-4b8c-4d4b-9d57-1f4a3d1c2b3a", kind: "refuse_all", acceptedProposalIds: ["x"] }).success).toBe(false);
  });

  it("R-FIN-7: after the answer, the other guardian is asked «Oui» / «Non» once; the one who answered is not; an adult student's guardians are not", () => {
    const answer = {
      source: "family" as const,
      accountId: "g2",
      actorName: "M. Paul Martin",
      kind: "accept" as const,
      acceptedProposalIds: ["p-yes"],
      answeredAt: AT,
    };
    const g1 = view({}, { request: finalRequest, proposals, answer });
    expect(g1.final.answer).toMatchObject({
      mode: "done",
      text: "Réponse saisie le 10/04/2027 à 09:30 par M. Paul Martin.",
      accepted: ["2de professionnelle"],
    });
    expect(g1.final.agreement).toEqual({
      lines: ["Accord de Mme Claire Martin : en attente."],
      form: { question: expect.any(String) },
      disagreementText: null,
    });
    expect(g1.stepLinks[1]!.todo).toBe("À faire : signifier votre accord ou votre désaccord avec la réponse");
    const g2 = view({ viewer: { accountId: "g2", mayEnter: true } }, { request: finalRequest, proposals, answer, viewerGuardianId: "G2" });
    expect(g2.final.agreement!.form).toBeNull();
    const agreed = view(
      {},
      {
        request: finalRequest,
        proposals,
        answer,
        agreements: [{ guardianId: "G1", source: "family", accountId: "g1", actorName: "Mme Claire Martin", agrees: true, answeredAt: NOW }],
      },
    );
    expect(agreed.final.agreement).toEqual({
      lines: ["Accord avec la réponse : « Oui », saisi le 12/04/2027 à 10:00 par Mme Claire Martin."],
      form: null,
      disagreementText: null,
    });
    expect(view({}, { request: finalRequest, proposals, answer, studentIsAdult: true }).final.agreement).toBeNull();

    const base = { studentIsAdult: false, answer, guardianId: "G1", accountId: "g1", existing: null };
    expect(() => assertCanAgree(base)).not.toThrow();
    expect(thrown(() => assertCanAgree({ ...base, accountId: "g2", guardianId: "G2" })).message).toBe(AGREEMENT_BY_OTHER_ONLY_MESSAGE);
    expect(thrown(() => assertCanAgree({ ...base, studentIsAdult: true })).message).toBe(AGREEMENT_NOT_ASKED_ADULT_MESSAGE);
    expect(thrown(() => assertCanAgree({ ...base, answer: null })).code).toBe("NO_ANSWER_YET");
  });
});

describe("the final phase's e-mails", () => {
  it("R-FIN-3: the final recap has its own subject, «Choix n» items and, for the other guardian, the seed 001 ending", () => {
    const vars = {
      variant: "other" as const,
      phase: "final" as const,
      enteredBy: "M. Paul Martin",
      enteredAt: "10/04/2027 à 09:30",
      studentName: "Léa Martin",
      items: [{ label: "2de professionnelle", details: [] }],
      school,
    };
    expect(intentionsRecapEmail.subject(vars)).toBe(FINAL_CHOICES_RECAP_SUBJECT);
    expect(intentionsRecapEmail.text(vars)).toContain("Choix 1 : 2de professionnelle");
    expect(intentionsRecapEmail.text(vars)).toContain(`par M. Paul Martin, nous vous informons par cet email que le(s) choix définitif(s)`);
    expect(intentionsRecapEmail.text(vars)).toContain(FINAL_CHOICES_OTHER_ENDING);
    expect(intentionsRecapEmail.text({ ...vars, variant: "holder" })).not.toContain(FINAL_CHOICES_OTHER_ENDING);
    expect(intentionsRecapEmail.subject({ ...vars, phase: undefined })).toBe("[ORIENTATION] Saisie des intentions d'orientation");
  });

  it("R-FIN-6: the answer e-mail: holder vs other wording; a refusal of every proposal says to contact the head IMMEDIATEMENT", () => {
    const vars = {
      variant: "other" as const,
      answeredBy: "M. Paul Martin",
      answeredAt: "12/04/2027 à 10:00",
      studentName: "Léa Martin",
      accepted: ["2de professionnelle"],
      refusedAll: false,
      agreementAsked: true,
      school,
    };
    expect(proposalsAnswerEmail.subject(vars)).toBe(PROPOSALS_ANSWER_SUBJECT);
    const other = proposalsAnswerEmail.text(vars);
    expect(other).toContain("par M. Paul Martin");
    expect(other).toContain("signifier votre accord (« Oui ») ou votre désaccord (« Non »)");
    expect(other).toContain("En cas de désaccord, veuillez prendre contact avec le chef d'établissement.");
    const holder = proposalsAnswerEmail.text({ ...vars, variant: "holder" });
    expect(holder).toContain("que vous avez effectuée en ligne");
    expect(holder).not.toContain("signifier votre accord (« Oui »)");
    const refused = proposalsAnswerEmail.text({ ...vars, refusedAll: true, accepted: [] });
    expect(refused).toContain("vous devez prendre contact IMMEDIATEMENT avec le chef d'établissement pour un rendez-vous sans délai, en présence de l'élève");
    expect(proposalsAnswerEmail.html({ ...vars, answeredBy: "<b>x</b>" })).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("R-FIN-7: the agreement e-mail; a disagreement makes the interview with the head mandatory", () => {
    const vars = { agreedBy: "Mme Claire Martin", agreedAt: "12/04/2027 à 10:05", agrees: false, studentName: "Léa Martin", school };
    expect(answerAgreementEmail.subject(vars)).toBe("[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe");
    expect(answerAgreementEmail.text(vars)).toContain("son désaccord (« Non »)");
    expect(answerAgreementEmail.text(vars)).toContain("un entretien avec le chef d'établissement est obligatoire");
    expect(answerAgreementEmail.text({ ...vars, agrees: true })).not.toContain("entretien");
  });
});

describe("R-CAL-2: the family home's one line per phase", () => {
  const base: ProcedureFacts = {
    outOfProcedure: false,
    service: { open: false, reason: "campaign_closed" },
    validated: null,
    opinionsPublished: true,
    acknowledged: null,
    decisionPublished: false,
    final: { opened: true, service: { open: true }, validated: null, proposalsPublished: false, answered: null, agreementsAwaited: 0 },
  };
  const fin = base.final!;
  it("R-CAL-2: acknowledgement first, choices to enter, validated, proposals to answer, agreement awaited, answered", () => {
    expect(describeProcedureState(base).label).toBe("Accusé de réception à faire avant la saisie des choix définitifs");
    expect(describeProcedureState({ ...base, acknowledged: { byName: "x", at: AT } }).label).toBe("Choix définitifs à saisir");
    expect(describeProcedureState({ ...base, final: { ...fin, validated: { byName: "M. Paul Martin", at: AT } } }).label).toBe(
      "Choix définitifs validés le 10/04/2027 à 09:30 par M. Paul Martin (modifiables jusqu'à la fermeture du service)",
    );
    expect(describeProcedureState({ ...base, final: { ...fin, proposalsPublished: true } }).label).toBe(
      "Propositions du conseil de classe disponibles : réponse à faire",
    );
    const answered = { byName: "M. Paul Martin", at: AT, bySchool: false };
    expect(describeProcedureState({ ...base, final: { ...fin, proposalsPublished: true, answered, agreementsAwaited: 1 } }).label).toBe(
      "Réponse enregistrée : accord de l'autre représentant légal attendu",
    );
    expect(describeProcedureState({ ...base, final: { ...fin, proposalsPublished: true, answered: { ...answered, bySchool: true } } }).label).toBe(
      "Réponse aux propositions du conseil de classe enregistrée le 10/04/2027 à 09:30 par l'établissement (M. Paul Martin)",
    );
    expect(describeProcedureState({ ...base, final: { ...fin, opened: false } }).label).toBe(
      "Avis provisoires du conseil de classe disponibles : accusé de réception à faire",
    );
  });
});

describe("R-CAL-2: step 1 during the final phase", () => {
  it("R-CAL-2: step 1 stays readable once the final phase has opened, without the provisional window's closed-campaign message", () => {
    const one = view({ requestedStep: "1", request: { ...finalRequest, holderAccountId: "g1" } });
    expect(one.selectedStep).toBe(1);
    expect(one.view.serviceMessage).toBeNull();
    expect(one.view.intentions.mode).toBe("readonly");
    expect(one.view.opinions).toMatchObject({ mode: "shown", acknowledgement: { state: "done" } });
  });
});
