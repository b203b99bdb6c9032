import { checkRollover, nextSchoolYear } from "./school-year";
import { termLabel, type TermMode } from "./calendar";
import { schoolServiceStatus, type SchoolServiceStatus } from "./campaign-calendar";
import { formatParisDateTime } from "./paris-time";
import { LEVEL_LABELS, PHASE_LABELS, SPECIALTIES, type Level, type Phase } from "./tracks";
import { deName } from "./person-name";

/*
 * "Vie de l'établissement", the head's settings of their school: the family service per level
 * and phase (R-CAL-3), the year's terms (R-CAL-4), the spécialités offered (R-2GT-4), the
 * delegation to homeroom teachers (R-SCH-14) and the scanned signature (R-SCH-13). Pure.
 */

/** R-SCH-13: the signatory's name printed under the signature. */
export const SIGNATORY_NAME_MAX = 200;
export const SIGNATORY_REQUIRED_MESSAGE = "Saisissez le nom du signataire.";
export const SIGNATORY_NAME_TOO_LONG_MESSAGE = `Le nom du signataire ne peut pas dépasser ${SIGNATORY_NAME_MAX} caractères.`;
export const SIGNATURE_FILE_REQUIRED_MESSAGE = "Choisissez un fichier image.";
/** R-SCH-13: the signature image's limit (docs/security-inputs.md): checked in the browser before sending, and again on the server. */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
export const SIGNATURE_TOO_LARGE_MESSAGE = "L'image de la signature ne doit pas dépasser 512 Ko.";
export const SIGNATURE_TYPE_MESSAGE = "L'image de la signature doit être au format PNG ou JPEG.";

/**
 * R-SCH-13: the refusal of a chosen file before it is read (its size, and its declared type when
 * the browser gives one), or null. The bytes are checked again on the server (lib/pdf/signature-image.ts).
 */
export function signatureFileProblem(file: { size: number; type: string }): string | null {
  if (file.size === 0) return SIGNATURE_FILE_REQUIRED_MESSAGE;
  if (file.size > SIGNATURE_MAX_BYTES) return SIGNATURE_TOO_LARGE_MESSAGE;
  if (file.type !== "" && file.type !== "image/png" && file.type !== "image/jpeg") return SIGNATURE_TYPE_MESSAGE;
  return null;
}
/** R-CAL-4 */
export const TERM_MODE_REQUIRED_MESSAGE = "Choisissez trimestres ou semestres.";
/** R-2GT-4: a lycée offers at most every spécialité there is. */
export const OFFERED_SPECIALTIES_MAX = Object.keys(SPECIALTIES).length;

/** R-SCH-13: the signatory's name as stored (trimmed), or the message of the field's error. */
export function normaliseSignatoryName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const trimmed = name.trim();
  if (trimmed === "") return { ok: false, message: SIGNATORY_REQUIRED_MESSAGE };
  if (trimmed.length > SIGNATORY_NAME_MAX) return { ok: false, message: SIGNATORY_NAME_TOO_LONG_MESSAGE };
  return { ok: true, name: trimmed };
}

const PHASES: Phase[] = ["provisional", "final"];

export type ServiceRow = {
  key: string;
  level: Level;
  phase: Phase;
  levelLabel: string;
  phaseText: string;
  periodText: string;
  state: SchoolServiceStatus["state"];
  stateLabel: string;
  /** R-CAL-3: the head may close, or reopen while the académie's window has not closed; null: no button. */
  toggle: { closed: boolean; name: string } | null;
};

export type SchoolSettingsView = {
  subtitle: string;
  services: ServiceRow[];
  termMode: TermMode;
  /** R-2GT-4: only a lycée with 2de GT offers spécialités. */
  specialties: { all: { code: string; label: string }[]; offered: string[] } | null;
  teachers: { id: string; displayName: string; divisionsText: string; delegationText: string; delegated: boolean }[];
  noTeacherText: string | null;
  signature: { text: string; imageSrc: string; alt: string } | null;
  signatureForm: { signatoryName: string; hasSignature: boolean };
  /** R-DATA-3: the school's open year, and whether the head may move on to the next one now (else why not). */
  year: { open: string; next: string; rolloverAllowed: boolean; rolloverText: string };
};

