import { formatParisDateTime } from "@/lib/domain/paris-time";
import type { SiecleFileError } from "./types";
import { WRITE_COUNTS, type ImportCounts, type ImportPlan } from "./plan";

/*
 * R-DATA-1: the import page's view-model: the upload, a stored preview (its counts and lists),
 * and the school's past imports. Pure: the loader passes what the service read.
 */

export const IMPORT_PAGE_PATH = "/etablissement/import";
/** The route handler that receives the files (multipart, capped: docs/security-inputs.md). */
export const IMPORT_UPLOAD_PATH = "/etablissement/import/fichiers";
/** The body's cap: a few exports of a large lycée, zipped or not; beyond, refused before it is read. */
export const IMPORT_MAX_BODY_BYTES = 25 * 1024 * 1024;
export const IMPORT_TOO_LARGE_MESSAGE = "Les fichiers déposés dépassent 25 Mo : déposez les exports de Siècle (fichiers .xml ou .zip) sans autre fichier.";
export const IMPORT_NO_FILE_MESSAGE = "Choisissez au moins un fichier exporté de Siècle (.xml ou .zip).";
export const IMPORT_MAX_FILES = 10;

/** Each count's label, in the order the preview shows them. */
export const COUNT_LABELS: Record<keyof ImportCounts, string> = {
  divisionsAdded: "Divisions ajoutées",
  studentsAdded: "Élèves ajoutés",
  studentsChanged: "Élèves dont les informations changent",
  studentsMoved: "Élèves qui changent de division",
  studentsLeft: "Élèves sortis de l'établissement",
  studentsWithoutIne: "Élèves sans INE (non importés)",
  studentsSkipped: "Élèves hors des niveaux de la procédure (non importés)",
  guardiansAdded: "Représentants légaux ajoutés",
  guardiansChanged: "Représentants légaux dont les informations changent",
  linksAdded: "Liens élève – représentant légal ajoutés",
  linksChanged: "Rangs de représentant légal modifiés",
  linksRemoved: "Liens élève – représentant légal retirés",
  linksKept: "Liens conservés (le représentant a déjà saisi pour l'élève)",
  otherContactsIgnored: "Autres contacts ignorés (non représentants légaux)",
};

const STATE_LABELS: Record<string, string> = { previewed: "Aperçu non confirmé", applied: "Appliqué", abandoned: "Abandonné" };
const SKIP_REASONS = { OUT_OF_SCOPE: "Niveau hors de la procédure", NO_DIVISION: "Sans division", LEFT: "Déjà sorti de l'établissement" } as const;
const LEAVE_REASONS = { DATE_SORTIE: "Date de sortie dans Siècle", ABSENT: "Absent de l'export des élèves" } as const;

