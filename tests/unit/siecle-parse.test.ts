import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildDemoData } from "@/lib/db/demo-accounts";
import { buildDemoSiecleExports, DEMO_CONTACTS, DEMO_EXPORT_FILES, DEMO_EXTRA_STUDENTS, demoContactKey, encodeIso885915 } from "@/lib/db/demo-siecle-exports";
import { demoPersonSiecleId, demoStudentSiecleId } from "@/lib/db/demo-siecle-ids";
import { levelOfMef } from "@/lib/domain/siecle/mef";
import { checkExportsBelongTo, parseSiecleUploads, SIECLE_EXPORT_NAMES } from "@/lib/domain/siecle/parse";
import { SIECLE_MAX_BYTES, type SiecleExport, type SiecleFileError, type SiecleParseResult } from "@/lib/domain/siecle/types";

// ---------------------------------------------------------------------------------------------
// Building exports in code: each element on its own line, so the expected lines are easy to count.

const DECL = (encoding = "ISO-8859-15") => `<?xml version="1.0" encoding="${encoding}"?>`;
const PARAMS = (uai = "0381234A", year = "2026") =>
  [
    `  <PARAMETRES>`,
    `    <UAJ>${uai}</UAJ>`,
    `    <ANNEE_SCOLAIRE>${year}</ANNEE_SCOLAIRE>`,
    `    <DATE_EXPORT>01/09/${year}</DATE_EXPORT>`,
    `  </PARAMETRES>`,
  ].join("\n");

type EleveInput = {
  id: string;
  ine?: string;
  last?: string;
  first?: string;
  birth?: string;
  mef?: string;
  division?: string;
  entered?: string;
  left?: string;
  usage?: string;
};

function eleveLines(e: EleveInput): string[] {
  const lines = [`      <ELEVE ELEVE_ID="${e.id}">`];
  if (e.ine !== undefined) lines.push(`        <ID_NATIONAL>${e.ine}</ID_NATIONAL>`);
  lines.push(`        <NOM_DE_FAMILLE>${e.last ?? "Martin"}</NOM_DE_FAMILLE>`);
  if (e.usage !== undefined) lines.push(`        <NOM_USAGE>${e.usage}</NOM_USAGE>`);
  lines.push(`        <PRENOM>${e.first ?? "Léa"}</PRENOM>`);
  lines.push(`        <DATE_NAISS>${e.birth ?? "14/03/2012"}</DATE_NAISS>`);
  lines.push(`        <CODE_MEF>${e.mef ?? "10310019110"}</CODE_MEF>`);
  if (e.entered !== undefined) lines.push(`        <DATE_ENTREE>${e.entered}</DATE_ENTREE>`);
  if (e.left !== undefined) lines.push(`        <DATE_SORTIE>${e.left}</DATE_SORTIE>`);
  lines.push(`      </ELEVE>`);
  return lines;
}

function elevesXml(students: EleveInput[], opts: { uai?: string; year?: string; encoding?: string; params?: string } = {}): string {
  const structures = students
    .filter((s) => s.division)
    .flatMap((s) => [
      `      <STRUCTURES_ELEVE ELEVE_ID="${s.id}">`,
      `        <STRUCTURE>`,
      `          <CODE_STRUCTURE>G1</CODE_STRUCTURE>`,
      `          <TYPE_STRUCTURE>G</TYPE_STRUCTURE>`,
      `        </STRUCTURE>`,
      `        <STRUCTURE>`,
      `          <CODE_STRUCTURE>${s.division}</CODE_STRUCTURE>`,
      `          <TYPE_STRUCTURE>D</TYPE_STRUCTURE>`,
      `        </STRUCTURE>`,
      `      </STRUCTURES_ELEVE>`,
    ]);
  return [
    DECL(opts.encoding),
    `<BEE_ELEVES VERSION="3.4">`,
    opts.params ?? PARAMS(opts.uai, opts.year),
    `  <DONNEES>`,
    `    <ELEVES>`,
    ...students.flatMap(eleveLines),
    `    </ELEVES>`,
    `    <STRUCTURES>`,
    ...structures,
    `    </STRUCTURES>`,
    `  </DONNEES>`,
    `</BEE_ELEVES>`,
    ``,
  ].join("\n");
}
/** Lines before the first ELEVE: declaration, root, PARAMETRES (5 lines), DONNEES, ELEVES. */
const FIRST_ELEVE_LINE = 10;
/** Lines of one ELEVE built with { id } only. */
const ELEVE_LINES = 6;

type PersonneInput = { id: string; civility?: string; last?: string; first?: string; mel?: string };
type LinkInput = { student: string; person: string; legal: string };

function responsablesXml(persons: PersonneInput[], links: LinkInput[], opts: { uai?: string; year?: string; encoding?: string } = {}): string {
  return [
    DECL(opts.encoding),
    `<BEE_RESPONSABLES VERSION="3.4">`,
    PARAMS(opts.uai, opts.year),
    `  <DONNEES>`,
    `    <PERSONNES>`,
    ...persons.flatMap((p) => [
      `      <PERSONNE PERSONNE_ID="${p.id}">`,
      `        <LC_CIVILITE>${p.civility ?? "MME"}</LC_CIVILITE>`,
      `        <NOM_DE_FAMILLE>${p.last ?? "Martin"}</NOM_DE_FAMILLE>`,
      `        <PRENOM>${p.first ?? "Claire"}</PRENOM>`,
      ...(p.mel !== undefined ? [`        <MEL>${p.mel}</MEL>`] : []),
      `      </PERSONNE>`,
    ]),
    `    </PERSONNES>`,
    `    <RESPONSABLES>`,
    ...links.flatMap((l) => [
      `      <RESPONSABLE_ELEVE>`,
      `        <ELEVE_ID>${l.student}</ELEVE_ID>`,
      `        <PERSONNE_ID>${l.person}</PERSONNE_ID>`,
      `        <RESP_LEGAL>${l.legal}</RESP_LEGAL>`,
      `        <CODE_PARENTE>10</CODE_PARENTE>`,
      `      </RESPONSABLE_ELEVE>`,
    ]),
    `    </RESPONSABLES>`,
    `  </DONNEES>`,
    `</BEE_RESPONSABLES>`,
    ``,
  ].join("\n");
}

