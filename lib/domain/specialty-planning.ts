import { formatParisDateTime } from "./paris-time";
import { isOutsideSchool, OUTSIDE_SCHOOL_LABEL, SPECIALTIES_FINAL, SPECIALTIES_PROVISIONAL_MAX, specialtyDisplay, specialtyLabel } from "./request-items";
import { SPECIALTIES, type Phase } from "./tracks";

/*
 * R-2GT-4: the enseignements de spécialité requested in a lycée, so it can plan its groups: for
 * one phase, one row per student who asked for a «1re générale» (its rank among the student's
 * voies, its spécialités in the family's order, each marked «hors établissement» when the lycée
 * does not offer it, who entered it and when), the totals per spécialité and per rank, and the
 * totals per rank split between the lycée's spécialités and the others. Students «hors procédure»
 * leave the statistics (R-SCH-12). Pure: the repository's facts in, the screen's and the
 * exports' rows out.
 *
 * Which request counts for a student (the back-office's, R-SCH-2/3/5): the family's entry received
 * by the nightly transfer while the division's council is not open (opening the council turns it
 * into the back-office's request, R-SCH-3), otherwise the back-office's request (entered by the
 * school, generated from the family's entry, or changed by the school afterwards). An entry «non
 * traitée» (R-SCH-4) never counts.
 */

/** One voie of a request, as far as planning is concerned. */
export type PlanningItem = { rank: number; track: string; specialties: readonly string[] };

export type PlanningStudentFacts = {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  divisionId: string;
  divisionCode: string;
  outOfProcedure: boolean;
  /** The division's class council of the phase is open. */
  councilOpen: boolean;
  /** The back-office's request of the phase (school_requests and its items). */
  request: {
    source: "family" | "school";
    enteredByName: string;
    enteredAt: Date;
    changedBySchoolAt: Date | null;
    changedBySchoolName: string | null;
    items: readonly PlanningItem[];
  } | null;
  /** The family's validated entry of the phase received by the nightly transfer (TS). */
  familyEntry: { enteredByName: string; enteredAt: Date; nonTraitee: boolean; items: readonly PlanningItem[] } | null;
};

export type RequestedSpecialty = { rank: number; code: string; label: string; outside: boolean; display: string };

export type SpecialtyStudentRow = {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  divisionCode: string;
  /** The rank of the «1re générale» among the student's voies (intentions or final choices). */
  voieRank: number;
  /** How many voies the student asked for in all. */
  voieCount: number;
  specialties: RequestedSpecialty[];
  /** «Saisie en ligne (TS) par … le …» or «Saisie par l'établissement (…) le …», and any change by the school. */
  enteredText: string;
};

export type SpecialtyTotal = {
  code: string;
  label: string;
  /** Not offered by the lycée (only when the lycée gave its list). */
  outside: boolean;
  /** Students who asked for it at rank 1, 2, … (index 0 is rank 1). */
  byRank: number[];
  total: number;
};

export type RankTotal = { rank: number; total: number; inSchool: number; outside: number };

export type SpecialtyPlanning = {
  phase: Phase;
  /** How many rank columns the tables show: 5 in the provisional phase, 3 in the final one (more if an older entry holds more). */
  rankCount: number;
  /** The lycée's offered list (empty: not given). */
  offered: readonly string[];
  /** Students in the procedure whose request counts (with or without a 1re générale). */
  studentsWithRequest: number;
  students: SpecialtyStudentRow[];
  specialties: SpecialtyTotal[];
  ranks: RankTotal[];
  /** Sum of every spécialité requested (all ranks). */
  total: number;
};

/** The request that counts for a student (see the header), or null. */
export function countedRequest(s: PlanningStudentFacts): { items: readonly PlanningItem[]; enteredText: string } | null {
  const entry = s.familyEntry && !s.familyEntry.nonTraitee && s.familyEntry.items.length > 0 ? s.familyEntry : null;
  if (entry && (!s.councilOpen || !s.request)) {
    return { items: entry.items, enteredText: `Saisie en ligne (TS) par ${entry.enteredByName} le ${formatParisDateTime(entry.enteredAt)}` };
  }
  const r = s.request;
  if (!r || r.items.length === 0) return null;
  const lines = [
    r.source === "family"
      ? `Saisie en ligne (TS) par ${r.enteredByName} le ${formatParisDateTime(r.enteredAt)}`
      : `Saisie par l'établissement (${r.enteredByName}) le ${formatParisDateTime(r.enteredAt)}`,
  ];
  if (r.changedBySchoolAt) lines.push(`Modifiée par l'établissement (${r.changedBySchoolName ?? ""}) le ${formatParisDateTime(r.changedBySchoolAt)}`);
  return { items: r.items, enteredText: lines.join(" ; ") };
}

/** The number of rank columns of a phase: 5 spécialités at most in the provisional phase (R-2GT-2), 3 in the final one (R-2GT-3). */
export function phaseRankCount(phase: Phase): number {
  return phase === "final" ? SPECIALTIES_FINAL : SPECIALTIES_PROVISIONAL_MAX;
}

