import { formatParisDateTime } from "./paris-time";
import { deName } from "./person-name";
import { schoolYearLabel } from "./school-year";

/*
 * The back-office's frame and division lists: the navigation, the home page (R-SCH-14: "Mes
 * divisions" for a homeroom teacher without delegation) and the index of the fiches de dialogue
 * (R-SCH-13). Pure: the loaders pass what the policy decided (`visibleDivisions`, `can`).
 */

/** The Siècle import page's title and menu entry (R-DATA-1). */
export const IMPORT_PAGE_TITLE = "Import des données Siècle";

/** The audiences of the back-office (head of the school, homeroom teachers). */
export const SCHOOL_STAFF_ROLES = ["head", "homeroom"] as const;

/** Who the staff member is, as the screens name them (R-SCH-14). */
export type StaffFacts = { role: (typeof SCHOOL_STAFF_ROLES)[number]; delegatedByHead: boolean };

/** "all" or the ids of the divisions the staff member sees (lib/auth/policy.ts `visibleDivisions`). */
export type VisibleDivisions = "all" | readonly string[];

export type NavLink = { href: string; label: string };

/** The back-office menu; "Vie de l'établissement" only for who may manage the school (the head, R-SCH-14). */
export function schoolNav(input: { mayManageSchool: boolean; mayDecide?: boolean; hasSecondeGT?: boolean; mayImport?: boolean }): NavLink[] {
  const nav: NavLink[] = [
    { href: "/etablissement", label: "Accueil" },
    { href: "/etablissement/eleves", label: "Liste des élèves" },
    { href: "/etablissement/suivi-ts", label: "Suivi des saisies TS" },
    { href: "/etablissement/fiche-dialogue", label: "Fiches de dialogue" },
    { href: "/etablissement/reponses-familles", label: "Saisie des réponses des familles" },
  ];
  // R-2GT-4: the spécialités requested, for a lycée (a school with 2de GT divisions).
  if (input.hasSecondeGT) nav.push({ href: "/etablissement/specialites", label: "Enseignements de spécialité demandés" });
  // R-FIN-8 / R-FIN-9 / R-FIN-11: the head's page (policy "decide:orientation").
  if (input.mayDecide) nav.push({ href: "/etablissement/decisions", label: "Entretiens et délais d'appel" });
  if (input.mayManageSchool) nav.push({ href: "/etablissement/vie-etablissement", label: "Vie de l'établissement" });
  // R-DATA-2: the head's homeroom teachers' accounts (policy "manage:school").
  if (input.mayManageSchool) nav.push({ href: "/etablissement/professeurs-principaux", label: "Professeurs principaux" });
  // R-OVS-2: the school's reminders to its families, who was reminded, the guardians to call (policy "manage:school").
  if (input.mayManageSchool) nav.push({ href: "/etablissement/relances", label: "Relances des familles" });
  // R-DATA-1: the import of the Siècle exports (policy "import:school-data": the head only).
  if (input.mayImport) nav.push({ href: "/etablissement/import", label: IMPORT_PAGE_TITLE });
  return nav;
}

/** R-SCH-14: how the home page names the staff member's rights. */
export function staffRoleText(staff: StaffFacts): string {
  if (staff.role === "head") return "";
  return staff.delegatedByHead ? " – professeur principal, avec délégation du chef d'établissement" : " – professeur principal";
}

/** R-SCH-14: "Mes divisions" when the list is restricted to the staff member's own divisions. */
export function divisionsHeading(visible: VisibleDivisions): string {
  return visible === "all" ? "Divisions" : "Mes divisions";
}

