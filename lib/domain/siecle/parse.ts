/**
 * R-DATA-1: reading the school's Siècle (BEE) exports. Pure: the uploaded bytes in, the data of
 * lib/domain/siecle/types.ts (or French refusals naming the file, the line and the element) out.
 * No database, no file system: the import (lib/services/siecle-import.ts) checks the rest against
 * the database (the head's school, students unknown to it).
 *
 * The exports' structure, as read here, was checked against two open-source school software that
 * import these same files (GEPI's initialisation from the Siècle XML, and others' parsers):
 * - every export: root BEE_ELEVES | BEE_RESPONSABLES | BEE_STRUCTURES | BEE_NOMENCLATURES, then
 *   PARAMETRES (UAJ, ANNEE_SCOLAIRE "2026" for 2026-2027, DATE_EXPORT "dd/mm/yyyy", HORODATAGE
 *   "dd/mm/yyyy hh:mm:ss") and DONNEES; Siècle writes them in ISO-8859-15 (lib/domain/siecle/decode.ts).
 * - ElevesSansAdresses.xml: DONNEES/ELEVES/ELEVE[@ELEVE_ID] with ID_NATIONAL (the INE), NOM_DE_FAMILLE,
 *   NOM_USAGE (older exports: NOM), PRENOM, DATE_NAISS, CODE_MEF, DATE_ENTREE, DATE_SORTIE …; and
 *   DONNEES/STRUCTURES/STRUCTURES_ELEVE[@ELEVE_ID]/STRUCTURE with CODE_STRUCTURE and TYPE_STRUCTURE
 *   ("D" a division, "G" a group).
 * - ResponsablesAvecAdresses.xml / ResponsablesSansAdresses.xml: DONNEES/PERSONNES/PERSONNE[@PERSONNE_ID]
 *   with LC_CIVILITE, NOM_DE_FAMILLE, NOM_USAGE (older: NOM), PRENOM, MEL …; DONNEES/RESPONSABLES/
 *   RESPONSABLE_ELEVE with ELEVE_ID, PERSONNE_ID, RESP_LEGAL (1, 2 the legal representatives, 0 another
 *   contact), CODE_PARENTE …
 * - Structures.xml: DONNEES/DIVISIONS/DIVISION[@CODE_STRUCTURE] with LIBELLE_LONG and
 *   MEFS_APPARTENANCE/MEF_APPARTENANCE/CODE_MEF (STS-web writes MEF_APPARTENANCE[@CODE]: read too).
 * - Nomenclature.xml: DONNEES/MEFS/MEF[@CODE_MEF] with FORMATION, LIBELLE_LONG, LIBELLE_EDITION
 *   (e.g. 10310019110 « 3EME »).
 * A person's last name is the usage name when the export gives one (NOM_USAGE), else the family
 * name (NOM_DE_FAMILLE, or NOM in older exports), as those importers do: the name people go by.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { decodeXml } from "@/lib/domain/siecle/decode";
import { levelOfMef } from "@/lib/domain/siecle/mef";
import {
  SIECLE_MAX_BYTES,
  type SiecleDivision,
  type SiecleExport,
  type SiecleFileError,
  type SiecleFileKind,
  type SiecleGuardian,
  type SiecleLink,
  type SiecleMef,
  type SiecleParseResult,
  type SiecleStudent,
} from "@/lib/domain/siecle/types";

export type SiecleUpload = { name: string; bytes: Uint8Array };

/** The exports' usual names (an entry of a zip is read only when named like one of them). */
export const SIECLE_EXPORT_NAMES = [
  "ElevesSansAdresses.xml",
  "ElevesAvecAdresses.xml",
  "ResponsablesAvecAdresses.xml",
  "ResponsablesSansAdresses.xml",
  "Structures.xml",
  "Nomenclature.xml",
] as const;

const ROOTS: Readonly<Record<string, SiecleFileKind>> = {
  BEE_ELEVES: "eleves",
  BEE_RESPONSABLES: "responsables",
  BEE_STRUCTURES: "structures",
  BEE_NOMENCLATURES: "nomenclature",
};

const KIND_LABELS: Readonly<Record<SiecleFileKind, string>> = {
  eleves: "des élèves",
  responsables: "des responsables",
  structures: "des structures",
  nomenclature: "des nomenclatures",
};