export function describeSchoolSettings(input: {
  school: { name: string; termMode: TermMode };
  schoolYear: string;
  levels: readonly Level[];
  windows: readonly { level: Level; phase: Phase; opensAt: Date; closesAt: Date }[];
  closures: readonly { level: Level; phase: Phase; closed: boolean }[];
  offeredSpecialties: readonly string[];
  teachers: readonly { id: string; displayName: string; delegatedByHead: boolean; divisionCodes: readonly string[] }[];
  signature: { signatoryName: string; uploadedAt: Date } | null;
  /** The head's name, offered as the signatory by default. */
  actorName: string;
  /** The school year of today (lib/domain/calendar.ts schoolYearOf); `schoolYear` is the school's open year. */
  calendarYear: string;
  now: Date;
}): SchoolSettingsView {
  const { school, now } = input;
  const rollover = checkRollover({
    openYear: input.schoolYear,
    now,
    calendarYear: input.calendarYear,
    windows: input.windows.filter((w) => input.levels.includes(w.level)),
  });
  const year = {
    open: input.schoolYear,
    next: nextSchoolYear(input.schoolYear),
    rolloverAllowed: rollover.ok,
    rolloverText: rollover.ok
      ? `La campagne ${input.schoolYear} est terminée : vous pouvez passer à l'année scolaire ${rollover.nextYear}. Les dossiers de l'année ${input.schoolYear} resteront consultables et imprimables, sans modification possible.`
      : rollover.message,
  };
  const services = input.levels.flatMap((level) =>
    PHASES.map((phase): ServiceRow => {
      const w = input.windows.find((x) => x.level === level && x.phase === phase);
      const closed = input.closures.some((c) => c.level === level && c.phase === phase && c.closed);
      const status = schoolServiceStatus(w, closed, now);
      const canReopen = w !== undefined && now < w.closesAt;
      return {
        key: `${level}-${phase}`,
        level,
        phase,
        levelLabel: LEVEL_LABELS[level],
        phaseText: `${PHASE_LABELS[phase]} (${termLabel(phase, school.termMode)})`,
        periodText: w ? `Du ${formatParisDateTime(w.opensAt)} au ${formatParisDateTime(w.closesAt)}` : "Non publiée",
        state: status.state,
        stateLabel: status.label,
        toggle: closed && !canReopen ? null : { closed, name: `${LEVEL_LABELS[level]}, ${PHASE_LABELS[phase].toLowerCase()}` },
      };
    }),
  );
  const sig = input.signature;
  return {
    subtitle: `${school.name} – année scolaire ${input.schoolYear}`,
    services,
    termMode: school.termMode,
    specialties: input.levels.includes("2GT")
      ? { all: Object.entries(SPECIALTIES).map(([code, label]) => ({ code, label })), offered: [...input.offeredSpecialties] }
      : null,
    teachers: input.teachers.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      divisionsText: t.divisionCodes.join(", ") || "—",
      delegationText: t.delegatedByHead ? "Toutes les divisions" : "Ses divisions seulement",
      delegated: t.delegatedByHead,
    })),
    noTeacherText: input.teachers.length === 0 ? "Aucun professeur principal n'est enregistré pour l'établissement." : null,
    signature: sig
      ? {
          text: `Signature enregistrée le ${formatParisDateTime(sig.uploadedAt)} – signataire : ${sig.signatoryName}`,
          imageSrc: `/etablissement/vie-etablissement/signature?v=${sig.uploadedAt.getTime()}`,
          alt: `Signature numérisée ${deName(sig.signatoryName)}`,
        }
      : null,
    signatureForm: { signatoryName: sig?.signatoryName ?? input.actorName, hasSignature: sig !== null },
    year,
  };
}