/** "6 élèves ajoutés, 12 représentants légaux ajoutés" (the writes only), or "Aucune modification". */
export function countsText(counts: Partial<Record<string, number>>): string {
  const parts = WRITE_COUNTS.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${COUNT_LABELS[k]} : ${counts[k]}`);
  return parts.length > 0 ? parts.join(" ; ") : "Aucune modification";
}

export type ImportHistoryRow = { id: string; at: string; who: string; files: string; counts: string; state: string; href: string | null };

export type ImportErrorView = { key: string; where: string; message: string };

/** R-DATA-1: a refusal's place: the file, its line and element when known. */
export function describeImportErrors(errors: readonly SiecleFileError[]): ImportErrorView[] {
  return errors.map((e, i) => ({
    key: `${i}`,
    where: [e.fileName, e.line ? `ligne ${e.line}` : null, e.element ? `élément ${e.element}` : null].filter(Boolean).join(", "),
    message: e.message,
  }));
}

export type ImportPreviewView = {
  id: string;
  title: string;
  filesText: string;
  state: "previewed" | "applied" | "abandoned";
  stateText: string;
  /** The school's data changed since the preview: confirmation refused, a new upload needed. */
  staleText: string | null;
  empty: boolean;
  counts: { key: string; label: string; value: number }[];
  divisionsAdded: { key: string; code: string; level: string; mef: string }[];
  divisionsSkipped: { key: string; code: string; label: string }[];
  studentsAdded: { key: string; name: string; ine: string; birthDate: string; division: string }[];
  studentsChanged: { key: string; name: string; changes: string }[];
  studentsMoved: { key: string; name: string; from: string; to: string }[];
  studentsLeaving: { key: string; name: string; leftOn: string; reason: string }[];
  studentsWithoutIne: { key: string; name: string; line: string }[];
  studentsSkipped: { key: string; name: string; reason: string }[];
  guardiansAdded: { key: string; name: string; email: string }[];
  guardiansChanged: { key: string; name: string; changes: string }[];
  links: { key: string; student: string; guardian: string; what: string }[];
};

const frDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);
const changeText = (c: { label: string; before: string; after: string }) =>
  `${c.label} : ${c.before ? frDate(c.before) : "(vide)"} → ${c.after ? frDate(c.after) : "(vide)"}`;

export function describeImportPreview(input: {
  id: string;
  state: string;
  files: readonly { name: string }[];
  createdAt: Date;
  actorName: string;
  counts: Record<string, number>;
  plan: ImportPlan | null;
  stale: boolean;
}): ImportPreviewView {
  const plan = input.plan;
  const state = (["previewed", "applied", "abandoned"].includes(input.state) ? input.state : "abandoned") as ImportPreviewView["state"];
  const counts = (Object.keys(COUNT_LABELS) as (keyof ImportCounts)[]).map((k) => ({
    key: k,
    label: COUNT_LABELS[k],
    value: (plan ? plan.counts[k] : input.counts[k]) ?? 0,
  }));
  const levelLabel = (l: string) => (l === "3e" ? "3e" : "2de générale et technologique");
  return {
    id: input.id,
    title: state === "previewed" ? "Aperçu de l'import" : state === "applied" ? "Import appliqué" : "Import abandonné",
    filesText: input.files.map((f) => f.name).join(", "),
    state,
    stateText: `${STATE_LABELS[state]} – déposé le ${formatParisDateTime(input.createdAt)} par ${input.actorName}`,
    staleText:
      state === "previewed" && input.stale
        ? "Les données de l'établissement ont changé depuis cet aperçu : il ne peut plus être confirmé. Déposez à nouveau les fichiers pour obtenir un nouvel aperçu."
        : null,
    empty: counts.every((c) => !(WRITE_COUNTS as readonly string[]).includes(c.key) || c.value === 0),
    counts,
    divisionsAdded: (plan?.divisionsToAdd ?? []).map((d) => ({ key: d.code, code: d.code, level: levelLabel(d.level), mef: `${d.mefLabel} (${d.mefCode})` })),
    divisionsSkipped: (plan?.divisionsSkipped ?? []).map((d) => ({ key: d.code, ...d })),
    studentsAdded: (plan?.studentsToAdd ?? []).map((s) => ({
      key: s.siecleId,
      name: `${s.lastName} ${s.firstName}`,
      ine: s.ine,
      birthDate: frDate(s.birthDate),
      division: s.divisionCode,
    })),
    studentsChanged: (plan?.studentsChanged ?? []).map((s) => ({ key: s.id, name: s.name, changes: s.changes.map(changeText).join(" ; ") })),
    studentsMoved: (plan?.studentsMoved ?? []).map((s) => ({ key: s.id, name: s.name, from: s.from, to: s.to })),
    studentsLeaving: (plan?.studentsLeaving ?? []).map((s) => ({ key: s.id, name: s.name, leftOn: frDate(s.leftOn), reason: LEAVE_REASONS[s.reason] })),
    studentsWithoutIne: (plan?.studentsWithoutIne ?? []).map((s) => ({ key: s.siecleId, name: s.name, line: `${s.line}` })),
    studentsSkipped: (plan?.studentsSkipped ?? []).map((s) => ({ key: s.siecleId, name: s.name, reason: SKIP_REASONS[s.reason] })),
    guardiansAdded: (plan?.guardiansToAdd ?? []).map((g) => ({
      key: g.siecleId,
      name: [g.civility, g.lastName, g.firstName].filter(Boolean).join(" "),
      email: g.email ?? "(aucun courriel)",
    })),
    guardiansChanged: (plan?.guardiansChanged ?? []).map((g) => ({ key: g.id, name: g.name, changes: g.changes.map(changeText).join(" ; ") })),
    links: plan
      ? [
          ...plan.linksToAdd.map((l, i) => ({ key: `a${i}`, student: l.studentName, guardian: l.guardianName, what: `Ajouté, représentant légal ${l.rank}` })),
          ...plan.linksToRerank.map((l, i) => ({ key: `r${i}`, student: l.studentName, guardian: l.guardianName, what: `Rang ${l.before} → ${l.rank}` })),
          ...plan.linksToRemove.map((l, i) => ({ key: `d${i}`, student: l.studentName, guardian: l.guardianName, what: "Retiré (absent de Siècle)" })),
          ...plan.linksKept.map((l, i) => ({
            key: `k${i}`,
            student: l.studentName,
            guardian: l.guardianName,
            what: "Conservé : absent de Siècle, mais ce représentant a déjà saisi pour l'élève",
          })),
        ]
      : [],
  };
}

export type ImportPageView = {
  schoolName: string;
  schoolYear: string;
  history: ImportHistoryRow[];
  preview: ImportPreviewView | null;
};

export function describeImportPage(input: {
  school: { name: string; schoolYear: string };
  imports: readonly { id: string; state: string; files: readonly { name: string }[]; counts: Record<string, number>; actorName: string; createdAt: Date }[];
  preview: Parameters<typeof describeImportPreview>[0] | null;
}): ImportPageView {
  return {
    schoolName: input.school.name,
    schoolYear: input.school.schoolYear,
    history: input.imports.map((i) => ({
      id: i.id,
      at: formatParisDateTime(i.createdAt),
      who: i.actorName,
      files: i.files.map((f) => f.name).join(", "),
      counts: countsText(i.counts),
      state: STATE_LABELS[i.state] ?? i.state,
      href: `${IMPORT_PAGE_PATH}?import=${i.id}`,
    })),
    preview: input.preview ? describeImportPreview(input.preview) : null,
  };
}
