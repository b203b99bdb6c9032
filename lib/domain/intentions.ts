import { z } from "zod";
import { TRACKS_3E, type Level, type Phase, type Track3e } from "./tracks";
import { formatParisDateTime } from "./paris-time";
import {
  DETAILS_NOT_ALLOWED_MESSAGE,
  DUPLICATE_TRACK_MESSAGE,
  FREE_TEXT_MAX,
  FREE_TEXT_TOO_LONG_MESSAGE,
  MUST_SELECT_TRACK_MESSAGE,
  NO_DETAILS_FOR_2GT_MESSAGE,
  requestItemDetailLines,
  requestItemKey,
  requestItemProblem,
  requestItemShape,
  takesDetails,
  type RequestItem,
  type RequestRules,
} from "./request-items";

export { DETAILS_NOT_ALLOWED_MESSAGE, DUPLICATE_TRACK_MESSAGE, FREE_TEXT_TOO_LONG_MESSAGE, MUST_SELECT_TRACK_MESSAGE, NO_DETAILS_FOR_2GT_MESSAGE };

/*
 * Intentions provisoires of a 3e student (R-INT-2..9): the entry rules the page
 * applies while the family types, and the zod schema the server action applies again (never
 * trust the page). Wording from the procedure's reference screens.
 */

export const INTENTIONS_MAX = 3;
export const INTENTION_FREE_TEXT_MAX = FREE_TEXT_MAX;
export const TRACK_CODES_3E = Object.keys(TRACKS_3E) as Track3e[];

export const INTENTIONS_HEADING = "Demande(s) des représentants légaux / Intention(s) d'orientation";
export const INTENTIONS_INSTRUCTIONS =
  "Vous devez obligatoirement saisir une intention. Vous pouvez en saisir jusqu'à trois. Leur ordre d'affichage correspond à votre ordre de préférence.";
export const INTENTIONS_LEAD = "Nous souhaitons pour la rentrée prochaine :";
export const RANK_HINT = "Le rang détermine l'ordre de préférence";
export const MUST_ENTER_ONE_MESSAGE = "Vous devez obligatoirement saisir une intention.";
export const TOO_MANY_MESSAGE = "Vous pouvez saisir jusqu'à trois intentions.";
/** R-INT-1: the refusals of an actor who may read the entry but not make it. */
export const STUDENT_READ_ONLY_MESSAGE = "Le compte d'un élève permet uniquement de consulter les saisies effectuées par le représentant légal.";
export const ADULT_STUDENT_ENTERS_MESSAGE = "L'élève est majeur : c'est lui qui effectue les saisies. Votre compte permet de les consulter.";
export const LEVEL_NOT_SUPPORTED_MESSAGE = "La saisie en ligne des intentions n'est pas disponible pour ce niveau.";

export function handTakenMessage(holderName: string, validatedAt: Date, phase: "provisional" | "final" = "provisional"): string {
  if (phase === "final") {
    return `Les choix définitifs de cet élève ont déjà été validés par ${holderName} le ${formatParisDateTime(validatedAt)} : seul le représentant légal qui a effectué la saisie peut les modifier. Votre saisie n'a pas été enregistrée. En cas de désaccord, veuillez prendre contact avec le chef d'établissement.`;
  }
  return `Les intentions de cet élève ont déjà été validées par ${holderName} le ${formatParisDateTime(validatedAt)} : seul le représentant légal qui a effectué la saisie peut les modifier. Votre saisie n'a pas été enregistrée. En cas de désaccord, veuillez prendre contact avec le chef d'établissement.`;
}

/** R-INT-7: shown after a validation. */
export const VALIDATED_MESSAGE =
  "Vos intentions ont bien été validées. Un e-mail de confirmation va vous être envoyé, si une adresse électronique valide est indiquée dans votre fiche de renseignements. Si ce n'est pas le cas, vous pouvez la compléter à partir du portail Scolarité Services. Vous pouvez encore faire des modifications jusqu'à la fermeture du service.";

