import { z } from "zod";
import { DomainError } from "./errors";
import {
  describeTrack,
  isTrackOf,
  itemLimits,
  PROFESSIONAL_PATHS,
  SPECIALTIES,
  TECHNOLOGICAL_SERIES,
  TRACKS_2GT,
  type Level,
  type Phase,
  type TrackItem,
} from "./tracks";

/*
 * What one ranked voie of a request may hold, for every level and phase (R-INT-2..5, R-2GT-1..5):
 * the one rule book the family's entry, the school's entry and the council's forms apply, so a
 * request the family may validate is exactly a request the head may type. Pure functions.
 *
 * 2de GT (R-2GT-1): «1re générale» with its enseignements de spécialité, «1re technologique» with
 * its série (STL with its option), «1re préparant au BT métiers de la musique», «accès à la voie
 * professionnelle» with its target (1re pro, 2de pro, CAP). Provisional phase (R-2GT-2): 4 ranked
 * spécialités, a 5th when one of them is not offered by the lycée, at most two outside it. Final
 * phase (R-2GT-3): exactly 3 spécialités, chosen freely in and outside the lycée; up to 11 choices;
 * a stage passerelle only where the académie allows it (R-2GT-5).
 */

/** One voie of a request, before it gets its rank. */
export type RequestItem = Omit<TrackItem, "rank">;

/** What the rules depend on besides the items: the student's level and phase, the lycée, the académie. */
export type RequestRules = {
  level: Level;
  phase: Phase;
  /** R-2GT-4: the spécialités the student's lycée offers (empty: the lycée has not said, nothing is «hors établissement»). */
  offeredSpecialties: readonly string[];
  /** R-INT-5: the académie allows the free text and the statuses. */
  allowTrackDetails: boolean;
  /** R-2GT-5: the académie allows a stage passerelle to be requested online. */
  allowStagePasserelle: boolean;
};

export const FREE_TEXT_MAX = 200;
export const TRACK_CODE_MAX = 20;
export const SPECIALTY_CODE_MAX = 40;

export const SPECIALTIES_PROVISIONAL = 4;
/** R-2GT-2: a 5th spécialité when one of them is not offered by the lycée. */
export const SPECIALTIES_PROVISIONAL_MAX = 5;
/** R-2GT-2: at most two spécialités outside the lycée in the provisional phase. */
export const SPECIALTIES_OUTSIDE_MAX = 2;
/** R-2GT-3: exactly 3 spécialités in the final phase. */
export const SPECIALTIES_FINAL = 3;

export const OUTSIDE_SCHOOL_LABEL = "hors établissement";

export const MUST_SELECT_TRACK_MESSAGE = "Vous devez sélectionner une voie.";
export const UNKNOWN_TRACK_MESSAGE = "Cette voie d'orientation n'existe pas pour ce palier.";
export const DUPLICATE_TRACK_MESSAGE = "Cette voie d'orientation a déjà été saisie : elle ne peut pas être demandée deux fois.";
export const FREE_TEXT_TOO_LONG_MESSAGE = `La précision ne peut pas dépasser ${FREE_TEXT_MAX} caractères.`;
export const NO_DETAILS_FOR_2GT_MESSAGE = "La 2de générale et technologique ou 2de STHR ne comporte pas d'autre information à saisir.";
export const NO_DETAILS_MESSAGE = "Cette voie d'orientation ne comporte pas d'autre information à saisir.";
export const DETAILS_NOT_ALLOWED_MESSAGE = "Votre académie ne permet pas de préciser la spécialité ou le statut envisagé.";
/** Seed 004: «vous devez choisir une série parmi les 8 proposées» (STL counts once, with its option). */
export const SERIES_REQUIRED_MESSAGE =
  "Si vous choisissez « 1re technologique », vous devez choisir une série parmi les 8 proposées (et, pour STL, son option).";
/** Seed 004: «vous devez préciser : 1re professionnelle ou 2de professionnelle ou CAP». */
export const PRO_PATH_REQUIRED_MESSAGE =
  "Si vous choisissez « accès à la voie professionnelle », vous devez préciser : 1re professionnelle, 2de professionnelle ou CAP.";
export const UNKNOWN_SPECIALTY_MESSAGE = "Cet enseignement de spécialité n'existe pas.";
export const SPECIALTY_TWICE_MESSAGE = "Un enseignement de spécialité ne peut pas être demandé deux fois.";
export const SPECIALTIES_ONLY_1G_MESSAGE = "Les enseignements de spécialité se demandent uniquement avec la 1re générale.";
export const SPECIALTIES_PROVISIONAL_COUNT_MESSAGE =
  "Si vous choisissez « 1re générale », vous devez classer 4 enseignements de spécialité par ordre de préférence (5 si l'un d'eux n'est pas proposé dans l'établissement).";
