import type { OpinionValue } from "./opinions";
import { proposalsToDeleteText, type ProposalAnswer } from "./proposals";
import { formatParisDateTime, toParisInputValue } from "./paris-time";
import { proposableVoies, requestItemKey } from "./request-items";
import { avisToDeleteText, itemDescriber } from "./school-requests";
import type { Level, Phase, TrackItem } from "./tracks";

/*
 * A division's page: its class council (R-SCH-3, R-SCH-6) and the avis of all its students on
 * one screen (R-SCH-7), with the entries not taken up (R-SCH-4). Pure.
 */

export type DivisionStudentFacts = {
  id: string;
  lastName: string;
  firstName: string;
  outOfProcedureReason: string | null;
  familyEntry: { items: TrackItem[]; enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  request: { items: (TrackItem & { id: string; opinion: { value: OpinionValue; comment: string | null } | null })[] } | null;
  /** Final phase: the council's proposals (R-FIN-5). */
  proposals?: {
    kind: "answer_to_choice" | "extra";
    choiceItemId: string | null;
    track: string;
    subTrack?: string;
    rank?: number;
    answer: ProposalAnswer | null;
    motivation: string | null;
  }[];
};

/**
 * One student of the proposals form (components/school/proposals-form.tsx, R-FIN-5): an answer
 * per final choice, and every voie of the level the family did not choose (with its série or
 * target after 2de GT), those already proposed first in their order.
 */
export type ProposalSheetStudent = {
  studentId: string;
  name: string;
  choices: { itemId: string; rank: number; label: string; answer: ProposalAnswer | null; motivation: string | null }[];
  extras: { key: string; track: string; subTrack: string; label: string; proposed: boolean; motivation: string | null }[];
};

export type CouncilFacts = { state: "planned" | "open"; scheduledAt: Date | null; openedAt: Date | null; openedByName: string | null } | null;

/** One student of the avis form (components/school/opinions-form.tsx). */
export type OpinionSheetStudent = {
  studentId: string;
  name: string;
  nonTraitee: { enteredByName: string; enteredAtText: string; items: string[] } | null;
  items: { itemId: string; rank: number; label: string; value: OpinionValue | null; comment: string | null }[];
};

export type DivisionPageView = {
  divisionId: string;
  phase: Phase;
  /** R-SCH-3 / R-SCH-6: one council per phase, one page each (`?phase=final`). */
  phaseLinks: { label: string; href: string; current: boolean }[];
  councilTitle: string;
  code: string;
  title: string;
  subtitle: string;
  studentListHref: string;
  councilState: "open" | "planned";
  councilText: string;
  /** R-SCH-3 / R-SCH-6: open, date, reset; null for who may not manage the division. */
  controls: { open: boolean; scheduledAtInput: string; resetWarning: string; openConfirmation: OpenCouncilConfirmation } | null;
  /** R-SCH-7: the avis are entered after the opening, by who manages the division. */
  opinions: { kind: "council_not_open"; text: string } | { kind: "form"; sheet: OpinionSheetStudent[] } | { kind: "none" };
  /**
   * R-FIN-5: the proposals are entered after the final council's opening, by who manages the
   * division. After 2de GT the voies to propose are many (every série, every target): the form
   * shows them as a list to pick from (`compactExtras`) rather than one checkbox each.
   */
  proposals: { kind: "council_not_open"; text: string } | { kind: "form"; sheet: ProposalSheetStudent[]; compactExtras: boolean } | { kind: "none" };
};

/** The phase of the division page (`?phase=`): the provisional one by default; anything else is unknown (null). */
export function parseDivisionPhase(raw: string | string[] | undefined): Phase | null {
  if (raw === undefined) return "provisional";
  return raw === "provisional" || raw === "final" ? raw : null;
}

/** R-SCH-3: the question asked before opening a council, and what the opening does to the families. */
export type OpenCouncilConfirmation = { question: string; consequence: string };

/**
 * R-SCH-3: opening the council blocks every family of the division at once; the head confirms it
 * first («Ouvrir le conseil de classe de 3C ? …»), and may cancel.
 */
export function openCouncilConfirmation(divisionCode: string, phase: Phase): OpenCouncilConfirmation {
  return phase === "final"
    ? {
        question: `Ouvrir le conseil de classe de la phase définitive de ${divisionCode} ?`,
        consequence: "Les familles de la division ne pourront plus saisir ni modifier leurs choix définitifs en ligne.",
      }
    : {
        question: `Ouvrir le conseil de classe de ${divisionCode} ?`,
        consequence: "Les familles de la division ne pourront plus saisir ni modifier leurs intentions en ligne.",
      };
}

/** R-SCH-6 (final phase): what resetting the final council will do. */
export function finalResetWarning(proposalCount: number): string {
  return proposalCount > 0
    ? `Attention : la réinitialisation du conseil de classe supprimera ${proposalsToDeleteText(proposalCount)}.`
    : "Le conseil de classe sera de nouveau « non ouvert » : les familles pourront à nouveau saisir leurs choix définitifs.";
}

export const PROPOSALS_BEFORE_OPENING_TEXT =
  "Les propositions du conseil de classe se saisissent après l'ouverture du conseil de classe de la phase définitive.";

/** R-SCH-6: what resetting the council will do, shown before the head confirms. */
export function resetWarning(opinionCount: number): string {
  return opinionCount > 0
    ? `Attention : la réinitialisation du conseil de classe supprimera ${avisToDeleteText(opinionCount)}.`
    : "Le conseil de classe sera de nouveau « non ouvert » : les familles pourront à nouveau saisir leurs intentions.";
}

export const OPINIONS_BEFORE_OPENING_TEXT = "Les avis provisoires se saisissent après l'ouverture du conseil de classe.";

export function describeDivisionPage(input: {
  division: { id: string; code: string; mefLabel: string; level?: string };
  council: CouncilFacts;
  students: readonly DivisionStudentFacts[];
  canManage: boolean;
  phase?: Phase;
  /** R-2GT-4: the lycée's offered spécialités, to mark the others «hors établissement». */
  offeredSpecialties?: readonly string[];
}): DivisionPageView {
  const { division, council, students, canManage } = input;
  const phase = input.phase ?? "provisional";
  const level: Level = division.level === "2GT" ? "2GT" : "3e";
  const describe = itemDescriber(input.offeredSpecialties ?? []);
  const final = phase === "final";
  const open = council?.state === "open";
  const inProcedure = students.filter((r) => !r.outOfProcedureReason);
  const opinionCount = inProcedure.reduce((n, r) => n + (r.request?.items.filter((i) => i.opinion).length ?? 0), 0);
  const proposalCount = inProcedure.reduce((n, r) => n + (r.proposals?.length ?? 0), 0);
  const councilText =
    (open
      ? `Conseil de classe ouvert le ${formatParisDateTime(council!.openedAt!)}${council?.openedByName ? ` par ${council.openedByName}` : ""}.`
      : `Conseil de classe non ouvert : les familles peuvent saisir leurs ${final ? "choix définitifs" : "intentions"} sur le service en ligne.`) +
    (council?.scheduledAt ? ` Date prévue : ${formatParisDateTime(council.scheduledAt)}.` : "");
  const n = students.length;
  const base = `/etablissement/divisions/${division.id}`;
  return {
    divisionId: division.id,
    phase,
    phaseLinks: [
      { label: "Phase provisoire", href: base, current: !final },
      { label: "Phase définitive", href: `${base}?phase=final`, current: final },
    ],
    councilTitle: final ? "Conseil de classe – phase définitive" : "Conseil de classe – phase provisoire",
    code: division.code,
    title: `Division ${division.code}`,
    subtitle: `${division.mefLabel} – ${n} élève${n > 1 ? "s" : ""}, dont ${inProcedure.length} dans la procédure`,
    studentListHref: `/etablissement/eleves?division=${division.id}`,
    councilState: open ? "open" : "planned",
    councilText,
    controls: canManage
      ? {
          open,
          scheduledAtInput: council?.scheduledAt ? toParisInputValue(council.scheduledAt) : "",
          resetWarning: final ? finalResetWarning(proposalCount) : resetWarning(opinionCount),
          openConfirmation: openCouncilConfirmation(division.code, phase),
        }
      : null,
    proposals: !final
      ? { kind: "none" }
      : !open
        ? { kind: "council_not_open", text: PROPOSALS_BEFORE_OPENING_TEXT }
        : !canManage
          ? { kind: "none" }
          : { kind: "form", sheet: inProcedure.map((r) => proposalSheetOf(r, level, describe)), compactExtras: level === "2GT" },
    opinions: final
      ? { kind: "none" }
      : !open
        ? { kind: "council_not_open", text: OPINIONS_BEFORE_OPENING_TEXT }
        : canManage
          ? {
              kind: "form",
              // R-SCH-12: a student out of the procedure receives no avis.
              sheet: inProcedure.map((r) => ({
                studentId: r.id,
                name: `${r.lastName} ${r.firstName}`,
                nonTraitee: r.familyEntry?.nonTraitee
                  ? {
                      enteredByName: r.familyEntry.enteredByName,
                      enteredAtText: formatParisDateTime(r.familyEntry.enteredAt),
                      items: r.familyEntry.items.map(describe),
                    }
                  : null,
                items: (r.request?.items ?? []).map((i) => ({
                  itemId: i.id,
                  rank: i.rank,
                  label: describe(i),
                  value: i.opinion?.value ?? null,
                  comment: i.opinion?.comment ?? null,
                })),
              })),
            }
          : { kind: "none" },
  };
}

/** R-FIN-5: one student of the proposals form: an answer per final choice, and the other voies of the level the council may propose. */
function proposalSheetOf(r: DivisionStudentFacts, level: Level, describe: (i: TrackItem) => string): ProposalSheetStudent {
  const items = r.request?.items ?? [];
  const proposals = r.proposals ?? [];
  const chosen = new Set(items.map(requestItemKey));
  const extraOf = (key: string) => proposals.find((x) => x.kind === "extra" && requestItemKey({ track: x.track, subTrack: x.subTrack ?? "" }) === key);
  const extras = proposableVoies(level)
    .filter((v) => !chosen.has(requestItemKey(v)))
    .map((v) => {
      const key = requestItemKey(v);
      const p = extraOf(key);
      return { key, track: v.track, subTrack: v.subTrack, label: v.label, proposed: Boolean(p), motivation: p?.motivation ?? null };
    });
  // After 2de GT, the voies already proposed first, in their order (the compact form lists them so).
  const rankOf = (key: string) => extraOf(key)?.rank ?? 0;
  const ordered =
    level === "2GT" ? [...extras.filter((x) => x.proposed).sort((a, b) => rankOf(a.key) - rankOf(b.key)), ...extras.filter((x) => !x.proposed)] : extras;
  return {
    studentId: r.id,
    name: `${r.lastName} ${r.firstName}`,
    choices: items.map((i) => {
      const p = proposals.find((x) => x.kind === "answer_to_choice" && x.choiceItemId === i.id);
      return { itemId: i.id, rank: i.rank, label: describe(i), answer: p?.answer ?? null, motivation: p?.motivation ?? null };
    }),
    extras: ordered,
  };
}