const structuresXml = (uai = "0381234A", year = "2026") =>
  [
    DECL(),
    `<BEE_STRUCTURES VERSION="3.4">`,
    PARAMS(uai, year),
    `  <DONNEES>`,
    `    <DIVISIONS>`,
    `      <DIVISION CODE_STRUCTURE="3A">`,
    `        <LIBELLE_LONG>3EME A</LIBELLE_LONG>`,
    `        <MEFS_APPARTENANCE>`,
    `          <MEF_APPARTENANCE>`,
    `            <CODE_MEF>10310019110</CODE_MEF>`,
    `          </MEF_APPARTENANCE>`,
    `        </MEFS_APPARTENANCE>`,
    `      </DIVISION>`,
    `      <DIVISION CODE_STRUCTURE="4A">`,
    `        <LIBELLE_LONG>4EME A</LIBELLE_LONG>`,
    `      </DIVISION>`,
    `    </DIVISIONS>`,
    `  </DONNEES>`,
    `</BEE_STRUCTURES>`,
  ].join("\n");

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin9 = encodeIso885915;
/** windows-1252: Latin-1 plus, among others, € (0x80), ’ (0x92), œ (0x9C), Œ (0x8C). */
function cp1252(s: string): Uint8Array {
  const extra: Record<string, number> = { "€": 0x80, "’": 0x92, œ: 0x9c, Œ: 0x8c, Ÿ: 0x9f };
  return Uint8Array.from([...s].map((ch) => extra[ch] ?? ch.codePointAt(0)!));
}

function ok(result: SiecleParseResult): SiecleExport[] {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.exports;
}
function refused(result: SiecleParseResult): SiecleFileError[] {
  if (result.ok) throw new Error("expected a refusal");
  return result.errors;
}
function students(result: SiecleParseResult) {
  const e = ok(result)[0]!;
  if (e.kind !== "eleves") throw new Error(`expected élèves, got ${e.kind}`);
  return e.students;
}
function responsables(result: SiecleParseResult) {
  const e = ok(result)[0]!;
  if (e.kind !== "responsables") throw new Error(`expected responsables, got ${e.kind}`);
  return e;
}
const one = (name: string, bytes: Uint8Array) => parseSiecleUploads([{ name, bytes }]);
const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split("\n").length;

// ---------------------------------------------------------------------------------------------

describe("R-DATA-1: reading an élèves export (ElevesSansAdresses.xml)", () => {
  it("R-DATA-1: header, students, ISO dates, INE, division from STRUCTURES (type D), MEF, entry and leaving, lines", () => {
    const text = elevesXml([
      { id: "4102", ine: " 0123456789a ", last: "Martin", first: "Léa", birth: "14/03/2012", division: "3A", entered: "01/09/2023" },
      { id: "4103", ine: "  ", last: "Durand", usage: "Durand-Petit", first: "Hugo", birth: "02/11/2011", left: "15/01/2027" },
    ]);
    const result = one("ElevesSansAdresses.xml", latin9(text));
    const [e] = ok(result);
    expect(e).toMatchObject({ kind: "eleves", uai: "0381234A", schoolYear: "2026-2027", exportedAt: "01/09/2026", fileName: "ElevesSansAdresses.xml" });
    expect(students(result)).toEqual([
      {
        siecleId: "4102",
        ine: "0123456789A",
        lastName: "Martin",
        firstName: "Léa",
        birthDate: "2012-03-14",
        mefCode: "10310019110",
        divisionCode: "3A",
        enteredOn: "2023-09-01",
        leftOn: null,
        line: FIRST_ELEVE_LINE,
      },
      {
        siecleId: "4103",
        ine: null,
        lastName: "Durand-Petit",
        firstName: "Hugo",
        birthDate: "2011-11-02",
        mefCode: "10310019110",
        divisionCode: null,
        enteredOn: null,
        leftOn: "2027-01-15",
        line: lineOf(text, `ELEVE_ID="4103"`),
      },
    ]);
  });

  it("R-DATA-1: the line of each ELEVE, PERSONNE and RESPONSABLE_ELEVE is the line of its opening tag, also with CRLF line ends", () => {
    const text = responsablesXml(
      [{ id: "p1" }, { id: "p2" }],
      [
        { student: "s1", person: "p1", legal: "1" },
        { student: "s1", person: "p2", legal: "2" },
      ],
    ).replace(/\n/g, "\r\n");
    const r = responsables(one("ResponsablesAvecAdresses.xml", latin9(text)));
    const lines = text.split("\r\n");
    const expected = (needle: string, nth = 0) => lines.map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean)[nth];
    expect(r.guardians.map((g) => g.line)).toEqual([expected(`PERSONNE_ID="p1"`), expected(`PERSONNE_ID="p2"`)]);
    expect(r.links.map((l) => l.line)).toEqual([expected("<RESPONSABLE_ELEVE>", 0), expected("<RESPONSABLE_ELEVE>", 1)]);

    const eleves = elevesXml([{ id: "1" }, { id: "2" }, { id: "3" }]).replace(/\n/g, "\r\n");
    expect(students(one("ElevesSansAdresses.xml", latin9(eleves))).map((s) => s.line)).toEqual([
      FIRST_ELEVE_LINE,
      FIRST_ELEVE_LINE + ELEVE_LINES,
      FIRST_ELEVE_LINE + 2 * ELEVE_LINES,
    ]);
  });

  it("R-DATA-1: a student with no INE yet is read (ine null); a student who is in a group only has no division", () => {
    const text = elevesXml([{ id: "1" }]).replace(
      "    </STRUCTURES>",
      `      <STRUCTURES_ELEVE ELEVE_ID="1">\n        <STRUCTURE>\n          <CODE_STRUCTURE>LATIN</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>G</TYPE_STRUCTURE>\n        </STRUCTURE>\n      </STRUCTURES_ELEVE>\n    </STRUCTURES>`,
    );
    expect(students(one("ElevesSansAdresses.xml", latin9(text)))[0]).toMatchObject({ ine: null, divisionCode: null });
  });

  it("R-DATA-1: a 2,000-student export (generated) is read whole and right", () => {
    const many: EleveInput[] = Array.from({ length: 2000 }, (_, i) => ({
      id: String(100000 + i),
      ine: `${String(1000000000 + i)}K`,
      last: i % 3 === 0 ? "N'Diaye" : `Nom${i}`,
      first: i % 2 ? "Chloé" : "Théo",
      birth: `${String((i % 28) + 1).padStart(2, "0")}/${String((i % 12) + 1).padStart(2, "0")}/2012`,
      division: `3${"ABCDEFGH"[i % 8]}`,
      mef: i % 10 === 0 ? "10210001110" : "10310019110",
    }));
    const text = elevesXml(many);
    const list = students(one("ElevesSansAdresses.xml", latin9(text)));
    expect(list).toHaveLength(2000);
    expect(new Set(list.map((s) => s.siecleId)).size).toBe(2000);
    expect(list[1234]).toEqual({
      siecleId: "101234",
      ine: "1000001234K",
      lastName: "Nom1234",
      firstName: "Théo",
      birthDate: "2012-11-03",
      mefCode: "10310019110",
      divisionCode: "3C",
      enteredOn: null,
      leftOn: null,
      line: lineOf(text, `ELEVE_ID="101234"`),
    });
    expect(list[1998]).toMatchObject({ lastName: "N'Diaye", firstName: "Théo", divisionCode: "3G", mefCode: "10310019110" });
  });
});

