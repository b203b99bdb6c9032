import { INTENTIONS_INSTRUCTIONS } from "./intentions";
import { SPECIALTIES_FINAL, SPECIALTIES_PROVISIONAL } from "./request-items";
import type { Level, Phase } from "./tracks";

/*
 * The words of the 2de GT family entry (R-2GT-1..5), from the lycée's flyer (seed 004) and the
 * académie's FAQ (seed 003). The rules themselves are lib/domain/request-items.ts.
 */

export const INTENTIONS_INSTRUCTIONS_2GT =
  "Vous devez obligatoirement saisir une intention. Vous pouvez en saisir jusqu'à trois (1re générale, 1re technologique, 1re préparant au BT « métiers de la musique », accès à la voie professionnelle). Leur ordre d'affichage correspond à votre ordre de préférence.";

/** R-INT-2 / R-2GT-2: the provisional entry's instructions of a level. */
export function intentionsInstructions(level: Level): string {
  return level === "2GT" ? INTENTIONS_INSTRUCTIONS_2GT : INTENTIONS_INSTRUCTIONS;
}

export const SERIES_LABEL = "Série de 1re technologique";
/** Seed 003 (question 9): the STL option can be given from the provisional phase on, here. */
export const HELP_STL =
  "La série STL comporte deux options : biotechnologies, ou sciences physiques et chimiques en laboratoire. Chacune figure dans la liste : choisissez l'option souhaitée.";
/** Seed 004: «vous devez préciser : 1re professionnelle ou 2de professionnelle ou CAP». */
export const PRO_PATH_LABEL = "Préciser : 1re professionnelle, 2de professionnelle ou CAP";

/** R-2GT-2 (seed 003, questions 7 and 8): ranked, the lycée's first, a 5th when one is outside it. */
export const SPECIALTIES_PROVISIONAL_HINT = `Cochez ${SPECIALTIES_PROVISIONAL} enseignements de spécialité puis classez-les par ordre de préférence (5 si l'un d'eux n'est pas proposé dans l'établissement ; au plus 2 hors établissement). Les enseignements proposés dans l'établissement sont listés en premier.`;
/** R-2GT-3, seed 004. */
export const SPECIALTIES_FINAL_HINT =
  "Si vous cochez « 1re générale », vous devez saisir 3 enseignements de spécialité proposés dans l'établissement ou en dehors de l'établissement.";

/** The counter of the spécialités picker: «2 / 4 (5 si l'un n'est pas proposé dans l'établissement)», «1 / 3». */
export function specialtyCounterText(phase: Phase, n: number): string {
  return phase === "final" ? `${n} / ${SPECIALTIES_FINAL}` : `${n} / ${SPECIALTIES_PROVISIONAL} (5 si l'un n'est pas proposé dans l'établissement)`;
}

/** R-2GT-5: the stage passerelle, with the voie professionnelle, in the final phase, where the académie allows it. */
export const STAGE_PASSERELLE_CHECKBOX_LABEL = "Demander un stage passerelle";
export const HELP_STAGE_PASSERELLE =
  "Le stage passerelle permet à l'élève de découvrir la formation professionnelle envisagée avant de changer de voie ; l'établissement d'accueil donne son avis.";