/** R-INT-9: help texts. */
export const HELP_STHR =
  "STHR : sciences et technologies de l'hôtellerie et de la restauration. La 2de STHR est une seconde spécifique qui prépare au baccalauréat technologique STHR.";
export const FREE_TEXT_HINT = "Vous pouvez préciser le métier ou la formation qui intéresse votre enfant";
export const HELP_FREE_TEXT =
  "Vous trouverez des informations sur les métiers et les formations sur le site de l'Onisep (http://www.onisep.fr), et dans le guide « Après la 3e » distribué par votre établissement.";
export const STATUS_SCHOOL_LABEL = "Sous statut scolaire";
export const STATUS_APPRENTICE_LABEL = "Sous statut d'apprenti";
export const HELP_STATUS_SCHOOL =
  "Votre enfant reste élève ; Il suit des enseignements généraux et professionnels au lycée professionnel ; Il effectue des périodes de formation (stages) en entreprise de plusieurs semaines durant son cursus de formation.";
export const HELP_STATUS_APPRENTICE =
  "Votre enfant devient apprenti et est considéré comme un salarié, avec un contrat de travail. Il devra rechercher un employeur pour signer un contrat ; Il pourra être accompagné dans cette démarche par le CFA (centre de formation d'apprentis). Son temps de formation est partagé entre le CFA et l'entreprise.";
/** R-INT-9: the notice (as on the fiche de dialogue). */
export const PROCEDURE_NOTICE =
  "Cette procédure de dialogue ne s'applique pas au redoublement exceptionnel décidé par le chef d'établissement, ni aux parcours particuliers hors système éducatif (services médicalisés, sociaux...) pour lesquels une procédure spécifique existe par ailleurs. Si vous êtes dans une de ces situations, veuillez contacter le chef d'établissement.";

/** R-INT-5: the label of the free text, per voie. */
export function freeTextLabel(track: string): string {
  return track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers";
}

/**
 * One intention or final choice as the family side holds it. The 3e entry fills the first four
 * fields; the 2de GT entry adds the série or target, the ranked spécialités and the stage
 * passerelle (absent means none). The rules are those of every request (lib/domain/request-items.ts).
 */
export type Intention = {
  track: string;
  freeText: string | null;
  statusSchool: boolean;
  statusApprentice: boolean;
  subTrack?: string;
  specialties?: string[];
  stagePasserelle?: boolean;
};

/** The item in full (the optional 2GT fields made explicit). */
export function fullItem(i: Intention): RequestItem {
  return {
    track: i.track,
    subTrack: i.subTrack ?? "",
    freeText: i.freeText,
    statusSchool: i.statusSchool,
    statusApprentice: i.statusApprentice,
    specialties: [...(i.specialties ?? [])],
    stagePasserelle: i.stagePasserelle ?? false,
  };
}

/** The 3e provisional entry's rules (the académie's details switch is checked by the server, R-INT-5). */
const RULES_3E: RequestRules = { level: "3e", phase: "provisional", offeredSpecialties: [], allowTrackDetails: true, allowStagePasserelle: false };

/** One 3e intention as the server accepts it. Unknown keys are refused: a forged field is not ignored. */
export const intentionSchema = requestItemShape
  .transform((v) => ({ ...v, freeText: (v.freeText ?? "").trim() || null }))
  .superRefine((v, ctx) => {
    const problem = requestItemProblem(RULES_3E, v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["track"] });
  })
  .transform((v): Intention => ({ track: v.track, freeText: v.freeText, statusSchool: v.statusSchool, statusApprentice: v.statusApprentice }));

/** R-INT-2 / R-INT-3: the whole 3e list, ranked by its order. */
export const intentionListSchema = z
  .array(intentionSchema)
  .min(1, MUST_ENTER_ONE_MESSAGE)
  .max(INTENTIONS_MAX, TOO_MANY_MESSAGE)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.track)) ctx.addIssue({ code: "custom", message: DUPLICATE_TRACK_MESSAGE, path: [i, "track"] });
      seen.add(item.track);
    });
  });

