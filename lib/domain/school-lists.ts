import { LEVEL_LABELS, type Level } from "./tracks";

/*
 * The back-office's lists: the student list with its filters and exports (R-SCH-10) and "Suivi
 * des saisies TS" (R-SCH-11). Pure: what the screens show, from the rows the loaders read.
 */

export type StudentListFilters = {
  level?: Level;
  divisionId?: string;
  mefCode?: string;
  lastName?: string;
  firstName?: string;
};

const UUID_LIKE = /^[0-9a-f-]{36}$/i;

/** The list's filters from the query string (?niveau=&division=&mef=&nom=&prenom=), shared by the screen and the exports. */
export function parseListFilters(params: Record<string, string | string[] | undefined>): StudentListFilters {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) || undefined;
  };
  const level = one("niveau");
  const division = one("division");
  return {
    level: level === "3e" || level === "2GT" ? level : undefined,
    divisionId: division && UUID_LIKE.test(division) ? division : undefined,
    mefCode: one("mef"),
    lastName: one("nom"),
    firstName: one("prenom"),
  };
}

export function filtersToQuery(f: StudentListFilters): string {
  const p = new URLSearchParams();
  if (f.level) p.set("niveau", f.level);
  if (f.divisionId) p.set("division", f.divisionId);
  if (f.mefCode) p.set("mef", f.mefCode);
  if (f.lastName) p.set("nom", f.lastName);
  if (f.firstName) p.set("prenom", f.firstName);
  return p.toString();
}

export type DivisionOption = { id: string; code: string; level: Level; mefCode: string; mefLabel: string };

export type StudentListView = {
  filters: StudentListFilters;
  levels: { value: Level; label: string }[];
  divisions: { value: string; label: string }[];
  mefs: { value: string; label: string }[];
  countText: string;
  emptyText: string | null;
  exports: { xlsx: string; csv: string };
};

/**
 * R-SCH-10: the list's filter options (only the divisions the actor sees, R-SCH-14), its count
 * and its export links, which carry the same filters as the screen.
 */
export function describeStudentList(input: { filters: StudentListFilters; divisions: readonly DivisionOption[]; rowCount: number }): StudentListView {
  const levels = [...new Set(input.divisions.map((d) => d.level))];
  const mefs = [...new Map(input.divisions.map((d) => [d.mefCode, d.mefLabel])).entries()];
  const query = filtersToQuery(input.filters);
  const exportHref = (format: "xlsx" | "csv") => `/etablissement/export?format=${format}${query ? `&${query}` : ""}`;
  const n = input.rowCount;
  return {
    filters: input.filters,
    levels: levels.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
    divisions: input.divisions.map((d) => ({ value: d.id, label: d.code })),
    mefs: mefs.map(([value, label]) => ({ value, label })),
    countText: `${n} élève${n > 1 ? "s" : ""}`,
    emptyText: n === 0 ? "Aucun élève ne correspond à la recherche." : null,
    exports: { xlsx: exportHref("xlsx"), csv: exportHref("csv") },
  };
}

export type FollowUpFacts = {
  id: string;
  lastName: string;
  firstName: string;
  divisionCode: string;
  hasSchoolRequest: boolean;
  guardians: readonly { rank: number; civility: string; firstName: string; lastName: string; email: string | null }[];
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
      guardians: r.guardians.map((g) => ({
        key: g.rank,
        text: `${g.civility} ${g.firstName} ${g.lastName}${g.email ? ` – ${g.email}` : " – pas d'adresse électronique"}`,
      })),
      schoolEntryText: r.hasSchoolRequest ? "Intentions saisies par l'établissement" : "Aucune",
    })),
  };
}
