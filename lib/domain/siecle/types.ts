/**
 * R-DATA-1: what the school's Siècle (BEE) exports say, once read (lib/domain/siecle/parse.ts).
 * The contract between the parsers and the import (lib/domain/siecle/plan.ts, lib/services/siecle-import.ts).
 * Pure data: dates are ISO "YYYY-MM-DD", names as in the file (trimmed), ids as strings.
 */
import type { Level } from "@/lib/domain/tracks";

/** ElevesSansAdresses / ResponsablesAvecAdresses (or SansAdresses) / Structures / Nomenclature. */
export type SiecleFileKind = "eleves" | "responsables" | "structures" | "nomenclature";

export type SiecleHeader = {
  kind: SiecleFileKind;
  /** PARAMETRES/UAJ: the school the export comes from (checked against the importing head's school). */
  uai: string;
  /** PARAMETRES/ANNEE_SCOLAIRE "2026" → "2026-2027". */
  schoolYear: string;
  /** PARAMETRES/HORODATAGE or DATE_EXPORT, as given; null when absent. */
  exportedAt: string | null;
  /** The name of the uploaded file (or of the entry in its zip), for messages. */
  fileName: string;
};

export type SiecleStudent = {
  /** ELEVE/@ELEVE_ID: the student in the school's base; the guardians' export links to it. */
  siecleId: string;
  /** ID_NATIONAL (INE); null when Siècle has none yet (such a student is listed in the preview, not imported). */
  ine: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  mefCode: string | null;
  /** The division (TYPE_STRUCTURE "D") from the export's STRUCTURES section; null when none. */
  divisionCode: string | null;
  enteredOn: string | null;
  leftOn: string | null;
  /** Line of the ELEVE element in the file, for messages. */
  line: number;
};

export type SiecleDivision = {
  code: string;
  label: string;
  /** The MEFs the division belongs to (Structures.xml MEFS_APPARTENANCE); may be empty. */
  mefCodes: string[];
};

export type SiecleMef = {
  code: string;
  /** LIBELLE_LONG (or LIBELLE_EDITION). */
  label: string;
  /** The level this product handles for that MEF, or null (6e, 5e, 1re …: outside the procedure). */
  level: Level | null;
};

export type SiecleGuardian = {
  /** PERSONNE/@PERSONNE_ID in the school's base. */
  siecleId: string;
  civility: "M." | "Mme" | null;
  lastName: string;
  firstName: string;
  email: string | null;
  line: number;
};

export type SiecleLink = {
  studentSiecleId: string;
  guardianSiecleId: string;
  /** RESP_LEGAL: 1 or 2 for the legal representatives (their rank), 0 for other contacts (not imported). */
  legal: 0 | 1 | 2;
  line: number;
};

export type SiecleExport =
  | (SiecleHeader & { kind: "eleves"; students: SiecleStudent[] })
  | (SiecleHeader & { kind: "responsables"; guardians: SiecleGuardian[]; links: SiecleLink[] })
  | (SiecleHeader & { kind: "structures"; divisions: SiecleDivision[] })
  | (SiecleHeader & { kind: "nomenclature"; mefs: SiecleMef[] });

/** A refusal, in French, with where it is. */
export type SiecleFileError = {
  code:
    | "TOO_LARGE"
    | "NOT_XML"
    | "MALFORMED_XML"
    | "UNKNOWN_EXPORT"
    | "ZIP_INVALID"
    | "ZIP_WITHOUT_EXPORT"
    | "ENCODING"
    | "MISSING_FIELD"
    | "INVALID_VALUE"
    | "OTHER_SCHOOL"
    | "OTHER_YEAR"
    | "UNKNOWN_STUDENT"
    | "DUPLICATE";
  message: string;
  fileName: string;
  line?: number;
  element?: string;
};

export type SiecleParseResult = { ok: true; exports: SiecleExport[]; warnings: string[] } | { ok: false; errors: SiecleFileError[] };

/** An upload's limits: a file over maxBytes (compressed or once unzipped) is refused before it is read. */
export const SIECLE_MAX_BYTES = 20 * 1024 * 1024;