const CATALOGUE_ORDER = new Map(Object.keys(SPECIALTIES).map((code, i) => [code, i]));
const catalogueIndex = (code: string) => CATALOGUE_ORDER.get(code) ?? Number.MAX_SAFE_INTEGER;

/**
 * R-2GT-4: the planning of one phase. `students` are the lycée's 2de GT students the actor may see
 * (R-SCH-14), already restricted to the chosen division, in the list's order.
 */
export function buildSpecialtyPlanning(input: { phase: Phase; offered: readonly string[]; students: readonly PlanningStudentFacts[] }): SpecialtyPlanning {
  const { phase, offered } = input;
  const rows: SpecialtyStudentRow[] = [];
  let studentsWithRequest = 0;
  for (const s of input.students) {
    if (s.outOfProcedure) continue; // R-SCH-12: out of the procedure and the statistics
    const counted = countedRequest(s);
    if (!counted) continue;
    studentsWithRequest++;
    const general = counted.items.find((i) => i.track === "1G");
    if (!general) continue;
    rows.push({
      id: s.id,
      ine: s.ine,
      lastName: s.lastName,
      firstName: s.firstName,
      divisionCode: s.divisionCode,
      voieRank: general.rank,
      voieCount: counted.items.length,
      specialties: general.specialties.map((code, i) => ({
        rank: i + 1,
        code,
        label: specialtyLabel(code),
        outside: isOutsideSchool(code, offered),
        display: specialtyDisplay(code, offered),
      })),
      enteredText: counted.enteredText,
    });
  }

  const rankCount = Math.max(phaseRankCount(phase), ...rows.map((r) => r.specialties.length));
  const byCode = new Map<string, SpecialtyTotal>();
  const totalOf = (code: string): SpecialtyTotal => {
    let t = byCode.get(code);
    if (!t) {
      t = { code, label: specialtyLabel(code), outside: isOutsideSchool(code, offered), byRank: Array<number>(rankCount).fill(0), total: 0 };
      byCode.set(code, t);
    }
    return t;
  };
  for (const code of offered) totalOf(code); // an offered spécialité nobody asked for still shows (0)
  const ranks: RankTotal[] = Array.from({ length: rankCount }, (_, i) => ({ rank: i + 1, total: 0, inSchool: 0, outside: 0 }));
  for (const r of rows) {
    for (const sp of r.specialties) {
      const t = totalOf(sp.code);
      t.byRank[sp.rank - 1]!++;
      t.total++;
      const rk = ranks[sp.rank - 1]!;
      rk.total++;
      if (sp.outside) rk.outside++;
      else rk.inSchool++;
    }
  }
  // The lycée's spécialités first, then the others, each in the catalogue's order (like the forms).
  const specialties = [...byCode.values()].sort((a, b) => Number(a.outside) - Number(b.outside) || catalogueIndex(a.code) - catalogueIndex(b.code));
  return {
    phase,
    rankCount,
    offered,
    studentsWithRequest,
    students: rows,
    specialties,
    ranks,
    total: ranks.reduce((n, r) => n + r.total, 0),
  };
}

// ——— The screen and the exports ———

export const SPECIALTY_PLANNING_TITLE = "Enseignements de spécialité demandés";
export const NO_2GT_TEXT =
  "Votre établissement n'a pas de division de 2de générale et technologique : les enseignements de spécialité de 1re générale ne le concernent pas.";
export const OUTSIDE_SCHOOL_TEXT = OUTSIDE_SCHOOL_LABEL;

export function offeredText(t: Pick<SpecialtyTotal, "outside">): string {
  return t.outside ? `Non (${OUTSIDE_SCHOOL_LABEL})` : "Oui";
}

/** «2 sur 3»: the rank of the 1re générale among the student's voies. */
export function voieRankText(r: Pick<SpecialtyStudentRow, "voieRank" | "voieCount">): string {
  return `${r.voieRank} sur ${r.voieCount}`;
}

/** The headers of the per-student table (screen, CSV and XLSX alike). */
export function studentHeaders(rankCount: number): string[] {
  return ["Nom", "Prénom", "INE", "Division", "Rang de la 1re générale", ...Array.from({ length: rankCount }, (_, i) => `Spécialité ${i + 1}`), "Saisie"];
}

/** One student's cells, matching `studentHeaders`. */
export function studentCells(r: SpecialtyStudentRow, rankCount: number): string[] {
  return [
    r.lastName,
    r.firstName,
    r.ine,
    r.divisionCode,
    voieRankText(r),
    ...Array.from({ length: rankCount }, (_, i) => r.specialties[i]?.display ?? ""),
    r.enteredText,
  ];
}

/** The headers of the totals table: the spécialité, whether the lycée offers it, each rank, the total. */
export function totalsHeaders(rankCount: number): string[] {
  return ["Enseignement de spécialité", "Proposé dans l'établissement", ...Array.from({ length: rankCount }, (_, i) => `Rang ${i + 1}`), "Total"];
}