export const validateIntentionsInput = z.strictObject({
  studentId: z.string().uuid({ message: "Élève inconnu." }),
  intentions: intentionListSchema,
});
export type ValidateIntentionsInput = z.infer<typeof validateIntentionsInput>;

export function hasDetails(i: Pick<Intention, "freeText" | "statusSchool" | "statusApprentice">): boolean {
  return (i.freeText ?? "") !== "" || i.statusSchool || i.statusApprentice;
}

// ---------------------------------------------------------------------------------------------
// The entry in progress (R-INT-3, R-INT-4): pure functions, so the page and the tests share them.
// The limits default to the 3e provisional phase; the 2de GT editor passes its level and phase.

export type EntryResult = { ok: true; entry: Intention[] } | { ok: false; message: string };
export type EntryLimits = { level: Level; phase: Phase; max: number };
const ENTRY_3E: EntryLimits = { level: "3e", phase: "provisional", max: INTENTIONS_MAX };

/** R-INT-4: which buttons of intention `index` are enabled. */
export function entryControls(entry: readonly Intention[], index: number) {
  const several = entry.length >= 2;
  return {
    moveUp: several && index > 0,
    moveDown: several && index < entry.length - 1,
    remove: several,
    change: entry.length >= 1,
  };
}

/** R-INT-2: «+ Ajouter une intention» while fewer than three (11 final choices in 2de GT). */
export function canAddIntention(entry: readonly Intention[], limits: EntryLimits = ENTRY_3E): boolean {
  return entry.length < limits.max;
}

/** R-INT-4: "Tout annuler" has something to clear. */
export function canCancelAll(entry: readonly Intention[]): boolean {
  return entry.length > 0;
}

/** The entry keeps only what its voie takes (R-INT-5): switching to 2GT drops the details. */
export function normaliseIntention(i: Intention, allowDetails: boolean): Intention {
  const rest =
    i.subTrack !== undefined || i.specialties !== undefined || i.stagePasserelle !== undefined
      ? { subTrack: i.subTrack ?? "", specialties: [...(i.specialties ?? [])], stagePasserelle: i.stagePasserelle ?? false }
      : {};
  if (!takesDetails(i.track) || !allowDetails) return { track: i.track, freeText: null, statusSchool: false, statusApprentice: false, ...rest };
  const text = (i.freeText ?? "").trim();
  return { track: i.track, freeText: text === "" ? null : text, statusSchool: i.statusSchool, statusApprentice: i.statusApprentice, ...rest };
}

function checkOne(i: Intention, limits: EntryLimits, rules?: Omit<RequestRules, "level" | "phase">): string | null {
  if (limits.level === "3e") {
    if (!TRACK_CODES_3E.includes(i.track as Track3e)) return MUST_SELECT_TRACK_MESSAGE;
    if ((i.freeText ?? "").length > INTENTION_FREE_TEXT_MAX) return FREE_TEXT_TOO_LONG_MESSAGE;
    return null;
  }
  return requestItemProblem(
    { level: limits.level, phase: limits.phase, offeredSpecialties: [], allowTrackDetails: true, allowStagePasserelle: true, ...rules },
    fullItem(i),
  );
}

/** R-INT-3: a voie already in the entry (other than the one being changed); a voie is its track and série or target. */
export function isDuplicate(entry: readonly Intention[], item: Pick<Intention, "track" | "subTrack">, exceptIndex?: number): boolean {
  const key = requestItemKey({ track: item.track, subTrack: item.subTrack ?? "" });
  return entry.some((e, i) => i !== exceptIndex && requestItemKey({ track: e.track, subTrack: e.subTrack ?? "" }) === key);
}

