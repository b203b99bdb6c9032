import type { Badge } from "./badges";
import { OPINION_LABELS, type OpinionValue } from "./opinions";
import { formatParisDateTime } from "./paris-time";
import { itemDescriber } from "./school-requests";
import type { Level, TrackItem } from "./tracks";

/*
 * A student's back-office file (R-SCH-1, R-SCH-3, R-SCH-4, R-SCH-5, R-SCH-7, R-SCH-9, R-SCH-12):
 * which notices, blocks and forms the page shows, from the student's row and what the policy
 * allows. Pure: the loader reads, this decides, the page renders.
 */

export type StudentFileFacts = {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  divisionId: string;
  divisionCode: string;
  level: Level;
  mefLabel: string;
  outOfProcedureReason: string | null;
  councilOpen: boolean;
  /** What the nightly transfer brought from the family service (R-SCH-2). */
  familyEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  /** The back-office's intentions and their avis. */
  request: {
    source: "family" | "school";
    enteredByName: string;
    enteredAt: Date;
    changedBySchoolAt: Date | null;
    changedBySchoolName: string | null;
    originalFamilyItems: TrackItem[] | null;
    items: (TrackItem & { id: string; opinion: { value: OpinionValue; comment: string | null } | null })[];
  } | null;
  acknowledgement: {
    acknowledgedByName: string;
    acknowledgedAt: Date;
    familyToInform: boolean;
    familyInformedAt: Date | null;
    familyInformedByName: string | null;
  } | null;
};

/** An intention as the school's entry form edits it (série or target, ranked spécialités, stage passerelle: R-2GT-1..3). */
export type EditableItem = {
  track: string;
  subTrack: string;
  freeText: string;
  statusSchool: boolean;
  statusApprentice: boolean;
  specialties: string[];
  stagePasserelle: boolean;
};

export type SchoolStudentPageView = {
  studentId: string;
  /** R-2GT-4: the lycée's offered spécialités (the others are marked «hors établissement» in every list of the page). */
  offeredSpecialties: string[];
  name: string;
  identity: { ine: string; birthDateText: string; divisionId: string; divisionCode: string; mefLabel: string };
  badges: Badge[];
  councilText: string;
  /** The back-office's intentions with their avis, or null (then `noIntentionText`). */
  intentions: { rows: { id: string; rank: number; label: string; opinionText: string; comment: string }[]; note: string } | null;
  noIntentionText: string;
  /** R-SCH-5: the family's original entry, kept after the school changed it. */
  originalEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date } | null;
  /** R-SCH-4: an entry that arrived after the council's opening. */
  nonTraiteeEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date } | null;
  /** R-SCH-3: a family entry received, taken up when the council opens. */
  pendingFamilyEntry: { title: string; items: TrackItem[]; note: string } | null;
  /** The school's entry (R-SCH-1) or its change of the family's (R-SCH-5); null when not offered. */
  entry: {
    heading: string;
    /** R-SCH-5: the family's entry may be changed only once the council is open. */
    lockedText: string | null;
    notice: string | null;
    form: { level: Level; initial: EditableItem[]; allowTrackDetails: boolean; changesFamilyEntry: boolean; offeredSpecialties: string[] } | null;
  } | null;
  /** R-SCH-9 */
  acknowledgement: {
    text: string;
    familyToInform: { text: string; mayMarkInformed: boolean } | null;
    informedText: string | null;
  };
  /** R-SCH-12 */
  outOfProcedure: { editable: boolean; reason: string | null; text: string };
};

export const FAMILY_ENTRY_LOCKED_TEXT = "La modification des intentions saisies par la famille est possible à partir de l'ouverture du conseil de classe.";

function birthDateFr(iso: string): string {
  return iso.split("-").reverse().join("/");
}

/** R-SCH-1 / R-SCH-5: who entered the back-office's intentions, and whether the family sees them yet. */
/** A stored item as the school's request form starts from it. */
function formItemOf(i: TrackItem): EditableItem {
  return {
    track: i.track,
    subTrack: i.subTrack,
    freeText: i.freeText ?? "",
    statusSchool: i.statusSchool,
    statusApprentice: i.statusApprentice,
    specialties: i.specialties,
    stagePasserelle: i.stagePasserelle,
  };
}

