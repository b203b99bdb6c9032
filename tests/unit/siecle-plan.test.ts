import { describe, expect, it } from "vitest";
import { countsText, describeImportErrors, describeImportPreview } from "@/lib/domain/siecle/import-view";
import { checkHeaders, isEmptyPlan, planImport, type ImportSnapshot, type SnapshotStudent } from "@/lib/domain/siecle/plan";
import type { SiecleExport, SiecleGuardian, SiecleLink, SiecleStudent } from "@/lib/domain/siecle/types";

const UAI = "0380001A";
const YEAR = "2026-2027";
const TODAY = "2026-11-30";
const header = (kind: SiecleExport["kind"], fileName: string) => ({ kind, uai: UAI, schoolYear: YEAR, exportedAt: null, fileName });

function eleve(n: number, over: Partial<SiecleStudent> = {}): SiecleStudent {
  return {
    siecleId: `E${n}`,
    ine: `${String(n).padStart(10, "0")}A`,
    lastName: `NOM${n}`,
    firstName: `Prénom${n}`,
    birthDate: "2012-03-04",
    mefCode: "10310019110",
    divisionCode: "3A",
    enteredOn: "2023-09-01",
    leftOn: null,
    line: 10 + n,
    ...over,
  };
}
const eleves = (students: SiecleStudent[]): SiecleExport => ({ ...header("eleves", "ElevesSansAdresses.xml"), kind: "eleves", students });
function personne(n: number, over: Partial<SiecleGuardian> = {}): SiecleGuardian {
  return { siecleId: `P${n}`, civility: "Mme", lastName: `PARENT${n}`, firstName: `Camille${n}`, email: `parent${n}@exemple.fr`, line: 100 + n, ...over };
}
const lien = (student: number, guardian: number, legal: 0 | 1 | 2, line = 500): SiecleLink => ({
  studentSiecleId: `E${student}`,
  guardianSiecleId: `P${guardian}`,
  legal,
  line,
});
const responsables = (guardians: SiecleGuardian[], links: SiecleLink[]): SiecleExport => ({
  ...header("responsables", "ResponsablesAvecAdresses.xml"),
  kind: "responsables",
  guardians,
  links,
});

function emptySnapshot(): ImportSnapshot {
  return { school: { id: "school", uai: UAI, schoolYear: YEAR }, divisions: [{ id: "d3a", code: "3A", level: "3e" }], students: [], guardians: [], links: [] };
}
function existingStudent(n: number, over: Partial<SnapshotStudent> = {}): SnapshotStudent {
  const e = eleve(n);
  return {
    id: `s${n}`,
    siecleId: e.siecleId,
    ine: e.ine!,
    divisionId: "d3a",
    lastName: e.lastName,
    firstName: e.firstName,
    birthDate: e.birthDate,
    mefCode: e.mefCode,
    enteredOn: e.enteredOn,
    leftOn: null,
    ...over,
  };
}

