import { isSchoolYear } from "./school-year";
import type { FinalOutcome } from "./decision";
import { formatParisDateTime } from "./paris-time";
import { LEVEL_LABELS, type Level, type Phase, type TrackItem } from "./tracks";
import { personName } from "./person-name";

/*
 * The back-office's lists: the student list with its filters and exports (R-SCH-10) and "Suivi
 * des saisies TS" (R-SCH-11). Pure: what the screens show, from the rows the loaders read.
 */

/**
 * R-SCH-2, R-SCH-10: the intentions a provisional list row shows (screen and exports). Once the
 * class council opened, the back-office's intentions (R-SCH-3: generated from the family's entry,
 * or entered by the school); before, the family's validated entry as the nightly transfer left
 * it on the school side (TS), so that a «TS» badge never sits next to «Aucune intention». A
 * «non traitée» entry is not the student's intentions (it is shown apart, R-SCH-4).
 */
export function provisionalIntentionItems(row: {
  request: { items: readonly TrackItem[] } | null;
  familyEntry: { items: readonly TrackItem[]; nonTraitee: boolean } | null;
}): readonly TrackItem[] {
  if (row.request) return row.request.items;
  return row.familyEntry && !row.familyEntry.nonTraitee ? row.familyEntry.items : [];
}

/** R-SCH-10, final phase: «Choix définitifs : saisis / non saisis». */
export type FinalChoicesFilter = "saisis" | "non_saisis";
/** R-SCH-10, final phase: «Réponse de la famille : attendue / acceptée / refus de toutes les propositions». */
export type FinalAnswerFilter = "attendue" | "acceptee" | "refus";
/** R-SCH-10, final phase: «Accord des représentants légaux : désaccord». */
export type FinalAgreementFilter = "desaccord";

/**
 * R-SCH-10 for R-FIN-8, R-FIN-9, R-FIN-11: «Décision et appel : décision prise / entretien à
 * mener / appel en cours / délai d'appel en cours» (the last sorted by the days left).
 */
export type FinalProcedureFilter = "decision_prise" | "entretien_a_mener" | "appel_en_cours" | "delai_en_cours";

export type StudentListFilters = {
  /** R-DATA-3: a closed school year to read back (its files are read-only); the school's open year when absent. */
  schoolYear?: string;
  level?: Level;
  divisionId?: string;
  mefCode?: string;
  lastName?: string;
  firstName?: string;
  /** Which phase's columns the screen shows (the exports carry every step). Not a row filter. */
  phase?: Phase;
  finalChoices?: FinalChoicesFilter;
  finalAnswer?: FinalAnswerFilter;
  finalAgreement?: FinalAgreementFilter;
  finalProcedure?: FinalProcedureFilter;
};

export const FINAL_CHOICES_FILTERS: Record<FinalChoicesFilter, string> = { saisis: "Saisis", non_saisis: "Non saisis" };
export const FINAL_ANSWER_FILTERS: Record<FinalAnswerFilter, string> = {
  attendue: "Attendue (propositions publiées)",
  acceptee: "Proposition(s) acceptée(s)",
  refus: "Refus de toutes les propositions",
};
export const FINAL_AGREEMENT_FILTERS: Record<FinalAgreementFilter, string> = { desaccord: "Désaccord d'un représentant légal" };
export const FINAL_PROCEDURE_FILTERS: Record<FinalProcedureFilter, string> = {
  decision_prise: "Décision prise",
  entretien_a_mener: "Entretien à mener",
  appel_en_cours: "Appel en cours",
  delai_en_cours: "Délai d'appel en cours (le plus court d'abord)",
};

/** R-SCH-10: whether a student's procedure (its `finalOutcome` on the day shown) matches the filter. */
export function matchesProcedureFilter(o: FinalOutcome, filter: FinalProcedureFilter): boolean {
  switch (filter) {
    case "decision_prise":
      return o.kind === "decided" || o.kind === "appeal_pending" || o.kind === "commission_decided";
    case "entretien_a_mener":
      return o.kind === "interview_due";
    case "appel_en_cours":
      return o.kind === "appeal_pending";
    case "delai_en_cours":
      return o.kind === "decided" && o.window.status === "open";
  }
}

/** The jours ouvrables left to appeal, or null when no deadline runs. */
export function appealDaysLeft(o: FinalOutcome): number | null {
  return o.kind === "decided" && o.window.status === "open" ? o.window.workingDaysLeft : null;
}

/**
 * R-SCH-10 / R-FIN-11: the rows whose procedure matches the filter, in the list's order; with
 * «délai d'appel en cours», the fewest jours ouvrables left first (stable: ties keep the list's order).
 */