export const FIFTH_SPECIALTY_MESSAGE =
  "Un 5e enseignement de spécialité ne peut être demandé que si l'un des enseignements demandés n'est pas proposé dans l'établissement.";
export const TOO_MANY_OUTSIDE_MESSAGE = "Vous pouvez demander au plus deux enseignements de spécialité hors établissement.";
/** Seed 004: «vous devez saisir 3 enseignements de spécialité proposés dans l'établissement ou en dehors de l'établissement». */
export const SPECIALTIES_FINAL_COUNT_MESSAGE =
  "Si vous choisissez « 1re générale », vous devez saisir 3 enseignements de spécialité proposés dans l'établissement ou en dehors de l'établissement.";
export const STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE = "Votre académie ne permet pas de demander un stage passerelle en ligne.";
export const STAGE_PASSERELLE_ONLY_PRO_MESSAGE = "Un stage passerelle se demande uniquement avec l'accès à la voie professionnelle, lors des choix définitifs.";
export const STAGE_PASSERELLE_LABEL = "Stage passerelle demandé";

export function mustEnterOneMessage(phase: Phase): string {
  return phase === "final" ? "Vous devez obligatoirement saisir un choix." : "Vous devez obligatoirement saisir une intention.";
}

export function tooManyMessage(level: Level, phase: Phase): string {
  const { max } = itemLimits(level, phase);
  return phase === "final" ? `Vous pouvez saisir jusqu'à ${max === 3 ? "trois" : max} choix.` : "Vous pouvez saisir jusqu'à trois intentions.";
}

/** R-INT-3: two items are the same voie when their voie and série (or target) are the same. */
export function requestItemKey(i: Pick<RequestItem, "track" | "subTrack">): string {
  return `${i.track}|${i.subTrack}`;
}

/** R-INT-5: the voies that take a free text and statuses (2de pro and CAP after 3e, the voie pro after 2de GT). */
export function takesDetails(track: string): boolean {
  return track === "2PRO" || track === "CAP" || track === "VOIE_PRO";
}

/** R-2GT-1: the série (1re technologique) or the target (voie pro) a voie needs, if any. */
export function subTrackOptions(track: string): { code: string; label: string }[] {
  if (track === "1T") return Object.entries(TECHNOLOGICAL_SERIES).map(([code, label]) => ({ code, label }));
  if (track === "VOIE_PRO") return Object.entries(PROFESSIONAL_PATHS).map(([code, label]) => ({ code, label }));
  return [];
}

export function specialtyLabel(code: string): string {
  return (SPECIALTIES as Record<string, string>)[code] ?? code;
}

/** R-2GT-4: a spécialité is outside the lycée when the lycée gave its list and the spécialité is not on it. */
export function isOutsideSchool(code: string, offered: readonly string[]): boolean {
  return offered.length > 0 && !offered.includes(code);
}

/** R-2GT-2/4: the spécialités a form offers: the lycée's first, then the others marked «hors établissement». */
export function specialtyOptions(offered: readonly string[]): { code: string; label: string; outside: boolean }[] {
  const all = Object.entries(SPECIALTIES).map(([code, label]) => ({ code, label, outside: isOutsideSchool(code, offered) }));
  return [...all.filter((s) => !s.outside), ...all.filter((s) => s.outside)];
}

/** The label of a spécialité as a list shows it: «Mathématiques», or «Arts : danse (hors établissement)». */
export function specialtyDisplay(code: string, offered: readonly string[]): string {
  return isOutsideSchool(code, offered) ? `${specialtyLabel(code)} (${OUTSIDE_SCHOOL_LABEL})` : specialtyLabel(code);
}

/**
 * R-2GT-2 / R-2GT-3: what is wrong with the ranked spécialités of a 1re générale, or null.
 * Provisional: 4, or 5 when one is outside the lycée, at most two outside. Final: exactly 3, freely.
 */
export function specialtiesProblem(phase: Phase, specialties: readonly string[], offered: readonly string[]): string | null {
  if (specialties.some((s) => !Object.hasOwn(SPECIALTIES, s))) return UNKNOWN_SPECIALTY_MESSAGE;
  if (new Set(specialties).size !== specialties.length) return SPECIALTY_TWICE_MESSAGE;
  if (phase === "final") return specialties.length === SPECIALTIES_FINAL ? null : SPECIALTIES_FINAL_COUNT_MESSAGE;
  const outside = specialties.filter((s) => isOutsideSchool(s, offered)).length;
  if (specialties.length < SPECIALTIES_PROVISIONAL || specialties.length > SPECIALTIES_PROVISIONAL_MAX) return SPECIALTIES_PROVISIONAL_COUNT_MESSAGE;
  if (outside > SPECIALTIES_OUTSIDE_MAX) return TOO_MANY_OUTSIDE_MESSAGE;
  if (specialties.length === SPECIALTIES_PROVISIONAL_MAX && outside === 0) return FIFTH_SPECIALTY_MESSAGE;
  return null;
}