export function requestNote(request: NonNullable<StudentFileFacts["request"]>): string {
  const entered =
    request.source === "family"
      ? `Saisie en ligne (TS) par ${request.enteredByName} le ${formatParisDateTime(request.enteredAt)}.`
      : `Saisie par l'établissement (${request.enteredByName}) le ${formatParisDateTime(request.enteredAt)} : non visible par la famille avant la publication des avis.`;
  const changed = request.changedBySchoolAt
    ? ` Modifiée par l'établissement (${request.changedBySchoolName}) le ${formatParisDateTime(request.changedBySchoolAt)}.`
    : "";
  return entered + changed;
}

/**
 * The school's student page. `canManage` is the policy's "manage:student-file" on the student;
 * `allowTrackDetails` the académie's setting (R-INT-5).
 */
export function describeSchoolStudentPage(input: {
  row: StudentFileFacts;
  badges: Badge[];
  canManage: boolean;
  allowTrackDetails: boolean;
  offeredSpecialties?: readonly string[];
}): SchoolStudentPageView {
  const { row, canManage } = input;
  const offeredSpecialties = [...(input.offeredSpecialties ?? [])];
  const describe = itemDescriber(offeredSpecialties);
  const request = row.request;
  const items = request?.items ?? [];
  const fromFamily = request?.source === "family";
  const hasOpinions = items.some((i) => i.opinion);
  const pendingEntry = row.familyEntry && !row.familyEntry.nonTraitee && !row.councilOpen ? row.familyEntry : null;

  let entry: SchoolStudentPageView["entry"] = null;
  if (canManage && !row.outOfProcedureReason) {
    const locked = fromFamily && !row.councilOpen;
    entry = {
      heading: fromFamily ? "Modifier les intentions de la famille" : "Saisir les intentions",
      lockedText: locked ? FAMILY_ENTRY_LOCKED_TEXT : null,
      notice: locked
        ? null
        : fromFamily
          ? "À la demande de la famille uniquement. La saisie initiale reste consultable, chaque représentant légal reçoit un courriel" +
            (hasOpinions ? " et les avis provisoires déjà saisis seront supprimés" : "") +
            "."
          : pendingEntry
            ? "Une saisie en ligne existe : à l'ouverture du conseil de classe, elle remplacera les intentions saisies ici."
            : null,
      form: locked
        ? null
        : {
            level: row.level,
            initial: items.map(formItemOf),
            allowTrackDetails: input.allowTrackDetails,
            changesFamilyEntry: fromFamily,
            offeredSpecialties,
          },
    };
  }

  const ack = row.acknowledgement;
  return {
    studentId: row.id,
    offeredSpecialties,
    name: `${row.firstName} ${row.lastName}`,
    identity: { ine: row.ine, birthDateText: birthDateFr(row.birthDate), divisionId: row.divisionId, divisionCode: row.divisionCode, mefLabel: row.mefLabel },
    badges: input.badges,
    councilText: `Conseil de classe : ${row.councilOpen ? "ouvert" : "non ouvert"}.`,
    intentions:
      request && items.length > 0
        ? {
            rows: items.map((i) => ({
              id: i.id,
              rank: i.rank,
              label: describe(i),
              opinionText: i.opinion ? OPINION_LABELS[i.opinion.value] : "—",
              comment: i.opinion?.comment ?? "",
            })),
            note: requestNote(request),
          }
        : null,
    noIntentionText: "Aucune intention n'est enregistrée dans le module établissement.",
    originalEntry: request?.originalFamilyItems
      ? { items: request.originalFamilyItems, enteredByName: request.enteredByName, enteredAt: request.enteredAt }
      : null,
    nonTraiteeEntry: row.familyEntry?.nonTraitee ? row.familyEntry : null,
    pendingFamilyEntry: pendingEntry
      ? {
          title: `Saisie en ligne (TS) par ${pendingEntry.enteredByName} le ${formatParisDateTime(pendingEntry.enteredAt)}`,
          items: pendingEntry.items,
          note: "Ces intentions seront reprises à l'ouverture du conseil de classe.",
        }
      : null,
    entry,
    acknowledgement: ack
      ? {
          text: `Accusé de réception par ${ack.acknowledgedByName} le ${formatParisDateTime(ack.acknowledgedAt)}.`,
          familyToInform: ack.familyToInform
            ? { text: "Famille à informer : les avis ont été modifiés après l'accusé de réception.", mayMarkInformed: canManage }
            : null,
          informedText:
            !ack.familyToInform && ack.familyInformedAt
              ? `Famille informée le ${formatParisDateTime(ack.familyInformedAt)} par ${ack.familyInformedByName}.`
              : null,
        }
      : { text: "La famille n'a pas accusé réception des avis provisoires.", familyToInform: null, informedText: null },
    outOfProcedure: {
      editable: canManage,
      reason: row.outOfProcedureReason,
      text: row.outOfProcedureReason ? `Hors procédure : ${row.outOfProcedureReason}` : "L'élève suit la procédure d'orientation.",
    },
  };
}

