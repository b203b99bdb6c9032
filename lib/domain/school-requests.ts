import { DomainError } from "./errors";
import { describeTrack, itemLimits, type Level, type Phase, type TrackItem } from "./tracks";
import { checkRequestItems, specialtyDisplay, STAGE_PASSERELLE_LABEL, takesDetails, type RequestItem } from "./request-items";

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
  stagePasserelle?: boolean;
};

/** The limits of the school's entry form (R-SCH-1), shared by the rules below and the action's schema. */
export { FREE_TEXT_MAX, FREE_TEXT_TOO_LONG_MESSAGE, SPECIALTY_CODE_MAX, TRACK_CODE_MAX } from "./request-items";
/** The longest list of voies any level and phase takes (R-2GT-3: 11 choices in 2de GT, final phase). */
export const SCHOOL_ITEMS_MAX = itemLimits("2GT", "final").max;
/** 4 spécialités, 5 when one is not offered by the lycée (1re générale). */
export { SPECIALTIES_PROVISIONAL_MAX as SPECIALTY_CHOICES_MAX } from "./request-items";
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
 * Checks and normalises the school's entry for a student with the rules of every request
 * (lib/domain/request-items.ts): 1 to 3 voies (11 final choices in 2de GT), none twice (R-INT-3),
 * a série for a 1re technologique, a target for the voie pro, the spécialités of a 1re générale
 * against the lycée's list (R-2GT-2/3/4). Details the voie does not take, or the académie does
 * not allow (R-INT-5), are dropped rather than refused: the head copies a paper form. The paper
 * form may carry a stage passerelle whatever the académie allows online (R-2GT-5).
 */
export function normaliseSchoolItems(
  level: Level,
  phase: Phase,
  input: SchoolItemInput[],
  opts: { allowTrackDetails: boolean; offeredSpecialties?: readonly string[] },
): TrackItem[] {
  const items: RequestItem[] = input.map((raw) => {
    const track = raw.track.trim();
    const details = takesDetails(track) && opts.allowTrackDetails;
    return {
      track,
      subTrack: (raw.subTrack ?? "").trim(),
      freeText: details ? (raw.freeText ?? null) : null,
      statusSchool: details ? Boolean(raw.statusSchool) : false,
      statusApprentice: details ? Boolean(raw.statusApprentice) : false,
      specialties: track === "1G" ? (raw.specialties ?? []) : [],
      stagePasserelle: track === "VOIE_PRO" && phase === "final" ? Boolean(raw.stagePasserelle) : false,
    };
  });
  return checkRequestItems({ level, phase, offeredSpecialties: opts.offeredSpecialties ?? [], allowTrackDetails: true, allowStagePasserelle: true }, items);
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

/** One intention in full, as the lists, the export and the e-mails write it (série in the voie, spécialités ranked). */
export function describeItemLong(item: TrackItem): string {
  return itemDescriber([])(item);
}

/** The same, marking the spécialités the lycée does not offer «hors établissement» (R-2GT-4). */
export function itemDescriber(offered: readonly string[]): (item: TrackItem) => string {
  return (item) => {
    const parts = [describeTrack(item)];
    if (item.freeText) parts.push(`${item.track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers"} : ${item.freeText}`);
    const statuses = [item.statusSchool ? "Sous statut scolaire" : null, item.statusApprentice ? "Sous statut d'apprenti" : null].filter(Boolean);
    if (statuses.length > 0) parts.push(statuses.join(" et "));
    if (item.specialties.length > 0) parts.push(`Spécialités : ${item.specialties.map((s, n) => `${n + 1}. ${specialtyDisplay(s, offered)}`).join(", ")}`);
    if (item.stagePasserelle) parts.push(STAGE_PASSERELLE_LABEL);
    return parts.join(" – ");
  };
}