/** More errors than this in one file are summed up in one last message. */
const MAX_ERRORS_PER_FILE = 20;
/** All the exports inflated from one zip, together (each is also limited to SIECLE_MAX_BYTES). */
const MAX_ZIP_TOTAL_BYTES = SIECLE_MAX_BYTES * SIECLE_EXPORT_NAMES.length;

const maxMegabytes = `${Math.round(SIECLE_MAX_BYTES / 1024 / 1024)} Mo`;
const n = (value: number) => value.toLocaleString("fr-FR");

// ---------------------------------------------------------------------------------------------
// Uploads: zips and XML files.

export function parseSiecleUploads(files: SiecleUpload[]): SiecleParseResult {
  const errors: SiecleFileError[] = [];
  const warnings: string[] = [];
  const exports: SiecleExport[] = [];

  for (const file of files) {
    if (file.bytes.length > SIECLE_MAX_BYTES) {
      errors.push({ code: "TOO_LARGE", fileName: file.name, message: `Le fichier ${file.name} dépasse la taille maximale de ${maxMegabytes}.` });
      continue;
    }
    const xmlFiles = isZip(file) ? unzipExports(file, errors) : [file];
    for (const xml of xmlFiles) {
      const result = parseSiecleXml(xml.name, xml.bytes);
      if (result.ok) {
        exports.push(result.export);
        warnings.push(...result.warnings);
      } else errors.push(...result.errors);
    }
  }

  if (errors.length === 0) errors.push(...checkExportsAgree(exports));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, exports, warnings };
}

