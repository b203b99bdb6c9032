import { describe, expect, it } from "vitest";
import {
  ADULT_FINAL_CHOICES_HEADING,
  ADULT_INTENTIONS_HEADING,
  ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE,
  entryTexts,
  inAdultStudentVoice,
} from "@/lib/domain/adult-student";
import { NO_AGREEMENT_INTERVIEW_MESSAGE } from "@/lib/domain/family-decision";
import { buildFamilyFileView, type FamilyFileFacts } from "@/lib/domain/family-page";
import { FREE_TEXT_HINT, HELP_STATUS_APPRENTICE, HELP_STATUS_SCHOOL } from "@/lib/domain/intentions";
import { parisDateTime } from "@/lib/domain/paris-time";

/* R-AUTH-4 (docs/rules.md): an adult student acts for themself; their pages speak to them, not to guardians about «votre enfant». */

const NOW = parisDateTime("2027-01-20", "10:00");
const facts: FamilyFileFacts = {
  student: {
    id: "s1",
    firstName: "Élodie",
    lastName: "Arnaud",
    divisionCode: "2B",
    schoolName: "Lycée Champollion",
    level: "2GT",
    termMode: "trimester",
    service: { open: true },
    calendar: [
      { phase: "provisional", termLabel: "Deuxième trimestre", opensAt: parisDateTime("2027-01-04", "08:00"), closesAt: parisDateTime("2027-03-01", "18:00") },
      { phase: "final", termLabel: "Troisième trimestre", opensAt: parisDateTime("2027-04-01", "08:00"), closesAt: parisDateTime("2027-05-30", "18:00") },
    ],
  },
  allowTrackDetails: true,
  allowStagePasserelle: true,
  offeredSpecialties: ["MATHS", "PC", "SVT", "SES"],
  studentIsAdult: true,
  viewer: { accountId: "st", mayEnter: true },
  request: null,
  opinions: [],
  acknowledgement: null,
  decisionPublished: false,
  now: NOW,
};

const GUARDIAN_WORDING = /votre enfant|représentants légaux|responsables légaux|en présence de l'élève/i;

describe("the adult student's own page (R-AUTH-4)", () => {
  it("R-AUTH-4: the adult student's headings say «Vos demandes», never the guardians' wording", () => {
    const guardians = buildFamilyFileView(facts);
    expect(guardians.intentionsHeading).toBe("Deuxième trimestre : Demande(s) des représentants légaux / Intention(s) d'orientation");
    const own = inAdultStudentVoice(guardians);
    expect(own.intentionsHeading).toBe(`Deuxième trimestre : ${ADULT_INTENTIONS_HEADING}`);
    expect(own.final.heading).toBe(`Troisième trimestre : ${ADULT_FINAL_CHOICES_HEADING}`);
    expect(JSON.stringify(own)).not.toMatch(GUARDIAN_WORDING);
  });

  it("R-AUTH-4 / R-FIN-9 / R-FIN-12: the interview and the droit au maintien are told to the student («vous»)", () => {
    const base = buildFamilyFileView(facts);
    const file = {
      ...base,
      decision: {
        ...base.decision,
        disagreement: NO_AGREEMENT_INTERVIEW_MESSAGE,
        maintien: "Le maintien d'Élodie dans sa classe d'origine (3e) pour une année scolaire a été enregistré par l'établissement le 20/06/2027.",
      },
    };
    const own = inAdultStudentVoice(file);
    expect(own.decision.disagreement).toBe(ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE);
    expect(own.decision.maintien).toBe(
      "Votre maintien dans votre classe d'origine (3e) pour une année scolaire a été enregistré par l'établissement le 20/06/2027.",
    );
  });

  it("R-AUTH-4 / R-INT-9: the entry form's help says «vous» to the adult student, «votre enfant» to guardians", () => {
    expect(entryTexts("family")).toEqual({ freeTextHint: FREE_TEXT_HINT, helpStatusSchool: HELP_STATUS_SCHOOL, helpStatusApprentice: HELP_STATUS_APPRENTICE });
    const own = entryTexts("adult_student");
    expect(own.freeTextHint).toBe("Vous pouvez préciser le métier ou la formation qui vous intéresse");
    expect(Object.values(own).join(" ")).not.toMatch(GUARDIAN_WORDING);
    expect(own.helpStatusSchool).toMatch(/^Vous restez élève/);
    expect(own.helpStatusApprentice).toMatch(/^Vous devenez apprenti/);
  });
});