describe("R-DATA-1: the import's plan", () => {
  it("R-DATA-1: a new school's files add divisions, students, guardians and their ranked links; other contacts are counted and ignored", () => {
    const plan = planImport(
      emptySnapshot(),
      [
        eleves([eleve(1), eleve(2, { divisionCode: "3B" })]),
        responsables([personne(1), personne(2), personne(3)], [lien(1, 1, 1), lien(1, 2, 2), lien(2, 3, 0)]),
      ],
      TODAY,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.divisionsToAdd).toEqual([{ code: "3B", label: "3B", level: "3e", mefCode: "10310019110", mefLabel: "3EME" }]);
    expect(plan.studentsToAdd.map((s) => [s.siecleId, s.divisionCode])).toEqual([
      ["E1", "3A"],
      ["E2", "3B"],
    ]);
    expect(plan.guardiansToAdd.map((g) => g.siecleId)).toEqual(["P1", "P2"]);
    expect(plan.linksToAdd.map((l) => [l.student, l.guardian, l.rank])).toEqual([
      [{ new: "E1" }, { new: "P1" }, 1],
      [{ new: "E1" }, { new: "P2" }, 2],
    ]);
    expect(plan.counts.otherContactsIgnored).toBe(1);
  });

  it("R-DATA-1: the same files on the data they produced give an empty plan", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1)];
    snap.guardians = [
      { id: "g1", civility: "Mme", lastName: "PARENT1", firstName: "Camille1", email: "parent1@exemple.fr", siecleIds: ["P1"], inAcademy: true },
      { id: "g2", civility: "Mme", lastName: "PARENT2", firstName: "Camille2", email: "parent2@exemple.fr", siecleIds: ["P2"], inAcademy: true },
    ];
    snap.links = [
      { studentId: "s1", guardianId: "g1", rank: 1, held: false },
      { studentId: "s1", guardianId: "g2", rank: 2, held: false },
    ];
    const plan = planImport(snap, [eleves([eleve(1)]), responsables([personne(1), personne(2)], [lien(1, 1, 1), lien(1, 2, 2)])], TODAY);
    expect(isEmptyPlan(plan)).toBe(true);
  });

  it("R-DATA-1: a division change is a move of the same student; names and dates are changes with before and after", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1), existingStudent(2)];
    const plan = planImport(snap, [eleves([eleve(1, { divisionCode: "3B" }), eleve(2, { lastName: "NOUVEAU" })])], TODAY);
    expect(plan.studentsMoved).toEqual([{ id: "s1", name: "NOM1 Prénom1", from: "3A", to: "3B" }]);
    expect(plan.studentsChanged).toEqual([
      { id: "s2", name: "NOUVEAU Prénom2", changes: [{ field: "lastName", label: "Nom", before: "NOM2", after: "NOUVEAU" }] },
    ]);
    expect(plan.studentsToUpdate.map((s) => [s.id, s.divisionCode, s.lastName])).toEqual([
      ["s1", "3B", "NOM1"],
      ["s2", "3A", "NOUVEAU"],
    ]);
    expect(plan.studentsToAdd).toEqual([]);
  });

  it("R-DATA-1: a student with a DATE_SORTIE, or absent from the élèves export, leaves (never deleted); without an élèves export nobody leaves", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1), existingStudent(2), existingStudent(3, { leftOn: "2026-10-01" })];
    const plan = planImport(snap, [eleves([eleve(1, { leftOn: "2026-11-15" })])], TODAY);
    expect(plan.studentsLeaving).toEqual([
      { id: "s1", name: "NOM1 Prénom1", leftOn: "2026-11-15", reason: "DATE_SORTIE" },
      { id: "s2", name: "NOM2 Prénom2", leftOn: TODAY, reason: "ABSENT" },
    ]);
    expect(planImport(snap, [responsables([], [])], TODAY).studentsLeaving).toEqual([]);
  });

  it("R-DATA-1: a student matched by INE gets their Siècle id; students without INE and of other levels are listed, not imported", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1, { siecleId: null })];
    const plan = planImport(snap, [eleves([eleve(1), eleve(2, { ine: null }), eleve(3, { mefCode: "10010012110", divisionCode: "6A" })])], TODAY);
    expect(plan.studentsChanged[0]!.changes).toEqual([{ field: "siecleId", label: "Identifiant Siècle", before: "", after: "E1" }]);
    expect(plan.studentsWithoutIne).toEqual([{ siecleId: "E2", name: "NOM2 Prénom2", line: 12 }]);
    expect(plan.studentsSkipped).toEqual([{ siecleId: "E3", name: "NOM3 Prénom3", reason: "OUT_OF_SCOPE", line: 13 }]);
    expect(plan.divisionsSkipped).toEqual([{ code: "6A", label: "6A" }]);
    expect(plan.divisionsToAdd).toEqual([]);
  });

  it("R-DATA-1: a division's level comes from the Nomenclature when given", () => {
    const plan = planImport(
      emptySnapshot(),
      [
        eleves([eleve(1, { mefCode: "99999999999", divisionCode: "2NDE1" })]),
        { ...header("nomenclature", "Nomenclature.xml"), kind: "nomenclature", mefs: [{ code: "99999999999", label: "2NDE GT SPECIALE", level: "2GT" }] },
      ],
      TODAY,
    );
    expect(plan.divisionsToAdd).toEqual([{ code: "2NDE1", label: "2NDE1", level: "2GT", mefCode: "99999999999", mefLabel: "2NDE GT SPECIALE" }]);
  });

  it("R-DATA-1: a link to a student unknown in the file and in the school is refused with its line", () => {
    const plan = planImport(emptySnapshot(), [responsables([personne(1)], [lien(9, 1, 1, 42)])], TODAY);
    expect(plan.errors).toEqual([expect.objectContaining({ code: "UNKNOWN_STUDENT", line: 42, fileName: "ResponsablesAvecAdresses.xml" })]);
  });

  it("R-DATA-1: another school's export, or another year's, is refused", () => {
    const other: SiecleExport = { ...eleves([]), uai: "0380002B" };
    const nextYear: SiecleExport = { ...eleves([]), schoolYear: "2027-2028" };
    expect(checkHeaders([other, nextYear], { uai: UAI, schoolYear: YEAR }).map((e) => e.code)).toEqual(["OTHER_SCHOOL", "OTHER_YEAR"]);
    expect(planImport(emptySnapshot(), [other], TODAY).errors[0]!.message).toContain("pas du vôtre");
    expect(checkHeaders([nextYear], { uai: UAI, schoolYear: YEAR })[0]!.message).toMatch(/Passez d'abord votre établissement à la nouvelle année scolaire/);
  });

  it("R-DATA-1: a guardian of the académie with the same e-mail (any case) and names is the same guardian; their e-mail change is a change", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1)];
    snap.guardians = [{ id: "gx", civility: "Mme", lastName: "Parent1", firstName: "camille1", email: "PARENT1@exemple.fr", siecleIds: [], inAcademy: true }];
    const plan = planImport(snap, [responsables([personne(1)], [lien(1, 1, 1)])], TODAY);
    expect(plan.guardiansToAdd).toEqual([]);
    expect(plan.guardianIdsToRecord).toEqual([{ guardianId: "gx", siecleId: "P1" }]);
    expect(plan.linksToAdd).toEqual([expect.objectContaining({ student: { existing: "s1" }, guardian: { existing: "gx" }, rank: 1 })]);

    snap.guardians = [
      { id: "gx", civility: "Mme", lastName: "PARENT1", firstName: "Camille1", email: "ancien@exemple.fr", siecleIds: ["P1"], inAcademy: true },
    ];
    snap.links = [{ studentId: "s1", guardianId: "gx", rank: 1, held: false }];
    const changed = planImport(snap, [responsables([personne(1)], [lien(1, 1, 1)])], TODAY);
    expect(changed.guardiansChanged).toEqual([
      { id: "gx", name: "PARENT1 Camille1", changes: [{ field: "email", label: "Courriel", before: "ancien@exemple.fr", after: "parent1@exemple.fr" }] },
    ]);
    // A different first name is another person.
    snap.guardians = [{ id: "gx", civility: "Mme", lastName: "PARENT1", firstName: "Dominique", email: "parent1@exemple.fr", siecleIds: [], inAcademy: true }];
    snap.links = [];
    expect(planImport(snap, [responsables([personne(1)], [lien(1, 1, 1)])], TODAY).guardiansToAdd).toHaveLength(1);
  });

  it("R-DATA-1: links the file no longer gives are removed, except a guardian's who entered something; swapped ranks are re-ranked", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1), existingStudent(2)];
    snap.guardians = [
      { id: "g1", civility: "Mme", lastName: "PARENT1", firstName: "Camille1", email: "parent1@exemple.fr", siecleIds: ["P1"], inAcademy: true },
      { id: "g2", civility: "Mme", lastName: "PARENT2", firstName: "Camille2", email: "parent2@exemple.fr", siecleIds: ["P2"], inAcademy: true },
      { id: "g3", civility: "M.", lastName: "ANCIEN", firstName: "Jean", email: null, siecleIds: ["P3"], inAcademy: true },
    ];
    snap.links = [
      { studentId: "s1", guardianId: "g1", rank: 1, held: false },
      { studentId: "s1", guardianId: "g2", rank: 2, held: false },
      { studentId: "s2", guardianId: "g3", rank: 1, held: true },
      { studentId: "s2", guardianId: "g2", rank: 2, held: false },
    ];
    const plan = planImport(snap, [responsables([personne(1), personne(2)], [lien(1, 1, 2), lien(1, 2, 1), lien(2, 1, 1)])], TODAY);
    expect(plan.linksToRerank.map((l) => [l.studentId, l.guardianId, l.before, l.rank])).toEqual([
      ["s1", "g1", 1, 2],
      ["s1", "g2", 2, 1],
    ]);
    expect(plan.linksToRemove.map((l) => [l.studentId, l.guardianId])).toEqual([["s2", "g2"]]);
    expect(plan.linksKept.map((l) => [l.studentId, l.guardianId])).toEqual([["s2", "g3"]]);
    expect(plan.linksToAdd).toEqual([]); // P1 at rank 1 of s2 waits: the kept guardian holds that rank
  });

  it("R-DATA-1: a student twice in the file is refused", () => {
    const plan = planImport(emptySnapshot(), [eleves([eleve(1), eleve(1, { line: 99 })])], TODAY);
    expect(plan.errors).toEqual([expect.objectContaining({ code: "DUPLICATE", line: 99 })]);
  });
});