describe("R-DATA-1: reading a responsables export (ResponsablesAvecAdresses.xml)", () => {
  it("R-DATA-1: persons (civility, names, e-mail) and links with their RESP_LEGAL; a link to a student outside the upload is kept for the import to check", () => {
    const text = responsablesXml(
      [
        { id: "p1", civility: "MME", last: "Lefèvre-Roux", first: "Chloé", mel: "  chloe.lefevre@example.fr " },
        { id: "p2", civility: "M.", last: "N'Diaye", first: "Moussa", mel: "   " },
        { id: "p3", civility: "Mme", last: "d'Arcy", first: "Anne" },
        { id: "p4", civility: "M", last: "Roux", first: "Paul" },
        { id: "p5", civility: "", last: "Service ASE", first: "" },
      ],
      [
        { student: "s1", person: "p1", legal: "1" },
        { student: "s1", person: "p2", legal: "2" },
        { student: "s1", person: "p3", legal: "0" },
        { student: "unknown-student", person: "p4", legal: "1" },
      ],
    );
    const r = responsables(one("ResponsablesAvecAdresses.xml", latin9(text)));
    expect(r.guardians.map(({ line: _line, ...g }) => g)).toEqual([
      { siecleId: "p1", civility: "Mme", lastName: "Lefèvre-Roux", firstName: "Chloé", email: "chloe.lefevre@example.fr" },
      { siecleId: "p2", civility: "M.", lastName: "N'Diaye", firstName: "Moussa", email: null },
      { siecleId: "p3", civility: "Mme", lastName: "d'Arcy", firstName: "Anne", email: null },
      { siecleId: "p4", civility: "M.", lastName: "Roux", firstName: "Paul", email: null },
      { siecleId: "p5", civility: null, lastName: "Service ASE", firstName: "", email: null },
    ]);
    expect(r.links.map(({ line: _line, ...l }) => l)).toEqual([
      { studentSiecleId: "s1", guardianSiecleId: "p1", legal: 1 },
      { studentSiecleId: "s1", guardianSiecleId: "p2", legal: 2 },
      { studentSiecleId: "s1", guardianSiecleId: "p3", legal: 0 },
      { studentSiecleId: "unknown-student", guardianSiecleId: "p4", legal: 1 },
    ]);
    // With an élèves export in the same upload that lacks that student: still read, the import decides.
    const both = parseSiecleUploads([
      { name: "ElevesSansAdresses.xml", bytes: latin9(elevesXml([{ id: "s1" }])) },
      { name: "ResponsablesAvecAdresses.xml", bytes: latin9(text) },
    ]);
    expect(ok(both).map((e) => e.kind)).toEqual(["eleves", "responsables"]);
  });

  it("R-DATA-1: RESP_LEGAL other than 0, 1, 2 is refused with its line; two legal representatives of the same rank too", () => {
    const text = responsablesXml(
      [{ id: "p1" }, { id: "p2" }, { id: "p3" }],
      [
        { student: "s1", person: "p1", legal: "3" },
        { student: "s2", person: "p2", legal: "1" },
        { student: "s2", person: "p3", legal: "1" },
      ],
    );
    const errors = refused(one("ResponsablesAvecAdresses.xml", latin9(text)));
    expect(errors).toEqual([
      {
        code: "INVALID_VALUE",
        fileName: "ResponsablesAvecAdresses.xml",
        line: lineOf(text, "<RESP_LEGAL>3"),
        element: "RESP_LEGAL",
        message: `ResponsablesAvecAdresses.xml, ligne ${lineOf(text, "<RESP_LEGAL>3")} : RESP_LEGAL vaut « 3 », alors que 0, 1 ou 2 est attendu (élément RESP_LEGAL).`,
      },
      expect.objectContaining({ code: "DUPLICATE", element: "RESP_LEGAL", line: lineOf(text, "<PERSONNE_ID>p3</PERSONNE_ID>") - 2 }),
    ]);
    expect(errors[1]!.message).toContain("l'élève s2 a deux représentants légaux 1 (les personnes p2");
  });
});