/*
 * The final phase of a student's file (R-SCH-1, R-SCH-5, R-SCH-9, R-FIN-5, R-FIN-6, R-FIN-7):
 * final choices (TS or entered by the school, changed by the school), the council's proposals,
 * the family's answer and each guardian's agreement, the final «famille à informer» flag.
 */

export type FinalPhaseFacts = {
  outOfProcedure: boolean;
  level: Level;
  councilOpen: boolean;
  familyEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  request: {
    source: "family" | "school";
    enteredByName: string;
    enteredAt: Date;
    changedBySchoolAt: Date | null;
    changedBySchoolName: string | null;
    originalFamilyItems: TrackItem[] | null;
    items: (TrackItem & { id: string })[];
  } | null;
  proposals: (TrackItem & {
    id: string;
    kind: "answer_to_choice" | "extra";
    choiceItemId: string | null;
    answer: "yes" | "no" | null;
    motivation: string | null;
  })[];
  answer: { source: "family" | "school"; kind: "accept" | "refuse_all"; acceptedProposalIds: string[]; answeredByName: string; answeredAt: Date } | null;
  agreements: { guardianName: string; source: "family" | "school"; agrees: boolean; answeredByName: string; answeredAt: Date }[];
  familyToInform: { toInform: boolean; informedAt: Date | null; informedByName: string | null } | null;
};

export type FinalPhaseView = {
  councilText: string;
  choices: { rows: { id: string; rank: number; label: string; proposalText: string; motivation: string }[]; note: string } | null;
  noChoiceText: string;
  extras: { id: string; label: string; motivation: string }[];
  originalEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date } | null;
  pendingFamilyEntry: { title: string; items: TrackItem[]; note: string } | null;
  answerText: string;
  agreements: string[];
  familyToInform: { text: string; mayMarkInformed: boolean } | null;
  informedText: string | null;
  entry: SchoolStudentPageView["entry"];
};

export const FINAL_ENTRY_LOCKED_TEXT =
  "La modification des choix définitifs saisis par la famille est possible à partir de l'ouverture du conseil de classe de la phase définitive.";

/** Who gave an answer: online (TS) or entered by the school (R-FIN-10). */
function sourceText(source: "family" | "school", byName: string, at: Date): string {
  return source === "family"
    ? `en ligne (TS) par ${byName} le ${formatParisDateTime(at)}`
    : `saisie par l'établissement (${byName}) le ${formatParisDateTime(at)}`;
}

