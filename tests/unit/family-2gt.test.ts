import { describe, expect, it } from "vitest";
import { intentionsRecapEmail } from "@/emails/intentions-recap";
import { intentionsInstructions, INTENTIONS_INSTRUCTIONS_2GT, specialtyCounterText } from "@/lib/domain/family-2gt";
import { describeProposals, proposalLabel, type PublishedProposalFact } from "@/lib/domain/family-answer";
import {
  buildFamilyFileView,
  entrySupported,
  FINAL_CHOICES_INSTRUCTIONS,
  finalChoicesInstructions,
  type FamilyFileFacts,
  type FinalFacts,
} from "@/lib/domain/family-page";
import { INTENTIONS_INSTRUCTIONS, type Intention } from "@/lib/domain/intentions";
import { parisDateTime } from "@/lib/domain/paris-time";
import { describeProcedureState, type ProcedureFacts } from "@/lib/domain/procedure-state";

/*
 * The 2de GT family side (R-2GT-1..5) in the family page's view-model, and the one status line the
 * home card and the file page share (R-CAL-2, R-INT-1, R-FIN-1/6/7, R-AUTH-4).
 */

const NOW = parisDateTime("2027-01-20", "10:00");
const AT = parisDateTime("2027-01-18", "09:30");
const OFFERED = ["MATHS", "PC", "SVT", "SES"];
const calendar = [
  {
    phase: "provisional" as const,
    termLabel: "Deuxième trimestre",
    opensAt: parisDateTime("2027-01-04", "08:00"),
    closesAt: parisDateTime("2027-03-01", "18:00"),
  },
  { phase: "final" as const, termLabel: "Troisième trimestre", opensAt: parisDateTime("2027-04-01", "08:00"), closesAt: parisDateTime("2027-05-30", "18:00") },
];
const gen: Intention = { track: "1G", subTrack: "", freeText: null, statusSchool: false, statusApprentice: false, specialties: ["SVT", "MATHS", "SI", "PC"] };
const stl: Intention = {
  track: "1T",
  subTrack: "STL_BIO",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
};
const facts: FamilyFileFacts = {
  student: {
    id: "s1",
    firstName: "Hugo",
    lastName: "Bernard",
    divisionCode: "2A",
    schoolName: "Lycée Champollion",
    level: "2GT",
    termMode: "trimester",
    service: { open: true },
    calendar,
  },
  allowTrackDetails: true,
  allowStagePasserelle: true,
  offeredSpecialties: OFFERED,
  studentIsAdult: false,
  viewer: { accountId: "g1", mayEnter: true },
  request: null,
  opinions: [],
  acknowledgement: null,
  decisionPublished: false,
  now: NOW,
};

