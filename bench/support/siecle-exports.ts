import { prng } from "@/lib/domain/prng";
import { zipSync } from "fflate";
import { encodeIso885915 } from "@/lib/db/demo-siecle-exports";

/*
 * R-DATA-1's import benchmark (bench/import.ts): the Siècle exports of a synthetic lycée, written
 * as Siècle writes them (ISO-8859-15 XML, dates « jj/mm/aaaa », the element names the parser reads,
 * lib/domain/siecle/parse.ts) with the other fields real exports carry and the import ignores (the
 * guardians' addresses and phones, the students' birthplace, regime …), so that the files have a
 * realistic size. Deterministic: the same arguments give the same bytes.
 *
 * The lycée: n students of 2de générale et technologique (MEF 20010018110) in divisions of ~35,
 * each with two legal guardians (RESP_LEGAL 1 and 2; one in seven without e-mail), one student in
 * twenty also with another contact (RESP_LEGAL 0, a grandparent: not imported). Names carry
 * accents, apostrophes, hyphens and the characters only ISO-8859-15 has (œ, Œ).
 */

export const MEF_2GT = "20010018110";

export type GenStudent = {
  siecleId: string;
  ine: string;
  lastName: string;
  firstName: string;
  girl: boolean;
  birthDate: string;
  division: string;
  enteredOn: string;
  leftOn: string | null;
};
export type GenPerson = { siecleId: string; civility: "M." | "Mme"; lastName: string; firstName: string; email: string | null; addressId: string };
export type GenLink = { studentSiecleId: string; personSiecleId: string; legal: 0 | 1 | 2 };
export type Lycee = { uai: string; year: number; divisions: string[]; students: GenStudent[]; persons: GenPerson[]; links: GenLink[] };

const LAST_NAMES = [
  "Martin",
  "N'Diaye",
  "Lefèvre",
  "D'Almeida",
  "Lecœur",
  "Ménard",
  "Hébert",
  "Bérénger",
  "Garçon",
  "L'Hôte",
  "Saint-Aubin",
  "Öztürk",
  "Nguyen",
  "Da Silva",
  "Le Bihan",
  "Château",
  "Crémieux",
  "O'Brien",
  "Œuvrard",
  "Dubois-Mérel",
  "Fabre d'Églantine",
  "Müller",
  "Brûlé",
  "Moreau",
];
const GIRLS = ["Léa", "Chloé", "Zoé", "Anaïs", "Maëlle", "Inès", "Noémie", "Hélène", "Éloïse", "Bérénice", "Joëlle", "Aïcha", "Marie-Noëlle", "Cléa"];
const BOYS = ["Noël", "Maël", "Jérôme", "François", "Loïc", "Anaël", "Gaëtan", "Élie", "Côme", "Jean-Baptiste", "Raphaël", "Benoît", "Mathéo", "Théo"];
const WOMEN = ["Françoise", "Agnès", "Véronique", "Aïssatou", "Séverine", "Hélène", "Mélanie", "Cécile", "Noëlle", "Béatrice"];
const MEN = ["Jean-François", "Stéphane", "Frédéric", "Jérôme", "Hervé", "Benoît", "Noël", "Grégoire", "Rémi", "Loïc"];
const STREETS = ["rue de l'Église", "avenue du Général-Leclerc", "chemin des Pâquerettes", "place de l'Hôtel-de-Ville", "rue Émile-Zola", "allée des Cœurs"];

/** A small deterministic generator (lib/domain/prng.ts). */
export const random = prng;

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;
const pad = (v: number, w = 2) => String(v).padStart(w, "0");
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const ascii = (s: string) =>
  s
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "Oe")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export const divisionCode = (k: number) => `2NDE${pad(k)}`;
const studentId = (i: number) => String(100000 + i);
const personId = (j: number) => String(500000 + j);
const ineOf = (i: number) => `${String(70000000 + i).padStart(9, "0")}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}`;

type Counters = { student: number; person: number };

function addFamily(l: Lycee, c: Counters, r: () => number, division: string, enteredOn: string): void {
  const i = ++c.student;
  const girl = r() < 0.5;
  const lastName = pick(LAST_NAMES, r);
  const s: GenStudent = {
    siecleId: studentId(i),
    ine: ineOf(i),
    lastName,
    firstName: pick(girl ? GIRLS : BOYS, r),
    girl,
    birthDate: `${l.year - 15}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`,
    division,
    enteredOn,
    leftOn: null,
  };
  l.students.push(s);
  const person = (civility: "M." | "Mme", last: string, legal: 0 | 1 | 2) => {
    const j = ++c.person;
    const firstName = pick(civility === "Mme" ? WOMEN : MEN, r);
    const email = j % 7 === 0 ? null : `${ascii(firstName)}.${ascii(last)}.${j}@exemple.fr`;
    l.persons.push({ siecleId: personId(j), civility, lastName: last, firstName, email, addressId: String(900000 + j) });
    l.links.push({ studentSiecleId: s.siecleId, personSiecleId: personId(j), legal });
  };
  person("Mme", r() < 0.3 ? pick(LAST_NAMES, r) : lastName, 1);
  person("M.", lastName, 2);
  if (i % 20 === 0) person(r() < 0.5 ? "Mme" : "M.", lastName, 0);
}