describe("R-DATA-1: structures and nomenclature exports, MEF levels", () => {
  it("R-DATA-1: Structures.xml gives the divisions with their label and MEFs", () => {
    const [e] = ok(one("Structures.xml", latin9(structuresXml())));
    expect(e).toMatchObject({
      kind: "structures",
      divisions: [
        { code: "3A", label: "3EME A", mefCodes: ["10310019110"] },
        { code: "4A", label: "4EME A", mefCodes: [] },
      ],
    });
  });

  it("R-DATA-1: Nomenclature.xml gives the MEFs with LIBELLE_LONG and the level (103 → 3e, 200 → 2GT, others null)", () => {
    const text = [
      DECL(),
      `<BEE_NOMENCLATURES VERSION="3.4">`,
      PARAMS(),
      `<DONNEES><MEFS>`,
      `<MEF CODE_MEF="10310019110"><FORMATION>3EME</FORMATION><LIBELLE_LONG>3EME</LIBELLE_LONG><LIBELLE_EDITION>3eme</LIBELLE_EDITION></MEF>`,
      `<MEF CODE_MEF="20010018110"><FORMATION>2NDE</FORMATION><LIBELLE_LONG>2NDE GENERALE &amp; TECHNO YC BT</LIBELLE_LONG></MEF>`,
      `<MEF CODE_MEF="10210001110"><LIBELLE_EDITION>4eme</LIBELLE_EDITION></MEF>`,
      `</MEFS></DONNEES></BEE_NOMENCLATURES>`,
    ].join("\n");
    const [e] = ok(one("Nomenclature.xml", latin9(text)));
    expect(e).toMatchObject({
      kind: "nomenclature",
      mefs: [
        { code: "10310019110", label: "3EME", level: "3e" },
        { code: "20010018110", label: "2NDE GENERALE & TECHNO YC BT", level: "2GT" },
        { code: "10210001110", label: "4eme", level: null },
      ],
    });
    expect([levelOfMef("10310019112"), levelOfMef("20010018110"), levelOfMef("10010012110"), levelOfMef("24724001110"), levelOfMef(null)]).toEqual([
      "3e",
      "2GT",
      null,
      null,
      null,
    ]);
  });
});

describe("R-DATA-1: encodings as the file declares them", () => {
  const names = `<NOM_DE_FAMILLE>Lefèvre-Œillet</NOM_DE_FAMILLE>`;

  it("R-DATA-1: ISO-8859-15 (Siècle's): accents, Œ and € read right", () => {
    const text = elevesXml([{ id: "1", last: "Lefèvre-Œillet", first: "Zoé €" }]);
    expect(text).toContain(names);
    expect(students(one("ElevesSansAdresses.xml", latin9(text)))[0]).toMatchObject({ lastName: "Lefèvre-Œillet", firstName: "Zoé €" });
  });

  it("R-DATA-1: windows-1252 (a file re-saved on Windows): œ, ’ and € read right", () => {
    const text = elevesXml([{ id: "1", last: "Lefèvre-Œillet", first: "Zoé’s €" }], { encoding: "windows-1252" });
    expect(students(one("ElevesSansAdresses.xml", cp1252(text)))[0]).toMatchObject({ lastName: "Lefèvre-Œillet", firstName: "Zoé’s €" });
  });

  it("R-DATA-1: UTF-8 with a byte order mark, and UTF-8 with no declaration at all", () => {
    const text = elevesXml([{ id: "1", last: "Lefèvre-Œillet", first: "Chloé" }], { encoding: "UTF-8" });
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(students(one("ElevesSansAdresses.xml", bom))[0]).toMatchObject({ lastName: "Lefèvre-Œillet", firstName: "Chloé" });
    const bare = text.replace(/^<\?xml[^>]*\?>\n/, "");
    expect(students(one("ElevesSansAdresses.xml", utf8(bare)))[0]).toMatchObject({ lastName: "Lefèvre-Œillet" });
  });

  it("R-DATA-1: ISO-8859-1 declared (older exports): accents read right", () => {
    const text = elevesXml([{ id: "1", last: "Müller", first: "Anaïs" }], { encoding: "ISO-8859-1" });
    expect(students(one("ElevesSansAdresses.xml", latin9(text)))[0]).toMatchObject({ lastName: "Müller", firstName: "Anaïs" });
  });

  it("R-DATA-1: an unknown encoding, or UTF-8 announced over Latin bytes, is refused (ENCODING)", () => {
    const sjis = refused(one("ElevesSansAdresses.xml", latin9(elevesXml([{ id: "1" }], { encoding: "Shift_JIS" }))));
    expect(sjis).toEqual([
      {
        code: "ENCODING",
        fileName: "ElevesSansAdresses.xml",
        message:
          "Le fichier ElevesSansAdresses.xml est encodé en Shift_JIS, un encodage que la plateforme ne sait pas lire (ISO-8859-15, ISO-8859-1, windows-1252 ou UTF-8 attendu).",
      },
    ]);
    const lying = refused(one("ElevesSansAdresses.xml", latin9(elevesXml([{ id: "1", first: "Léa" }], { encoding: "UTF-8" }))));
    expect(lying[0]).toMatchObject({ code: "ENCODING" });
    expect(lying[0]!.message).toBe(
      "Le fichier ElevesSansAdresses.xml annonce l'encodage UTF-8, mais son contenu n'est pas encodé ainsi : il a sans doute été modifié après l'export.",
    );
  });
});

describe("R-DATA-1: names with accents and apostrophes are kept exactly", () => {
  it("R-DATA-1: « N'Diaye », « Lefèvre-Roux », « Chloé d'Arcy » (raw and as XML entities)", () => {
    const text = elevesXml([
      { id: "1", last: "N'Diaye", first: "Inès" },
      { id: "2", last: "  Lefèvre-Roux  ", first: "Timéo" },
      { id: "3", last: "d&apos;Arcy", first: "Chlo&#233;" },
    ]);
    expect(students(one("ElevesSansAdresses.xml", latin9(text))).map((s) => `${s.firstName} ${s.lastName}`)).toEqual([
      "Inès N'Diaye",
      "Timéo Lefèvre-Roux",
      "Chloé d'Arcy",
    ]);
  });
});

