import { academyTitle } from "./academy-pages";
import { OPINION_LABELS } from "./opinions";
import { formatParisDateTime } from "./paris-time";
import { describeTrack, LEVEL_LABELS, LEVELS, type Level, type Phase } from "./tracks";

/*
 * R-OVS-1: the académie's live statistics, per académie, school and division, for one level and
 * one phase, as pure view-models: the filters read from the query string, the counts the
 * repository gives (lib/db/repositories/academy-statistics.ts) shaped into tables (labels,
 * totals, rates), the charts' data (each chart is drawn from one of these tables, which stays the
 * accessible source) and the spreadsheet's sheets. Students «hors procédure» are never counted
 * (R-SCH-12): the repository leaves them out.
 */

export const STATISTICS_PATH = "/academie/statistiques";
export const STATISTICS_EXPORT_PATH = "/academie/statistiques/export";

/** The académie-wide counts are recomputed (after the page has answered) when older than this. */
export const ACADEMY_STATISTICS_MAX_AGE_MS = 5 * 60_000;

/** When the figures shown were counted: the académie's at `computedAt` (kept a few minutes), a school's or division's live. */
export function statisticsFreshness(computedAt: Date | null): string {
  if (!computedAt) return "Chiffres en temps réel.";
  return (
    `Chiffres de l'académie calculés le ${formatParisDateTime(computedAt)} ; ils sont recalculés à l'ouverture de cette page ` +
    `quand ils ont plus de ${ACADEMY_STATISTICS_MAX_AGE_MS / 60_000} minutes. Les statistiques d'un établissement ou d'une division sont en temps réel.`
  );
}

export type StatisticsFilters = { level: Level; phase: Phase; schoolId: string | null; divisionId: string | null };

export const UNKNOWN_LEVEL_MESSAGE = "Niveau inconnu : les statistiques de la 3e sont affichées. Choisissez « 3e » ou « 2de générale et technologique ».";
export const UNKNOWN_PHASE_MESSAGE = "Phase inconnue : la phase provisoire est affichée. Choisissez « Phase provisoire » ou « Phase définitive ».";

export const DIVISION_OF_ANOTHER_SCHOOL_MESSAGE =
  "La division choisie n'appartient pas à l'établissement choisi : les statistiques de l'établissement sont affichées.";

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ParsedStatisticsFilters = {
  filters: StatisticsFilters;
  /** French messages for the values that were not understood (the defaults are shown instead). */
  problems: string[];
  /** A school or division named that cannot exist (not an id): the page answers 404, like an unknown one. */
  malformed: boolean;
};

/**
 * The filters from the query string: ?niveau=3e|2GT (3e by default), ?phase=final (provisional
 * by default), ?etablissement=<id>, ?division=<id>. An unknown level or phase gives a French
 * message and the default; a school or division that is not an id is `malformed` (404).
 */
export function parseStatisticsFilters(params: Record<string, string | string[] | undefined>): ParsedStatisticsFilters {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const problems: string[] = [];
  const level = one("niveau");
  const phase = one("phase");
  const school = one("etablissement");
  const division = one("division");
  if (level !== undefined && !(LEVELS as readonly string[]).includes(level)) problems.push(UNKNOWN_LEVEL_MESSAGE);
  if (phase !== undefined && phase !== "final" && phase !== "provisional") problems.push(UNKNOWN_PHASE_MESSAGE);
  return {
    filters: {
      level: level === "2GT" ? "2GT" : "3e",
      phase: phase === "final" ? "final" : "provisional",
      schoolId: school && UUID_LIKE.test(school) ? school.toLowerCase() : null,
      divisionId: division && UUID_LIKE.test(division) ? division.toLowerCase() : null,
    },
    problems,
    malformed: (school !== undefined && !UUID_LIKE.test(school)) || (division !== undefined && !UUID_LIKE.test(division)),
  };
}