export function addIntention(
  entry: readonly Intention[],
  item: Intention,
  limits: EntryLimits = ENTRY_3E,
  rules?: Omit<RequestRules, "level" | "phase">,
): EntryResult {
  if (!canAddIntention(entry, limits))
    return { ok: false, message: limits.phase === "final" && limits.max !== 3 ? `Vous pouvez saisir jusqu'à ${limits.max} choix.` : TOO_MANY_MESSAGE };
  const bad = checkOne(item, limits, rules);
  if (bad) return { ok: false, message: bad };
  if (isDuplicate(entry, item)) return { ok: false, message: DUPLICATE_TRACK_MESSAGE };
  return { ok: true, entry: [...entry, item] };
}

export function changeIntention(
  entry: readonly Intention[],
  index: number,
  item: Intention,
  limits: EntryLimits = ENTRY_3E,
  rules?: Omit<RequestRules, "level" | "phase">,
): EntryResult {
  if (!entryControls(entry, index).change || index >= entry.length) return { ok: false, message: MUST_SELECT_TRACK_MESSAGE };
  const bad = checkOne(item, limits, rules);
  if (bad) return { ok: false, message: bad };
  if (isDuplicate(entry, item, index)) return { ok: false, message: DUPLICATE_TRACK_MESSAGE };
  return { ok: true, entry: entry.map((e, i) => (i === index ? item : e)) };
}

export function moveIntention(entry: readonly Intention[], index: number, direction: "up" | "down"): Intention[] {
  const c = entryControls(entry, index);
  if (direction === "up" ? !c.moveUp : !c.moveDown) return [...entry];
  const other = direction === "up" ? index - 1 : index + 1;
  const next = [...entry];
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

export function removeIntention(entry: readonly Intention[], index: number): Intention[] {
  if (!entryControls(entry, index).remove) return [...entry];
  return entry.filter((_, i) => i !== index);
}

/**
 * R-INT-4 / R-INT-6: cancelling. Before any validation it clears the entry; after a validation
 * it discards only the edits in progress and gives back the last validated entry.
 */
export function cancelEntry(validated: readonly Intention[] | null): Intention[] {
  return validated ? [...validated] : [];
}

export function sameEntry(a: readonly Intention[], b: readonly Intention[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(fullItem(x)) === JSON.stringify(fullItem(b[i]!)));
}

/** The lines describing one intention, as on the recap and in the e-mails (spécialités ranked, marked «hors établissement»). */
export function intentionDetailLines(i: Intention, offered: readonly string[] = []): string[] {
  return requestItemDetailLines(fullItem(i), offered);
}

/** R-FIN-3: the entry's words per phase (the final choices reuse the intentions' editor; seed 001). */
export const ENTRY_WORDING = {
  provisional: {
    item: "Intention",
    itemLower: "intention",
    itemArticle: "l'intention",
    added: "ajoutée",
    changed: "modifiée",
    removed: "supprimée",
    add: "+ Ajouter une intention",
    addTitle: "Ajouter une intention",
    validate: "Valider les intentions",
    modify: "Modifier les intentions",
    empty: "Aucune intention saisie pour le moment.",
    listLabel: "Intentions en cours de saisie",
    mustEnterOne: MUST_ENTER_ONE_MESSAGE,
    validated: VALIDATED_MESSAGE,
    cancelled: "Modifications annulées : les intentions validées sont conservées.",
  },
  final: {
    item: "Choix",
    itemLower: "choix",
    itemArticle: "le choix",
    added: "ajouté",
    changed: "modifié",
    removed: "supprimé",
    add: "AJOUTER UN CHOIX",
    addTitle: "Ajouter un choix",
    validate: "Valider les choix définitifs",
    modify: "Modifier les choix définitifs",
    empty: "Aucun choix saisi pour le moment.",
    listLabel: "Choix définitifs en cours de saisie",
    mustEnterOne: "Vous devez obligatoirement saisir un choix.",
    validated:
      "Vos choix définitifs ont bien été validés. Un e-mail de confirmation va vous être envoyé, si une adresse électronique valide est indiquée dans votre fiche de renseignements. Vous pouvez encore faire des modifications jusqu'à la fermeture du service.",
    cancelled: "Modifications annulées : les choix définitifs validés sont conservés.",
  },
} as const;