describe("R-DATA-1: broken or foreign files are refused with a French message naming the file, the line and the element", () => {
  it("R-DATA-1, docs/security-inputs.md: a NUL byte or another control character is refused with its line, never read into a name", () => {
    for (const [bad, code] of [
      ["\u0000", "U+0000"],
      ["\u0001", "U+0001"],
      ["\u001b", "U+001B"],
      ["\u0085", "U+0085"],
    ] as const) {
      const text = elevesXml([{ id: "1", ine: "0117086467W", first: `Lé${bad}a` }]);
      const [err] = refused(one("ElevesSansAdresses.xml", latin9(text)));
      expect(err).toMatchObject({ code: "MALFORMED_XML", line: lineOf(text, "<PRENOM>") });
      expect(err!.message).toBe(
        `Le fichier ElevesSansAdresses.xml contient un caractère de contrôle interdit (${code}) ligne ${lineOf(text, "<PRENOM>")} : il a sans doute été modifié après l'export.`,
      );
    }
    // Tabs and line ends are text like any other.
    expect(students(one("ElevesSansAdresses.xml", latin9(elevesXml([{ id: "1", ine: "0117086467W", first: "Léa\t" }]))))[0]!.firstName).toBe("Léa");
  });
  it("R-DATA-1: not XML (a PDF, a text, an empty file, an HTML page)", () => {
    const cases: [string, Uint8Array][] = [
      ["bulletin.pdf", utf8("%PDF-1.7\n...")],
      ["notes.txt", utf8("Bonjour")],
      ["vide.xml", new Uint8Array()],
      ["page.xml", utf8("<!DOCTYPE html><html><body>Siècle</body></html>")],
    ];
    for (const [name, bytes] of cases) {
      expect(refused(one(name, bytes))).toEqual([{ code: "NOT_XML", fileName: name, message: `Le fichier ${name} n'est pas un export XML de Siècle.` }]);
    }
  });

  it("R-DATA-1: a truncated file: « incomplet ou tronqué » with the line of the element left open", () => {
    const persons = Array.from({ length: 250 }, (_, i) => ({ id: `p${i}`, mel: `p${i}@example.fr` }));
    const full = responsablesXml(persons, []);
    const cut = full.indexOf("<PRENOM>", full.indexOf(`PERSONNE_ID="p240"`));
    const text = full.slice(0, cut);
    const line = lineOf(full, `PERSONNE_ID="p240"`);
    expect(line).toBeGreaterThan(1000);
    const errors = refused(one("ResponsablesAvecAdresses.xml", latin9(text)));
    expect(errors).toEqual([
      {
        code: "MALFORMED_XML",
        fileName: "ResponsablesAvecAdresses.xml",
        line,
        element: "PERSONNE",
        message: `Le fichier ResponsablesAvecAdresses.xml est incomplet ou tronqué (ligne ${line.toLocaleString("fr-FR")} : balise PERSONNE non fermée). Téléchargez de nouveau l'export depuis Siècle.`,
      },
    ]);
    expect(errors[0]!.message).toContain("ligne 1\u202f");
    // Cut in the middle of a name: the innermost element left open is named.
    const midName = full.slice(0, full.indexOf("<NOM_DE_FAMILLE>", full.indexOf(`PERSONNE_ID="p3"`)) + 20);
    expect(refused(one("ResponsablesAvecAdresses.xml", latin9(midName)))[0]).toMatchObject({
      code: "MALFORMED_XML",
      element: "NOM_DE_FAMILLE",
      line: lineOf(full, "<NOM_DE_FAMILLE>", full.indexOf(`PERSONNE_ID="p3"`)),
    });
  });

  it("R-DATA-1: a file broken in its middle (tags crossed): the line of the fault", () => {
    const text = elevesXml([{ id: "1" }, { id: "2" }]).replace("<PRENOM>Léa</PRENOM>\n        <DATE_NAISS>14/03/2012</DATE_NAISS>", "<PRENOM>Léa</DATE_NAISS>");
    const [error] = refused(one("ElevesSansAdresses.xml", latin9(text)));
    expect(error).toMatchObject({ code: "MALFORMED_XML", line: FIRST_ELEVE_LINE + 2 });
    expect(error!.message).toBe(
      `Le fichier ElevesSansAdresses.xml n'est pas un fichier XML valide (ligne ${FIRST_ELEVE_LINE + 2} : balise DATE_NAISS fermée alors que la balise PRENOM (ouverte ligne ${FIRST_ELEVE_LINE + 2}) ne l'est pas). Téléchargez de nouveau l'export depuis Siècle.`,
    );
  });

  it("R-DATA-1: another XML (an STS-web export): UNKNOWN_EXPORT naming the root found", () => {
    const text = `${DECL()}\n<STS_EDT>\n  <PARAMETRES><UAJ>0381234A</UAJ></PARAMETRES>\n</STS_EDT>\n`;
    expect(refused(one("sts_emp_0381234A_2026.xml", latin9(text)))).toEqual([
      {
        code: "UNKNOWN_EXPORT",
        fileName: "sts_emp_0381234A_2026.xml",
        message:
          "Le fichier sts_emp_0381234A_2026.xml n'est pas un export de Siècle pris en charge : son élément racine est STS_EDT, alors que BEE_ELEVES (élèves), BEE_RESPONSABLES (responsables), BEE_STRUCTURES (structures) ou BEE_NOMENCLATURES (nomenclatures) sont attendus.",
      },
    ]);
  });

  it("R-DATA-1: a file over the size limit is refused before it is read", () => {
    const bytes = new Uint8Array(SIECLE_MAX_BYTES + 1).fill(0x3c);
    expect(refused(one("ElevesSansAdresses.xml", bytes))).toEqual([
      { code: "TOO_LARGE", fileName: "ElevesSansAdresses.xml", message: "Le fichier ElevesSansAdresses.xml dépasse la taille maximale de 20 Mo." },
    ]);
  });

  it("R-DATA-1: an impossible date: INVALID_VALUE with the line of DATE_NAISS and the element", () => {
    const text = elevesXml([{ id: "1" }, { id: "2", birth: "31/02/2011" }, { id: "3", entered: "2026-09-01" }]);
    const errors = refused(one("ElevesSansAdresses.xml", latin9(text)));
    const birthLine = lineOf(text, "31/02/2011");
    expect(errors).toEqual([
      {
        code: "INVALID_VALUE",
        fileName: "ElevesSansAdresses.xml",
        line: birthLine,
        element: "DATE_NAISS",
        message: `ElevesSansAdresses.xml, ligne ${birthLine} : la date de naissance « 31/02/2011 » n'est pas une date valide (élément DATE_NAISS).`,
      },
      {
        code: "INVALID_VALUE",
        fileName: "ElevesSansAdresses.xml",
        line: lineOf(text, "2026-09-01"),
        element: "DATE_ENTREE",
        message: `ElevesSansAdresses.xml, ligne ${lineOf(text, "2026-09-01")} : la date d'entrée « 2026-09-01 » n'est pas une date valide (élément DATE_ENTREE).`,
      },
    ]);
  });

  it("R-DATA-1: a malformed INE: INVALID_VALUE with its line", () => {
    const text = elevesXml([{ id: "1", ine: "12345-ABC" }]);
    expect(refused(one("ElevesSansAdresses.xml", latin9(text)))).toEqual([
      {
        code: "INVALID_VALUE",
        fileName: "ElevesSansAdresses.xml",
        line: FIRST_ELEVE_LINE + 1,
        element: "ID_NATIONAL",
        message: `ElevesSansAdresses.xml, ligne ${FIRST_ELEVE_LINE + 1} : l'INE « 12345-ABC » n'est pas un identifiant national élève valide (11 chiffres ou lettres attendus, élément ID_NATIONAL).`,
      },
    ]);
  });

  it("R-DATA-1: a duplicate ELEVE_ID or PERSONNE_ID: DUPLICATE with both lines", () => {
    const eleves = elevesXml([{ id: "7" }, { id: "8" }, { id: "7" }]);
    expect(refused(one("ElevesSansAdresses.xml", latin9(eleves)))).toEqual([
      {
        code: "DUPLICATE",
        fileName: "ElevesSansAdresses.xml",
        line: FIRST_ELEVE_LINE + 2 * ELEVE_LINES,
        element: "ELEVE_ID",
        message: `ElevesSansAdresses.xml, ligne ${FIRST_ELEVE_LINE + 2 * ELEVE_LINES} : l'élève d'identifiant 7 figure deux fois dans le fichier (déjà ligne ${FIRST_ELEVE_LINE}, attribut ELEVE_ID).`,
      },
    ]);
    const resp = responsablesXml([{ id: "p1" }, { id: "p1" }], []);
    const [error] = refused(one("ResponsablesSansAdresses.xml", latin9(resp)));
    expect(error).toMatchObject({ code: "DUPLICATE", element: "PERSONNE_ID", line: lineOf(resp, `PERSONNE_ID="p1"`, resp.indexOf(`PERSONNE_ID="p1"`) + 1) });
    expect(error!.message).toContain("la personne d'identifiant p1 figure deux fois dans le fichier");
  });

  it("R-DATA-1: a missing UAJ or school year: MISSING_FIELD", () => {
    const noUaj = elevesXml([{ id: "1" }], { params: `  <PARAMETRES>\n    <ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>\n  </PARAMETRES>` });
    expect(refused(one("ElevesSansAdresses.xml", latin9(noUaj)))).toEqual([
      {
        code: "MISSING_FIELD",
        fileName: "ElevesSansAdresses.xml",
        line: 3,
        element: "UAJ",
        message: "ElevesSansAdresses.xml, ligne 3 : le numéro de l'établissement (UAJ) manque dans les paramètres de l'export (élément UAJ).",
      },
    ]);
    const noYear = elevesXml([{ id: "1" }], { params: `  <PARAMETRES>\n    <UAJ>0381234A</UAJ>\n  </PARAMETRES>` });
    expect(refused(one("ElevesSansAdresses.xml", latin9(noYear)))[0]).toMatchObject({ code: "MISSING_FIELD", element: "ANNEE_SCOLAIRE" });
    const noName = elevesXml([{ id: "1", last: " " }]);
    expect(refused(one("ElevesSansAdresses.xml", latin9(noName)))[0]).toMatchObject({
      code: "MISSING_FIELD",
      element: "NOM_DE_FAMILLE",
      line: FIRST_ELEVE_LINE,
    });
  });

  it("R-DATA-1: many errors in one file are summed up after the first twenty", () => {
    const text = elevesXml(Array.from({ length: 30 }, (_, i) => ({ id: String(i), birth: "00/00/2012" })));
    const errors = refused(one("ElevesSansAdresses.xml", latin9(text)));
    expect(errors).toHaveLength(21);
    expect(errors[20]!.message).toBe("ElevesSansAdresses.xml : 10 autres erreurs du même fichier ne sont pas détaillées ici.");
  });
});