/** How many spécialités a 1re générale takes in this phase (the form's counter). */
export function specialtyCount(phase: Phase): { min: number; max: number } {
  return phase === "final" ? { min: SPECIALTIES_FINAL, max: SPECIALTIES_FINAL } : { min: SPECIALTIES_PROVISIONAL, max: SPECIALTIES_PROVISIONAL_MAX };
}

function hasDetailFields(i: Pick<RequestItem, "freeText" | "statusSchool" | "statusApprentice">): boolean {
  return (i.freeText ?? "") !== "" || i.statusSchool || i.statusApprentice;
}

/** The code of each refusal (for tests and logs). */
const PROBLEM_CODES: Record<string, string> = {
  [MUST_SELECT_TRACK_MESSAGE]: "UNKNOWN_TRACK",
  [UNKNOWN_TRACK_MESSAGE]: "UNKNOWN_TRACK",
  [SERIES_REQUIRED_MESSAGE]: "SERIES_REQUIRED",
  [PRO_PATH_REQUIRED_MESSAGE]: "PRO_PATH_REQUIRED",
  [UNKNOWN_SPECIALTY_MESSAGE]: "UNKNOWN_SPECIALTY",
  [SPECIALTY_TWICE_MESSAGE]: "SPECIALTY_TWICE",
  [SPECIALTIES_ONLY_1G_MESSAGE]: "SPECIALTY_COUNT",
  [SPECIALTIES_PROVISIONAL_COUNT_MESSAGE]: "SPECIALTY_COUNT",
  [FIFTH_SPECIALTY_MESSAGE]: "SPECIALTY_COUNT",
  [TOO_MANY_OUTSIDE_MESSAGE]: "SPECIALTY_OUTSIDE",
  [SPECIALTIES_FINAL_COUNT_MESSAGE]: "SPECIALTY_COUNT",
  [NO_DETAILS_FOR_2GT_MESSAGE]: "NO_DETAILS",
  [NO_DETAILS_MESSAGE]: "NO_DETAILS",
  [DETAILS_NOT_ALLOWED_MESSAGE]: "DETAILS_NOT_ALLOWED",
  [FREE_TEXT_TOO_LONG_MESSAGE]: "FREE_TEXT_TOO_LONG",
  [STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE]: "STAGE_PASSERELLE_NOT_ALLOWED",
  [STAGE_PASSERELLE_ONLY_PRO_MESSAGE]: "STAGE_PASSERELLE_NOT_ALLOWED",
};

/** What is wrong with one item (alone, ignoring the others), or null. The item is taken as normalised (trimmed). */
export function requestItemProblem(rules: RequestRules, item: RequestItem): string | null {
  if (!item.track) return MUST_SELECT_TRACK_MESSAGE;
  if (!isTrackOf(rules.level, item.track)) return rules.level === "3e" ? MUST_SELECT_TRACK_MESSAGE : UNKNOWN_TRACK_MESSAGE;
  const subs = subTrackOptions(item.track);
  if (subs.length > 0 && !subs.some((s) => s.code === item.subTrack)) return item.track === "1T" ? SERIES_REQUIRED_MESSAGE : PRO_PATH_REQUIRED_MESSAGE;
  if (subs.length === 0 && item.subTrack !== "") return MUST_SELECT_TRACK_MESSAGE;
  if (item.track === "1G") {
    const p = specialtiesProblem(rules.phase, item.specialties, rules.offeredSpecialties);
    if (p) return p;
  } else if (item.specialties.length > 0) return SPECIALTIES_ONLY_1G_MESSAGE;
  if (hasDetailFields(item)) {
    if (!takesDetails(item.track)) return item.track === "2GT" ? NO_DETAILS_FOR_2GT_MESSAGE : NO_DETAILS_MESSAGE;
    if (!rules.allowTrackDetails) return DETAILS_NOT_ALLOWED_MESSAGE;
    if ((item.freeText ?? "").length > FREE_TEXT_MAX) return FREE_TEXT_TOO_LONG_MESSAGE;
  }
  if (item.stagePasserelle) {
    if (item.track !== "VOIE_PRO" || rules.phase !== "final") return STAGE_PASSERELLE_ONLY_PRO_MESSAGE;
    if (!rules.allowStagePasserelle) return STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE;
  }
  return null;
}

