/**
 * R-DATA-1: what importing a school's Siècle exports would change, computed from the school's
 * data (its open school year) and the parsed exports. Pure: no database, no clock (`today` given).
 *
 * Decisions (docs/rules.md R-DATA-1):
 * - Only the open school year is read and written; other years are never touched.
 * - Students are matched by Siècle ELEVE_ID, then by INE, within the school's open year. A match
 *   keeps its row: a move to another division updates the row (every entry, avis and decision
 *   stays attached); nothing is ever deleted.
 * - A complete élèves export lists every student of the school (those who left with their
 *   DATE_SORTIE): a student of the school's open year absent from it has left, on `today`, and is
 *   marked so (kept, read-only), never deleted. Without an élèves export nobody is marked left.
 * - Only the levels of the procedure are imported (3e, 2de GT, from the MEF: the Nomenclature
 *   export when given, else the MEF code's dispositif, lib/domain/siecle/mef.ts); other divisions and students are
 *   listed as « hors périmètre » and skipped. A student without INE is listed, not imported.
 * - Guardians: by the school's PERSONNE_ID, else one guardian of the académie with the same e-mail
 *   (case-insensitive) and the same names, else one guardian already linked to the same child with
 *   the same names; else a new guardian. A parent of children in two schools is one guardian.
 *   An empty e-mail or civility in the file never erases the one known.
 * - Links: legal representatives only (RESP_LEGAL 1 and 2, their rank); other contacts are counted
 *   and ignored. For a student the file gives legal representatives, a link the file no longer
 *   gives is removed, unless that guardian has entered something for that student (validation,
 *   acknowledgement, answer, agreement): then it is kept and listed. Guardians and students are
 *   never deleted.
 * - Re-importing the same files gives an empty plan.
 */
import { sameName } from "@/lib/domain/oidc-claims";
import type { Level } from "@/lib/domain/tracks";
import { levelOfMef } from "./mef";
import { checkExportsBelongTo } from "./parse";
import type { SiecleExport, SiecleFileError, SiecleGuardian, SiecleLink, SiecleStudent } from "./types";

export type Civility = "M." | "Mme";

/** The school's data the plan is computed on (lib/db/repositories/siecle-import.ts readImportSnapshot). */
export type ImportSnapshot = {
  school: { id: string; uai: string; schoolYear: string };
  /** The divisions of the school's open year. */
  divisions: { id: string; code: string; level: Level }[];
  /** The students of the school's open year. */
  students: SnapshotStudent[];
  /**
   * The guardians linked to these students or known by this school's PERSONNE_ID, and the
   * guardians of the académie whose e-mail is one of the file's (candidates for a match).
   */
  guardians: SnapshotGuardian[];
  /** The links of these students; `held` when the guardian entered something for that student. */
  links: { studentId: string; guardianId: string; rank: number; held: boolean }[];
};

export type SnapshotStudent = {
  id: string;
  siecleId: string | null;
  ine: string;
  divisionId: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  mefCode: string | null;
  enteredOn: string | null;
  leftOn: string | null;
};

export type SnapshotGuardian = {
  id: string;
  civility: Civility | null;
  firstName: string;
  lastName: string;
  email: string | null;
  /** This school's PERSONNE_IDs of the guardian (usually one). */
  siecleIds: string[];
  /** Linked to a student of another school of the académie, or of this one (an e-mail match must be one). */
  inAcademy: boolean;
};

export type StudentFields = {
  ine: string;
  siecleId: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  mefCode: string | null;
  enteredOn: string | null;
  leftOn: string | null;
  divisionCode: string;
};

export type FieldChange = { field: string; label: string; before: string; after: string };

export type StudentRef = { existing: string } | { new: string };
export type GuardianRef = { existing: string } | { new: string };