describe("R-DATA-1: several exports at once belong to one school and one year", () => {
  const eleves = { name: "ElevesSansAdresses.xml", bytes: latin9(elevesXml([{ id: "1" }])) };

  it("R-DATA-1: two files of different schools: OTHER_SCHOOL; of different years: OTHER_YEAR", () => {
    const other = { name: "ResponsablesAvecAdresses.xml", bytes: latin9(responsablesXml([], [], { uai: "0381111X" })) };
    expect(refused(parseSiecleUploads([eleves, other]))).toEqual([
      {
        code: "OTHER_SCHOOL",
        fileName: "ResponsablesAvecAdresses.xml",
        message:
          "Le fichier ResponsablesAvecAdresses.xml est l'export de l'établissement 0381111X, alors que ElevesSansAdresses.xml est celui de l'établissement 0381234A : déposez les exports d'un seul établissement.",
      },
    ]);
    const lastYear = { name: "Structures.xml", bytes: latin9(structuresXml("0381234A", "2025")) };
    expect(refused(parseSiecleUploads([lastYear, eleves]))).toEqual([
      {
        code: "OTHER_YEAR",
        fileName: "Structures.xml",
        message:
          "Le fichier Structures.xml est un export de l'année scolaire 2025-2026, alors que ElevesSansAdresses.xml est de l'année 2026-2027 : déposez les exports d'une même année.",
      },
    ]);
  });

  it("R-DATA-1: the same kind of export twice is refused", () => {
    const resp = (name: string) => ({ name, bytes: latin9(responsablesXml([], [])) });
    expect(refused(parseSiecleUploads([resp("ResponsablesAvecAdresses.xml"), resp("ResponsablesSansAdresses.xml")]))).toEqual([
      {
        code: "DUPLICATE",
        fileName: "ResponsablesSansAdresses.xml",
        message: "Deux exports des responsables ont été déposés (ResponsablesAvecAdresses.xml et ResponsablesSansAdresses.xml) : n'en déposez qu'un.",
      },
    ]);
  });

  it("R-DATA-1: checkExportsBelongTo refuses another school's export, and another year's when the year is given", () => {
    const exports = ok(parseSiecleUploads([eleves]));
    expect(checkExportsBelongTo(exports, { uai: "0381234a" })).toEqual([]);
    expect(checkExportsBelongTo(exports, { uai: "0381234A", schoolYear: "2026-2027" })).toEqual([]);
    expect(checkExportsBelongTo(exports, { uai: "0385678K" })).toEqual([
      {
        code: "OTHER_SCHOOL",
        fileName: "ElevesSansAdresses.xml",
        message: "Le fichier ElevesSansAdresses.xml est l'export de l'établissement 0381234A, pas du vôtre (0385678K).",
      },
    ]);
    expect(checkExportsBelongTo(exports, { uai: "0381234A", schoolYear: "2027-2028" })).toEqual([
      {
        code: "OTHER_YEAR",
        fileName: "ElevesSansAdresses.xml",
        message: "Le fichier ElevesSansAdresses.xml est un export de l'année scolaire 2026-2027, pas de l'année en cours (2027-2028).",
      },
    ]);
  });
});