function isZip(file: SiecleUpload): boolean {
  const b = file.bytes;
  const magic = b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
  return magic || /\.zip$/i.test(file.name);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Whether a zip entry is named like an export (ElevesSansAdresses.xml, also «ElevesSansAdresses_2026.xml»). */
export function isSiecleExportName(path: string): boolean {
  const base = baseName(path).toLowerCase();
  if (!base.endsWith(".xml")) return false;
  return SIECLE_EXPORT_NAMES.some((known) => base.startsWith(known.toLowerCase().replace(/\.xml$/, "")));
}

/**
 * The exports of a zip, inflated only after the sizes its directory declares are checked: an entry
 * declared over SIECLE_MAX_BYTES is refused before a byte of it is inflated (a zip bomb), and the
 * inflater writes into a buffer of the declared size, so an entry that lies about it comes out
 * truncated (then refused as a truncated XML), never larger.
 */
function unzipExports(file: SiecleUpload, errors: SiecleFileError[]): SiecleUpload[] {
  const tooLarge: string[] = [];
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (entry) => {
        if (entry.name.endsWith("/") || !isSiecleExportName(entry.name)) return false;
        if (entry.originalSize > SIECLE_MAX_BYTES || total + entry.originalSize > MAX_ZIP_TOTAL_BYTES) {
          tooLarge.push(baseName(entry.name));
          return false;
        }
        total += entry.originalSize;
        return true;
      },
    });
  } catch {
    errors.push({
      code: "ZIP_INVALID",
      fileName: file.name,
      message: `L'archive ${file.name} est endommagée ou n'est pas une archive zip : elle n'a pas pu être ouverte. Téléchargez de nouveau l'export depuis Siècle.`,
    });
    return [];
  }
  for (const name of tooLarge) {
    errors.push({
      code: "TOO_LARGE",
      fileName: file.name,
      message: `Le fichier ${name} de l'archive ${file.name} dépasse, une fois décompressé, la taille maximale de ${maxMegabytes}.`,
    });
  }
  const found = Object.entries(entries).map(([name, bytes]) => ({ name: baseName(name), bytes }));
  if (found.length === 0 && tooLarge.length === 0) {
    errors.push({
      code: "ZIP_WITHOUT_EXPORT",
      fileName: file.name,
      message: `L'archive ${file.name} ne contient aucun des exports attendus (${SIECLE_EXPORT_NAMES.join(", ")}).`,
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// One XML export.

type XmlNode = Record<string, unknown>;
// Typed as the wrapper `Symbol` by the library: it is a primitive symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Elements that may repeat: always read as lists, even when the export has only one. */
const LIST_TAGS = new Set(["ELEVE", "STRUCTURES_ELEVE", "STRUCTURE", "PERSONNE", "RESPONSABLE_ELEVE", "DIVISION", "MEF_APPARTENANCE", "MEF"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Numeric character references (&#233;) are XML; the named HTML ones come with them.
  htmlEntities: true,
  captureMetaData: true,
  isArray: (tagName) => LIST_TAGS.has(tagName),
});

export type SiecleXmlResult = { ok: true; export: SiecleExport; warnings: string[] } | { ok: false; errors: SiecleFileError[] };

/** Where the lines of a text start, to give the line of an offset. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line of a 0-based offset. */
  of(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  get count(): number {
    return this.starts.length;
  }
}

/** The C0 controls XML forbids (tab, line feed and carriage return aside), DEL and the C1 controls. */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function parseSiecleXml(fileName: string, bytes: Uint8Array): SiecleXmlResult {
  const fail = (code: SiecleFileError["code"], message: string, line?: number): SiecleXmlResult => ({
    ok: false,
    errors: [{ code, fileName, message, ...(line !== undefined ? { line } : {}) }],
  });
  const notXml = `Le fichier ${fileName} n'est pas un export XML de Siècle.`;

  const decoded = decodeXml(bytes);
  if (!decoded.ok) {
    if (decoded.reason === "not-xml") return fail("NOT_XML", notXml);
    if (decoded.reason === "unknown-encoding")
      return fail(
        "ENCODING",
        `Le fichier ${fileName} est encodé en ${decoded.label}, un encodage que la plateforme ne sait pas lire (ISO-8859-15, ISO-8859-1, windows-1252 ou UTF-8 attendu).`,
      );
    return fail(
      "ENCODING",
      `Le fichier ${fileName} annonce l'encodage ${decoded.label}, mais son contenu n'est pas encodé ainsi : il a sans doute été modifié après l'export.`,
    );
  }
  const text = decoded.text;
  // No DOCTYPE in a Siècle export: refused rather than expanded (entities are a classic XML attack).
  if (/<!DOCTYPE/i.test(text)) return fail("NOT_XML", notXml);
  // A control character (a NUL byte…) is no text of Siècle's: refused with its line, never stored
  // (docs/security-inputs.md; PostgreSQL could not even store a NUL).
  const control = FORBIDDEN_CHARACTER.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split("\n").length;
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    return fail(
      "MALFORMED_XML",
      `Le fichier ${fileName} contient un caractère de contrôle interdit (${code}) ligne ${line.toLocaleString("fr-FR")} : il a sans doute été modifié après l'export.`,
      line,
    );
  }

  const valid = XMLValidator.validate(text);
  if (valid !== true) return malformed(fileName, text, valid.err);

  const document = parser.parse(text) as XmlNode;
  const rootName = Object.keys(document).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  if (!rootName) return fail("NOT_XML", notXml);
  const kind = ROOTS[rootName];
  if (!kind) {
    return fail(
      "UNKNOWN_EXPORT",
      `Le fichier ${fileName} n'est pas un export de Siècle pris en charge : son élément racine est ${rootName}, alors que BEE_ELEVES (élèves), BEE_RESPONSABLES (responsables), BEE_STRUCTURES (structures) ou BEE_NOMENCLATURES (nomenclatures) sont attendus.`,
    );
  }
  return new ExportReader(fileName, text, kind, asNode(document[rootName])).read();
}

/** A file the validator refuses: truncated (an element left open at the end) or otherwise broken. */
function malformed(fileName: string, text: string, err: { code: string; msg: string; line: number; col: number }): SiecleXmlResult {
  const lines = new Lines(text);
  const open = lastUnclosedElement(text);
  const lastLine = lines.of(text.trimEnd().length);
  if (open && (err.msg.startsWith("Invalid '[") || err.line >= lastLine)) {
    const line = lines.of(open.index);
    return {
      ok: false,
      errors: [
        {
          code: "MALFORMED_XML",
          fileName,
          line,
          element: open.name,
          message: `Le fichier ${fileName} est incomplet ou tronqué (ligne ${n(line)} : balise ${open.name} non fermée). Téléchargez de nouveau l'export depuis Siècle.`,
        },
      ],
    };
  }
  return {
    ok: false,
    errors: [
      {
        code: "MALFORMED_XML",
        fileName,
        line: err.line,
        message: `Le fichier ${fileName} n'est pas un fichier XML valide (ligne ${n(err.line)} : ${validatorMessageFr(err.msg)}). Téléchargez de nouveau l'export depuis Siècle.`,
      },
    ],
  };
}

/** The innermost element still open at the end of the text, if the tags up to there are well nested. */
function lastUnclosedElement(text: string): { name: string; index: number } | null {
  const stack: { name: string; index: number }[] = [];
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (const m of text.matchAll(tags)) {
    const name = m[2];
    if (!name) continue;
    if (m[1]) {
      if (stack.pop()?.name !== name) return null;
    } else if (!m[3]) stack.push({ name, index: m.index });
  }
  return stack.at(-1) ?? null;
}

const VALIDATOR_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^Expected closing tag '([^']*)' \(opened in line (\d+)[^)]*\) instead of closing tag '([^']*)'/,
    (m) => `balise ${m[3]} fermée alors que la balise ${m[1]} (ouverte ligne ${m[2]}) ne l'est pas`,
  ],
  [/^Closing tag '([^']*)' has not been opened/, (m) => `balise ${m[1]} fermée sans avoir été ouverte`],
  [/^Closing tag '([^']*)' doesn't have proper closing/, (m) => `balise de fermeture ${m[1]} incomplète`],
  [/^Attribute '([^']*)' is repeated/, (m) => `attribut ${m[1]} répété`],
  [/^Multiple possible root nodes found|^Extra text at the end/, () => `contenu après la fin du document`],
  [/^char '(.)' is not expected/, (m) => `caractère « ${m[1]} » inattendu`],
  [/^Invalid '\[/, () => `balise non fermée`],
];