export type ImportPlan = {
  errors: SiecleFileError[];
  divisionsToAdd: { code: string; label: string; level: Level; mefCode: string; mefLabel: string }[];
  divisionsSkipped: { code: string; label: string }[];
  studentsToAdd: (StudentFields & { line: number })[];
  /** Every existing student whose row changes (names, dates, MEF, ids, division, leaving): the full row after. */
  studentsToUpdate: (StudentFields & { id: string })[];
  /** For the preview: what changes, per student (a move and a leaving are listed apart). */
  studentsChanged: { id: string; name: string; changes: FieldChange[] }[];
  studentsMoved: { id: string; name: string; from: string; to: string }[];
  studentsLeaving: { id: string; name: string; leftOn: string; reason: "DATE_SORTIE" | "ABSENT" }[];
  studentsWithoutIne: { siecleId: string; name: string; line: number }[];
  studentsSkipped: { siecleId: string; name: string; reason: "OUT_OF_SCOPE" | "NO_DIVISION" | "LEFT"; line: number }[];
  guardiansToAdd: { siecleId: string; civility: Civility | null; lastName: string; firstName: string; email: string | null; line: number }[];
  guardiansToUpdate: { id: string; civility: Civility | null; lastName: string; firstName: string; email: string | null }[];
  guardiansChanged: { id: string; name: string; changes: FieldChange[] }[];
  /** The school's PERSONNE_IDs to record for guardians found otherwise (e-mail and names, or an existing link). */
  guardianIdsToRecord: { guardianId: string; siecleId: string }[];
  linksToAdd: { student: StudentRef; guardian: GuardianRef; rank: 1 | 2; studentName: string; guardianName: string }[];
  linksToRerank: { studentId: string; guardianId: string; rank: 1 | 2; before: number; studentName: string; guardianName: string }[];
  linksToRemove: { studentId: string; guardianId: string; rank: number; studentName: string; guardianName: string }[];
  linksKept: { studentId: string; guardianId: string; rank: number; studentName: string; guardianName: string }[];
  otherContactsIgnored: number;
  counts: ImportCounts;
};

export type ImportCounts = {
  divisionsAdded: number;
  studentsAdded: number;
  studentsChanged: number;
  studentsMoved: number;
  studentsLeft: number;
  studentsWithoutIne: number;
  studentsSkipped: number;
  guardiansAdded: number;
  guardiansChanged: number;
  linksAdded: number;
  linksChanged: number;
  linksRemoved: number;
  linksKept: number;
  otherContactsIgnored: number;
};

const DEFAULT_MEF_LABEL: Record<Level, string> = { "3e": "3EME", "2GT": "2NDE GENERALE & TECHNO" };

export const STUDENT_FIELD_LABELS: Record<string, string> = {
  ine: "INE",
  siecleId: "Identifiant Siècle",
  lastName: "Nom",
  firstName: "Prénom",
  birthDate: "Date de naissance",
  mefCode: "MEF",
  enteredOn: "Date d'entrée",
  leftOn: "Date de sortie",
};
const GUARDIAN_FIELD_LABELS: Record<string, string> = { civility: "Civilité", lastName: "Nom", firstName: "Prénom", email: "Courriel" };

const INE_FORMAT = /^[0-9A-Z]{11}$/;

/** The counts that are writes (the others are listed only). */
export const WRITE_COUNTS = [
  "divisionsAdded",
  "studentsAdded",
  "studentsChanged",
  "studentsMoved",
  "studentsLeft",
  "guardiansAdded",
  "guardiansChanged",
  "linksAdded",
  "linksChanged",
  "linksRemoved",
] as const satisfies readonly (keyof ImportCounts)[];

/** Nothing to write: re-importing the same files gives this. */
export function isEmptyPlan(plan: ImportPlan): boolean {
  return plan.errors.length === 0 && plan.guardianIdsToRecord.length === 0 && WRITE_COUNTS.every((k) => plan.counts[k] === 0);
}

/** The refusals of exports from another school or another school year (R-DATA-1, R-DATA-3: the head moves to the new year first). */
export function checkHeaders(exports: readonly SiecleExport[], school: { uai: string; schoolYear: string }): SiecleFileError[] {
  return checkExportsBelongTo(exports, school).map((e) =>
    e.code === "OTHER_YEAR" ? { ...e, message: `${e.message} Passez d'abord votre établissement à la nouvelle année scolaire, puis importez à nouveau.` } : e,
  );
}