export function applyProcedureFilter<T>(rows: readonly T[], filter: FinalProcedureFilter | undefined, outcomeOf: (row: T) => FinalOutcome): T[] {
  if (!filter) return [...rows];
  const kept = rows.map((row) => ({ row, outcome: outcomeOf(row) })).filter((x) => matchesProcedureFilter(x.outcome, filter));
  if (filter === "delai_en_cours") kept.sort((a, b) => (appealDaysLeft(a.outcome) ?? 0) - (appealDaysLeft(b.outcome) ?? 0));
  return kept.map((x) => x.row);
}

/** A value of a closed list, or undefined: anything else in the query string is ignored (never trusted). */
function oneOf<T extends string>(allowed: Record<T, string>, v: string | undefined): T | undefined {
  return v !== undefined && Object.hasOwn(allowed, v) ? (v as T) : undefined;
}

const UUID_LIKE = /^[0-9a-f-]{36}$/i;

/**
 * The list's filters from the query string (?niveau=&division=&mef=&nom=&prenom=, and for the
 * final phase &phase=final&choix=&reponse=&accord=&decision=), shared by the screen and the exports.
 */
export function parseListFilters(params: Record<string, string | string[] | undefined>): StudentListFilters {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) || undefined;
  };
  const level = one("niveau");
  const division = one("division");
  const year = one("annee");
  return {
    schoolYear: year && isSchoolYear(year) ? year : undefined,
    level: level === "3e" || level === "2GT" ? level : undefined,
    divisionId: division && UUID_LIKE.test(division) ? division : undefined,
    mefCode: one("mef"),
    lastName: one("nom"),
    firstName: one("prenom"),
    phase: one("phase") === "final" ? "final" : undefined,
    finalChoices: oneOf(FINAL_CHOICES_FILTERS, one("choix")),
    finalAnswer: oneOf(FINAL_ANSWER_FILTERS, one("reponse")),
    finalAgreement: oneOf(FINAL_AGREEMENT_FILTERS, one("accord")),
    finalProcedure: oneOf(FINAL_PROCEDURE_FILTERS, one("decision")),
  };
}

export function filtersToQuery(f: StudentListFilters): string {
  const p = new URLSearchParams();
  if (f.schoolYear) p.set("annee", f.schoolYear);
  if (f.level) p.set("niveau", f.level);
  if (f.divisionId) p.set("division", f.divisionId);
  if (f.mefCode) p.set("mef", f.mefCode);
  if (f.lastName) p.set("nom", f.lastName);
  if (f.firstName) p.set("prenom", f.firstName);
  if (f.phase === "final") p.set("phase", "final");
  if (f.finalChoices) p.set("choix", f.finalChoices);
  if (f.finalAnswer) p.set("reponse", f.finalAnswer);
  if (f.finalAgreement) p.set("accord", f.finalAgreement);
  if (f.finalProcedure) p.set("decision", f.finalProcedure);
  return p.toString();
}

export type DivisionOption = { id: string; code: string; level: Level; mefCode: string; mefLabel: string };

export type StudentListView = {
  filters: StudentListFilters;
  /** R-DATA-3: the year select (empty value: the open year), shown when the school has closed years. */
  years: { value: string; label: string }[];
  closedYearText: string | null;
  levels: { value: Level; label: string }[];
  divisions: { value: string; label: string }[];
  mefs: { value: string; label: string }[];
  /** The phase whose columns the screen shows: provisional (intentions, avis, acknowledgement) or final. */
  phase: Phase;
  phases: { value: "" | "final"; label: string }[];
  finalChoicesOptions: { value: string; label: string }[];
  finalAnswerOptions: { value: string; label: string }[];
  finalAgreementOptions: { value: string; label: string }[];
  finalProcedureOptions: { value: string; label: string }[];
  caption: string;
  countText: string;
  emptyText: string | null;
  exports: { xlsx: string; csv: string };
};

/**
 * R-SCH-10: the list's filter options (only the divisions the actor sees, R-SCH-14), its count
 * and its export links, which carry the same filters as the screen.
 */