export function describeFinalPhase(
  f: FinalPhaseFacts,
  opts: { canManage: boolean; allowTrackDetails: boolean; offeredSpecialties?: readonly string[] },
): FinalPhaseView {
  const offeredSpecialties = [...(opts.offeredSpecialties ?? [])];
  const describe = itemDescriber(offeredSpecialties);
  const request = f.request;
  const items = request?.items ?? [];
  const fromFamily = request?.source === "family";
  const pendingEntry = f.familyEntry && !f.familyEntry.nonTraitee && !f.councilOpen ? f.familyEntry : null;
  const answerOf = (itemId: string) => f.proposals.find((p) => p.kind === "answer_to_choice" && p.choiceItemId === itemId);
  const labelOf = (id: string) => {
    const p = f.proposals.find((x) => x.id === id);
    return p ? describe(p) : null;
  };

  let entry: FinalPhaseView["entry"] = null;
  if (opts.canManage && !f.outOfProcedure) {
    const locked = fromFamily && !f.councilOpen;
    const hasProposals = items.some((i) => answerOf(i.id));
    entry = {
      heading: fromFamily ? "Modifier les choix définitifs de la famille" : "Saisir les choix définitifs",
      lockedText: locked ? FINAL_ENTRY_LOCKED_TEXT : null,
      notice: locked
        ? null
        : fromFamily
          ? "À la demande de la famille uniquement. La saisie initiale reste consultable, chaque représentant légal reçoit un courriel" +
            (hasProposals ? " et les propositions du conseil de classe déjà saisies seront supprimées" : "") +
            "."
          : pendingEntry
            ? "Une saisie en ligne existe : à l'ouverture du conseil de classe, elle remplacera les choix définitifs saisis ici."
            : null,
      form: locked
        ? null
        : {
            level: f.level,
            initial: items.map(formItemOf),
            allowTrackDetails: opts.allowTrackDetails,
            changesFamilyEntry: fromFamily,
            offeredSpecialties,
          },
    };
  }

  const note = request
    ? (fromFamily
        ? `Saisie en ligne (TS) par ${request.enteredByName} le ${formatParisDateTime(request.enteredAt)}.`
        : `Saisie par l'établissement (${request.enteredByName}) le ${formatParisDateTime(request.enteredAt)}.`) +
      (request.changedBySchoolAt ? ` Modifiée par l'établissement (${request.changedBySchoolName}) le ${formatParisDateTime(request.changedBySchoolAt)}.` : "")
    : "";

  const a = f.answer;
  const answerText = !a
    ? "La famille n'a pas encore répondu aux propositions du conseil de classe."
    : a.kind === "refuse_all"
      ? `La famille refuse toutes les propositions : réponse ${sourceText(a.source, a.answeredByName, a.answeredAt)}.`
      : `La famille accepte : ${
          a.acceptedProposalIds
            .map(labelOf)
            .filter((x): x is string => x !== null)
            .join(" ; ") || "—"
        } (réponse ${sourceText(a.source, a.answeredByName, a.answeredAt)}).`;
  const inform = f.familyToInform;
  return {
    councilText: `Conseil de classe de la phase définitive : ${f.councilOpen ? "ouvert" : "non ouvert"}.`,
    choices:
      request && items.length > 0
        ? {
            rows: items.map((i) => {
              const p = answerOf(i.id);
              return {
                id: i.id,
                rank: i.rank,
                label: describe(i),
                proposalText: p?.answer === "yes" ? "Oui" : p?.answer === "no" ? "Non" : "—",
                motivation: p?.motivation ?? "",
              };
            }),
            note,
          }
        : null,
    noChoiceText: "Aucun choix définitif n'est enregistré dans le module établissement.",
    extras: f.proposals.filter((p) => p.kind === "extra").map((p) => ({ id: p.id, label: describe(p), motivation: p.motivation ?? "" })),
    originalEntry: request?.originalFamilyItems
      ? { items: request.originalFamilyItems, enteredByName: request.enteredByName, enteredAt: request.enteredAt }
      : null,
    pendingFamilyEntry: pendingEntry
      ? {
          title: `Saisie en ligne (TS) par ${pendingEntry.enteredByName} le ${formatParisDateTime(pendingEntry.enteredAt)}`,
          items: pendingEntry.items,
          note: "Ces choix définitifs seront repris à l'ouverture du conseil de classe de la phase définitive.",
        }
      : null,
    answerText,
    agreements: f.agreements.map(
      (g) => `${g.guardianName} : ${g.agrees ? "d'accord" : "pas d'accord"} avec la réponse (${sourceText(g.source, g.answeredByName, g.answeredAt)}).`,
    ),
    familyToInform: inform?.toInform
      ? { text: "Famille à informer : les propositions du conseil de classe ont été modifiées après leur publication.", mayMarkInformed: opts.canManage }
      : null,
    informedText:
      inform && !inform.toInform && inform.informedAt ? `Famille informée le ${formatParisDateTime(inform.informedAt)} par ${inform.informedByName}.` : null,
    entry,
  };
}
