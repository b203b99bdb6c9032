import { buildDemoData, type DemoData, type DemoGuardian, type DemoSchool, type DemoStudent } from "@/lib/db/demo-accounts";
import { demoPersonSiecleId, demoStudentSiecleId } from "@/lib/db/demo-siecle-ids";

/*
 * R-DATA-1: the demo schools' Siècle exports (demo-data/siecle/<UAI>/, written by
 * scripts/write-demo-exports.ts), built from the same buildDemoData() as the seed: same names, INEs,
 * e-mails, divisions, ranks and MEFs, for the school year 2026-2027 (ANNEE_SCOLAIRE 2026; the birth
 * dates are those of that year). Encoded as Siècle does, in ISO-8859-15.
 *
 * With a few things real exports have, that the import must handle: in each school one contact who is
 * not a legal representative (RESP_LEGAL 0, a grandparent), and at the collège a 4e division with two
 * students (outside the procedure: their MEF has no level) whose names carry an apostrophe and a
 * hyphen. The CODE_PARENTE values are illustrative (10 mother, 20 father, 38 grandparent).
 */

export const DEMO_EXPORT_YEAR = 2026;

export const DEMO_EXPORT_FILES = ["ElevesSansAdresses.xml", "ResponsablesAvecAdresses.xml", "Structures.xml", "Nomenclature.xml"] as const;
export type DemoExportFileName = (typeof DEMO_EXPORT_FILES)[number];

/** The 4e division added at the collège (outside the procedure). */
export const DEMO_EXTRA_DIVISION = { schoolKey: "stendhal", code: "4A", mefCode: "10210001110", mefLabel: "4EME" } as const;

type ExtraStudent = Pick<DemoStudent, "key" | "ine" | "firstName" | "lastName" | "girl" | "birth" | "divisionCode" | "guardianKeys">;

export const DEMO_EXTRA_STUDENTS: readonly ExtraStudent[] = [
  {
    key: "4A#0",
    ine: "040000001AB",
    firstName: "Inès",
    lastName: "N'Diaye",
    girl: true,
    birth: { yearsBefore: 13, month: 3, day: 14 },
    divisionCode: "4A",
    guardianKeys: ["4A#0/g1", "4A#0/g2"],
  },
  {
    key: "4A#1",
    ine: "040000002CD",
    firstName: "Timéo",
    lastName: "Lefèvre-Roux",
    girl: false,
    birth: { yearsBefore: 13, month: 11, day: 2 },
    divisionCode: "4A",
    guardianKeys: ["4A#1/g1"],
  },
];

export const DEMO_EXTRA_GUARDIANS: readonly Omit<DemoGuardian, "login">[] = [
  { key: "4A#0/g1", civility: "Mme", firstName: "Aïssatou", lastName: "N'Diaye", email: "aissatou.ndiaye@example.fr" },
  { key: "4A#0/g2", civility: "M.", firstName: "Moussa", lastName: "N'Diaye", email: null },
  { key: "4A#1/g1", civility: "M.", firstName: "Jérôme", lastName: "Lefèvre-Roux", email: "jerome.lefevre-roux@example.com" },
];

/** Per school: the student the non-legal contact (RESP_LEGAL 0) is linked to, and who the contact is. */
export const DEMO_CONTACTS: Readonly<Record<string, { studentKey: string; civility: "M." | "Mme"; firstName: string; email: string | null }>> = {
  stendhal: { studentKey: "3A#2", civility: "Mme", firstName: "Josiane", email: "josiane.grand-mere@example.fr" },
  champollion: { studentKey: "2A#3", civility: "M.", firstName: "René", email: null },
};

export function demoContactKey(studentKey: string): string {
  return `${studentKey}/c1`;
}

const pad = (v: number) => String(v).padStart(2, "0");
const frDate = (year: number, month: number, day: number) => `${pad(day)}/${pad(month)}/${year}`;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `<NAME>value</NAME>` (escaped), or nothing when the value is null. */
function el(name: string, value: string | null, indent: string): string {
  return value === null ? "" : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
}

