import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import {
  planSimulation,
  simulationBanner,
  simulationRank,
  simulationSwitch,
  SIMULATION_NO_ACCOUNT_MESSAGE,
  SIMULATION_NO_GUARDIAN_MESSAGE,
  SIMULATION_NOT_YET_MESSAGE,
} from "@/lib/domain/family-simulation";
import {
  describeFamilyAnswersPage,
  FOREIGN_GUARDIAN_MESSAGE,
  FOREIGN_PROPOSAL_MESSAGE,
  NO_STUDENT_WITH_PROPOSALS_TEXT,
  planSchoolAnswer,
  REFUSED_PROPOSAL_MESSAGE,
  type FamilyAnswersStudentFacts,
  type ProposalFact,
  type SchoolAnswerInput,
  type StudentAnswerFacts,
} from "@/lib/domain/school-family-answers";
import { describeCounts, transferAuditEntries } from "@/lib/domain/transfer-runs";

const T0 = new Date("2027-06-10T08:00:00Z");
const T1 = new Date("2027-06-11T14:30:00Z");

const proposal = (id: string, rank: number, track: string, kind: ProposalFact["kind"], answer: ProposalFact["answer"]): ProposalFact => ({
  id,
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
  kind,
  answer,
  motivation: null,
});

const G1 = { id: "g1", rank: 1, civility: "Mme", firstName: "Anne", lastName: "Martin" };
const G2 = { id: "g2", rank: 2, civility: "M.", firstName: "Paul", lastName: "Martin" };

const facts = (over: Partial<StudentAnswerFacts> = {}): StudentAnswerFacts => ({
  proposals: [
    proposal("p-yes", 1, "2GT", "answer_to_choice", "yes"),
    proposal("p-no", 2, "2PRO", "answer_to_choice", "no"),
    proposal("p-extra", 3, "CAP", "extra", null),
  ],
  guardians: [G1, G2],
  answer: null,
  agreements: [],
  ...over,
});

const input = (over: Partial<SchoolAnswerInput> = {}): SchoolAnswerInput => ({
  kind: "accept",
  acceptedProposalIds: ["p-yes"],
  answeredByGuardianId: "g1",
  otherAgreement: true,
  confirmed: false,
  ...over,
});

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("not refused");
}

describe("R-FIN-10: the rules of an answer entered by the school", () => {
  it("R-FIN-10: an accepted «Oui» and a voie proposed by the council are written with the answering guardian's and the other's agreement", () => {
    expect(planSchoolAnswer(facts(), input({ acceptedProposalIds: ["p-yes", "p-extra", "p-yes"], otherAgreement: false }))).toEqual({
      changed: true,
      answer: { kind: "accept", acceptedProposalIds: ["p-yes", "p-extra"] },
      clearAgreements: true,
      agreements: [
        { guardianId: "g1", agrees: true },
        { guardianId: "g2", agrees: false },
      ],
    });
  });

  it("R-FIN-10: refusing them all names no proposal; the other's agreement may be left for later", () => {
    expect(planSchoolAnswer(facts(), input({ kind: "refuse_all", acceptedProposalIds: [], answeredByGuardianId: "g2", otherAgreement: null }))).toEqual({
      changed: true,
      answer: { kind: "refuse_all", acceptedProposalIds: [] },
      clearAgreements: true,
      agreements: [{ guardianId: "g2", agrees: true }],
    });
    expect(refusal(() => planSchoolAnswer(facts(), input({ kind: "refuse_all", acceptedProposalIds: ["p-yes"] }))).code).toBe("REFUSE_WITH_IDS");
  });

  it("R-FIN-10: a proposal of another student, a «Non» of the council, nothing accepted, a guardian of another student are refused in French", () => {
    expect(refusal(() => planSchoolAnswer(facts(), input({ acceptedProposalIds: ["p-of-someone-else"] })))).toEqual({
      code: "FOREIGN_PROPOSAL",
      message: FOREIGN_PROPOSAL_MESSAGE,
    });
    expect(refusal(() => planSchoolAnswer(facts(), input({ acceptedProposalIds: ["p-no"] })))).toEqual({
      code: "REFUSED_PROPOSAL",
      message: REFUSED_PROPOSAL_MESSAGE,
    });
    expect(refusal(() => planSchoolAnswer(facts(), input({ acceptedProposalIds: [] }))).code).toBe("NOTHING_ACCEPTED");
    expect(refusal(() => planSchoolAnswer(facts(), input({ answeredByGuardianId: "g-other-family" })))).toEqual({
      code: "FOREIGN_GUARDIAN",
      message: FOREIGN_GUARDIAN_MESSAGE,
    });
    expect(refusal(() => planSchoolAnswer(facts({ proposals: [] }), input())).code).toBe("NO_PROPOSAL");
    expect(refusal(() => planSchoolAnswer(facts({ guardians: [G1] }), input({ otherAgreement: true }))).code).toBe("NO_OTHER_GUARDIAN");
  });

  it("R-FIN-10: the same entry twice writes nothing; adding the other's agreement later writes only that agreement", () => {
    const saved = facts({
      answer: { source: "school", kind: "accept", acceptedProposalIds: ["p-extra", "p-yes"], answeredByName: "Mme Cheffe", answeredAt: T0 },
      agreements: [{ guardianId: "g1", source: "school", agrees: true, answeredByName: "Mme Cheffe", answeredAt: T0 }],
    });
    expect(planSchoolAnswer(saved, input({ acceptedProposalIds: ["p-yes", "p-extra"], otherAgreement: null }))).toEqual({ changed: false });
    expect(planSchoolAnswer(saved, input({ acceptedProposalIds: ["p-yes", "p-extra"], otherAgreement: true }))).toEqual({
      changed: true,
      answer: null,
      clearAgreements: false,
      agreements: [{ guardianId: "g2", agrees: true }],
    });
    // Another answer: a new answer, whose agreements replace the previous ones.
    expect(planSchoolAnswer(saved, input({ acceptedProposalIds: ["p-yes"] }))).toMatchObject({ changed: true, clearAgreements: true });
  });

  it("R-FIN-10: replacing an answer or an agreement given online (TS) needs the confirmation", () => {
    const online = facts({ answer: { source: "family", kind: "refuse_all", acceptedProposalIds: [], answeredByName: "Mme Anne Martin", answeredAt: T1 } });
    const r = refusal(() => planSchoolAnswer(online, input()));
    expect(r.code).toBe("CONFIRMATION_REQUIRED");
    expect(r.message).toBe(
      "Attention : la famille a déjà répondu en ligne (TS, Mme Anne Martin, le 11/06/2027 à 16:30). Confirmez pour remplacer sa réponse par celle que vous saisissez.",
    );
    expect(planSchoolAnswer(online, input({ confirmed: true }))).toMatchObject({ changed: true });
    const onlineAgreement = facts({
      answer: { source: "school", kind: "accept", acceptedProposalIds: ["p-yes"], answeredByName: "Mme Cheffe", answeredAt: T0 },
      agreements: [
        { guardianId: "g1", source: "school", agrees: true, answeredByName: "Mme Cheffe", answeredAt: T0 },
        { guardianId: "g2", source: "family", agrees: true, answeredByName: "M. Paul Martin", answeredAt: T1 },
      ],
    });
    expect(refusal(() => planSchoolAnswer(onlineAgreement, input({ otherAgreement: false }))).code).toBe("CONFIRMATION_REQUIRED");
    expect(planSchoolAnswer(onlineAgreement, input({ otherAgreement: true }))).toEqual({ changed: false });
  });
});