describe("the 2de GT family page (view-model)", () => {
  it("R-2GT-1: a guardian of a 2de GT student enters the intentions online (no «pas encore disponible»)", () => {
    expect(entrySupported("2GT")).toBe(true);
    const v = buildFamilyFileView(facts);
    expect(v.view.intentions).toEqual({ mode: "edit", hasValidated: false });
    expect(v.level).toBe("2GT");
    expect(v.offeredSpecialties).toEqual(OFFERED);
    expect(v.allowStagePasserelle).toBe(true);
    expect(v.stepLinks[0]!.todo).toBe("À faire : saisir les intentions provisoires");
  });

  it("R-2GT-2: the validated intentions keep their série and their ranked spécialités", () => {
    const v = buildFamilyFileView({ ...facts, request: { holderAccountId: "g1", holderName: "Mme Anne Bernard", validatedAt: AT, items: [gen, stl] } });
    expect(v.validatedIntentions!.map((i) => [i.track, i.subTrack, i.specialties])).toEqual([
      ["1G", "", ["SVT", "MATHS", "SI", "PC"]],
      ["1T", "STL_BIO", []],
    ]);
    expect(v.view.intentions).toEqual({ mode: "edit", hasValidated: true });
  });

  it("R-2GT-2 / R-ACK-1: each avis names the série and the ranked spécialités, marked «hors établissement»", () => {
    const v = buildFamilyFileView({
      ...facts,
      opinions: [
        { ...gen, rank: 1, value: "favorable", comment: null },
        { ...stl, rank: 2, value: "reserve", comment: "Travail régulier" },
      ],
    });
    expect(v.opinions.map((o) => o.trackLabel)).toEqual(["1re générale", "1re technologique – série STL option biotechnologies"]);
    expect(v.opinions[0]!.detailLines).toEqual([
      "Enseignement de spécialité 1 : Sciences de la vie et de la Terre",
      "Enseignement de spécialité 2 : Mathématiques",
      "Enseignement de spécialité 3 : Sciences de l'ingénieur (hors établissement)",
      "Enseignement de spécialité 4 : Physique-chimie",
    ]);
  });

  it("R-2GT-3: the final choices are entered online in 2de GT, with the instructions «jusqu'à 11»", () => {
    const fin: FinalFacts = {
      service: { open: true },
      studentIsAdult: false,
      viewerGuardianId: "G1",
      guardians: [],
      request: null,
      proposals: [],
      answer: null,
      agreements: [],
      decision: null,
    };
    const opinions = [{ ...gen, rank: 1, value: "favorable" as const, comment: null }];
    const ack = { actorName: "Mme Anne Bernard", acknowledgedAt: AT };
    const v = buildFamilyFileView({ ...facts, now: parisDateTime("2027-04-02", "10:00"), opinions, acknowledgement: ack, final: fin });
    expect(v.final.choices).toEqual({ mode: "edit", hasValidated: false });
    expect(v.final.instructions).toBe(finalChoicesInstructions("2GT"));
    expect(v.final.instructions).toContain("Vous devez saisir au moins 1 choix définitif. Vous pouvez en saisir jusqu'à 11");
    expect(finalChoicesInstructions("3e")).toBe(FINAL_CHOICES_INSTRUCTIONS);
    expect(intentionsInstructions("2GT")).toBe(INTENTIONS_INSTRUCTIONS_2GT);
    expect(intentionsInstructions("3e")).toBe(INTENTIONS_INSTRUCTIONS);
  });

  it("R-2GT-2 / R-2GT-3: the counter of the spécialités picker", () => {
    expect(specialtyCounterText("provisional", 2)).toBe("2 / 4 (5 si l'un n'est pas proposé dans l'établissement)");
    expect(specialtyCounterText("final", 1)).toBe("1 / 3");
  });

  it("R-FIN-5 / R-FIN-6: proposals and the accepted answer name the série; details show the ranked spécialités", () => {
    const proposals: PublishedProposalFact[] = [
      { id: "p1", kind: "answer_to_choice", rank: 1, ...gen, specialties: ["MATHS", "PC", "SI"], answer: "yes", motivation: null },
      { id: "p2", kind: "extra", rank: 1, ...stl, subTrack: "STMG", answer: null, motivation: "Projet" },
    ];
    expect(proposalLabel(proposals[1]!)).toBe("1re technologique – série STMG");
    const d = describeProposals(proposals, OFFERED);
    expect(d.choices[0]!.detailLines).toContain("Enseignement de spécialité 3 : Sciences de l'ingénieur (hors établissement)");
    expect(d.extras[0]!.trackLabel).toBe("1re technologique – série STMG");
  });

  it("R-INT-8 / R-2GT-2: the recap e-mail lists the voie with its série and the ranked spécialités", () => {
    const text = intentionsRecapEmail.text({
      variant: "holder",
      enteredBy: "Mme Anne Bernard",
      enteredAt: "18/01/2027 à 09:30",
      studentName: "Hugo Bernard",
      items: [
        {
          label: "1re générale",
          details: ["Enseignement de spécialité 1 : Mathématiques", "Enseignement de spécialité 2 : Arts : danse (hors établissement)"],
        },
        { label: "1re technologique – série STL option biotechnologies", details: [] },
      ],
      school: { name: "Lycée Champollion", address: "1 cours", postalCode: "38000", city: "Grenoble", phone: "04", email: "l@example.fr" },
    });
    expect(text).toContain(
      "Rang 1 : 1re générale\nEnseignement de spécialité 1 : Mathématiques\nEnseignement de spécialité 2 : Arts : danse (hors établissement)",
    );
    expect(text).toContain("Rang 2 : 1re technologique – série STL option biotechnologies");
  });
});