function document(root: string, uai: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n` +
    `<${root} VERSION="3.4">\n` +
    `  <PARAMETRES>\n` +
    `    <UAJ>${uai}</UAJ>\n` +
    `    <ANNEE_SCOLAIRE>${DEMO_EXPORT_YEAR}</ANNEE_SCOLAIRE>\n` +
    `    <DATE_EXPORT>${frDate(DEMO_EXPORT_YEAR, 9, 1)}</DATE_EXPORT>\n` +
    `    <HORODATAGE>${frDate(DEMO_EXPORT_YEAR, 9, 1)} 08:00:00</HORODATAGE>\n` +
    `  </PARAMETRES>\n` +
    `  <DONNEES>\n${body}  </DONNEES>\n` +
    `</${root}>\n`
  );
}

type SchoolPeople = {
  school: DemoSchool;
  divisions: { code: string; mefCode: string; mefLabel: string }[];
  students: ExtraStudent[];
  guardians: Omit<DemoGuardian, "login">[];
  /** student key, person key, RESP_LEGAL, CODE_PARENTE */
  links: { studentKey: string; personKey: string; legal: 0 | 1 | 2; parente: string }[];
};

function schoolPeople(data: DemoData, school: DemoSchool): SchoolPeople {
  const extra = school.key === DEMO_EXTRA_DIVISION.schoolKey;
  const students: ExtraStudent[] = [...data.students.filter((s) => s.schoolKey === school.key), ...(extra ? DEMO_EXTRA_STUDENTS : [])];
  const allGuardians = new Map<string, Omit<DemoGuardian, "login">>([...data.guardians, ...DEMO_EXTRA_GUARDIANS].map((g) => [g.key, g]));
  const guardians: Omit<DemoGuardian, "login">[] = [];
  const links: SchoolPeople["links"] = [];
  const listed = new Set<string>();
  for (const s of students) {
    s.guardianKeys.forEach((key, i) => {
      const g = allGuardians.get(key)!;
      if (!listed.has(key)) {
        listed.add(key);
        guardians.push(g);
      }
      links.push({ studentKey: s.key, personKey: key, legal: (i + 1) as 1 | 2, parente: g.civility === "Mme" ? "10" : "20" });
    });
  }
  const contact = DEMO_CONTACTS[school.key];
  if (contact) {
    const child = students.find((s) => s.key === contact.studentKey)!;
    const key = demoContactKey(child.key);
    guardians.push({ key, civility: contact.civility, firstName: contact.firstName, lastName: child.lastName, email: contact.email });
    links.push({ studentKey: child.key, personKey: key, legal: 0, parente: "38" });
  }
  const divisions = [...school.divisions.map((d) => ({ code: d.code, mefCode: d.mefCode, mefLabel: d.mefLabel })), ...(extra ? [DEMO_EXTRA_DIVISION] : [])];
  return { school, divisions, students, guardians, links };
}

function elevesXml(p: SchoolPeople): string {
  const mefOf = new Map(p.divisions.map((d) => [d.code, d.mefCode]));
  // Entered the school at its first level: 6e for the collège's 3e (three years before), 4e one year before, 2de this year.
  const entryYear = (division: string) => DEMO_EXPORT_YEAR - (division.startsWith("3") ? 3 : division.startsWith("4") ? 2 : 0);
  let eleves = "    <ELEVES>\n";
  for (const s of p.students) {
    eleves += `      <ELEVE ELEVE_ID="${demoStudentSiecleId(s.key)}">\n`;
    eleves += el("ID_NATIONAL", s.ine, "        ");
    eleves += el("NOM_DE_FAMILLE", s.lastName, "        ");
    eleves += el("PRENOM", s.firstName, "        ");
    eleves += el("DATE_NAISS", frDate(DEMO_EXPORT_YEAR - s.birth.yearsBefore, s.birth.month, s.birth.day), "        ");
    eleves += el("CODE_SEXE", s.girl ? "2" : "1", "        ");
    eleves += el("CODE_MEF", mefOf.get(s.divisionCode)!, "        ");
    eleves += el("DATE_ENTREE", frDate(entryYear(s.divisionCode), 9, 1), "        ");
    eleves += "      </ELEVE>\n";
  }
  eleves += "    </ELEVES>\n";
  let structures = "    <STRUCTURES>\n";
  for (const s of p.students) {
    structures += `      <STRUCTURES_ELEVE ELEVE_ID="${demoStudentSiecleId(s.key)}">\n`;
    structures += `        <STRUCTURE>\n          <CODE_STRUCTURE>${escapeXml(s.divisionCode)}</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>D</TYPE_STRUCTURE>\n        </STRUCTURE>\n`;
    structures += "      </STRUCTURES_ELEVE>\n";
  }
  structures += "    </STRUCTURES>\n";
  return document("BEE_ELEVES", p.school.uai, eleves + structures);
}

function responsablesXml(p: SchoolPeople): string {
  let personnes = "    <PERSONNES>\n";
  for (const g of p.guardians) {
    personnes += `      <PERSONNE PERSONNE_ID="${demoPersonSiecleId(g.key)}">\n`;
    personnes += el("LC_CIVILITE", g.civility === "Mme" ? "MME" : "M.", "        ");
    personnes += el("NOM_DE_FAMILLE", g.lastName, "        ");
    personnes += el("PRENOM", g.firstName, "        ");
    personnes += el("MEL", g.email, "        ");
    personnes += "      </PERSONNE>\n";
  }
  personnes += "    </PERSONNES>\n";
  let responsables = "    <RESPONSABLES>\n";
  for (const l of p.links) {
    responsables += "      <RESPONSABLE_ELEVE>\n";
    responsables += el("ELEVE_ID", demoStudentSiecleId(l.studentKey), "        ");
    responsables += el("PERSONNE_ID", demoPersonSiecleId(l.personKey), "        ");
    responsables += el("RESP_LEGAL", String(l.legal), "        ");
    responsables += el("CODE_PARENTE", l.parente, "        ");
    responsables += "      </RESPONSABLE_ELEVE>\n";
  }
  responsables += "    </RESPONSABLES>\n";
  return document("BEE_RESPONSABLES", p.school.uai, personnes + responsables);
}

function structuresXml(p: SchoolPeople): string {
  let body = "    <DIVISIONS>\n";
  for (const d of p.divisions) {
    body += `      <DIVISION CODE_STRUCTURE="${escapeXml(d.code)}">\n`;
    body += el("LIBELLE_LONG", d.code, "        ");
    body += `        <MEFS_APPARTENANCE>\n          <MEF_APPARTENANCE>\n            <CODE_MEF>${d.mefCode}</CODE_MEF>\n          </MEF_APPARTENANCE>\n        </MEFS_APPARTENANCE>\n`;
    body += "      </DIVISION>\n";
  }
  body += "    </DIVISIONS>\n";
  return document("BEE_STRUCTURES", p.school.uai, body);
}

function nomenclatureXml(p: SchoolPeople): string {
  const mefs = new Map(p.divisions.map((d) => [d.mefCode, d.mefLabel]));
  let body = "    <MEFS>\n";
  for (const [code, label] of mefs) {
    body += `      <MEF CODE_MEF="${code}">\n`;
    body += el("FORMATION", label.split(" ")[0]!, "        ");
    body += el("LIBELLE_LONG", label, "        ");
    body += el("LIBELLE_EDITION", label.charAt(0) + label.slice(1).toLowerCase(), "        ");
    body += el("MEF_RATTACHEMENT", code, "        ");
    body += "      </MEF>\n";
  }
  body += "    </MEFS>\n";
  return document("BEE_NOMENCLATURES", p.school.uai, body);
}

export type DemoSchoolExports = { uai: string; schoolKey: string; files: { name: DemoExportFileName; text: string }[] };

/** The four exports of each demo school, as text (encode with encodeIso885915 to write them). */
export function buildDemoSiecleExports(data: DemoData = buildDemoData()): DemoSchoolExports[] {
  return data.schools.map((school) => {
    const p = schoolPeople(data, school);
    return {
      uai: school.uai,
      schoolKey: school.key,
      files: [
        { name: "ElevesSansAdresses.xml", text: elevesXml(p) },
        { name: "ResponsablesAvecAdresses.xml", text: responsablesXml(p) },
        { name: "Structures.xml", text: structuresXml(p) },
        { name: "Nomenclature.xml", text: nomenclatureXml(p) },
      ],
    };
  });
}

/** ISO-8859-15 differs from ISO-8859-1 at eight code points (€, Š, š, Ž, ž, Œ, œ, Ÿ). */
const LATIN9: Readonly<Record<string, number>> = { "€": 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
const LATIN1_REPLACED = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

/** Text → ISO-8859-15 bytes; a character it cannot encode is an error (never a silent «?»). */
export function encodeIso885915(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const special = LATIN9[ch];
    if (special !== undefined) out[i++] = special;
    else if (code < 0x100 && !LATIN1_REPLACED.has(code)) out[i++] = code;
    else throw new Error(`ISO-8859-15 cannot encode «${ch}» (U+${code.toString(16).toUpperCase().padStart(4, "0")})`);
  }
  return out.subarray(0, i);
}