/** The totals table's rows, then its three footer rows (per rank: all, in the lycée, hors établissement). */
export function totalsTable(p: SpecialtyPlanning): { body: (string | number)[][]; foot: (string | number)[][] } {
  const body = p.specialties.map((t) => [t.label, offeredText(t), ...t.byRank, t.total]);
  const inSchool = p.ranks.reduce((n, r) => n + r.inSchool, 0);
  const foot = [
    ["Total par rang", "", ...p.ranks.map((r) => r.total), p.total],
    ["dont proposés dans l'établissement", "", ...p.ranks.map((r) => r.inSchool), inSchool],
    [`dont ${OUTSIDE_SCHOOL_LABEL}`, "", ...p.ranks.map((r) => r.outside), p.total - inSchool],
  ];
  return { body, foot };
}

export type SpecialtyPlanningFilters = { phase: Phase; divisionId: string | null };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** ?phase=final&division=<id>: the division is kept only when it is one the actor may choose. */
export function parseSpecialtyPlanningFilters(params: Record<string, string | string[] | undefined>, divisionIds: readonly string[]): SpecialtyPlanningFilters {
  const phase = one(params.phase) === "final" ? "final" : "provisional";
  const d = one(params.division) ?? "";
  return { phase, divisionId: d && divisionIds.includes(d) ? d : null };
}

function query(f: SpecialtyPlanningFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.phase === "final") q.set("phase", "final");
  if (f.divisionId) q.set("division", f.divisionId);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The exported file's name: «specialites-phase-provisoire-2A-2027-03-10». */
export function exportFileName(phase: Phase, divisionCode: string | null, today: string): string {
  const safe = divisionCode ? `-${divisionCode.replace(/[^0-9A-Za-z_-]/g, "")}` : "";
  return `specialites-phase-${phase === "final" ? "definitive" : "provisoire"}${safe}-${today}`;
}

export type SpecialtyPlanningView = {
  phase: Phase;
  phaseLabel: string;
  tabs: { phase: Phase; href: string; label: string; current: boolean }[];
  divisions: { value: string; label: string }[];
  divisionId: string | null;
  summaryText: string;
  offeredNotice: string | null;
  planning: SpecialtyPlanning;
  totals: { headers: string[]; body: (string | number)[][]; foot: (string | number)[][] };
  studentHeaders: string[];
  exports: { xlsx: string; csv: string };
  caption: { totals: string; students: string };
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The page «Enseignements de spécialité demandés» of one phase (and division). */
export function describeSpecialtyPlanning(input: {
  planning: SpecialtyPlanning;
  filters: SpecialtyPlanningFilters;
  divisions: readonly { id: string; code: string }[];
}): SpecialtyPlanningView {
  const { planning: p, filters } = input;
  const division = input.divisions.find((d) => d.id === filters.divisionId);
  const where = division ? ` en ${division.code}` : "";
  const who = p.phase === "final" ? "choix définitifs" : "intentions provisoires";
  const summaryText =
    p.students.length === 0
      ? `Aucun élève${where} n'a demandé de 1re générale dans ses ${who} (${plural(p.studentsWithRequest, "élève", "élèves")} avec une demande reçue).`
      : `${plural(p.students.length, "élève", "élèves")}${where} ${p.students.length > 1 ? "ont demandé une 1re générale dans leurs" : "a demandé une 1re générale dans ses"} ${who}, sur ${plural(p.studentsWithRequest, "élève", "élèves")} avec une demande reçue ; ${plural(p.total, "enseignement de spécialité demandé", "enseignements de spécialité demandés")}.`;
  const totals = totalsTable(p);
  const phaseLabel = p.phase === "final" ? "Phase définitive" : "Phase provisoire";
  return {
    phase: p.phase,
    phaseLabel,
    tabs: (["provisional", "final"] as const).map((phase) => ({
      phase,
      href: `/etablissement/specialites${query({ phase, divisionId: filters.divisionId })}`,
      label: phase === "final" ? "Phase définitive : choix définitifs" : "Phase provisoire : intentions",
      current: phase === p.phase,
    })),
    divisions: input.divisions.map((d) => ({ value: d.id, label: d.code })),
    divisionId: division ? division.id : null,
    summaryText,
    offeredNotice:
      p.offered.length === 0
        ? "Votre établissement n'a pas encore indiqué les enseignements de spécialité qu'il propose (Vie de l'établissement) : aucun n'est marqué « hors établissement »."
        : null,
    planning: p,
    totals: { headers: totalsHeaders(p.rankCount), ...totals },
    studentHeaders: studentHeaders(p.rankCount),
    exports: {
      xlsx: `/etablissement/specialites/export${query(filters, { format: "xlsx" })}`,
      csv: `/etablissement/specialites/export${query(filters, { format: "csv" })}`,
    },
    caption: {
      totals: `Nombre d'élèves ayant demandé chaque enseignement de spécialité, par rang de préférence – ${phaseLabel.toLowerCase()}${where}`,
      students: `Enseignements de spécialité demandés par élève, par ordre de préférence – ${phaseLabel.toLowerCase()}${where}`,
    },
  };
}