function validatorMessageFr(msg: string): string {
  for (const [re, fr] of VALIDATOR_MESSAGES) {
    const m = re.exec(msg);
    if (m) return fr(m);
  }
  return "syntaxe XML incorrecte";
}

function asNode(value: unknown): XmlNode {
  if (Array.isArray(value)) return asNode(value[0]);
  if (value !== null && typeof value === "object") return value as XmlNode;
  return {};
}

function asList(value: unknown): XmlNode[] {
  if (value === undefined || value === null || value === "") return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (v !== null && typeof v === "object" ? (v as XmlNode) : { "#text": v }));
}

/** The trimmed text of a child element (or attribute "@_NAME"); null when absent or blank. */
function textOf(node: XmlNode | undefined, name: string): string | null {
  if (!node) return null;
  let value = node[name];
  if (Array.isArray(value)) value = value[0];
  if (value !== null && typeof value === "object") value = (value as XmlNode)["#text"];
  if (typeof value !== "string" && typeof value !== "number") return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

function attributeOrChild(node: XmlNode, name: string): string | null {
  return textOf(node, `@_${name}`) ?? textOf(node, name);
}

const DATE_LABELS: Readonly<Record<string, string>> = {
  DATE_NAISS: "la date de naissance",
  DATE_ENTREE: "la date d'entrée",
  DATE_SORTIE: "la date de sortie",
};

/** "dd/mm/yyyy" → "yyyy-mm-dd", or null when it is not a day of the calendar. */
export function frenchDateToIso(value: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

export const INE_PATTERN = /^[0-9A-Z]{11}$/;

function civilityOf(value: string | null): "M." | "Mme" | null {
  const v = (value ?? "").trim().toUpperCase();
  if (v === "MME") return "Mme";
  if (v === "M." || v === "M") return "M.";
  return null;
}

class ExportReader {
  private readonly lines: Lines;
  private readonly errors: SiecleFileError[] = [];
  private readonly warnings: string[] = [];
  private dropped = 0;

  constructor(
    private readonly fileName: string,
    private readonly text: string,
    private readonly kind: SiecleFileKind,
    private readonly root: XmlNode,
  ) {
    this.lines = new Lines(text);
  }

  read(): SiecleXmlResult {
    const header = this.header();
    const data = asNode(this.root.DONNEES);
    let body: SiecleExport | null = null;
    if (header) {
      if (this.kind === "eleves") body = { ...header, kind: "eleves", students: this.students(data) };
      else if (this.kind === "responsables") body = { ...header, kind: "responsables", ...this.responsables(data) };
      else if (this.kind === "structures") body = { ...header, kind: "structures", divisions: this.divisions(data) };
      else body = { ...header, kind: "nomenclature", mefs: this.mefs(data) };
    }
    if (this.errors.length > 0 || !body) {
      if (this.dropped > 0) {
        const last = this.errors.at(-1)!;
        this.errors.push({
          code: last.code,
          fileName: this.fileName,
          message: `${this.fileName} : ${n(this.dropped)} autres erreurs du même fichier ne sont pas détaillées ici.`,
        });
      }
      return { ok: false, errors: this.errors };
    }
    return { ok: true, export: body, warnings: this.warnings };
  }

  // -- messages

  private lineOf(node: XmlNode): number {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    return meta?.startIndex !== undefined ? this.lines.of(meta.startIndex) : 1;
  }

  /** The line of a child element of a record, found between the record's start and end. */
  private lineOfChild(node: XmlNode, element: string): number {
    const meta = (node as Record<symbol, { startIndex?: number; endIndex?: number } | undefined>)[META];
    if (meta?.startIndex === undefined) return 1;
    const end = meta.endIndex ?? this.text.length;
    for (let at = this.text.indexOf(`<${element}`, meta.startIndex + 1); at !== -1 && at < end; at = this.text.indexOf(`<${element}`, at + 1)) {
      // «<DATE_NAISS>», «<DATE_NAISS/>» or «<DATE_NAISS …», not «<DATE_NAISSANCE>».
      if (/[\s/>]/.test(this.text.charAt(at + element.length + 1))) return this.lines.of(at);
    }
    return this.lines.of(meta.startIndex);
  }

  private error(code: SiecleFileError["code"], line: number, element: string | undefined, what: string) {
    if (this.errors.length >= MAX_ERRORS_PER_FILE) {
      this.dropped++;
      return;
    }
    this.errors.push({
      code,
      fileName: this.fileName,
      line,
      ...(element ? { element } : {}),
      message: `${this.fileName}, ligne ${n(line)} : ${what}`,
    });
  }

  // -- PARAMETRES

  private header(): { uai: string; schoolYear: string; exportedAt: string | null; fileName: string } | null {
    const params = asNode(this.root.PARAMETRES);
    const at = this.root.PARAMETRES !== undefined ? this.lineOf(params) : this.lineOf(this.root);
    const uai = textOf(params, "UAJ")?.toUpperCase() ?? null;
    const year = textOf(params, "ANNEE_SCOLAIRE");
    if (!uai) this.error("MISSING_FIELD", at, "UAJ", "le numéro de l'établissement (UAJ) manque dans les paramètres de l'export (élément UAJ).");
    else if (!/^[0-9]{7}[A-Z]$/.test(uai)) this.error("INVALID_VALUE", at, "UAJ", `« ${uai} » n'est pas un numéro d'établissement (UAI) valide (élément UAJ).`);
    if (!year) this.error("MISSING_FIELD", at, "ANNEE_SCOLAIRE", "l'année scolaire manque dans les paramètres de l'export (élément ANNEE_SCOLAIRE).");
    else if (!/^[0-9]{4}$/.test(year))
      this.error("INVALID_VALUE", at, "ANNEE_SCOLAIRE", `l'année scolaire « ${year} » n'est pas une année (élément ANNEE_SCOLAIRE).`);
    if (!uai || !year || this.errors.length > 0) return null;
    const exportedAt = textOf(params, "HORODATAGE") ?? textOf(params, "DATE_EXPORT");
    return { uai, schoolYear: `${year}-${Number(year) + 1}`, exportedAt, fileName: this.fileName };
  }

  // -- BEE_ELEVES

  private students(data: XmlNode): SiecleStudent[] {
    const divisions = this.studentDivisions(data);
    const seen = new Map<string, number>();
    const students: SiecleStudent[] = [];
    for (const e of asList(asNode(data.ELEVES).ELEVE)) {
      const line = this.lineOf(e);
      const id = attributeOrChild(e, "ELEVE_ID");
      if (!id) {
        this.error("MISSING_FIELD", line, "ELEVE_ID", "un élève n'a pas d'identifiant (attribut ELEVE_ID).");
        continue;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        this.error("DUPLICATE", line, "ELEVE_ID", `l'élève d'identifiant ${id} figure deux fois dans le fichier (déjà ligne ${n(first)}, attribut ELEVE_ID).`);
        continue;
      }
      seen.set(id, line);

      let ine = textOf(e, "ID_NATIONAL")?.toUpperCase() ?? null;
      if (ine !== null && !INE_PATTERN.test(ine)) {
        this.error(
          "INVALID_VALUE",
          this.lineOfChild(e, "ID_NATIONAL"),
          "ID_NATIONAL",
          `l'INE « ${ine} » n'est pas un identifiant national élève valide (11 chiffres ou lettres attendus, élément ID_NATIONAL).`,
        );
        ine = null;
      }
      const lastName = this.lastName(e, line, "de l'élève");
      const firstName = textOf(e, "PRENOM");
      if (!firstName) this.error("MISSING_FIELD", line, "PRENOM", `le prénom de l'élève d'identifiant ${id} manque (élément PRENOM).`);
      const birthDate = this.date(e, "DATE_NAISS", true);
      const enteredOn = this.date(e, "DATE_ENTREE", false);
      const leftOn = this.date(e, "DATE_SORTIE", false);
      if (lastName === null || !firstName || birthDate === null) continue;
      students.push({
        siecleId: id,
        ine,
        lastName,
        firstName,
        birthDate,
        mefCode: textOf(e, "CODE_MEF"),
        divisionCode: divisions.get(id) ?? null,
        enteredOn,
        leftOn,
        line,
      });
    }
    return students;
  }

  /** STRUCTURES_ELEVE: each student's division (the structure of type "D"). */
  private studentDivisions(data: XmlNode): Map<string, string> {
    const byStudent = new Map<string, string>();
    for (const s of asList(asNode(data.STRUCTURES).STRUCTURES_ELEVE)) {
      const id = attributeOrChild(s, "ELEVE_ID");
      if (!id) continue;
      const codes = asList(s.STRUCTURE)
        .filter((st) => textOf(st, "TYPE_STRUCTURE")?.toUpperCase() === "D")
        .map((st) => textOf(st, "CODE_STRUCTURE"))
        .filter((c): c is string => c !== null);
      if (codes.length === 0 || byStudent.has(id)) continue;
      byStudent.set(id, codes[0]!);
      if (codes.length > 1) {
        this.warnings.push(
          `${this.fileName}, ligne ${n(this.lineOf(s))} : l'élève d'identifiant ${id} est inscrit dans plusieurs divisions (${codes.join(", ")}) ; seule la première (${codes[0]}) est retenue.`,
        );
      }
    }
    return byStudent;
  }

  private lastName(node: XmlNode, line: number, whose: string): string | null {
    const name = textOf(node, "NOM_USAGE") ?? textOf(node, "NOM_DE_FAMILLE") ?? textOf(node, "NOM");
    if (!name) {
      const id = attributeOrChild(node, "ELEVE_ID") ?? attributeOrChild(node, "PERSONNE_ID");
      this.error("MISSING_FIELD", line, "NOM_DE_FAMILLE", `le nom ${whose} d'identifiant ${id} manque (élément NOM_DE_FAMILLE).`);
    }
    return name;
  }

  /** A date element "dd/mm/yyyy" → ISO; null when absent (an error when required) or invalid (an error). */
  private date(node: XmlNode, element: string, required: boolean): string | null {
    const value = textOf(node, element);
    const label = DATE_LABELS[element] ?? `la date ${element}`;
    if (value === null) {
      if (required)
        this.error(
          "MISSING_FIELD",
          this.lineOf(node),
          element,
          `${label} de l'élève d'identifiant ${attributeOrChild(node, "ELEVE_ID")} manque (élément ${element}).`,
        );
      return null;
    }
    const iso = frenchDateToIso(value);
    if (iso === null)
      this.error("INVALID_VALUE", this.lineOfChild(node, element), element, `${label} « ${value} » n'est pas une date valide (élément ${element}).`);
    return iso;
  }

  // -- BEE_RESPONSABLES

  private responsables(data: XmlNode): { guardians: SiecleGuardian[]; links: SiecleLink[] } {
    const guardians: SiecleGuardian[] = [];
    const seen = new Map<string, number>();
    for (const p of asList(asNode(data.PERSONNES).PERSONNE)) {
      const line = this.lineOf(p);
      const id = attributeOrChild(p, "PERSONNE_ID");
      if (!id) {
        this.error("MISSING_FIELD", line, "PERSONNE_ID", "une personne n'a pas d'identifiant (attribut PERSONNE_ID).");
        continue;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        this.error(
          "DUPLICATE",
          line,
          "PERSONNE_ID",
          `la personne d'identifiant ${id} figure deux fois dans le fichier (déjà ligne ${n(first)}, attribut PERSONNE_ID).`,
        );
        continue;
      }
      seen.set(id, line);
      const lastName = this.lastName(p, line, "de la personne");
      if (lastName === null) continue;
      guardians.push({
        siecleId: id,
        civility: civilityOf(textOf(p, "LC_CIVILITE")),
        lastName,
        // A person may be an organisation (a child welfare service) with no first name.
        firstName: textOf(p, "PRENOM") ?? "",
        email: textOf(p, "MEL"),
        line,
      });
    }

    const links: SiecleLink[] = [];
    const pairs = new Map<string, number>();
    const ranks = new Map<string, { line: number; person: string }>();
    for (const r of asList(asNode(data.RESPONSABLES).RESPONSABLE_ELEVE)) {
      const line = this.lineOf(r);
      const student = textOf(r, "ELEVE_ID");
      const person = textOf(r, "PERSONNE_ID");
      const legalText = textOf(r, "RESP_LEGAL");
      if (!student) this.error("MISSING_FIELD", line, "ELEVE_ID", "un lien entre un élève et un responsable n'indique pas l'élève (élément ELEVE_ID).");
      if (!person)
        this.error("MISSING_FIELD", line, "PERSONNE_ID", "un lien entre un élève et un responsable n'indique pas la personne (élément PERSONNE_ID).");
      if (legalText === null) {
        this.error(
          "MISSING_FIELD",
          line,
          "RESP_LEGAL",
          "un lien entre un élève et un responsable n'indique pas s'il s'agit d'un représentant légal (élément RESP_LEGAL).",
        );
      } else if (!/^[012]$/.test(legalText)) {
        this.error(
          "INVALID_VALUE",
          this.lineOfChild(r, "RESP_LEGAL"),
          "RESP_LEGAL",
          `RESP_LEGAL vaut « ${legalText} », alors que 0, 1 ou 2 est attendu (élément RESP_LEGAL).`,
        );
      }
      if (!student || !person || legalText === null || !/^[012]$/.test(legalText)) continue;
      const legal = Number(legalText) as 0 | 1 | 2;

      const pair = `${student}|${person}`;
      const firstPair = pairs.get(pair);
      if (firstPair !== undefined) {
        this.error("DUPLICATE", line, "RESPONSABLE_ELEVE", `la personne ${person} est liée deux fois à l'élève ${student} (déjà ligne ${n(firstPair)}).`);
        continue;
      }
      pairs.set(pair, line);
      if (legal !== 0) {
        const rank = `${student}|${legal}`;
        const other = ranks.get(rank);
        if (other) {
          this.error(
            "DUPLICATE",
            line,
            "RESP_LEGAL",
            `l'élève ${student} a deux représentants légaux ${legal} (les personnes ${other.person}, ligne ${n(other.line)}, et ${person}) : corrigez-le dans Siècle puis exportez de nouveau (élément RESP_LEGAL).`,
          );
          continue;
        }
        ranks.set(rank, { line, person });
      }
      if (!seen.has(person)) {
        this.warnings.push(
          `${this.fileName}, ligne ${n(line)} : la personne ${person}, liée à l'élève ${student}, ne figure pas dans la liste des personnes du fichier ; ce lien est ignoré.`,
        );
        continue;
      }
      links.push({ studentSiecleId: student, guardianSiecleId: person, legal, line });
    }
    return { guardians, links };
  }

  // -- BEE_STRUCTURES

  private divisions(data: XmlNode): SiecleDivision[] {
    const divisions: SiecleDivision[] = [];
    const seen = new Map<string, number>();
    for (const d of asList(asNode(data.DIVISIONS).DIVISION)) {
      const line = this.lineOf(d);
      const code = attributeOrChild(d, "CODE_STRUCTURE");
      if (!code) {
        this.error("MISSING_FIELD", line, "CODE_STRUCTURE", "une division n'a pas de code (attribut CODE_STRUCTURE).");
        continue;
      }
      const first = seen.get(code);
      if (first !== undefined) {
        this.error(
          "DUPLICATE",
          line,
          "CODE_STRUCTURE",
          `la division ${code} figure deux fois dans le fichier (déjà ligne ${n(first)}, attribut CODE_STRUCTURE).`,
        );
        continue;
      }
      seen.set(code, line);
      const mefCodes = asList(asNode(d.MEFS_APPARTENANCE).MEF_APPARTENANCE)
        .map((m) => textOf(m, "CODE_MEF") ?? textOf(m, "@_CODE"))
        .filter((c): c is string => c !== null);
      divisions.push({ code, label: textOf(d, "LIBELLE_LONG") ?? code, mefCodes });
    }
    return divisions;
  }

  // -- BEE_NOMENCLATURES

  private mefs(data: XmlNode): SiecleMef[] {
    const mefs: SiecleMef[] = [];
    const seen = new Map<string, number>();
    for (const m of asList(asNode(data.MEFS).MEF)) {
      const line = this.lineOf(m);
      const code = attributeOrChild(m, "CODE_MEF");
      if (!code) {
        this.error("MISSING_FIELD", line, "CODE_MEF", "un MEF n'a pas de code (attribut CODE_MEF).");
        continue;
      }
      const first = seen.get(code);
      if (first !== undefined) {
        this.error("DUPLICATE", line, "CODE_MEF", `le MEF ${code} figure deux fois dans le fichier (déjà ligne ${n(first)}, attribut CODE_MEF).`);
        continue;
      }
      seen.set(code, line);
      const label = textOf(m, "LIBELLE_LONG") ?? textOf(m, "LIBELLE_EDITION") ?? textOf(m, "FORMATION") ?? code;
      mefs.push({ code, label, level: levelOfMef(code) });
    }
    return mefs;
  }
}

// ---------------------------------------------------------------------------------------------
// Several exports together.

/** The exports of one upload come from one school and one year, and each kind at most once. */
function checkExportsAgree(exports: SiecleExport[]): SiecleFileError[] {
  const errors: SiecleFileError[] = [];
  const reference = exports.find((e) => e.kind === "eleves") ?? exports[0];
  if (!reference) return errors;
  for (const e of exports) {
    if (e === reference) continue;
    if (e.uai !== reference.uai) {
      errors.push({
        code: "OTHER_SCHOOL",
        fileName: e.fileName,
        message: `Le fichier ${e.fileName} est l'export de l'établissement ${e.uai}, alors que ${reference.fileName} est celui de l'établissement ${reference.uai} : déposez les exports d'un seul établissement.`,
      });
    } else if (e.schoolYear !== reference.schoolYear) {
      errors.push({
        code: "OTHER_YEAR",
        fileName: e.fileName,
        message: `Le fichier ${e.fileName} est un export de l'année scolaire ${e.schoolYear}, alors que ${reference.fileName} est de l'année ${reference.schoolYear} : déposez les exports d'une même année.`,
      });
    }
  }
  const byKind = new Map<SiecleFileKind, string>();
  for (const e of exports) {
    const other = byKind.get(e.kind);
    if (other !== undefined) {
      errors.push({
        code: "DUPLICATE",
        fileName: e.fileName,
        message: `Deux exports ${KIND_LABELS[e.kind]} ont été déposés (${other} et ${e.fileName}) : n'en déposez qu'un.`,
      });
    } else byKind.set(e.kind, e.fileName);
  }
  return errors;
}

/**
 * R-DATA-1: the exports belong to the importing head's school (and, when given, to the school's year):
 * a refusal per export that does not.
 */
export function checkExportsBelongTo(exports: readonly SiecleExport[], school: { uai: string; schoolYear?: string }): SiecleFileError[] {
  const errors: SiecleFileError[] = [];
  const uai = school.uai.trim().toUpperCase();
  for (const e of exports) {
    if (e.uai !== uai) {
      errors.push({
        code: "OTHER_SCHOOL",
        fileName: e.fileName,
        message: `Le fichier ${e.fileName} est l'export de l'établissement ${e.uai}, pas du vôtre (${uai}).`,
      });
    } else if (school.schoolYear !== undefined && e.schoolYear !== school.schoolYear) {
      errors.push({
        code: "OTHER_YEAR",
        fileName: e.fileName,
        message: `Le fichier ${e.fileName} est un export de l'année scolaire ${e.schoolYear}, pas de l'année en cours (${school.schoolYear}).`,
      });
    }
  }
  return errors;
}
