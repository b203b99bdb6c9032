import { z } from "zod";
import { TRACKS_3E, type Track3e } from "./tracks";
import { formatParisDateTime } from "./paris-time";

/*
 * Intentions provisoires of a 3e student (R-INT-2..9): the entry rules the page
 * applies while the family types, and the zod schema the server action applies again (never
 * trust the page). Wording from the procedure's reference screens.
 */

export const INTENTIONS_MAX = 3;
export const INTENTION_FREE_TEXT_MAX = 200;
export const TRACK_CODES_3E = Object.keys(TRACKS_3E) as Track3e[];

export const INTENTIONS_HEADING = "Demande(s) des représentants légaux / Intention(s) d'orientation";
export const INTENTIONS_INSTRUCTIONS =
  "Vous devez obligatoirement saisir une intention. Vous pouvez en saisir jusqu'à trois. Leur ordre d'affichage correspond à votre ordre de préférence.";
export const INTENTIONS_LEAD = "Nous souhaitons pour la rentrée prochaine :";
export const RANK_HINT = "Le rang détermine l'ordre de préférence";
export const MUST_ENTER_ONE_MESSAGE = "Vous devez obligatoirement saisir une intention.";
export const TOO_MANY_MESSAGE = "Vous pouvez saisir jusqu'à trois intentions.";
export const MUST_SELECT_TRACK_MESSAGE = "Vous devez sélectionner une voie.";
/** R-INT-3: « un message indique qu'elle ne peut pas être demandée deux fois ». */
export const DUPLICATE_TRACK_MESSAGE = "Cette voie d'orientation a déjà été saisie : elle ne peut pas être demandée deux fois.";
export const FREE_TEXT_TOO_LONG_MESSAGE = `La précision ne peut pas dépasser ${INTENTION_FREE_TEXT_MAX} caractères.`;
export const NO_DETAILS_FOR_2GT_MESSAGE = "La 2de générale et technologique ou 2de STHR ne comporte pas d'autre information à saisir.";
export const DETAILS_NOT_ALLOWED_MESSAGE = "Votre académie ne permet pas de préciser la spécialité ou le statut envisagé.";
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

export type Intention = {
  track: Track3e;
  freeText: string | null;
  statusSchool: boolean;
  statusApprentice: boolean;
};

/** One intention as the server accepts it. Unknown keys are refused: a forged field is not ignored. */
export const intentionSchema = z
  .strictObject({
    track: z.enum(TRACK_CODES_3E, { message: MUST_SELECT_TRACK_MESSAGE }),
    freeText: z
      .string()
      .nullish()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v.length <= INTENTION_FREE_TEXT_MAX, FREE_TEXT_TOO_LONG_MESSAGE)
      .transform((v) => (v === "" ? null : v)),
    statusSchool: z.boolean().default(false),
    statusApprentice: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    // R-INT-5: « 2de GT ou 2de STHR » takes nothing more.
    if (v.track === "2GT" && (v.freeText !== null || v.statusSchool || v.statusApprentice)) {
      ctx.addIssue({ code: "custom", message: NO_DETAILS_FOR_2GT_MESSAGE, path: ["track"] });
    }
  });

/** R-INT-2 / R-INT-3: the whole validated list, ranked by its order. */
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

export type EntryResult = { ok: true; entry: Intention[] } | { ok: false; message: string };

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

/** R-INT-2: «+ Ajouter une intention» while fewer than three. */
export function canAddIntention(entry: readonly Intention[]): boolean {
  return entry.length < INTENTIONS_MAX;
}

/** R-INT-4: "Tout annuler" has something to clear. */
export function canCancelAll(entry: readonly Intention[]): boolean {
  return entry.length > 0;
}

/** The entry keeps only what its voie takes (R-INT-5): switching to 2GT drops the details. */
export function normaliseIntention(i: Intention, allowDetails: boolean): Intention {
  if (i.track === "2GT" || !allowDetails) return { track: i.track, freeText: null, statusSchool: false, statusApprentice: false };
  const text = (i.freeText ?? "").trim();
  return { track: i.track, freeText: text === "" ? null : text, statusSchool: i.statusSchool, statusApprentice: i.statusApprentice };
}

function checkOne(i: Intention): string | null {
  if (!TRACK_CODES_3E.includes(i.track)) return MUST_SELECT_TRACK_MESSAGE;
  if ((i.freeText ?? "").length > INTENTION_FREE_TEXT_MAX) return FREE_TEXT_TOO_LONG_MESSAGE;
  return null;
}

/** R-INT-3: a voie already in the entry (other than the one being changed). */
export function isDuplicate(entry: readonly Intention[], track: string, exceptIndex?: number): boolean {
  return entry.some((e, i) => i !== exceptIndex && e.track === track);
}

export function addIntention(entry: readonly Intention[], item: Intention): EntryResult {
  if (!canAddIntention(entry)) return { ok: false, message: TOO_MANY_MESSAGE };
  const bad = checkOne(item);
  if (bad) return { ok: false, message: bad };
  if (isDuplicate(entry, item.track)) return { ok: false, message: DUPLICATE_TRACK_MESSAGE };
  return { ok: true, entry: [...entry, item] };
}

export function changeIntention(entry: readonly Intention[], index: number, item: Intention): EntryResult {
  if (!entryControls(entry, index).change || index >= entry.length) return { ok: false, message: MUST_SELECT_TRACK_MESSAGE };
  const bad = checkOne(item);
  if (bad) return { ok: false, message: bad };
  if (isDuplicate(entry, item.track, index)) return { ok: false, message: DUPLICATE_TRACK_MESSAGE };
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
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.track === y.track && (x.freeText ?? null) === (y.freeText ?? null) && x.statusSchool === y.statusSchool && x.statusApprentice === y.statusApprentice
      );
    })
  );
}

/** The lines describing one intention, as on the recap and in the e-mails. */
export function intentionDetailLines(i: Pick<Intention, "track" | "freeText" | "statusSchool" | "statusApprentice">): string[] {
  const lines: string[] = [];
  if (i.freeText) lines.push(`${freeTextLabel(i.track)} : ${i.freeText}`);
  if (i.statusApprentice) lines.push(STATUS_APPRENTICE_LABEL);
  if (i.statusSchool) lines.push(STATUS_SCHOOL_LABEL);
  return lines;
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