/** Trims what a person typed: the free text, the codes. Keeps the spécialités' order (their rank). */
export function normaliseRequestItem(item: RequestItem): RequestItem {
  const text = (item.freeText ?? "").trim();
  return {
    track: item.track.trim(),
    subTrack: item.subTrack.trim(),
    freeText: text === "" ? null : text,
    statusSchool: item.statusSchool,
    statusApprentice: item.statusApprentice,
    specialties: item.specialties.map((s) => s.trim()).filter(Boolean),
    stagePasserelle: item.stagePasserelle,
  };
}

/**
 * The whole list, as a server must check it before saving (R-INT-2/3/5, R-2GT-2/3/5): 1 to max
 * items, none twice, each valid. Returns the items ranked 1..n; throws a DomainError whose
 * fieldErrors name the item (`items.<index>`).
 */
export function checkRequestItems(rules: RequestRules, input: readonly RequestItem[]): TrackItem[] {
  const { min, max } = itemLimits(rules.level, rules.phase);
  if (input.length < min) throw new DomainError("NO_INTENTION", mustEnterOneMessage(rules.phase));
  if (input.length > max) throw new DomainError("TOO_MANY_INTENTIONS", tooManyMessage(rules.level, rules.phase));
  const seen = new Set<string>();
  return input.map((raw, i) => {
    const item = normaliseRequestItem(raw);
    const problem = requestItemProblem(rules, item);
    if (problem) throw new DomainError(PROBLEM_CODES[problem] ?? "INVALID_ITEM", problem, { [`items.${i}`]: [problem] });
    const key = requestItemKey(item);
    if (seen.has(key)) throw new DomainError("TRACK_TWICE", DUPLICATE_TRACK_MESSAGE, { [`items.${i}`]: [DUPLICATE_TRACK_MESSAGE] });
    seen.add(key);
    return { rank: i + 1, ...item };
  });
}

/**
 * The shape a server accepts for one item, before the rules: unknown keys are refused (a forged
 * field is not ignored), absent 2GT fields default to nothing, sizes are bounded.
 */
export const requestItemShape = z.strictObject({
  track: z.string({ message: MUST_SELECT_TRACK_MESSAGE }).max(TRACK_CODE_MAX, UNKNOWN_TRACK_MESSAGE),
  subTrack: z.string().max(TRACK_CODE_MAX, UNKNOWN_TRACK_MESSAGE).default(""),
  freeText: z
    .string()
    .max(FREE_TEXT_MAX * 4, FREE_TEXT_TOO_LONG_MESSAGE)
    .nullish()
    .transform((v) => v ?? null),
  statusSchool: z.boolean().default(false),
  statusApprentice: z.boolean().default(false),
  specialties: z
    .array(z.string().max(SPECIALTY_CODE_MAX, UNKNOWN_SPECIALTY_MESSAGE))
    .max(SPECIALTIES_PROVISIONAL_MAX, SPECIALTIES_PROVISIONAL_COUNT_MESSAGE)
    .default([]),
  stagePasserelle: z.boolean().default(false),
});
/** At most the longest list any level takes; the rules check the level's own limit. */
export const requestItemsShape = z.array(requestItemShape).max(itemLimits("2GT", "final").max, tooManyMessage("2GT", "final"));

/** The voies the class council may propose beyond the family's (R-FIN-5): every voie of the level, with its série or target. */
export function proposableVoies(level: Level): { track: string; subTrack: string; label: string }[] {
  if (level === "3e") return ["2GT", "2PRO", "CAP"].map((track) => ({ track, subTrack: "", label: describeTrack({ track, subTrack: "" }) }));
  return Object.keys(TRACKS_2GT).flatMap((track) => {
    const subs = subTrackOptions(track);
    return subs.length === 0
      ? [{ track, subTrack: "", label: describeTrack({ track, subTrack: "" }) }]
      : subs.map((s) => ({ track, subTrack: s.code, label: describeTrack({ track, subTrack: s.code }) }));
  });
}

/**
 * The lines that detail one item under its voie, as the recap, the e-mails, the fiche and the
 * lists write them: the ranked spécialités (marked «hors établissement» when the lycée's list is
 * given), the free text, the statuses, the stage passerelle. The série or target is in the voie's label.
 */
export function requestItemDetailLines(i: RequestItem, offered: readonly string[] = []): string[] {
  const lines: string[] = [];
  i.specialties.forEach((s, n) => lines.push(`Enseignement de spécialité ${n + 1} : ${specialtyDisplay(s, offered)}`));
  if (i.freeText) lines.push(`${i.track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers"} : ${i.freeText}`);
  if (i.statusApprentice) lines.push("Sous statut d'apprenti");
  if (i.statusSchool) lines.push("Sous statut scolaire");
  if (i.stagePasserelle) lines.push(STAGE_PASSERELLE_LABEL);
  return lines;
}
