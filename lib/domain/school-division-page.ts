import type { OpinionValue } from "./opinions";
import { formatParisDateTime, toParisInputValue } from "./paris-time";
import { avisToDeleteText, describeItemLong } from "./school-requests";
import type { TrackItem } from "./tracks";

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
};

/** R-SCH-6: what resetting the council will do, shown before the head confirms. */
export function resetWarning(opinionCount: number): string {
  return opinionCount > 0
    ? `Attention : la réinitialisation du conseil de classe supprimera ${avisToDeleteText(opinionCount)}.`
    : "Le conseil de classe sera de nouveau « non ouvert » : les familles pourront à nouveau saisir leurs intentions.";
}

export const OPINIONS_BEFORE_OPENING_TEXT = "Les avis provisoires se saisissent après l'ouverture du conseil de classe.";

export function describeDivisionPage(input: {
  division: { id: string; code: string; mefLabel: string };
  council: CouncilFacts;
  students: readonly DivisionStudentFacts[];
  canManage: boolean;
}): DivisionPageView {
  const { division, council, students, canManage } = input;
  const open = council?.state === "open";
  const inProcedure = students.filter((r) => !r.outOfProcedureReason);
  const opinionCount = inProcedure.reduce((n, r) => n + (r.request?.items.filter((i) => i.opinion).length ?? 0), 0);
  const councilText =
    (open
      ? `Conseil de classe ouvert le ${formatParisDateTime(council!.openedAt!)}${council?.openedByName ? ` par ${council.openedByName}` : ""}.`
      : "Conseil de classe non ouvert : les familles peuvent saisir leurs intentions sur le service en ligne.") +
    (council?.scheduledAt ? ` Date prévue : ${formatParisDateTime(council.scheduledAt)}.` : "");
  const n = students.length;
  return {
    divisionId: division.id,
    code: division.code,
    title: `Division ${division.code}`,
    subtitle: `${division.mefLabel} – ${n} élève${n > 1 ? "s" : ""}, dont ${inProcedure.length} dans la procédure`,
    studentListHref: `/etablissement/eleves?division=${division.id}`,
    councilState: open ? "open" : "planned",
    councilText,
    controls: canManage
      ? { open, scheduledAtInput: council?.scheduledAt ? toParisInputValue(council.scheduledAt) : "", resetWarning: resetWarning(opinionCount) }
      : null,
    opinions: !open
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