/** The query string of a statistics page (or its export). */
export function statisticsQuery(f: StatisticsFilters): string {
  const p = new URLSearchParams();
  p.set("niveau", f.level);
  if (f.phase === "final") p.set("phase", "final");
  if (f.schoolId) p.set("etablissement", f.schoolId);
  if (f.divisionId) p.set("division", f.divisionId);
  return p.toString();
}

/** What the repository counts for one scope (académie, school or division), level and phase. */
export type StatisticsCounts = {
  /** One row per school (académie scope) or per division (school and division scopes). */
  units: readonly { id: string; label: string; students: number; validated: number; online: number; bySchool: number }[];
  acknowledgements: number;
  avis: readonly { track: string; subTrack: string; value: "favorable" | "reserve" | "defavorable"; n: number }[];
  proposals: readonly { track: string; subTrack: string; kind: "answer_to_choice" | "extra"; answer: "yes" | "no" | null; n: number }[];
  answers: { accept: number; refuseAll: number };
  agreements: { agrees: number; disagrees: number };
  decisions: readonly { track: string; subTrack: string; decisions: number; differing: number }[];
  interviews: { interviews: number; students: number; agreement: number; disagreement: number };
  appeals: { pending: number; upheld: number; changed: number };
};

export const EMPTY_COUNTS: StatisticsCounts = {
  units: [],
  acknowledgements: 0,
  avis: [],
  proposals: [],
  answers: { accept: 0, refuseAll: 0 },
  agreements: { agrees: 0, disagrees: 0 },
  decisions: [],
  interviews: { interviews: 0, students: 0, agreement: 0, disagreement: 0 },
  appeals: { pending: 0, upheld: 0, changed: 0 },
};

export type Cell = number | string;
export type StatisticsTable = {
  id: string;
  /** The table's name: its caption, its sheet's title. */
  caption: string;
  /** Short sheet name for the spreadsheet (≤ 31 characters, no : / \ ? * [ ]). */
  sheet: string;
  columns: { label: string; numeric: boolean }[];
  rows: { head: string; href: string | null; cells: Cell[] }[];
  foot: { head: string; cells: Cell[] } | null;
  emptyText: string | null;
};
export type StatisticsChart = {
  id: string;
  title: string;
  /** One bar group per category; one bar (or stacked segment) per series. */
  data: { label: string; values: Record<string, number> }[];
  series: { key: string; label: string; color: string }[];
  stacked: boolean;
  /** Which table holds the same figures (the chart is hidden from screen readers). */
  tableId: string;
};
export type StatisticsSection = { id: string; heading: string; source: string; table: StatisticsTable; chart: StatisticsChart | null };

export type StatisticsView = {
  title: string;
  scopeLabel: string;
  breadcrumbs: { label: string; href: string | null }[];
  filters: StatisticsFilters;
  levelOptions: { value: string; label: string }[];
  phaseOptions: { value: string; label: string }[];
  problems: string[];
  /** When the figures were counted (statisticsFreshness). */
  freshness: string;
  summary: { label: string; value: string }[];
  sections: StatisticsSection[];
  exportHref: string;
  exportName: string;
};

const fr = (n: number, digits = 1) => n.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A share as a French percentage («42,5 %»), «–» when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return "–";
  return `${fr(Math.round((1000 * part) / whole) / 10)} %`;
}

/** Rows per voie, labels merged (two codes may share a label), most frequent first, ties by label. */
function byVoie<R extends { track: string; subTrack: string }, K extends string>(
  rows: readonly R[],
  keys: readonly K[],
  valueOf: (r: R) => Partial<Record<K, number>>,
) {
  const m = new Map<string, Record<K, number>>();
  for (const r of rows) {
    const label = describeTrack(r);
    const acc = m.get(label) ?? (Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>);
    const v = valueOf(r);
    for (const k of keys) acc[k] += v[k] ?? 0;
    m.set(label, acc);
  }
  const total = (v: Record<K, number>) => keys.reduce((n, k) => n + v[k], 0);
  return [...m.entries()].map(([label, v]) => ({ label, v })).sort((a, b) => total(b.v) - total(a.v) || a.label.localeCompare(b.label, "fr"));
}