describe("one status line per viewer: the home card and the file page (R-CAL-2, R-INT-1, R-FIN-1, R-AUTH-4)", () => {
  const base: ProcedureFacts = {
    outOfProcedure: false,
    service: { open: true },
    validated: null,
    opinionsPublished: false,
    acknowledged: null,
    decisionPublished: false,
  };
  const guardian = { accountId: "g1", guardianId: "G1", mayEnter: true, studentIsAdult: false };

  it("R-AUTH-4: the adult student has their intentions to enter; their guardian only reads", () => {
    expect(describeProcedureState({ ...base, viewer: { accountId: "st", guardianId: null, mayEnter: true, studentIsAdult: true } })).toEqual({
      label: "Intentions provisoires à saisir",
      tone: "todo",
    });
    expect(describeProcedureState({ ...base, viewer: { ...guardian, mayEnter: false, studentIsAdult: true } })).toEqual({
      label: "Intentions provisoires : saisie par l'élève majeur, consultation seulement",
      tone: "info",
    });
    expect(describeProcedureState({ ...base, viewer: { accountId: "st", guardianId: null, mayEnter: false, studentIsAdult: false } }).label).toBe(
      "Intentions provisoires : saisie par les représentants légaux, consultation seulement",
    );
  });

  it("R-INT-1: once validated, only the holder reads «modifiables»; the other guardian reads who and when", () => {
    const validated = { byName: "Mme Anne Bernard", at: AT, holderAccountId: "g1" };
    expect(describeProcedureState({ ...base, viewer: guardian, validated }).label).toBe(
      "Intentions validées le 18/01/2027 à 09:30 par Mme Anne Bernard (modifiables jusqu'à la fermeture du service)",
    );
    expect(describeProcedureState({ ...base, viewer: { ...guardian, accountId: "g2", guardianId: "G2" }, validated }).label).toBe(
      "Intentions validées le 18/01/2027 à 09:30 par Mme Anne Bernard",
    );
  });

  it("R-ACK-1: the acknowledgement is to do for a guardian of a minor, awaited for a reader", () => {
    expect(describeProcedureState({ ...base, opinionsPublished: true, viewer: guardian }).tone).toBe("todo");
    expect(describeProcedureState({ ...base, opinionsPublished: true, viewer: { ...guardian, mayEnter: false, studentIsAdult: true } })).toEqual({
      label: "Avis provisoires du conseil de classe disponibles : accusé de réception attendu",
      tone: "info",
    });
  });

  it("R-FIN-1/6/7: the holder answers the proposals, the other guardian waits, then says «Oui» or «Non»", () => {
    const fin = {
      opened: true,
      service: { open: false, reason: "council_open" } as const,
      validated: { byName: "Mme Anne Bernard", at: AT, holderAccountId: "g1" },
      proposalsPublished: true,
      answered: null,
      agreementsAwaited: 0,
    };
    const acked = { ...base, opinionsPublished: true, acknowledged: { byName: "Mme Anne Bernard", at: AT } };
    const other = { ...guardian, accountId: "g2", guardianId: "G2" };
    expect(describeProcedureState({ ...acked, viewer: guardian, final: fin }).label).toBe("Propositions du conseil de classe disponibles : réponse à faire");
    expect(describeProcedureState({ ...acked, viewer: other, final: fin })).toEqual({
      label: "Propositions du conseil de classe disponibles : réponse attendue de Mme Anne Bernard",
      tone: "info",
    });
    expect(describeProcedureState({ ...acked, viewer: other, final: { ...fin, validated: null } }).label).toBe(
      "Propositions du conseil de classe disponibles : réponse saisie par l'établissement",
    );
    const answered = { ...fin, answered: { byName: "Mme Anne Bernard", at: AT, bySchool: false }, agreementsAwaited: 1 };
    expect(describeProcedureState({ ...acked, viewer: other, final: { ...answered, viewerAgreementAwaited: true } })).toEqual({
      label: "Réponse enregistrée : votre accord ou votre désaccord est à signifier",
      tone: "todo",
    });
    expect(describeProcedureState({ ...acked, viewer: guardian, final: answered }).tone).toBe("info");
  });

  it("R-FIN-1: the final choices are to enter only by who may; the other guardian reads the holder's", () => {
    const acked = { ...base, service: { open: false, reason: "campaign_closed" } as const, opinionsPublished: true, acknowledged: { byName: "x", at: AT } };
    const fin = { opened: true, service: { open: true } as const, validated: null, proposalsPublished: false, answered: null, agreementsAwaited: 0 };
    expect(describeProcedureState({ ...acked, viewer: guardian, final: fin }).label).toBe("Choix définitifs à saisir");
    expect(describeProcedureState({ ...acked, viewer: { ...guardian, mayEnter: false, studentIsAdult: true }, final: fin }).label).toBe(
      "Choix définitifs : saisie par l'élève majeur, consultation seulement",
    );
    const held = { ...fin, validated: { byName: "M. Luc Bernard", at: AT, holderAccountId: "g2" } };
    expect(describeProcedureState({ ...acked, viewer: guardian, final: held }).label).toBe("Choix définitifs validés le 18/01/2027 à 09:30 par M. Luc Bernard");
  });

  it("R-CAL-2 / R-AUTH-4: the file page shows the same line as the home card, for the same viewer", () => {
    const adultGuardian = buildFamilyFileView({ ...facts, studentIsAdult: true, viewer: { accountId: "g1", mayEnter: false } });
    expect(adultGuardian.status).toEqual({ label: "Intentions provisoires : saisie par l'élève majeur, consultation seulement", tone: "info" });
    expect(adultGuardian.view.intentions.mode).toBe("none");
    expect(adultGuardian.stepLinks[0]!.todo).toBe("À faire : rien, consultation seulement");
    const adultStudent = buildFamilyFileView({ ...facts, studentIsAdult: true, viewer: { accountId: "st", mayEnter: true } });
    expect(adultStudent.status).toEqual({ label: "Intentions provisoires à saisir", tone: "todo" });
    expect(adultStudent.view.intentions.mode).toBe("edit");
  });
});