export const NO_DIVISION_TEXT = "Aucune division ne vous est attribuée.";
/** R-DATA-1/3: a head with no division yet (a new school, or a new school year) is told where they come from. */
export function noDivisionForHeadText(schoolYear?: string): string {
  return `Aucune division${schoolYear ? ` pour l'${schoolYearLabel(schoolYear)}` : ""} : importez les exports de Siècle de l'établissement (« ${IMPORT_PAGE_TITLE} »).`;
}

export type DivisionSummaryFacts = {
  id: string;
  code: string;
  mefLabel: string;
  students: number;
  inProcedure: number;
  familyEntries: number;
  councilOpen: boolean;
  councilDate: Date | null;
};

export type SchoolHomeView = {
  title: string;
  subtitle: string;
  divisionsHeading: string;
  emptyText: string | null;
  divisions: (Omit<DivisionSummaryFacts, "councilOpen" | "councilDate"> & { councilText: string })[];
};

/** The back-office home: the school, the staff member's rights and their divisions' progress (R-SCH-14, R-SCH-3). */
export function describeSchoolHome(input: {
  /** `schoolYear`: the school's open year (R-DATA-3). */
  school: { name: string; uai: string; city: string; schoolYear?: string } | null;
  staff: StaffFacts;
  visible: VisibleDivisions;
  divisions: readonly DivisionSummaryFacts[];
}): SchoolHomeView {
  const { school } = input;
  return {
    title: school?.name ?? "",
    subtitle: `UAI ${school?.uai ?? ""} – ${school?.city ?? ""}${school?.schoolYear ? ` – ${schoolYearLabel(school.schoolYear)}` : ""}${staffRoleText(input.staff)}`,
    divisionsHeading: divisionsHeading(input.visible),
    emptyText: input.divisions.length === 0 ? (input.staff.role === "head" ? noDivisionForHeadText(school?.schoolYear) : NO_DIVISION_TEXT) : null,
    divisions: input.divisions.map((d) => ({
      id: d.id,
      code: d.code,
      mefLabel: d.mefLabel,
      students: d.students,
      inProcedure: d.inProcedure,
      familyEntries: d.familyEntries,
      councilText: `${d.councilOpen ? "Ouvert" : "Non ouvert"}${d.councilDate ? ` – prévu le ${formatParisDateTime(d.councilDate)}` : ""}`,
    })),
  };
}

export type DialogueFormsView = {
  /** R-DATA-3: the year select (empty value: the open year), when the school has closed years; the chosen year. */
  years: { value: string; label: string }[];
  schoolYear: string;
  emptyText: string | null;
  divisions: { id: string; code: string; pdfHref: string; pdfLabel: string; chooseHref: string }[];
  chosen: { code: string; students: { id: string; pdfHref: string; label: string }[] } | null;
};

/**
 * R-SCH-13: the index of the fiches de dialogue: one PDF per division the staff member sees
 * (R-SCH-14), and, for a chosen division, one per student.
 */
export function describeDialogueForms(input: {
  divisions: readonly { id: string; code: string; students: number }[];
  chosen: { id: string; students: readonly { id: string; lastName: string; firstName: string }[] } | null;
  years?: { open: string; closed: readonly string[] };
  /** A closed year chosen (null: the open year). */
  schoolYear?: string | null;
}): DialogueFormsView {
  const year = input.schoolYear ? `&annee=${input.schoolYear}` : "";
  return {
    years:
      input.years && input.years.closed.length > 0
        ? [{ value: "", label: `${input.years.open} (en cours)` }, ...input.years.closed.map((y) => ({ value: y, label: `${y} (close)` }))]
        : [],
    schoolYear: input.schoolYear ?? "",
    emptyText: input.divisions.length === 0 ? NO_DIVISION_TEXT : null,
    divisions: input.divisions.map((d) => ({
      id: d.id,
      code: d.code,
      pdfHref: `/etablissement/fiche-dialogue/division/${d.id}`,
      pdfLabel: `Fiches de la division ${d.code} (PDF, ${d.students} page${d.students > 1 ? "s" : ""})`,
      chooseHref: `/etablissement/fiche-dialogue?division=${d.id}${year}`,
    })),
    chosen: input.chosen
      ? {
          code: input.divisions.find((d) => d.id === input.chosen!.id)?.code ?? "",
          students: input.chosen.students.map((s) => ({
            id: s.id,
            pdfHref: `/etablissement/fiche-dialogue/eleve/${s.id}`,
            label: `Fiche de dialogue ${deName(`${s.lastName} ${s.firstName}`)} (PDF)`,
          })),
        }
      : null,
  };
}