const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);

/** Colours of the charts' bars: dark enough against white (≥ 3:1, WCAG 1.4.11) and told apart by the table anyway. */
export const CHART_COLORS = { blue: "#1d4ed8", green: "#047857", orange: "#b45309", red: "#b91c1c", grey: "#4b5563" } as const;

/** Above this many schools (or divisions) the participation chart is left out: the table says it all. */
export const CHART_MAX_UNITS = 30;

type Scope =
  | { kind: "academy" }
  | { kind: "school"; schoolId: string; schoolName: string }
  | { kind: "division"; schoolId: string; schoolName: string; divisionCode: string };

/**
 * R-OVS-1: the statistics page of one scope, level and phase. `scope` says what is shown (the
 * académie's schools, a school's divisions, one division); the counts come from the repository.
 */
export function describeStatistics(input: {
  academyName: string;
  filters: StatisticsFilters;
  scope: Scope;
  counts: StatisticsCounts;
  problems?: string[];
  /** The académie-wide counts' instant (null: counted live). */
  computedAt?: Date | null;
}): StatisticsView {
  const { filters: f, scope, counts: c } = input;
  const academy = academyTitle(input.academyName);
  const levelLabel = LEVEL_LABELS[f.level];
  const phaseLabel = f.phase === "final" ? "phase définitive" : "phase provisoire";
  const base = { level: f.level, phase: f.phase };
  const href = (over: Partial<StatisticsFilters>) => `${STATISTICS_PATH}?${statisticsQuery({ ...base, schoolId: null, divisionId: null, ...over })}`;

  const breadcrumbs: StatisticsView["breadcrumbs"] = [{ label: academy, href: scope.kind === "academy" ? null : href({}) }];
  if (scope.kind !== "academy") breadcrumbs.push({ label: scope.schoolName, href: scope.kind === "school" ? null : href({ schoolId: scope.schoolId }) });
  if (scope.kind === "division") breadcrumbs.push({ label: `Division ${scope.divisionCode}`, href: null });
  const scopeLabel = scope.kind === "academy" ? academy : scope.kind === "school" ? scope.schoolName : `${scope.schoolName}, division ${scope.divisionCode}`;

  // Participation: per school (académie) or per division (school, division).
  const unitWord = scope.kind === "academy" ? "Établissement" : "Division";
  const students = sum(c.units.map((u) => u.students));
  const validated = sum(c.units.map((u) => u.validated));
  const online = sum(c.units.map((u) => u.online));
  const bySchool = sum(c.units.map((u) => u.bySchool));
  const entriesWord = f.phase === "final" ? "choix définitifs" : "intentions";
  const participation: StatisticsTable = {
    id: "participation",
    caption: `Saisies des familles par ${scope.kind === "academy" ? "établissement" : "division"} – ${levelLabel}, ${phaseLabel}`,
    sheet: "Saisies",
    columns: [
      { label: unitWord, numeric: false },
      { label: "Élèves dans la procédure", numeric: true },
      { label: "Familles ayant validé", numeric: true },
      { label: "Familles n'ayant pas validé", numeric: true },
      { label: "Taux de validation", numeric: true },
      { label: "Saisies en ligne reçues", numeric: true },
      { label: "Saisies par l'établissement", numeric: true },
    ],
    rows: c.units.map((u) => ({
      head: u.label,
      href: scope.kind === "academy" ? href({ schoolId: u.id }) : scope.kind === "school" ? href({ schoolId: scope.schoolId, divisionId: u.id }) : null,
      cells: [u.students, u.validated, u.students - u.validated, percent(u.validated, u.students), u.online, u.bySchool],
    })),
    foot: c.units.length > 0 ? { head: "Total", cells: [students, validated, students - validated, percent(validated, students), online, bySchool] } : null,
    emptyText: c.units.length === 0 ? `Aucun élève de ${levelLabel} dans la procédure.` : null,
  };
  const participationChart: StatisticsChart | null =
    c.units.length > 0 && c.units.length <= CHART_MAX_UNITS
      ? {
          id: "participation-chart",
          title: `Familles ayant validé et n'ayant pas validé leurs ${entriesWord}, par ${scope.kind === "academy" ? "établissement" : "division"}`,
          data: c.units.map((u) => ({ label: u.label, values: { validated: u.validated, notValidated: u.students - u.validated } })),
          series: [
            { key: "validated", label: "Familles ayant validé", color: CHART_COLORS.green },
            { key: "notValidated", label: "Familles n'ayant pas validé", color: CHART_COLORS.grey },
          ],
          stacked: true,
          tableId: participation.id,
        }
      : null;

  const sections: StatisticsSection[] = [
    {
      id: "participation",
      heading: `Saisies des familles (${entriesWord})`,
      source:
        "Élèves : base élèves de l'année scolaire ouverte, élèves hors procédure exclus. Validations : service en ligne des familles, en temps réel. " +
        "Saisies en ligne reçues et saisies par l'établissement : côté établissement, ce que l'établissement a reçu par le transfert de la nuit ou saisi lui-même.",
      table: participation,
      chart: participationChart,
    },
  ];

  const voieTable = (
    id: string,
    caption: string,
    sheet: string,
    cols: string[],
    rows: { label: string; cells: number[] }[],
    emptyText: string,
  ): StatisticsTable => ({
    id,
    caption,
    sheet,
    columns: [{ label: "Voie", numeric: false }, ...cols.map((label) => ({ label, numeric: true }))],
    rows: rows.map((r) => ({ head: r.label, href: null, cells: r.cells })),
    foot: rows.length > 0 ? { head: "Total", cells: cols.map((_, i) => sum(rows.map((r) => r.cells[i]!))) } : null,
    emptyText: rows.length > 0 ? null : emptyText,
  });
  const voieChart = (
    table: StatisticsTable,
    title: string,
    series: StatisticsChart["series"],
    stacked: boolean,
    pick: (cells: Cell[]) => number[],
  ): StatisticsChart | null =>
    table.rows.length === 0
      ? null
      : {
          id: `${table.id}-chart`,
          title,
          data: table.rows.map((r) => ({ label: r.head, values: Object.fromEntries(series.map((s, i) => [s.key, pick(r.cells)[i]!])) })),
          series,
          stacked,
          tableId: table.id,
        };

  if (f.phase === "provisional") {
    const values = ["favorable", "reserve", "defavorable"] as const;
    const rows = byVoie(c.avis, values, (r) => ({ [r.value]: r.n })).map(({ label, v }) => ({
      label,
      cells: [v.favorable, v.reserve, v.defavorable, v.favorable + v.reserve + v.defavorable],
    }));
    const table = voieTable(
      "avis",
      `Avis provisoires du conseil de classe par voie – ${levelLabel}`,
      "Avis par voie",
      [OPINION_LABELS.favorable, OPINION_LABELS.reserve, OPINION_LABELS.defavorable, "Total"],
      rows,
      "Aucun avis provisoire saisi pour le moment.",
    );
    sections.push({
      id: "avis",
      heading: "Avis provisoires du conseil de classe",
      source: "Côté établissement : les avis saisis sur les intentions, qu'ils aient déjà été transmis aux familles ou non.",
      table,
      chart: voieChart(
        table,
        "Avis provisoires par voie",
        [
          { key: "favorable", label: OPINION_LABELS.favorable, color: CHART_COLORS.green },
          { key: "reserve", label: OPINION_LABELS.reserve, color: CHART_COLORS.orange },
          { key: "defavorable", label: OPINION_LABELS.defavorable, color: CHART_COLORS.red },
        ],
        true,
        (cells) => cells.slice(0, 3) as number[],
      ),
    });
  } else {
    const keys = ["yes", "no", "extra"] as const;
    const rows = byVoie(c.proposals, keys, (r) => (r.kind === "extra" ? { extra: r.n } : r.answer === "yes" ? { yes: r.n } : { no: r.n })).map(
      ({ label, v }) => ({
        label,
        cells: [v.yes, v.no, v.extra, v.yes + v.no + v.extra],
      }),
    );
    const table = voieTable(
      "propositions",
      `Propositions du conseil de classe par voie – ${levelLabel}`,
      "Propositions par voie",
      ["Oui au choix de la famille", "Non au choix de la famille", "Voie proposée non demandée", "Total"],
      rows,
      "Aucune proposition du conseil de classe saisie pour le moment.",
    );
    sections.push({
      id: "propositions",
      heading: "Propositions du conseil de classe",
      source: "Côté établissement : les réponses du conseil de classe aux choix définitifs, publiées aux familles ou non.",
      table,
      chart: voieChart(
        table,
        "Propositions du conseil de classe par voie",
        [
          { key: "yes", label: "Oui au choix de la famille", color: CHART_COLORS.green },
          { key: "no", label: "Non au choix de la famille", color: CHART_COLORS.red },
          { key: "extra", label: "Voie proposée non demandée", color: CHART_COLORS.blue },
        ],
        true,
        (cells) => cells.slice(0, 3) as number[],
      ),
    });

    const answered = c.answers.accept + c.answers.refuseAll;
    const agreementsTotal = c.agreements.agrees + c.agreements.disagrees;
    sections.push({
      id: "reponses",
      heading: "Réponses des familles et accords des représentants légaux",
      source:
        "Côté famille, en temps réel : les réponses et accords donnés en ligne et ceux que l'établissement a saisis pour une famille sans accès au service.",
      table: {
        id: "reponses",
        caption: `Réponses des familles aux propositions et accords des représentants légaux – ${levelLabel}`,
        sheet: "Réponses et accords",
        columns: [
          { label: "Réponse", numeric: false },
          { label: "Nombre", numeric: true },
          { label: "Part", numeric: true },
        ],
        rows: [
          { head: "La famille accepte une proposition", href: null, cells: [c.answers.accept, percent(c.answers.accept, answered)] },
          { head: "La famille refuse toutes les propositions", href: null, cells: [c.answers.refuseAll, percent(c.answers.refuseAll, answered)] },
          { head: "Représentants légaux d'accord avec la réponse", href: null, cells: [c.agreements.agrees, percent(c.agreements.agrees, agreementsTotal)] },
          {
            head: "Représentants légaux en désaccord avec la réponse",
            href: null,
            cells: [c.agreements.disagrees, percent(c.agreements.disagrees, agreementsTotal)],
          },
        ],
        foot: null,
        emptyText: null,
      },
      chart: null,
    });

    const decisionRows = byVoie(c.decisions, ["decisions", "differing"] as const, (r) => ({ decisions: r.decisions, differing: r.differing }))
      .sort((a, b) => b.v.decisions - a.v.decisions || a.label.localeCompare(b.label, "fr"))
      .map(({ label, v }) => ({ label, cells: [v.decisions, v.differing] }));
    const decisions = voieTable(
      "decisions",
      `Décisions d'orientation par voie – ${levelLabel}`,
      "Décisions par voie",
      ["Décisions", "Dont différentes de la demande"],
      decisionRows,
      "Aucune décision d'orientation prise pour le moment.",
    );
    sections.push({
      id: "decisions",
      heading: "Décisions d'orientation",
      source: "Côté établissement : les décisions prises par le chef d'établissement ou par la commission d'appel.",
      table: decisions,
      chart: voieChart(
        decisions,
        "Décisions d'orientation par voie, dont celles qui diffèrent de la demande",
        [
          { key: "decisions", label: "Décisions", color: CHART_COLORS.blue },
          { key: "differing", label: "Dont différentes de la demande", color: CHART_COLORS.orange },
        ],
        false,
        (cells) => cells.slice(0, 2) as number[],
      ),
    });

    const i = c.interviews;
    const a = c.appeals;
    sections.push({
      id: "entretiens-appels",
      heading: "Entretiens et appels",
      source: "Côté établissement : les entretiens avec le chef d'établissement et les appels enregistrés par l'établissement.",
      table: {
        id: "entretiens-appels",
        caption: `Entretiens avec le chef d'établissement et appels – ${levelLabel}`,
        sheet: "Entretiens et appels",
        columns: [
          { label: "Étape", numeric: false },
          { label: "Nombre", numeric: true },
        ],
        rows: [
          { head: "Entretiens avec le chef d'établissement", href: null, cells: [i.interviews] },
          { head: "Élèves reçus en entretien", href: null, cells: [i.students] },
          { head: "Entretiens conclus par un accord", href: null, cells: [i.agreement] },
          { head: "Entretiens conclus par un désaccord", href: null, cells: [i.disagreement] },
          { head: "Appels en cours", href: null, cells: [a.pending] },
          { head: "Décisions maintenues par la commission d'appel", href: null, cells: [a.upheld] },
          { head: "Décisions modifiées par la commission d'appel", href: null, cells: [a.changed] },
        ],
        foot: { head: "Total des appels", cells: [a.pending + a.upheld + a.changed] },
        emptyText: null,
      },
      chart: null,
    });
  }

  const summary: StatisticsView["summary"] = [
    { label: "Élèves dans la procédure", value: fr(students, 0) },
    { label: "Familles ayant validé", value: `${fr(validated, 0)} (${percent(validated, students)})` },
    { label: "Familles n'ayant pas validé", value: fr(students - validated, 0) },
    { label: "Saisies en ligne reçues par l'établissement", value: fr(online, 0) },
    { label: "Saisies par l'établissement", value: fr(bySchool, 0) },
  ];
  if (f.phase === "provisional")
    summary.push({ label: "Accusés de réception des avis", value: `${fr(c.acknowledgements, 0)} (${percent(c.acknowledgements, students)})` });

  const exportSlug = scope.kind === "academy" ? "academie" : scope.kind === "school" ? "etablissement" : "division";
  return {
    title: `Statistiques – ${scopeLabel}`,
    scopeLabel,
    breadcrumbs,
    filters: f,
    levelOptions: LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
    phaseOptions: [
      { value: "provisional", label: "Phase provisoire" },
      { value: "final", label: "Phase définitive" },
    ],
    problems: input.problems ?? [],
    freshness: statisticsFreshness(input.computedAt ?? null),
    summary,
    sections,
    exportHref: `${STATISTICS_EXPORT_PATH}?${statisticsQuery(f)}`,
    exportName: `statistiques-${exportSlug}-${f.level === "3e" ? "3e" : "2gt"}-${f.phase === "final" ? "definitive" : "provisoire"}`,
  };
}

/** The spreadsheet's sheets: the summary first, then every table of the page, in the page's order. */
export function statisticsSheets(v: StatisticsView): { name: string; title: string; rows: Cell[][] }[] {
  const summary = { name: "Synthèse", title: v.title, rows: [["Indicateur", "Valeur"], ...v.summary.map((s) => [s.label, s.value])] as Cell[][] };
  return [
    summary,
    ...v.sections.map((s) => {
      const t = s.table;
      const rows: Cell[][] = [t.columns.map((col) => col.label), ...t.rows.map((r) => [r.head, ...r.cells])];
      if (t.foot) rows.push([t.foot.head, ...t.foot.cells]);
      return { name: t.sheet, title: t.caption, rows };
    }),
  ];
}
