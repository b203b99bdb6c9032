import type { OpinionValue } from "./opinions";
import { PROPOSABLE_TRACKS, proposalsToDeleteText, type ProposalAnswer } from "./proposals";
import { formatParisDateTime, toParisInputValue } from "./paris-time";
import { avisToDeleteText, describeItemLong } from "./school-requests";
import { describeTrack, type Phase, type TrackItem } from "./tracks";

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
  proposals?: { kind: "answer_to_choice" | "extra"; choiceItemId: string | null; track: string; answer: ProposalAnswer | null; motivation: string | null }[];
};

/** One student of the proposals form (components/school/proposals-form.tsx, R-FIN-5). */
export type ProposalSheetStudent = {
  studentId: string;
  name: string;
  choices: { itemId: string; rank: number; label: string; answer: ProposalAnswer | null; motivation: string | null }[];
  extras: { track: string; label: string; proposed: boolean; motivation: string | null }[];
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
  controls: { open: boolean; scheduledAtInput: string; resetWarning: string } | null;
  /** R-SCH-7: the avis are entered after the opening, by who manages the division. */
  opinions: { kind: "council_not_open"; text: string } | { kind: "form"; sheet: OpinionSheetStudent[] } | { kind: "none" };
  /** R-FIN-5: the proposals are entered after the final council's opening, by who manages the division (3e). */
  proposals:
    { kind: "council_not_open"; text: string } | { kind: "unavailable"; text: string } | { kind: "form"; sheet: ProposalSheetStudent[] } | { kind: "none" };
};

/** The phase of the division page (`?phase=`): the provisional one by default; anything else is unknown (null). */
export function parseDivisionPhase(raw: string | string[] | undefined): Phase | null {
  if (raw === undefined) return "provisional";
  return raw === "provisional" || raw === "final" ? raw : null;
}

/** R-SCH-6 (final phase): what resetting the final council will do. */
export function finalResetWarning(proposalCount: number): string {
  return proposalCount > 0
    ? `Attention : la réinitialisation du conseil de classe supprimera ${proposalsToDeleteText(proposalCount)}.`
    : "Le conseil de classe sera de nouveau « non ouvert » : les familles pourront à nouveau saisir leurs choix définitifs.";
}

/** The 2de GT proposals (R-2GT) are not built yet: the screen says so rather than showing an empty form. */
export const PROPOSALS_2GT_UNAVAILABLE_TEXT = "La saisie des propositions du conseil de classe de fin de 2de GT n'est pas encore disponible.";

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
}): DivisionPageView {
  const { division, council, students, canManage } = input;
  const phase = input.phase ?? "provisional";
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
        }
      : null,
    proposals: !final
      ? { kind: "none" }
      : !open
        ? { kind: "council_not_open", text: PROPOSALS_BEFORE_OPENING_TEXT }
        : !canManage
          ? { kind: "none" }
          : division.level === "3e"
            ? { kind: "form", sheet: inProcedure.map(proposalSheetOf) }
            : { kind: "unavailable", text: PROPOSALS_2GT_UNAVAILABLE_TEXT },
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
                      items: r.familyEntry.items.map(describeItemLong),
                    }
                  : null,
                items: (r.request?.items ?? []).map((i) => ({
                  itemId: i.id,
                  rank: i.rank,
                  label: describeItemLong(i),
                  value: i.opinion?.value ?? null,
                  comment: i.opinion?.comment ?? null,
                })),
              })),
            }
          : { kind: "none" },
  };
}

/** R-FIN-5: one student of the proposals form: an answer per final choice, and the other 3e voies the council may propose. */
function proposalSheetOf(r: DivisionStudentFacts): ProposalSheetStudent {
  const items = r.request?.items ?? [];
  const proposals = r.proposals ?? [];
  const chosen = new Set(items.map((i) => i.track));
  return {
    studentId: r.id,
    name: `${r.lastName} ${r.firstName}`,
    choices: items.map((i) => {
      const p = proposals.find((x) => x.kind === "answer_to_choice" && x.choiceItemId === i.id);
      return { itemId: i.id, rank: i.rank, label: describeItemLong(i), answer: p?.answer ?? null, motivation: p?.motivation ?? null };
    }),
    extras: PROPOSABLE_TRACKS.filter((t) => !chosen.has(t)).map((track) => {
      const p = proposals.find((x) => x.kind === "extra" && x.track === track);
      return { track, label: describeTrack({ track, subTrack: "" }), proposed: Boolean(p), motivation: p?.motivation ?? null };
    }),
  };
}