describe("R-FIN-10: the screen «Saisie des réponses des familles»", () => {
  const student = (over: Partial<FamilyAnswersStudentFacts>): FamilyAnswersStudentFacts => ({
    id: "s1",
    firstName: "Léa",
    lastName: "Martin",
    ...facts(),
    ...over,
  });

  it("R-FIN-10: lists the students with proposals, their «Oui»/«Non», and who answered and when (TS for an online answer)", () => {
    const v = describeFamilyAnswersPage({
      divisions: [
        { id: "d3c", code: "3C", level: "3e" },
        { id: "d3a", code: "3A", level: "3e" },
      ],
      chosen: {
        id: "d3c",
        code: "3C",
        students: [
          student({ id: "s0", lastName: "Zola", proposals: [] }),
          student({
            answer: { source: "family", kind: "accept", acceptedProposalIds: ["p-extra"], answeredByName: "Mme Anne Martin", answeredAt: T1 },
            agreements: [{ guardianId: "g2", source: "family", agrees: false, answeredByName: "M. Paul Martin", answeredAt: T1 }],
          }),
        ],
      },
      canEdit: true,
    });
    expect(v.divisions.map((d) => [d.code, d.current, d.href])).toEqual([
      ["3C", true, "/etablissement/reponses-familles?division=d3c"],
      ["3A", false, "/etablissement/reponses-familles?division=d3a"],
    ]);
    expect(v.chosen!.students.map((s) => s.name)).toEqual(["Martin Léa"]);
    const s = v.chosen!.students[0]!;
    expect(s.proposals.map((p) => [p.answerText, p.acceptable])).toEqual([
      ["Oui", true],
      ["Non", false],
      ["Proposition du conseil de classe (voie non demandée)", true],
    ]);
    expect(s.answer).toEqual({
      summary: "Proposition(s) acceptée(s) : 1re année de CAP.",
      whoWhen: "TS – saisie en ligne par Mme Anne Martin le 11/06/2027 à 16:30",
      online: true,
    });
    expect(s.agreements).toEqual([
      {
        guardian: "Responsable 2 : M. Paul Martin",
        text: "Pas d'accord avec la réponse (« Non »)",
        whoWhen: "TS – saisie en ligne par M. Paul Martin le 11/06/2027 à 16:30",
        online: true,
      },
    ]);
    expect(s.onlineNotice).not.toBeNull();
    expect(s.initial).toEqual({ kind: null, acceptedProposalIds: [], answeredByGuardianId: null, otherAgreement: null });
  });

  it("R-FIN-10: a school entry comes back as the form's values, with the staff member's name and the time", () => {
    const v = describeFamilyAnswersPage({
      divisions: [{ id: "d3c", code: "3C", level: "3e" }],
      chosen: {
        id: "d3c",
        code: "3C",
        students: [
          student({
            answer: { source: "school", kind: "accept", acceptedProposalIds: ["p-yes"], answeredByName: "Mme Hélène Roussin", answeredAt: T0 },
            agreements: [
              { guardianId: "g2", source: "school", agrees: true, answeredByName: "Mme Hélène Roussin", answeredAt: T0 },
              { guardianId: "g1", source: "school", agrees: false, answeredByName: "Mme Hélène Roussin", answeredAt: T0 },
            ],
          }),
        ],
      },
      canEdit: true,
    });
    const s = v.chosen!.students[0]!;
    expect(s.answer!.whoWhen).toBe("Saisie par l'établissement (Mme Hélène Roussin) le 10/06/2027 à 10:00");
    expect(s.initial).toEqual({ kind: "accept", acceptedProposalIds: ["p-yes"], answeredByGuardianId: "g2", otherAgreement: false });
    expect(s.agreements.map((a) => a.guardian)).toEqual(["Responsable 1 : Mme Anne Martin", "Responsable 2 : M. Paul Martin"]);
    expect(s.onlineNotice).toBeNull();
  });

  it("R-FIN-10: a division without proposals says so; no division offered says so", () => {
    const v = describeFamilyAnswersPage({
      divisions: [{ id: "d", code: "3C", level: "3e" }],
      chosen: { id: "d", code: "3C", students: [student({ proposals: [] })] },
      canEdit: true,
    });
    expect(v.chosen!.emptyText).toBe(NO_STUDENT_WITH_PROPOSALS_TEXT);
    expect(describeFamilyAnswersPage({ divisions: [], chosen: null, canEdit: false }).emptyText).toBe("Aucune division ne vous est attribuée.");
  });

  it("R-FIN-10 / R-SYNC-5: the transfer's counts of the school's answers and agreements are named for admins and audited", () => {
    expect(describeCounts({ schoolAnswers: 2, schoolAgreements: 3 })).toEqual([
      { key: "schoolAnswers", label: "Réponses saisies par l'établissement publiées", value: "2" },
      { key: "schoolAgreements", label: "Accords saisis par l'établissement publiés", value: "3" },
    ]);
    expect(transferAuditEntries({ schoolAnswers: 2, schoolAgreements: 0 })).toEqual([{ kind: "schoolAnswers", count: 2 }]);
  });
});