describe("R-DATA-1: the import page's view-model", () => {
  it("R-DATA-1: an error names its file, line and element; the counts text lists only what is written", () => {
    expect(
      describeImportErrors([
        { code: "UNKNOWN_STUDENT", fileName: "ResponsablesAvecAdresses.xml", line: 12, element: "RESPONSABLE_ELEVE", message: "Élève inconnu." },
      ]),
    ).toEqual([{ key: "0", where: "ResponsablesAvecAdresses.xml, ligne 12, élément RESPONSABLE_ELEVE", message: "Élève inconnu." }]);
    expect(countsText({ studentsAdded: 3, guardiansAdded: 4, otherContactsIgnored: 2, studentsWithoutIne: 1 })).toBe(
      "Élèves ajoutés : 3 ; Représentants légaux ajoutés : 4",
    );
    expect(countsText({ otherContactsIgnored: 2 })).toBe("Aucune modification");
  });

  it("R-DATA-1: a stale preview cannot be confirmed and says why; an applied one shows its stored counts", () => {
    const plan = planImport(emptySnapshot(), [eleves([eleve(1, { divisionCode: "3B", birthDate: "2012-03-04" })])], TODAY);
    const base = { id: "i1", files: [{ name: "ElevesSansAdresses.xml" }], createdAt: new Date("2026-11-30T09:00:00Z"), actorName: "Chef" };
    const stale = describeImportPreview({ ...base, state: "previewed", counts: plan.counts, plan, stale: true });
    expect(stale.staleText).toMatch(/ont changé depuis cet aperçu/);
    expect(stale.studentsAdded).toEqual([{ key: "E1", name: "NOM1 Prénom1", ine: "0000000001A", birthDate: "04/03/2012", division: "3B" }]);
    expect(stale.divisionsAdded).toEqual([{ key: "3B", code: "3B", level: "3e", mef: "3EME (10310019110)" }]);
    const applied = describeImportPreview({ ...base, state: "applied", counts: { studentsAdded: 1 }, plan: null, stale: false });
    expect(applied.title).toBe("Import appliqué");
    expect(applied.counts.find((c) => c.key === "studentsAdded")!.value).toBe(1);
    expect(applied.staleText).toBeNull();
  });
});

describe("R-DATA-1: one guardian under two PERSONNE_IDs", () => {
  it("R-DATA-1: two PERSONNE_IDs found to be one guardian give one link, never two", () => {
    const snap = emptySnapshot();
    snap.students = [existingStudent(1)];
    snap.guardians = [
      { id: "g1", civility: "Mme", lastName: "PARENT1", firstName: "Camille1", email: "parent1@exemple.fr", siecleIds: ["P1", "P9"], inAcademy: true },
    ];
    const plan = planImport(
      snap,
      [responsables([personne(1), personne(9, { lastName: "PARENT1", firstName: "Camille1", email: "parent1@exemple.fr" })], [lien(1, 1, 1), lien(1, 9, 2)])],
      TODAY,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.linksToAdd.map((l) => [l.guardian, l.rank])).toEqual([[{ existing: "g1" }, 1]]);
  });
});