const fullName = (p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`;

/** R-DATA-1: the plan of an import (see the decisions above). */
export function planImport(snapshot: ImportSnapshot, exports: readonly SiecleExport[], today: string): ImportPlan {
  const errors: SiecleFileError[] = checkHeaders(exports, snapshot.school);
  const eleves = exports.filter((e) => e.kind === "eleves");
  const resps = exports.filter((e) => e.kind === "responsables");
  const structures = exports.filter((e) => e.kind === "structures");
  const nomenclatures = exports.filter((e) => e.kind === "nomenclature");

  const mefs = new Map<string, { label: string; level: Level | null }>();
  for (const n of nomenclatures) for (const m of n.mefs) mefs.set(m.code, { label: m.label, level: m.level });
  const levelOf = (code: string | null): Level | null | undefined => (code === null ? undefined : mefs.has(code) ? mefs.get(code)!.level : levelOfMef(code));

  // Divisions: the school's open year's, the exports' (Structures), and those the students name.
  const existingDivisions = new Map(snapshot.divisions.map((d) => [d.code, d]));
  const divisionById = new Map(snapshot.divisions.map((d) => [d.id, d]));
  const fileDivisions = new Map<string, { code: string; label: string; mefCodes: string[] }>();
  for (const s of structures) for (const d of s.divisions) fileDivisions.set(d.code, d);

  const fileStudents: { s: SiecleStudent; fileName: string }[] = eleves.flatMap((e) => e.students.map((s) => ({ s, fileName: e.fileName })));
  // A division's level: its MEFs', else its students' MEFs'.
  const studentMefsByDivision = new Map<string, string[]>();
  for (const { s } of fileStudents)
    if (s.divisionCode && s.mefCode)
      (studentMefsByDivision.get(s.divisionCode) ?? studentMefsByDivision.set(s.divisionCode, []).get(s.divisionCode)!).push(s.mefCode);
  type DivisionTarget = { code: string; label: string; level: Level | null; mefCode: string | null; existing: boolean };
  const divisionTargets = new Map<string, DivisionTarget>();
  const resolveDivision = (code: string): DivisionTarget => {
    const known = divisionTargets.get(code);
    if (known) return known;
    const existing = existingDivisions.get(code);
    const fromFile = fileDivisions.get(code);
    let target: DivisionTarget;
    if (existing) target = { code, label: fromFile?.label ?? code, level: existing.level, mefCode: null, existing: true };
    else {
      const candidates = [...(fromFile?.mefCodes ?? []), ...(studentMefsByDivision.get(code) ?? [])];
      const inScope = candidates.find((m) => levelOf(m));
      target = { code, label: fromFile?.label ?? code, level: inScope ? levelOf(inScope)! : null, mefCode: inScope ?? null, existing: false };
    }
    divisionTargets.set(code, target);
    return target;
  };

  // Students.
  const bySiecleId = new Map(snapshot.students.filter((s) => s.siecleId).map((s) => [s.siecleId!, s]));
  const byIne = new Map(snapshot.students.map((s) => [s.ine, s]));
  const matched = new Map<string, SiecleStudent>(); // existing student id → file student
  /** File ELEVE_ID → the student the links resolve to (null: known in the file, not imported). */
  const studentOfSiecleId = new Map<string, StudentRef | null>();
  const studentName = new Map<string, string>(); // ref key → name
  const refKey = (r: StudentRef | GuardianRef) => ("existing" in r ? `e:${r.existing}` : `n:${r.new}`);
  const studentsToAdd: ImportPlan["studentsToAdd"] = [];
  const studentsWithoutIne: ImportPlan["studentsWithoutIne"] = [];
  const studentsSkipped: ImportPlan["studentsSkipped"] = [];
  const seenSiecle = new Set<string>();
  const seenIne = new Set<string>();
  const usedDivisions = new Set<string>();
  for (const { s, fileName } of fileStudents) {
    const name = fullName(s);
    if (seenSiecle.has(s.siecleId) || (s.ine && seenIne.has(s.ine))) {
      errors.push({ code: "DUPLICATE", fileName, line: s.line, element: "ELEVE", message: `L'élève ${name} figure deux fois dans le fichier.` });
      continue;
    }
    seenSiecle.add(s.siecleId);
    if (s.ine) seenIne.add(s.ine);
    if (s.ine && !INE_FORMAT.test(s.ine)) {
      errors.push({
        code: "INVALID_VALUE",
        fileName,
        line: s.line,
        element: "ID_NATIONAL",
        message: `L'INE de l'élève ${name} (« ${s.ine} ») n'est pas valide.`,
      });
      continue;
    }
    const existing = bySiecleId.get(s.siecleId) ?? (s.ine ? byIne.get(s.ine) : undefined);
    if (existing && matched.has(existing.id)) {
      errors.push({
        code: "DUPLICATE",
        fileName,
        line: s.line,
        element: "ELEVE",
        message: `L'élève ${name} correspond à un élève déjà importé par une autre ligne.`,
      });
      continue;
    }
    const division = s.divisionCode ? resolveDivision(s.divisionCode) : null;
    const mefLevel = levelOf(s.mefCode);
    const outOfScope = mefLevel === null || (division !== null && division.level === null);
    if (existing) {
      // A known student stays known (and updated) even when the file puts them elsewhere; a division out of the procedure is not created for them.
      if (!division || division.level === null) {
        studentOfSiecleId.set(s.siecleId, { existing: existing.id });
        studentName.set(`e:${existing.id}`, name);
        matched.set(existing.id, { ...s, divisionCode: divisionById.get(existing.divisionId)!.code });
        continue;
      }
      matched.set(existing.id, s);
      usedDivisions.add(division.code);
      studentOfSiecleId.set(s.siecleId, { existing: existing.id });
      studentName.set(`e:${existing.id}`, name);
      continue;
    }
    studentOfSiecleId.set(s.siecleId, null);
    if (outOfScope) studentsSkipped.push({ siecleId: s.siecleId, name, reason: "OUT_OF_SCOPE", line: s.line });
    else if (!division) studentsSkipped.push({ siecleId: s.siecleId, name, reason: "NO_DIVISION", line: s.line });
    else if (!s.ine) studentsWithoutIne.push({ siecleId: s.siecleId, name, line: s.line });
    else if (s.leftOn && s.leftOn <= today) studentsSkipped.push({ siecleId: s.siecleId, name, reason: "LEFT", line: s.line });
    else {
      if (byIne.has(s.ine)) {
        errors.push({
          code: "DUPLICATE",
          fileName,
          line: s.line,
          element: "ID_NATIONAL",
          message: `L'INE de l'élève ${name} est déjà celui d'un autre élève.`,
        });
        continue;
      }
      usedDivisions.add(division.code);
      studentsToAdd.push({
        ine: s.ine,
        siecleId: s.siecleId,
        lastName: s.lastName,
        firstName: s.firstName,
        birthDate: s.birthDate,
        mefCode: s.mefCode,
        enteredOn: s.enteredOn,
        leftOn: s.leftOn,
        divisionCode: division.code,
        line: s.line,
      });
      studentOfSiecleId.set(s.siecleId, { new: s.siecleId });
      studentName.set(`n:${s.siecleId}`, name);
    }
  }

  const divisionsToAdd: ImportPlan["divisionsToAdd"] = [];
  const divisionsSkipped: ImportPlan["divisionsSkipped"] = [];
  const namedDivisions = fileStudents.flatMap(({ s }) => (s.divisionCode ? [s.divisionCode] : []));
  for (const code of [...new Set([...fileDivisions.keys(), ...namedDivisions])].sort()) {
    const d = resolveDivision(code);
    if (d.existing) continue;
    if (d.level === null) divisionsSkipped.push({ code, label: d.label });
    else if (usedDivisions.has(code)) {
      divisionsToAdd.push({ code, label: d.label, level: d.level, mefCode: d.mefCode!, mefLabel: mefs.get(d.mefCode!)?.label ?? DEFAULT_MEF_LABEL[d.level] });
    }
  }

  // Existing students: updates, moves, leavings.
  const studentsToUpdate: ImportPlan["studentsToUpdate"] = [];
  const studentsChanged: ImportPlan["studentsChanged"] = [];
  const studentsMoved: ImportPlan["studentsMoved"] = [];
  const studentsLeaving: ImportPlan["studentsLeaving"] = [];
  const usedInes = new Map(snapshot.students.map((s) => [s.ine, s.id]));
  for (const cur of snapshot.students) {
    const s = matched.get(cur.id);
    const currentCode = divisionById.get(cur.divisionId)!.code;
    const before: StudentFields = {
      ine: cur.ine,
      siecleId: cur.siecleId ?? "",
      lastName: cur.lastName,
      firstName: cur.firstName,
      birthDate: cur.birthDate,
      mefCode: cur.mefCode,
      enteredOn: cur.enteredOn,
      leftOn: cur.leftOn,
      divisionCode: currentCode,
    };
    let after: StudentFields;
    if (s) {
      after = {
        ine: s.ine ?? cur.ine,
        siecleId: s.siecleId,
        lastName: s.lastName,
        firstName: s.firstName,
        birthDate: s.birthDate,
        mefCode: s.mefCode ?? cur.mefCode,
        enteredOn: s.enteredOn ?? cur.enteredOn,
        leftOn: s.leftOn,
        divisionCode: s.divisionCode ?? currentCode,
      };
      if (after.ine !== cur.ine && usedInes.has(after.ine) && usedInes.get(after.ine) !== cur.id) {
        const file = eleves.find((e) => e.students.includes(s))!;
        errors.push({
          code: "DUPLICATE",
          fileName: file.fileName,
          line: s.line,
          element: "ID_NATIONAL",
          message: `L'INE de l'élève ${fullName(s)} est déjà celui d'un autre élève.`,
        });
        continue;
      }
    } else if (eleves.length > 0 && cur.leftOn === null) {
      after = { ...before, leftOn: today };
    } else continue;
    const changes: FieldChange[] = [];
    for (const f of ["ine", "siecleId", "lastName", "firstName", "birthDate", "mefCode", "enteredOn"] as const) {
      if ((before[f] ?? "") !== (after[f] ?? "")) changes.push({ field: f, label: STUDENT_FIELD_LABELS[f]!, before: before[f] ?? "", after: after[f] ?? "" });
    }
    const name = fullName(after);
    const moved = before.divisionCode !== after.divisionCode;
    const leaving = after.leftOn !== null && before.leftOn !== after.leftOn;
    if (!leaving && before.leftOn !== after.leftOn)
      changes.push({ field: "leftOn", label: STUDENT_FIELD_LABELS.leftOn!, before: before.leftOn ?? "", after: "" });
    if (changes.length === 0 && !moved && !leaving) continue;
    studentsToUpdate.push({ ...after, siecleId: after.siecleId, id: cur.id });
    if (changes.length > 0) studentsChanged.push({ id: cur.id, name, changes });
    if (moved) studentsMoved.push({ id: cur.id, name, from: before.divisionCode, to: after.divisionCode });
    if (leaving) studentsLeaving.push({ id: cur.id, name, leftOn: after.leftOn!, reason: s ? "DATE_SORTIE" : "ABSENT" });
  }

  // Guardians and links.
  const guardiansToAdd: ImportPlan["guardiansToAdd"] = [];
  const guardiansToUpdate: ImportPlan["guardiansToUpdate"] = [];
  const guardiansChanged: ImportPlan["guardiansChanged"] = [];
  const guardianIdsToRecord: ImportPlan["guardianIdsToRecord"] = [];
  const linksToAdd: ImportPlan["linksToAdd"] = [];
  const linksToRerank: ImportPlan["linksToRerank"] = [];
  const linksToRemove: ImportPlan["linksToRemove"] = [];
  const linksKept: ImportPlan["linksKept"] = [];
  let otherContactsIgnored = 0;

  const guardianById = new Map(snapshot.guardians.map((g) => [g.id, g]));
  const guardianBySiecleId = new Map<string, SnapshotGuardian>();
  for (const g of snapshot.guardians) for (const id of g.siecleIds) guardianBySiecleId.set(id, g);
  const linksOfStudent = new Map<string, ImportSnapshot["links"]>();
  for (const l of snapshot.links) (linksOfStudent.get(l.studentId) ?? linksOfStudent.set(l.studentId, []).get(l.studentId)!).push(l);
  const gName = (g: { lastName: string; firstName: string }) => fullName(g);

  const fileGuardians = new Map<string, { g: SiecleGuardian; fileName: string }>();
  const fileLinks: { l: SiecleLink; fileName: string }[] = [];
  for (const r of resps) {
    for (const g of r.guardians) {
      if (fileGuardians.has(g.siecleId)) {
        errors.push({
          code: "DUPLICATE",
          fileName: r.fileName,
          line: g.line,
          element: "PERSONNE",
          message: `Le responsable ${gName(g)} figure deux fois dans le fichier.`,
        });
        continue;
      }
      fileGuardians.set(g.siecleId, { g, fileName: r.fileName });
    }
    for (const l of r.links) fileLinks.push({ l, fileName: r.fileName });
  }

  // The legal links of imported students, per student; unknown students are refused.
  const desired = new Map<string, { ref: StudentRef; links: { guardianSiecleId: string; rank: 1 | 2; line: number; fileName: string }[] }>();
  for (const { l, fileName } of fileLinks) {
    if (l.legal === 0) {
      otherContactsIgnored++;
      continue;
    }
    let ref = studentOfSiecleId.get(l.studentSiecleId);
    if (ref === undefined) {
      const existing = bySiecleId.get(l.studentSiecleId);
      if (existing) {
        ref = { existing: existing.id };
        studentName.set(`e:${existing.id}`, fullName(existing));
      } else {
        errors.push({
          code: "UNKNOWN_STUDENT",
          fileName,
          line: l.line,
          element: "RESPONSABLE_ELEVE",
          message: `Le lien de responsabilité désigne un élève inconnu (ELEVE_ID ${l.studentSiecleId}) : il ne figure ni dans l'export des élèves ni dans votre établissement.`,
        });
        continue;
      }
    }
    if (ref === null) continue; // a student of the file not imported (no INE, hors périmètre): their links wait for them
    if (!fileGuardians.has(l.guardianSiecleId)) {
      errors.push({
        code: "MISSING_FIELD",
        fileName,
        line: l.line,
        element: "RESPONSABLE_ELEVE",
        message: `Le lien de responsabilité désigne une personne absente du fichier (PERSONNE_ID ${l.guardianSiecleId}).`,
      });
      continue;
    }
    const key = refKey(ref);
    const entry = desired.get(key) ?? desired.set(key, { ref, links: [] }).get(key)!;
    if (entry.links.some((x) => x.rank === l.legal || x.guardianSiecleId === l.guardianSiecleId)) {
      errors.push({
        code: "DUPLICATE",
        fileName,
        line: l.line,
        element: "RESPONSABLE_ELEVE",
        message: `L'élève ${studentName.get(key)} a deux représentants légaux au même rang, ou le même représentant deux fois.`,
      });
      continue;
    }
    entry.links.push({ guardianSiecleId: l.guardianSiecleId, rank: l.legal, line: l.line, fileName });
  }

  // Each file guardian with a legal link: found or new.
  const guardianOf = new Map<string, GuardianRef>();
  const takenGuardians = new Set<string>();
  for (const [, entry] of desired) {
    for (const link of entry.links) {
      if (guardianOf.has(link.guardianSiecleId)) continue;
      const { g } = fileGuardians.get(link.guardianSiecleId)!;
      let found = guardianBySiecleId.get(g.siecleId);
      let recordId = false;
      if (!found && g.email) {
        const email = g.email.toLowerCase();
        const same = snapshot.guardians.filter(
          (c) =>
            c.inAcademy &&
            c.email?.toLowerCase() === email &&
            sameName(c.firstName, g.firstName) &&
            sameName(c.lastName, g.lastName) &&
            !takenGuardians.has(c.id),
        );
        if (same.length === 1) [found, recordId] = [same[0], true];
      }
      if (!found && "existing" in entry.ref) {
        const sid = entry.ref.existing;
        const same = (linksOfStudent.get(sid) ?? [])
          .map((l) => guardianById.get(l.guardianId)!)
          .filter((c) => c.siecleIds.length === 0 && sameName(c.firstName, g.firstName) && sameName(c.lastName, g.lastName) && !takenGuardians.has(c.id));
        if (same.length === 1) [found, recordId] = [same[0], true];
      }
      if (found) {
        takenGuardians.add(found.id);
        guardianOf.set(g.siecleId, { existing: found.id });
        if (recordId) guardianIdsToRecord.push({ guardianId: found.id, siecleId: g.siecleId });
        const after = { civility: g.civility ?? found.civility, lastName: g.lastName, firstName: g.firstName, email: g.email ?? found.email };
        const changes: FieldChange[] = [];
        for (const f of ["civility", "lastName", "firstName", "email"] as const) {
          if ((found[f] ?? "") !== (after[f] ?? ""))
            changes.push({ field: f, label: GUARDIAN_FIELD_LABELS[f]!, before: found[f] ?? "", after: after[f] ?? "" });
        }
        // One guardian known under two PERSONNE_IDs is updated once, from the first.
        if (changes.length > 0 && !guardiansToUpdate.some((u) => u.id === found!.id)) {
          guardiansToUpdate.push({ id: found.id, ...after });
          guardiansChanged.push({ id: found.id, name: gName(after), changes });
        }
      } else {
        guardianOf.set(g.siecleId, { new: g.siecleId });
        guardiansToAdd.push({ siecleId: g.siecleId, civility: g.civility, lastName: g.lastName, firstName: g.firstName, email: g.email, line: g.line });
      }
    }
  }

  const guardianNameOf = (ref: GuardianRef, siecleId?: string): string => {
    if ("existing" in ref) {
      const fromFile = siecleId ? fileGuardians.get(siecleId)?.g : undefined;
      return gName(fromFile ?? guardianById.get(ref.existing)!);
    }
    return gName(fileGuardians.get(ref.new)!.g);
  };

  for (const [key, entry] of desired) {
    const sName = studentName.get(key) ?? "";
    const current = "existing" in entry.ref ? (linksOfStudent.get(entry.ref.existing) ?? []) : [];
    // Two PERSONNE_IDs of one guardian (found by e-mail and names) are one link: the first rank given.
    const seenGuardians = new Set<string>();
    const wanted = entry.links
      .map((l) => ({ ...l, guardian: guardianOf.get(l.guardianSiecleId)! }))
      .filter((w) => {
        const k = refKey(w.guardian);
        if (seenGuardians.has(k)) return false;
        seenGuardians.add(k);
        return true;
      });
    const wantedIds = new Set(wanted.flatMap((w) => ("existing" in w.guardian ? [w.guardian.existing] : [])));
    const kept: ImportSnapshot["links"] = [];
    for (const c of current) {
      if (wantedIds.has(c.guardianId)) continue;
      const row = { studentId: c.studentId, guardianId: c.guardianId, rank: c.rank, studentName: sName, guardianName: gName(guardianById.get(c.guardianId)!) };
      if (c.held) {
        kept.push(c);
        linksKept.push(row);
      } else linksToRemove.push(row);
    }
    for (const w of wanted) {
      // A link kept because its guardian entered something holds its rank: the file's guardian of that rank waits (listed with it).
      if (kept.some((k) => k.rank === w.rank)) continue;
      const guardianName = guardianNameOf(w.guardian, w.guardianSiecleId);
      const existingLink = "existing" in w.guardian ? current.find((c) => c.guardianId === (w.guardian as { existing: string }).existing) : undefined;
      if (existingLink) {
        if (existingLink.rank !== w.rank) {
          linksToRerank.push({
            studentId: existingLink.studentId,
            guardianId: existingLink.guardianId,
            rank: w.rank,
            before: existingLink.rank,
            studentName: sName,
            guardianName,
          });
        }
      } else linksToAdd.push({ student: entry.ref, guardian: w.guardian, rank: w.rank, studentName: sName, guardianName });
    }
  }

  const counts: ImportCounts = {
    divisionsAdded: divisionsToAdd.length,
    studentsAdded: studentsToAdd.length,
    studentsChanged: studentsChanged.length,
    studentsMoved: studentsMoved.length,
    studentsLeft: studentsLeaving.length,
    studentsWithoutIne: studentsWithoutIne.length,
    studentsSkipped: studentsSkipped.length,
    guardiansAdded: guardiansToAdd.length,
    guardiansChanged: guardiansChanged.length,
    linksAdded: linksToAdd.length,
    linksChanged: linksToRerank.length,
    linksRemoved: linksToRemove.length,
    linksKept: linksKept.length,
    otherContactsIgnored,
  };
  return {
    errors,
    divisionsToAdd,
    divisionsSkipped,
    studentsToAdd,
    studentsToUpdate,
    studentsChanged,
    studentsMoved,
    studentsLeaving,
    studentsWithoutIne,
    studentsSkipped,
    guardiansToAdd,
    guardiansToUpdate,
    guardiansChanged,
    guardianIdsToRecord,
    linksToAdd,
    linksToRerank,
    linksToRemove,
    linksKept,
    otherContactsIgnored,
    counts,
  };
}