describe("R-FIN-13: the simulation d'accès", () => {
  const guardians = [
    { ...G1, accountId: "acc-1" },
    { ...G2, accountId: null },
  ];
  const opensAt = new Date("2027-05-20T06:00:00Z");

  it("R-FIN-13: available once the final window has opened, not before (nor without a window)", () => {
    expect(planSimulation({ finalOpensAt: opensAt, now: new Date(opensAt.getTime() - 1), guardians, rank: 1 })).toEqual({
      kind: "unavailable",
      message: SIMULATION_NOT_YET_MESSAGE,
    });
    expect(planSimulation({ finalOpensAt: null, now: opensAt, guardians, rank: 1 })).toEqual({ kind: "unavailable", message: SIMULATION_NOT_YET_MESSAGE });
    expect(planSimulation({ finalOpensAt: opensAt, now: opensAt, guardians, rank: 1 })).toEqual({
      kind: "simulate",
      guardian: guardians[0],
      banner: "Simulation d'accès : vous consultez la page telle que la voit Mme Anne Martin. Aucune saisie n'est possible.",
    });
  });

  it("R-FIN-13: a guardian without an account, or a rank the student does not have, is said in French", () => {
    expect(planSimulation({ finalOpensAt: opensAt, now: T1, guardians, rank: 2 })).toEqual({ kind: "unavailable", message: SIMULATION_NO_ACCOUNT_MESSAGE });
    expect(planSimulation({ finalOpensAt: opensAt, now: T1, guardians: [guardians[0]!], rank: 2 })).toEqual({
      kind: "unavailable",
      message: SIMULATION_NO_GUARDIAN_MESSAGE,
    });
  });

  it("R-FIN-13: ?responsable= is 1 or 2 (1 by default), and the switch links both guardians", () => {
    expect([simulationRank(undefined), simulationRank("2"), simulationRank("3"), simulationRank("1")]).toEqual([1, 2, 1, 1]);
    expect(simulationSwitch("s1", [guardians[1]!, guardians[0]!], 2)).toEqual([
      { rank: 1, label: "Responsable 1 : Mme Anne Martin", href: "/etablissement/eleves/s1/simulation?responsable=1", current: false },
      { rank: 2, label: "Responsable 2 : M. Paul Martin", href: "/etablissement/eleves/s1/simulation?responsable=2", current: true },
    ]);
    expect(simulationBanner(G2)).toContain("M. Paul Martin");
  });
});