/** The lycée's exports at the start of the year: n students in ⌈n / 35⌉ divisions. */
export function generateLycee(uai: string, year: number, n: number, seed = 2026): Lycee {
  const r = random(seed);
  const count = Math.max(1, Math.ceil(n / 35));
  const l: Lycee = { uai, year, divisions: Array.from({ length: count }, (_, k) => divisionCode(k + 1)), students: [], persons: [], links: [] };
  const c: Counters = { student: 0, person: 0 };
  for (let i = 0; i < n; i++) addFamily(l, c, r, l.divisions[i % count]!, `${year}-09-01`);
  return l;
}

export type YearChange = { moved: number; left: number; added: number; emailsChanged: number; lycee: Lycee };

/**
 * The same lycée later in the year: `moved` of its students in another division, `left` with
 * their DATE_SORTIE (still in the export, as Siècle lists them), `added` new students with two new
 * guardians each, and `emailsChanged` guardians with a new e-mail address.
 */
export function changeLycee(
  before: Lycee,
  opts: { moved: number; left: number; added: number; emailsChanged: number; leftOn: string },
  seed = 2027,
): YearChange {
  const r = random(seed);
  const l: Lycee = {
    ...before,
    students: before.students.map((s) => ({ ...s })),
    persons: before.persons.map((p) => ({ ...p })),
    links: before.links.map((x) => ({ ...x })),
  };
  // Distinct students spread over the whole list (so over every division): the first ones visited move, the next ones leave.
  const stride = Math.max(1, Math.floor(l.students.length / Math.max(1, opts.moved + opts.left)));
  let moved = 0;
  let left = 0;
  for (let k = 0; k < l.students.length && (moved < opts.moved || left < opts.left); k += stride) {
    const s = l.students[k]!;
    if (moved < opts.moved && l.divisions.length > 1) {
      const at = l.divisions.indexOf(s.division);
      s.division = l.divisions[(at + 1 + Math.floor(r() * (l.divisions.length - 1))) % l.divisions.length]!;
      moved++;
    } else if (left < opts.left) {
      s.leftOn = opts.leftOn;
      left++;
    }
  }
  // Legal guardians only (another contact is not imported: a change of theirs changes nothing).
  const legal = new Set(l.links.filter((x) => x.legal !== 0).map((x) => x.personSiecleId));
  const guardians = l.persons.filter((p) => legal.has(p.siecleId));
  let emailsChanged = 0;
  const every = Math.max(1, Math.floor(guardians.length / Math.max(1, opts.emailsChanged)));
  for (let k = 0; k < guardians.length && emailsChanged < opts.emailsChanged; k += every) {
    const p = guardians[k]!;
    p.email = `${ascii(p.firstName)}.${ascii(p.lastName)}.nouvelle-adresse.${k}@exemple.fr`;
    emailsChanged++;
  }
  const c: Counters = { student: before.students.length, person: before.persons.length };
  for (let i = 0; i < opts.added; i++) addFamily(l, c, r, l.divisions[i % l.divisions.length]!, opts.leftOn);
  return { moved, left, added: opts.added, emailsChanged, lycee: l };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
const el = (name: string, value: string | null, indent = "        ") => (value === null ? "" : `${indent}<${name}>${escapeXml(value)}</${name}>\n`);

function document(l: Lycee, root: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n` +
    `<${root} VERSION="3.4">\n` +
    `  <PARAMETRES>\n` +
    `    <UAJ>${l.uai}</UAJ>\n` +
    `    <ANNEE_SCOLAIRE>${l.year}</ANNEE_SCOLAIRE>\n` +
    `    <DATE_EXPORT>01/09/${l.year}</DATE_EXPORT>\n` +
    `    <HORODATAGE>01/09/${l.year} 08:00:00</HORODATAGE>\n` +
    `  </PARAMETRES>\n` +
    `  <DONNEES>\n${body}  </DONNEES>\n` +
    `</${root}>\n`
  );
}

export function elevesXml(l: Lycee): string {
  const parts: string[] = ["    <ELEVES>\n"];
  for (const s of l.students) {
    parts.push(
      `      <ELEVE ELEVE_ID="${s.siecleId}" ELENOET="${Number(s.siecleId) - 90000}">\n` +
        el("ID_NATIONAL", s.ine) +
        el("ELENOET", String(Number(s.siecleId) - 90000)) +
        el("NOM_DE_FAMILLE", s.lastName) +
        el("PRENOM", s.firstName) +
        el("PRENOM2", s.girl ? "Marie" : "Pierre") +
        el("DATE_NAISS", frDate(s.birthDate)) +
        el("DOUBLEMENT", "N") +
        el("CODE_SEXE", s.girl ? "2" : "1") +
        el("CODE_PAYS", "100") +
        el("CODE_DEPARTEMENT_NAISS", "038") +
        el("VILLE_NAISS", "Saint-Martin-d'Hères") +
        el("CODE_REGIME", "2") +
        el("CODE_STATUT", "ST") +
        el("CODE_MEF", MEF_2GT) +
        el("DATE_MODIFICATION", frDate(s.enteredOn)) +
        el("DATE_ENTREE", frDate(s.enteredOn)) +
        el("DATE_SORTIE", s.leftOn === null ? null : frDate(s.leftOn)) +
        el("CODE_MOTIF_SORTIE", s.leftOn === null ? null : "03") +
        `      </ELEVE>\n`,
    );
  }
  parts.push("    </ELEVES>\n    <STRUCTURES>\n");
  for (const s of l.students) {
    parts.push(
      `      <STRUCTURES_ELEVE ELEVE_ID="${s.siecleId}" ELENOET="${Number(s.siecleId) - 90000}">\n` +
        `        <STRUCTURE>\n          <CODE_STRUCTURE>${escapeXml(s.division)}</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>D</TYPE_STRUCTURE>\n        </STRUCTURE>\n` +
        `      </STRUCTURES_ELEVE>\n`,
    );
  }
  parts.push("    </STRUCTURES>\n");
  return document(l, "BEE_ELEVES", parts.join(""));
}

export function responsablesXml(l: Lycee): string {
  const parts: string[] = ["    <PERSONNES>\n"];
  for (const p of l.persons) {
    const phone = `06 ${pad(Number(p.siecleId) % 100)} ${pad((Number(p.siecleId) >> 3) % 100)} 00 00`;
    parts.push(
      `      <PERSONNE PERSONNE_ID="${p.siecleId}">\n` +
        el("LC_CIVILITE", p.civility === "Mme" ? "MME" : "M.") +
        el("NOM_DE_FAMILLE", p.lastName) +
        el("PRENOM", p.firstName) +
        el("TEL_PERSONNEL", "04 76 00 00 00") +
        el("TEL_PORTABLE", phone) +
        el("MEL", p.email) +
        el("CODE_PROFESSION", "52") +
        el("ADRESSE_ID", p.addressId) +
        `      </PERSONNE>\n`,
    );
  }
  parts.push("    </PERSONNES>\n    <RESPONSABLES>\n");
  for (const x of l.links) {
    parts.push(
      "      <RESPONSABLE_ELEVE>\n" +
        el("ELEVE_ID", x.studentSiecleId) +
        el("PERSONNE_ID", x.personSiecleId) +
        el("RESP_LEGAL", String(x.legal)) +
        el("CODE_PARENTE", x.legal === 0 ? "38" : x.legal === 1 ? "10" : "20") +
        el("RESP_FINANCIER", x.legal === 1 ? "1" : "0") +
        el("PERS_PAIEMENT", x.legal === 1 ? "1" : "0") +
        el("PERS_CONTACT", "1") +
        "      </RESPONSABLE_ELEVE>\n",
    );
  }
  parts.push("    </RESPONSABLES>\n    <ADRESSES>\n");
  for (const p of l.persons) {
    const n = Number(p.siecleId) % 97;
    parts.push(
      `      <ADRESSE ADRESSE_ID="${p.addressId}">\n` +
        el("LIGNE1_ADRESSE", `${n + 1} ${STREETS[n % STREETS.length]!}`) +
        el("LIGNE2_ADRESSE", n % 3 === 0 ? "Bâtiment B, appartement 12" : null) +
        el("CODE_POSTAL", "38400") +
        el("LIBELLE_POSTAL", "SAINT-MARTIN-D'HERES") +
        el("COMMUNE_INSEE", "38421") +
        el("LL_PAYS", "FRANCE") +
        el("CODE_PAYS", "100") +
        `      </ADRESSE>\n`,
    );
  }
  parts.push("    </ADRESSES>\n");
  return document(l, "BEE_RESPONSABLES", parts.join(""));
}

export type ExportFiles = { eleves: Uint8Array; responsables: Uint8Array; elevesZip: Uint8Array; responsablesZip: Uint8Array };

/** The two exports as Siècle writes them (ISO-8859-15), and each zipped as Siècle offers them for download. */
export function exportFiles(l: Lycee): ExportFiles {
  const eleves = encodeIso885915(elevesXml(l));
  const responsables = encodeIso885915(responsablesXml(l));
  return {
    eleves,
    responsables,
    elevesZip: zipSync({ "ElevesSansAdresses.xml": eleves }),
    responsablesZip: zipSync({ "ResponsablesAvecAdresses.xml": responsables }),
  };
}
