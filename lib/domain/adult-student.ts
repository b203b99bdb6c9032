import { INTENTIONS_HEADING, FREE_TEXT_HINT, HELP_STATUS_APPRENTICE, HELP_STATUS_SCHOOL } from "./intentions";
import { FINAL_CHOICES_HEADING, type FamilyFileView } from "./family-page";
import { NO_AGREEMENT_INTERVIEW_MESSAGE } from "./family-decision";
import { REFUSE_ALL_CONTACT_MESSAGE } from "./family-answer";

/*
 * R-AUTH-4: a student aged 18 or more enters and answers for themself. Their own pages speak to
 * them («vos demandes», «qui vous intéresse», «vous restez élève»), not to guardians about their
 * child. The guardians' wording stays on the guardians' pages and for a minor student, who only
 * reads what their guardians entered.
 */

/** Who the entry's texts speak to: the family (guardians, about their child) or the adult student. */
export type EntryVoice = "family" | "adult_student";

export const ADULT_INTENTIONS_HEADING = "Vos demandes / Intention(s) d'orientation";
export const ADULT_FINAL_CHOICES_HEADING = "Vos demandes / Choix définitif(s)";
export const ADULT_FREE_TEXT_HINT = "Vous pouvez préciser le métier ou la formation qui vous intéresse";
export const ADULT_HELP_STATUS_SCHOOL =
  "Vous restez élève ; vous suivez des enseignements généraux et professionnels au lycée professionnel ; vous effectuez des périodes de formation (stages) en entreprise de plusieurs semaines durant votre cursus de formation.";
export const ADULT_HELP_STATUS_APPRENTICE =
  "Vous devenez apprenti et êtes considéré comme un salarié, avec un contrat de travail. Vous devrez rechercher un employeur pour signer un contrat ; vous pourrez être accompagné dans cette démarche par le CFA (centre de formation d'apprentis). Votre temps de formation est partagé entre le CFA et l'entreprise.";
export const ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE =
  "Aucun accord n'a été trouvé entre vous et le conseil de classe : un entretien avec le chef d'établissement doit obligatoirement avoir lieu. Si ce n'est pas déjà fait, il FAUT contacter IMMÉDIATEMENT le chef d'établissement.";
export const ADULT_REFUSED_ALL_CONTACT_MESSAGE =
  "Vous avez refusé toutes les propositions du conseil de classe : vous devez prendre contact IMMEDIATEMENT avec le chef d'établissement pour un rendez-vous sans délai.";

/** The entry form's help texts in the voice of its reader (R-INT-9 wording for the family). */
export function entryTexts(voice: EntryVoice): { freeTextHint: string; helpStatusSchool: string; helpStatusApprentice: string } {
  return voice === "adult_student"
    ? { freeTextHint: ADULT_FREE_TEXT_HINT, helpStatusSchool: ADULT_HELP_STATUS_SCHOOL, helpStatusApprentice: ADULT_HELP_STATUS_APPRENTICE }
    : { freeTextHint: FREE_TEXT_HINT, helpStatusSchool: HELP_STATUS_SCHOOL, helpStatusApprentice: HELP_STATUS_APPRENTICE };
}

/**
 * R-AUTH-4: the orientation file as the adult student reads it, from the view the guardians get
 * (lib/domain/family-page.ts): the headings, the interview and refusal messages and the droit au
 * maintien say «vous». Everything else (facts, dates, voies, the official notice) is unchanged.
 */
export function inAdultStudentVoice(file: FamilyFileView): FamilyFileView {
  const answer = file.final.answer;
  return {
    ...file,
    intentionsHeading: file.intentionsHeading.replace(INTENTIONS_HEADING, ADULT_INTENTIONS_HEADING),
    final: {
      ...file.final,
      heading: file.final.heading.replace(FINAL_CHOICES_HEADING, ADULT_FINAL_CHOICES_HEADING),
      answer:
        answer.mode === "done" && answer.contactText === REFUSE_ALL_CONTACT_MESSAGE ? { ...answer, contactText: ADULT_REFUSED_ALL_CONTACT_MESSAGE } : answer,
    },
    decision: {
      ...file.decision,
      disagreement: file.decision.disagreement === NO_AGREEMENT_INTERVIEW_MESSAGE ? ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE : file.decision.disagreement,
      // «Le maintien de Léa dans sa classe d'origine (3e) … a été enregistré» (family-decision.ts).
      maintien: file.decision.maintien?.replace(/^Le maintien (?:de |d').+? dans sa classe d'origine/, "Votre maintien dans votre classe d'origine") ?? null,
    },
  };
}