describe("R-DATA-1: zip archives", () => {
  const elevesText = elevesXml([{ id: "1", last: "N'Diaye", first: "Inès", division: "3A" }]);

  it("R-DATA-1: the zip of each export is read like the export itself (Siècle's downloads are zips)", () => {
    const files = {
      "ElevesSansAdresses.xml": latin9(elevesText),
      "ResponsablesAvecAdresses.xml": latin9(responsablesXml([{ id: "p1" }], [{ student: "1", person: "p1", legal: "1" }])),
      "Structures.xml": latin9(structuresXml()),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const zipped = one(name.replace(".xml", ".zip"), zipSync({ [name]: bytes }));
      const plain = one(name, bytes);
      expect(ok(zipped)).toEqual(ok(plain));
    }
    // All in one archive, in a folder, with a foreign file that is not read.
    const all = zipSync({ export: { ...files, "LISEZMOI.txt": utf8("rien") } });
    expect(
      ok(one("exports.zip", all))
        .map((e) => e.kind)
        .sort(),
    ).toEqual(["eleves", "responsables", "structures"]);
  });

  it("R-DATA-1: a zip with none of the exports: ZIP_WITHOUT_EXPORT naming what was expected", () => {
    const zip = zipSync({ "photo.jpg": new Uint8Array([1, 2, 3]), "sts_emp_0381234A_2026.xml": latin9(`${DECL()}<STS_EDT/>`) });
    expect(refused(one("exports.zip", zip))).toEqual([
      {
        code: "ZIP_WITHOUT_EXPORT",
        fileName: "exports.zip",
        message: `L'archive exports.zip ne contient aucun des exports attendus (${SIECLE_EXPORT_NAMES.join(", ")}).`,
      },
    ]);
    expect(refused(one("exports.zip", zip))[0]!.message).toContain("ElevesSansAdresses.xml, ElevesAvecAdresses.xml, ResponsablesAvecAdresses.xml");
  });

  it("R-DATA-1: a corrupt zip (or a file named .zip that is none): ZIP_INVALID", () => {
    const zip = zipSync({ "ElevesSansAdresses.xml": latin9(elevesText) });
    const corrupt = zip.slice(0, zip.length - 30);
    for (const [name, bytes] of [
      ["ElevesSansAdresses.zip", corrupt],
      ["ElevesSansAdresses.zip", utf8("ceci n'est pas une archive")],
    ] as const) {
      expect(refused(one(name, bytes))).toEqual([
        {
          code: "ZIP_INVALID",
          fileName: name,
          message: `L'archive ${name} est endommagée ou n'est pas une archive zip : elle n'a pas pu être ouverte. Téléchargez de nouveau l'export depuis Siècle.`,
        },
      ]);
    }
  });

  it("R-DATA-1: a zip bomb: an entry declared over the limit is refused before it is inflated", () => {
    // 21 MB of blanks inside a valid export: a few kilobytes once zipped.
    const padded = elevesText.replace("<DONNEES>", `<DONNEES>${" ".repeat(SIECLE_MAX_BYTES + 1024 * 1024)}`);
    const bomb = zipSync({ "ElevesSansAdresses.xml": latin9(padded) }, { level: 9 });
    expect(bomb.length).toBeLessThan(SIECLE_MAX_BYTES / 100);
    expect(refused(one("ElevesSansAdresses.zip", bomb))).toEqual([
      {
        code: "TOO_LARGE",
        fileName: "ElevesSansAdresses.zip",
        message: "Le fichier ElevesSansAdresses.xml de l'archive ElevesSansAdresses.zip dépasse, une fois décompressé, la taille maximale de 20 Mo.",
      },
    ]);
  });

  it("R-DATA-1: an entry lying about its size comes out truncated, never larger: refused as a truncated file", () => {
    const zip = zipSync({ "ElevesSansAdresses.xml": latin9(elevesText) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Declare 200 bytes in the local header (offset 22) and the central directory entry (offset 24).
    for (let i = 0; i + 4 <= zip.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 200, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 200, true);
    }
    expect(refused(one("ElevesSansAdresses.zip", zip))[0]).toMatchObject({ code: "MALFORMED_XML", fileName: "ElevesSansAdresses.xml" });
  });
});

describe("R-DATA-1: the demo schools' sample exports (demo-data/siecle)", () => {
  const data = buildDemoData();
  const dir = (uai: string) => join(process.cwd(), "demo-data", "siecle", uai);
  const read = (uai: string) => DEMO_EXPORT_FILES.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir(uai), name))) }));

  it("R-DATA-1: the committed files are exactly what scripts/write-demo-exports.ts writes today (ISO-8859-15)", () => {
    for (const school of buildDemoSiecleExports(data)) {
      for (const file of school.files) {
        const committed = new Uint8Array(readFileSync(join(dir(school.uai), file.name)));
        expect(new TextDecoder("iso-8859-15").decode(committed), `${school.uai}/${file.name}`).toBe(file.text);
        expect(Buffer.from(committed).equals(encodeIso885915(file.text))).toBe(true);
        expect(file.text.startsWith(`<?xml version="1.0" encoding="ISO-8859-15"?>`)).toBe(true);
      }
    }
  });

  it("R-DATA-1: each school's four exports parse and match the demo data (counts, named people, ranks, e-mails, MEFs)", () => {
    for (const school of data.schools) {
      const exports = ok(parseSiecleUploads(read(school.uai)));
      expect(checkExportsBelongTo(exports, { uai: school.uai, schoolYear: "2026-2027" })).toEqual([]);
      const by = <K extends SiecleExport["kind"]>(kind: K) => exports.find((e) => e.kind === kind) as Extract<SiecleExport, { kind: K }>;
      const eleves = by("eleves");
      const resp = by("responsables");
      const demoStudents = data.students.filter((s) => s.schoolKey === school.key);
      const extras = school.key === "stendhal" ? DEMO_EXTRA_STUDENTS : [];
      expect(eleves.students).toHaveLength(demoStudents.length + extras.length);

      for (const s of demoStudents) {
        const parsed = eleves.students.find((p) => p.siecleId === demoStudentSiecleId(s.key))!;
        const division = school.divisions.find((d) => d.code === s.divisionCode)!;
        expect(parsed).toMatchObject({
          ine: s.ine,
          lastName: s.lastName,
          firstName: s.firstName,
          divisionCode: s.divisionCode,
          mefCode: division.mefCode,
          birthDate: `${2026 - s.birth.yearsBefore}-${String(s.birth.month).padStart(2, "0")}-${String(s.birth.day).padStart(2, "0")}`,
        });
        const links = resp.links.filter((l) => l.studentSiecleId === parsed.siecleId && l.legal !== 0);
        expect(links.map((l) => [l.legal, l.guardianSiecleId])).toEqual(s.guardianKeys.map((k, i) => [i + 1, demoPersonSiecleId(k)]));
        for (const key of s.guardianKeys) {
          const g = data.guardians.find((x) => x.key === key)!;
          expect(resp.guardians.find((p) => p.siecleId === demoPersonSiecleId(key))).toMatchObject({
            civility: g.civility,
            firstName: g.firstName,
            lastName: g.lastName,
            email: g.email,
          });
        }
      }

      const mefs = by("nomenclature").mefs;
      for (const d of school.divisions) {
        expect(by("structures").divisions.find((x) => x.code === d.code)?.mefCodes).toEqual([d.mefCode]);
        expect(mefs.find((m) => m.code === d.mefCode)).toEqual({ code: d.mefCode, label: d.mefLabel, level: school.level });
      }

      // One contact who is not a legal representative (RESP_LEGAL 0), linked to a student of the school.
      const contact = DEMO_CONTACTS[school.key]!;
      const contactLinks = resp.links.filter((l) => l.legal === 0);
      expect(contactLinks).toEqual([
        expect.objectContaining({
          studentSiecleId: demoStudentSiecleId(contact.studentKey),
          guardianSiecleId: demoPersonSiecleId(demoContactKey(contact.studentKey)),
        }),
      ]);
    }
  });

  it("R-DATA-1: the named families: both guardians of 3A, the rank-1 guardian without e-mail, the siblings' guardians in both schools", () => {
    const stendhal = ok(parseSiecleUploads(read("0381234A")));
    const champollion = ok(parseSiecleUploads(read("0385678K")));
    const resp = (exports: SiecleExport[]) => exports.find((e) => e.kind === "responsables") as Extract<SiecleExport, { kind: "responsables" }>;
    const student3A = data.students.find((s) => s.key === data.named.student3A)!;
    const g1 = data.guardians.find((g) => g.key === student3A.guardianKeys[0])!;
    expect(resp(stendhal).guardians.find((g) => g.siecleId === demoPersonSiecleId(g1.key))).toMatchObject({ lastName: g1.lastName, email: g1.email });

    const noEmail = data.students.find((s) => s.key === data.named.noEmailFamily)!;
    expect(resp(stendhal).guardians.find((g) => g.siecleId === demoPersonSiecleId(noEmail.guardianKeys[0]!))?.email).toBeNull();

    const [elder, younger] = data.named.siblings.map((k) => data.students.find((s) => s.key === k)!);
    expect(younger!.guardianKeys).toEqual(elder!.guardianKeys);
    for (const [exports, child] of [
      [stendhal, elder!],
      [champollion, younger!],
    ] as const) {
      const links = resp(exports).links.filter((l) => l.studentSiecleId === demoStudentSiecleId(child.key));
      expect(links.map((l) => l.guardianSiecleId)).toEqual(elder!.guardianKeys.map(demoPersonSiecleId));
    }
  });

  it("R-DATA-1: the collège's 4e division is outside the procedure (its MEF has no level), its students' names kept exactly", () => {
    const exports = ok(parseSiecleUploads(read("0381234A")));
    const eleves = exports.find((e) => e.kind === "eleves") as Extract<SiecleExport, { kind: "eleves" }>;
    const nomenclature = exports.find((e) => e.kind === "nomenclature") as Extract<SiecleExport, { kind: "nomenclature" }>;
    const fourth = eleves.students.filter((s) => s.divisionCode === "4A");
    expect(fourth.map((s) => `${s.firstName} ${s.lastName}`)).toEqual(["Inès N'Diaye", "Timéo Lefèvre-Roux"]);
    expect(nomenclature.mefs.find((m) => m.code === fourth[0]!.mefCode)).toEqual({ code: "10210001110", label: "4EME", level: null });
  });

  it("R-DATA-1: the demo Siècle ids are numeric, distinct and stable", () => {
    const studentIds = [...data.students.map((s) => s.key), ...DEMO_EXTRA_STUDENTS.map((s) => s.key)].map(demoStudentSiecleId);
    const personKeys = [...new Set([...data.guardians.map((g) => g.key), "4A#0/g1", "4A#0/g2", "4A#1/g1", demoContactKey("3A#2"), demoContactKey("2A#3")])];
    const personIds = personKeys.map(demoPersonSiecleId);
    for (const id of [...studentIds, ...personIds]) expect(id).toMatch(/^[0-9]{7}$/);
    expect(new Set(studentIds).size).toBe(studentIds.length);
    expect(new Set(personIds).size).toBe(personIds.length);
    expect([demoStudentSiecleId("3A#12"), demoPersonSiecleId("3A#12/g1"), demoPersonSiecleId("2B#4/g2"), demoPersonSiecleId("3A#2/c1")]).toEqual([
      "1301012",
      "2301121",
      "2202042",
      "2301025",
    ]);
  });
});
