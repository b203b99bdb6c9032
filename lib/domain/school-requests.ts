import { DomainError } from "./errors";
import {
  describeTrack,
  itemLimits,
  isTrackOf,
  PROFESSIONAL_PATHS,
  SPECIALTIES,
  TECHNOLOGICAL_SERIES,
  trackTakesDetails,
  type Level,
  type Phase,
  type TrackItem,
} from "./tracks";

/*
 * The back-office's intentions of a student (R-SCH-1, R-SCH-3, R-SCH-5): who may see them, how
 * the school enters or changes them, and what the school's entry must hold. Pure rules.
 */

/** One voie as the head types it; the rank is its place in the list. */
export type SchoolItemInput = {
  track: string;
  subTrack?: string;
  freeText?: string | null;
  statusSchool?: boolean;
  statusApprentice?: boolean;
  specialties?: string[];
};

/** The limits of the school's entry form (R-SCH-1), shared by the rules below and the action's schema. */
export const FREE_TEXT_MAX = 200;
export const FREE_TEXT_TOO_LONG_MESSAGE = `La précision ne peut pas dépasser ${FREE_TEXT_MAX} caractères.`;
/** The longest list of voies any level and phase takes (R-2GT-3: 11 choices in 2de GT, final phase). */
export const SCHOOL_ITEMS_MAX = itemLimits("2GT", "final").max;
/** 4 spécialités, 5 when one is not offered by the lycée (1re générale). */
export const SPECIALTY_CHOICES_MAX = 5;
/** The length of a voie, série or spécialité code. */
export const TRACK_CODE_MAX = 20;
export const SPECIALTY_CODE_MAX = 40;
export const TRACK_REQUIRED_MESSAGE = "Choisissez une voie d'orientation.";

/** R-SCH-12: the reason a student leaves the procedure. */
export const OUT_OF_PROCEDURE_REASON_MAX = 500;
export const OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE = `La raison ne peut pas dépasser ${OUT_OF_PROCEDURE_REASON_MAX} caractères.`;

/**
 * R-SCH-12: the reason as stored: trimmed, required when setting "hors procédure" (null brings
 * the student back), at most OUT_OF_PROCEDURE_REASON_MAX characters.
 */
export function normaliseOutOfProcedureReason(reason: string | null): string | null {
  const trimmed = reason?.trim() || null;
  if (reason !== null && !trimmed) {
    throw new DomainError("REASON_REQUIRED", "Indiquez la raison pour laquelle l'élève ne peut pas suivre l'intégralité de la procédure d'orientation.", {
      reason: ["La raison est obligatoire."],
    });
  }
  if (trimmed && trimmed.length > OUT_OF_PROCEDURE_REASON_MAX) throw new DomainError("REASON_TOO_LONG", OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE);
  return trimmed;
}

/**
 * Checks and normalises the school's entry for a student: 1 to 3 voies of the student's level
 * (R-INT-2 / R-2GT-2), none twice (R-INT-3), details only where the voie takes them (R-INT-5),
 * a série for a 1re technologique, a target for the voie pro, 4 or 5 spécialités for a 1re générale.
 */
export function normaliseSchoolItems(level: Level, phase: Phase, input: SchoolItemInput[], opts: { allowTrackDetails: boolean }): TrackItem[] {
  const { min, max } = itemLimits(level, phase);
  const [one, many] = phase === "final" ? ["un choix", "choix"] : ["une intention", "intentions"];
  if (input.length < min) throw new DomainError("NO_INTENTION", `Vous devez obligatoirement saisir ${one}.`);
  if (input.length > max) throw new DomainError("TOO_MANY_INTENTIONS", `Vous pouvez saisir jusqu'à ${max === 3 ? "trois" : max} ${many}.`);
  const seen = new Set<string>();
  return input.map((raw, i) => {
    const track = raw.track.trim();
    if (!isTrackOf(level, track)) throw new DomainError("UNKNOWN_TRACK", "Cette voie d'orientation n'existe pas pour ce palier.");
    let subTrack = (raw.subTrack ?? "").trim();
    let specialties: string[] = [];
    if (track === "1T") {
      if (!Object.hasOwn(TECHNOLOGICAL_SERIES, subTrack)) throw new DomainError("SERIES_REQUIRED", "Choisissez la série de la 1re technologique.");
    } else if (track === "VOIE_PRO") {
      if (!Object.hasOwn(PROFESSIONAL_PATHS, subTrack)) throw new DomainError("PRO_PATH_REQUIRED", "Précisez la voie professionnelle demandée.");
    } else {
      subTrack = "";
    }
    if (track === "1G") {
      specialties = (raw.specialties ?? []).map((s) => s.trim()).filter(Boolean);
      if (specialties.some((s) => !Object.hasOwn(SPECIALTIES, s))) throw new DomainError("UNKNOWN_SPECIALTY", "Cet enseignement de spécialité n'existe pas.");
      if (new Set(specialties).size !== specialties.length)
        throw new DomainError("SPECIALTY_TWICE", "Un enseignement de spécialité ne peut pas être demandé deux fois.");
      if (phase === "provisional" && (specialties.length < 4 || specialties.length > SPECIALTY_CHOICES_MAX)) {
        throw new DomainError("SPECIALTY_COUNT", "Classez 4 enseignements de spécialité (5 si l'un d'eux n'est pas proposé dans l'établissement).");
      }
    }
    const key = `${track}|${subTrack}`;
    if (seen.has(key)) throw new DomainError("TRACK_TWICE", "Cette voie d'orientation a déjà été saisie : elle ne peut pas être demandée deux fois.");
    seen.add(key);
    const details = trackTakesDetails(track) && opts.allowTrackDetails;
    const freeText = details ? (raw.freeText ?? "").trim() || null : null;
    if (freeText && freeText.length > FREE_TEXT_MAX) {
      throw new DomainError("FREE_TEXT_TOO_LONG", FREE_TEXT_TOO_LONG_MESSAGE);
    }
    return {
      rank: i + 1,
      track,
      subTrack,
      freeText,
      statusSchool: details ? Boolean(raw.statusSchool) : false,
      statusApprentice: details ? Boolean(raw.statusApprentice) : false,
      specialties,
      stagePasserelle: false,
    };
  });
}