export function describeStudentList(input: {
  filters: StudentListFilters;
  divisions: readonly DivisionOption[];
  rowCount: number;
  /** R-DATA-3: the school's open year and its closed years (read-only). */
  years?: { open: string; closed: readonly string[] };
}): StudentListView {
  const levels = [...new Set(input.divisions.map((d) => d.level))];
  const mefs = [...new Map(input.divisions.map((d) => [d.mefCode, d.mefLabel])).entries()];
  const query = filtersToQuery(input.filters);
  const exportHref = (format: "xlsx" | "csv") => `/etablissement/export?format=${format}${query ? `&${query}` : ""}`;
  const n = input.rowCount;
  return {
    filters: input.filters,
    years: input.years
      ? [
          { value: "", label: `${input.years.open} (en cours)` },
          ...input.years.closed.map((y) => ({ value: y, label: `${y} (close, consultation seulement)` })),
        ]
      : [],
    closedYearText:
      input.filters.schoolYear && input.filters.schoolYear !== input.years?.open
        ? `Année scolaire ${input.filters.schoolYear} close : les dossiers restent consultables et imprimables mais ne peuvent plus être modifiés.`
        : null,
    levels: levels.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
    divisions: input.divisions.map((d) => ({ value: d.id, label: d.code })),
    mefs: mefs.map(([value, label]) => ({ value, label })),
    phase: input.filters.phase ?? "provisional",
    phases: [
      { value: "", label: "Phase provisoire" },
      { value: "final", label: "Phase définitive" },
    ],
    finalChoicesOptions: options(FINAL_CHOICES_FILTERS),
    finalAnswerOptions: options(FINAL_ANSWER_FILTERS),
    finalAgreementOptions: options(FINAL_AGREEMENT_FILTERS),
    finalProcedureOptions: options(FINAL_PROCEDURE_FILTERS),
    caption:
      input.filters.phase === "final"
        ? "Élèves, leurs choix définitifs, les propositions du conseil de classe, la réponse et l'accord des représentants légaux, la décision et les repères de la procédure"
        : "Élèves, leurs intentions, les avis provisoires et les repères de la procédure",
    countText: `${n} élève${n > 1 ? "s" : ""}`,
    emptyText: n === 0 ? "Aucun élève ne correspond à la recherche." : null,
    exports: { xlsx: exportHref("xlsx"), csv: exportHref("csv") },
  };
}

function options(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export type FollowUpFacts = {
  id: string;
  lastName: string;
  firstName: string;
  divisionCode: string;
  hasSchoolRequest: boolean;
  guardians: readonly { rank: number; civility: string | null; firstName: string; lastName: string; email: string | null }[];
};

export type FollowUpView = {
  statusText: string;
  rows: { id: string; name: string; divisionCode: string; guardians: { key: number; text: string }[]; schoolEntryText: string }[];
};

/** R-SCH-11: the students whose family validated no online entry, with how to reach each guardian. */
export function describeFamilyEntryFollowUp(rows: readonly FollowUpFacts[]): FollowUpView {
  return {
    statusText: rows.length === 0 ? "Toutes les familles ont validé une saisie." : `${rows.length} élève${rows.length > 1 ? "s" : ""} sans saisie validée`,
    rows: rows.map((r) => ({
      id: r.id,
      name: `${r.lastName} ${r.firstName}`,
      divisionCode: r.divisionCode,
      guardians: guardianLines(r.guardians),
      schoolEntryText: r.hasSchoolRequest ? "Intentions saisies par l'établissement" : "Aucune",
    })),
  };
}

export type FinalFollowUpFacts = {
  id: string;
  lastName: string;
  firstName: string;
  divisionCode: string;
  publishedAt: Date | null;
  guardians: FollowUpFacts["guardians"];
};

export type FinalFollowUpView = {
  noChoices: { statusText: string; rows: { id: string; name: string; divisionCode: string; guardians: { key: number; text: string }[] }[] };
  unanswered: {
    statusText: string;
    rows: { id: string; name: string; divisionCode: string; guardians: { key: number; text: string }[]; publishedText: string }[];
  };
};

/** Which phase «Suivi des saisies» shows (?phase=final), provisional by default. */
export function parseFollowUpPhase(params: Record<string, string | string[] | undefined>): Phase {
  const v = params.phase;
  return (Array.isArray(v) ? v[0] : v) === "final" ? "final" : "provisional";
}

function guardianLines(gs: FollowUpFacts["guardians"]) {
  return gs.map((g) => ({ key: g.rank, text: `${personName(g)}${g.email ? ` – ${g.email}` : " – pas d'adresse électronique"}` }));
}

/**
 * R-SCH-11, final phase: the families with no validated final choice, and those to whom the
 * council's proposals were published and who have not answered, each guardian with their e-mail.
 */
export function describeFinalFollowUp(input: { noChoices: readonly FinalFollowUpFacts[]; unanswered: readonly FinalFollowUpFacts[] }): FinalFollowUpView {
  const n = input.noChoices.length;
  const m = input.unanswered.length;
  return {
    noChoices: {
      statusText: n === 0 ? "Toutes les familles ont des choix définitifs validés." : `${n} élève${n > 1 ? "s" : ""} sans choix définitifs validés`,
      rows: input.noChoices.map((r) => ({
        id: r.id,
        name: `${r.lastName} ${r.firstName}`,
        divisionCode: r.divisionCode,
        guardians: guardianLines(r.guardians),
      })),
    },
    unanswered: {
      statusText:
        m === 0
          ? "Aucune famille n'attend de répondre aux propositions du conseil de classe."
          : `${m} famille${m > 1 ? "s" : ""} sans réponse aux propositions du conseil de classe`,
      rows: input.unanswered.map((r) => ({
        id: r.id,
        name: `${r.lastName} ${r.firstName}`,
        divisionCode: r.divisionCode,
        guardians: guardianLines(r.guardians),
        publishedText: r.publishedAt ? `Propositions publiées le ${formatParisDateTime(r.publishedAt)}` : "Propositions publiées",
      })),
    },
  };
}