/** Two lists of voies are the same request (same ranks, voies and details). */
export function sameItems(a: readonly TrackItem[], b: readonly TrackItem[]): boolean {
  if (a.length !== b.length) return false;
  const key = (i: TrackItem) =>
    JSON.stringify([i.rank, i.track, i.subTrack, i.freeText ?? null, i.statusSchool, i.statusApprentice, i.specialties, i.stagePasserelle]);
  const bs = [...b].sort((x, y) => x.rank - y.rank).map(key);
  return [...a].sort((x, y) => x.rank - y.rank).every((x, i) => key(x) === bs[i]);
}

export type SchoolRequestFacts = { source: "family" | "school" } | null;

export type SchoolEntryDecision =
  | { kind: "school_entry" } // R-SCH-1: the school enters (or re-enters) its own intentions
  | { kind: "change_family_entry" }; // R-SCH-5: the school changes what the family entered

/**
 * What saving the school's intentions for a student means. A family's entry (generated at the
 * council's opening) may be changed only once the council is open (R-SCH-5); the school's own
 * entry can be made at any time (R-SCH-1). Out-of-procedure students take no intention (R-SCH-12).
 */
export function decideSchoolEntry(input: { request: SchoolRequestFacts; councilOpen: boolean; outOfProcedure: boolean; phase?: Phase }): SchoolEntryDecision {
  const final = input.phase === "final";
  if (input.outOfProcedure)
    throw new DomainError(
      "OUT_OF_PROCEDURE",
      `Cet élève est hors procédure : ${final ? "aucun choix définitif" : "aucune intention"} ne peut être saisi${final ? "" : "e"}.`,
    );
  if (input.request?.source === "family") {
    if (!input.councilOpen) {
      throw new DomainError(
        "COUNCIL_NOT_OPEN",
        `La modification des ${final ? "choix définitifs saisis" : "intentions saisies"} par la famille est possible à partir de l'ouverture du conseil de classe.`,
      );
    }
    return { kind: "change_family_entry" };
  }
  return { kind: "school_entry" };
}

/** R-SCH-5 / R-SCH-6: the avis a change or a reset would delete, in words. */
export function avisToDeleteText(opinionCount: number): string {
  return opinionCount === 1 ? "l'avis provisoire déjà saisi" : `les ${opinionCount} avis provisoires déjà saisis`;
}

/** R-SCH-5 / R-SCH-6: deleting avis needs the head's confirmation first. */
export function assertAvisDeletionConfirmed(opinionCount: number, confirmed: boolean, what: "change" | "reset"): void {
  if (opinionCount > 0 && !confirmed) {
    throw new DomainError(
      "CONFIRMATION_REQUIRED",
      what === "change"
        ? `Attention : la modification des intentions supprimera ${avisToDeleteText(opinionCount)}. Confirmez la modification.`
        : `Attention : la réinitialisation du conseil de classe supprimera ${avisToDeleteText(opinionCount)}. Confirmez la réinitialisation.`,
    );
  }
}

/** One intention in full, as the lists, the export and the e-mails write it. */
export function describeItemLong(item: TrackItem): string {
  const parts = [describeTrack(item)];
  if (item.freeText) parts.push(`${item.track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers"} : ${item.freeText}`);
  const statuses = [item.statusSchool ? "Sous statut scolaire" : null, item.statusApprentice ? "Sous statut d'apprenti" : null].filter(Boolean);
  if (statuses.length > 0) parts.push(statuses.join(" et "));
  if (item.specialties.length > 0) parts.push(`Spécialités : ${item.specialties.map((s) => (SPECIALTIES as Record<string, string>)[s] ?? s).join(", ")}`);
  if (item.stagePasserelle) parts.push("Stage passerelle demandé");
  return parts.join(" – ");
}
