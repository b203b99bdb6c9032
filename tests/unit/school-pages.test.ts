import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import {
  describeDivisionPage,
  OPINIONS_BEFORE_OPENING_TEXT,
  openCouncilConfirmation,
  resetWarning,
  type DivisionStudentFacts,
} from "@/lib/domain/school-division-page";
import { describeDialogueForms, describeSchoolHome, divisionsHeading, NO_DIVISION_TEXT, schoolNav } from "@/lib/domain/school-home";
import { describeFamilyEntryFollowUp, describeStudentList, filtersToQuery, parseListFilters } from "@/lib/domain/school-lists";
import { normaliseOutOfProcedureReason, OUT_OF_PROCEDURE_REASON_MAX, OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE } from "@/lib/domain/school-requests";
import {
  describeSchoolSettings,
  normaliseSignatoryName,
  SIGNATORY_NAME_MAX,
  SIGNATORY_NAME_TOO_LONG_MESSAGE,
  SIGNATORY_REQUIRED_MESSAGE,
} from "@/lib/domain/school-settings";
import { describeSchoolStudentPage, FAMILY_ENTRY_LOCKED_TEXT, type StudentFileFacts } from "@/lib/domain/school-student-page";
import type { TrackItem } from "@/lib/domain/tracks";

/*
 * The screens of the school's back-office, decided by pure view-models (lib/domain/school-*):
 * which notice, block and form each page shows.
 */

const item = (rank: number, track: string): TrackItem => ({
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
});
const ENTERED = new Date("2027-03-01T17:30:00Z"); // 01/03/2027 à 18:30 in Paris
const CHANGED = new Date("2027-03-10T08:00:00Z"); // 10/03/2027 à 09:00
const ACK = new Date("2027-03-12T12:15:00Z"); // 12/03/2027 à 13:15

function student(over: Partial<StudentFileFacts> = {}): StudentFileFacts {
  return {
    id: "s-1",
    ine: "123456789AB",
    lastName: "Martin",
    firstName: "Léa",
    birthDate: "2012-05-04",
    divisionId: "d-3A",
    divisionCode: "3A",
    level: "3e",
    mefLabel: "3EME",
    outOfProcedureReason: null,
    councilOpen: false,
    familyEntry: null,
    request: null,
    acknowledgement: null,
    ...over,
  };
}
const familyRequest = (over: Partial<NonNullable<StudentFileFacts["request"]>> = {}): NonNullable<StudentFileFacts["request"]> => ({
  source: "family",
  enteredByName: "Mme Claire Martin",
  enteredAt: ENTERED,
  changedBySchoolAt: null,
  changedBySchoolName: null,
  originalFamilyItems: null,
  items: [{ ...item(1, "2GT"), id: "i-1", opinion: null }],
  ...over,
});
const page = (row: StudentFileFacts, canManage = true) => describeSchoolStudentPage({ row, badges: [], canManage, allowTrackDetails: true });

describe("the school's student page (lib/domain/school-student-page)", () => {
  it("R-SCH-5: the family's entry cannot be changed before the council opens; after, the form changes it and warns about the avis", () => {
    const before = page(student({ request: familyRequest() }));
    expect(before.entry).toEqual({ heading: "Modifier les intentions de la famille", lockedText: FAMILY_ENTRY_LOCKED_TEXT, notice: null, form: null });

    const after = page(student({ councilOpen: true, request: familyRequest() }));
    expect(after.entry?.lockedText).toBeNull();
    expect(after.entry?.form?.changesFamilyEntry).toBe(true);
    expect(after.entry?.notice).toBe(
      "À la demande de la famille uniquement. La saisie initiale reste consultable, chaque représentant légal reçoit un courriel.",
    );

    const withAvis = page(
      student({
        councilOpen: true,
        request: familyRequest({ items: [{ ...item(1, "2GT"), id: "i-1", opinion: { value: "favorable", comment: null } }] }),
      }),
    );
    expect(withAvis.entry?.notice).toContain("et les avis provisoires déjà saisis seront supprimés.");
    expect(withAvis.intentions?.rows[0]).toMatchObject({ rank: 1, opinionText: "Favorable", comment: "" });
  });

  it("R-SCH-1 / R-SCH-5: who entered the intentions, and the school's entry not shown to the family before the avis", () => {
    expect(page(student({ request: familyRequest() })).intentions?.note).toBe("Saisie en ligne (TS) par Mme Claire Martin le 01/03/2027 à 18:30.");
    const changed = page(
      student({
        councilOpen: true,
        request: familyRequest({ changedBySchoolAt: CHANGED, changedBySchoolName: "M. Principal", originalFamilyItems: [item(1, "2PRO")] }),
      }),
    );
    expect(changed.intentions?.note).toBe(
      "Saisie en ligne (TS) par Mme Claire Martin le 01/03/2027 à 18:30. Modifiée par l'établissement (M. Principal) le 10/03/2027 à 09:00.",
    );
    expect(changed.originalEntry?.items.map((i) => i.track)).toEqual(["2PRO"]);

    const school = page(student({ request: familyRequest({ source: "school", enteredByName: "M. Principal" }) }));
    expect(school.intentions?.note).toBe(
      "Saisie par l'établissement (M. Principal) le 01/03/2027 à 18:30 : non visible par la famille avant la publication des avis.",
    );
    expect(school.entry).toMatchObject({ heading: "Saisir les intentions", lockedText: null, notice: null });
    expect(school.entry?.form?.initial).toEqual([
      { track: "2GT", subTrack: "", freeText: "", statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false },
    ]);

    const none = page(student());
    expect(none.intentions).toBeNull();
    expect(none.noIntentionText).toBe("Aucune intention n'est enregistrée dans le module établissement.");
    expect(none.entry?.form?.initial).toEqual([]);
  });

  it("R-SCH-3: a family entry received before the opening is shown as to be taken up, and the school's own entry is warned", () => {
    const entry = { items: [item(1, "2GT")], enteredByName: "Mme Claire Martin", enteredAt: ENTERED, nonTraitee: false };
    const v = page(student({ familyEntry: entry }));
    expect(v.pendingFamilyEntry).toEqual({
      title: "Saisie en ligne (TS) par Mme Claire Martin le 01/03/2027 à 18:30",
      items: entry.items,
      note: "Ces intentions seront reprises à l'ouverture du conseil de classe.",
    });
    expect(v.entry?.notice).toBe("Une saisie en ligne existe : à l'ouverture du conseil de classe, elle remplacera les intentions saisies ici.");
    expect(page(student({ familyEntry: entry, councilOpen: true })).pendingFamilyEntry).toBeNull();
  });

  it("R-SCH-4: an entry that arrived after the opening is shown as « non traitée », not as one to take up", () => {
    const entry = { items: [item(1, "2GT")], enteredByName: "Mme Claire Martin", enteredAt: ENTERED, nonTraitee: true };
    const v = page(student({ familyEntry: entry, councilOpen: true }));
    expect(v.nonTraiteeEntry).toEqual(entry);
    expect(v.pendingFamilyEntry).toBeNull();
  });

  it("R-SCH-9: the acknowledgement, the « famille à informer » block and who may mark the family informed", () => {
    const ack = { acknowledgedByName: "Mme Claire Martin", acknowledgedAt: ACK, familyToInform: true, familyInformedAt: null, familyInformedByName: null };
    const v = page(student({ acknowledgement: ack }));
    expect(v.acknowledgement.text).toBe("Accusé de réception par Mme Claire Martin le 12/03/2027 à 13:15.");
    expect(v.acknowledgement.familyToInform).toEqual({
      text: "Famille à informer : les avis ont été modifiés après l'accusé de réception.",
      mayMarkInformed: true,
    });
    expect(page(student({ acknowledgement: ack }), false).acknowledgement.familyToInform?.mayMarkInformed).toBe(false);

    const informed = page(student({ acknowledgement: { ...ack, familyToInform: false, familyInformedAt: CHANGED, familyInformedByName: "M. Principal" } }));
    expect(informed.acknowledgement).toMatchObject({ familyToInform: null, informedText: "Famille informée le 10/03/2027 à 09:00 par M. Principal." });
    expect(page(student()).acknowledgement).toEqual({
      text: "La famille n'a pas accusé réception des avis provisoires.",
      familyToInform: null,
      informedText: null,
    });
  });

  it("R-SCH-12: a student out of the procedure takes no intention; who may not manage reads the reason", () => {
    const out = page(student({ outOfProcedureReason: "Parcours particulier", request: familyRequest() }));
    expect(out.entry).toBeNull();
    expect(out.outOfProcedure).toEqual({ editable: true, reason: "Parcours particulier", text: "Hors procédure : Parcours particulier" });
    expect(page(student(), false).outOfProcedure).toEqual({ editable: false, reason: null, text: "L'élève suit la procédure d'orientation." });
  });

  it("R-SCH-14: without « manage:student-file » the page offers no entry form", () => {
    expect(page(student({ councilOpen: true, request: familyRequest() }), false).entry).toBeNull();
  });

  it("R-SCH-8: the page shows the student's pictograms; the identity line has the birth date in French order", () => {
    const badges = [{ code: "ts" as const, mark: "TS", label: "Saisie en ligne (TS)", tone: "info" as const }];
    expect(describeSchoolStudentPage({ row: student(), badges, canManage: true, allowTrackDetails: false }).badges).toEqual(badges);
    const v = page(student());
    expect(v.name).toBe("Léa Martin");
    expect(v.identity.birthDateText).toBe("04/05/2012");
    expect(v.councilText).toBe("Conseil de classe : non ouvert.");
  });
});

describe("R-SCH-12: the reason of « hors procédure »", () => {
  it("R-SCH-12: trimmed, required when setting, at most OUT_OF_PROCEDURE_REASON_MAX characters; null brings the student back", () => {
    expect(normaliseOutOfProcedureReason("  Redoublement exceptionnel ")).toBe("Redoublement exceptionnel");
    expect(normaliseOutOfProcedureReason(null)).toBeNull();
    expect(() => normaliseOutOfProcedureReason("   ")).toThrow(DomainError);
    expect(() => normaliseOutOfProcedureReason("x".repeat(OUT_OF_PROCEDURE_REASON_MAX + 1))).toThrow(OUT_OF_PROCEDURE_REASON_TOO_LONG_MESSAGE);
    expect(normaliseOutOfProcedureReason("x".repeat(OUT_OF_PROCEDURE_REASON_MAX))).toHaveLength(OUT_OF_PROCEDURE_REASON_MAX);
  });
});

describe("the back-office home and menu (lib/domain/school-home)", () => {
  const divisions = [{ id: "d-3A", code: "3A", mefLabel: "3EME", students: 25, inProcedure: 24, familyEntries: 10, councilOpen: true, councilDate: CHANGED }];
  const school = { name: "Collège Jean Moulin", uai: "0380001A", city: "Grenoble" };

  it("R-SCH-14: « Mes divisions » for a homeroom teacher without delegation, « Divisions » for the head and a delegated one", () => {
    expect(divisionsHeading(["d-3A"])).toBe("Mes divisions");
    expect(divisionsHeading("all")).toBe("Divisions");
    const own = describeSchoolHome({ school, staff: { role: "homeroom", delegatedByHead: false }, visible: ["d-3A"], divisions });
    expect(own.divisionsHeading).toBe("Mes divisions");
    expect(own.subtitle).toBe("UAI 0380001A – Grenoble – professeur principal");
    const delegated = describeSchoolHome({ school, staff: { role: "homeroom", delegatedByHead: true }, visible: "all", divisions });
    expect(delegated.divisionsHeading).toBe("Divisions");
    expect(delegated.subtitle).toBe("UAI 0380001A – Grenoble – professeur principal, avec délégation du chef d'établissement");
    const head = describeSchoolHome({ school, staff: { role: "head", delegatedByHead: false }, visible: "all", divisions });
    expect(head.subtitle).toBe("UAI 0380001A – Grenoble");
    expect(head.title).toBe("Collège Jean Moulin");
  });

  it("R-SCH-3: each division's council state and planned date; no division is said in words", () => {
    const v = describeSchoolHome({ school, staff: { role: "head", delegatedByHead: false }, visible: "all", divisions });
    expect(v.divisions[0]!.councilText).toBe("Ouvert – prévu le 10/03/2027 à 09:00");
    expect(v.emptyText).toBeNull();
    const planned = describeSchoolHome({
      school,
      staff: { role: "head", delegatedByHead: false },
      visible: "all",
      divisions: [{ ...divisions[0]!, councilOpen: false, councilDate: null }],
    });
    expect(planned.divisions[0]!.councilText).toBe("Non ouvert");
    expect(describeSchoolHome({ school, staff: { role: "homeroom", delegatedByHead: false }, visible: [], divisions: [] }).emptyText).toBe(NO_DIVISION_TEXT);
  });

  it("R-DATA-3: the home says the school's open year; a head with no division yet is sent to the import", () => {
    const v = describeSchoolHome({
      school: { ...school, schoolYear: "2027-2028" },
      staff: { role: "head", delegatedByHead: false },
      visible: "all",
      divisions: [],
    });
    expect(v.subtitle).toBe("UAI 0380001A – Grenoble – année scolaire 2027-2028");
    expect(v.emptyText).toBe(
      "Aucune division pour l'année scolaire 2027-2028 : importez les exports de Siècle de l'établissement (« Import des données Siècle »).",
    );
  });

  it("R-SCH-14: « Vie de l'établissement » is in the menu of who may manage the school only", () => {
    expect(schoolNav({ mayManageSchool: true }).map((n) => n.label)).toContain("Vie de l'établissement");
    expect(schoolNav({ mayManageSchool: false }).map((n) => n.label)).toEqual([
      "Accueil",
      "Liste des élèves",
      "Suivi des saisies TS",
      "Fiches de dialogue",
      "Saisie des réponses des familles",
    ]);
  });

  it("R-SCH-13: the fiches de dialogue, one PDF per visible division, one per student of the chosen division", () => {
    const v = describeDialogueForms({
      divisions: [
        { id: "d-3A", code: "3A", students: 1 },
        { id: "d-3B", code: "3B", students: 24 },
      ],
      chosen: { id: "d-3B", students: [{ id: "s-9", lastName: "Durand", firstName: "Paul" }] },
    });
    expect(v.divisions.map((d) => d.pdfLabel)).toEqual(["Fiches de la division 3A (PDF, 1 page)", "Fiches de la division 3B (PDF, 24 pages)"]);
    expect(v.divisions[1]!.pdfHref).toBe("/etablissement/fiche-dialogue/division/d-3B");
    expect(v.chosen).toEqual({
      code: "3B",
      students: [{ id: "s-9", pdfHref: "/etablissement/fiche-dialogue/eleve/s-9", label: "Fiche de dialogue de Durand Paul (PDF)" }],
    });
    expect(describeDialogueForms({ divisions: [], chosen: null }).emptyText).toBe(NO_DIVISION_TEXT);
  });

  it("R-DATA-3: a closed year's fiches are chosen by year, and the year stays in the division's link", () => {
    const divisions = [{ id: "d-3A", code: "3A", students: 2 }];
    expect(describeDialogueForms({ divisions, chosen: null, years: { open: "2027-2028", closed: [] } }).years).toEqual([]);
    const v = describeDialogueForms({ divisions, chosen: null, years: { open: "2027-2028", closed: ["2026-2027"] }, schoolYear: "2026-2027" });
    expect(v.years).toEqual([
      { value: "", label: "2027-2028 (en cours)" },
      { value: "2026-2027", label: "2026-2027 (close)" },
    ]);
    expect(v.schoolYear).toBe("2026-2027");
    expect(v.divisions[0]!.chooseHref).toBe("/etablissement/fiche-dialogue?division=d-3A&annee=2026-2027");
  });
});

describe("a division's page (lib/domain/school-division-page)", () => {
  const division = { id: "d-3A", code: "3A", mefLabel: "3EME" };
  const pupil = (id: string, over: Partial<DivisionStudentFacts> = {}): DivisionStudentFacts => ({
    id,
    lastName: `Nom-${id}`,
    firstName: "Prénom",
    outOfProcedureReason: null,
    familyEntry: null,
    request: { items: [{ ...item(1, "2GT"), id: `i-${id}`, opinion: { value: "reserve", comment: "À suivre" } }] },
    ...over,
  });
  const students = [pupil("a"), pupil("b", { outOfProcedureReason: "Parcours particulier" })];
  const open = { state: "open" as const, scheduledAt: CHANGED, openedAt: ACK, openedByName: "M. Principal" };

  it("R-SCH-3 / R-SCH-7: the avis are entered once the council is open, by who manages the division", () => {
    const planned = describeDivisionPage({ division, council: null, students, canManage: true });
    expect(planned.councilState).toBe("planned");
    expect(planned.councilText).toBe("Conseil de classe non ouvert : les familles peuvent saisir leurs intentions sur le service en ligne.");
    expect(planned.opinions).toEqual({ kind: "council_not_open", text: OPINIONS_BEFORE_OPENING_TEXT });

    const v = describeDivisionPage({ division, council: open, students, canManage: true });
    expect(v.councilText).toBe("Conseil de classe ouvert le 12/03/2027 à 13:15 par M. Principal. Date prévue : 10/03/2027 à 09:00.");
    expect(v.opinions.kind).toBe("form");
    expect(describeDivisionPage({ division, council: open, students, canManage: false }).opinions).toEqual({ kind: "none" });
  });

  it("R-SCH-12: a student out of the procedure gets no avis line and is not counted in the procedure", () => {
    const v = describeDivisionPage({ division, council: open, students, canManage: true });
    expect(v.subtitle).toBe("3EME – 2 élèves, dont 1 dans la procédure");
    expect(v.opinions.kind === "form" && v.opinions.sheet.map((s) => s.studentId)).toEqual(["a"]);
    expect(v.controls).toEqual({
      open: true,
      scheduledAtInput: "2027-03-10T09:00",
      resetWarning: "Attention : la réinitialisation du conseil de classe supprimera l'avis provisoire déjà saisi.",
      openConfirmation: openCouncilConfirmation(division.code, "provisional"),
    });
  });

  it("R-SCH-6 / R-SCH-14: the council controls only for who may manage the division", () => {
    expect(describeDivisionPage({ division, council: open, students, canManage: false }).controls).toBeNull();
    expect(describeDivisionPage({ division, council: null, students, canManage: true }).controls?.open).toBe(false);
    expect(resetWarning(3)).toBe("Attention : la réinitialisation du conseil de classe supprimera les 3 avis provisoires déjà saisis.");
    expect(resetWarning(0)).toBe("Le conseil de classe sera de nouveau « non ouvert » : les familles pourront à nouveau saisir leurs intentions.");
  });

  it("R-SCH-3: opening a council asks a confirmation stating that the division's families can no longer change their entry", () => {
    expect(describeDivisionPage({ division: { ...division, code: "3C" }, council: null, students, canManage: true }).controls?.openConfirmation).toEqual({
      question: "Ouvrir le conseil de classe de 3C ?",
      consequence: "Les familles de la division ne pourront plus saisir ni modifier leurs intentions en ligne.",
    });
    expect(openCouncilConfirmation("3C", "final")).toEqual({
      question: "Ouvrir le conseil de classe de la phase définitive de 3C ?",
      consequence: "Les familles de la division ne pourront plus saisir ni modifier leurs choix définitifs en ligne.",
    });
  });

  it("R-SCH-4: an entry « non traitée » is shown with the student's avis lines", () => {
    const late = pupil("c", { familyEntry: { items: [item(1, "2PRO")], enteredByName: "M. Paul Durand", enteredAt: ENTERED, nonTraitee: true } });
    const v = describeDivisionPage({ division, council: open, students: [late], canManage: true });
    expect(v.opinions.kind === "form" && v.opinions.sheet[0]!.nonTraitee).toEqual({
      enteredByName: "M. Paul Durand",
      enteredAtText: "01/03/2027 à 18:30",
      items: ["2de professionnelle"],
    });
  });
});

describe("the back-office lists (lib/domain/school-lists)", () => {
  it("R-SCH-10: the filters read from the query string; the export links carry the same filters", () => {
    const filters = parseListFilters({ niveau: "3e", division: "not-an-id", nom: " Mar ", prenom: ["Léa", "x"], mef: "" });
    expect(filters).toEqual({ level: "3e", divisionId: undefined, mefCode: undefined, lastName: "Mar", firstName: "Léa" });
    expect(filtersToQuery(filters)).toBe("niveau=3e&nom=Mar&prenom=L%C3%A9a");
    const v = describeStudentList({
      filters,
      rowCount: 2,
      divisions: [
        { id: "d-3A", code: "3A", level: "3e", mefCode: "10310019110", mefLabel: "3EME" },
        { id: "d-3B", code: "3B", level: "3e", mefCode: "10310019110", mefLabel: "3EME" },
      ],
    });
    expect(v.exports).toEqual({
      xlsx: "/etablissement/export?format=xlsx&niveau=3e&nom=Mar&prenom=L%C3%A9a",
      csv: "/etablissement/export?format=csv&niveau=3e&nom=Mar&prenom=L%C3%A9a",
    });
    expect(v.levels).toEqual([{ value: "3e", label: "3e" }]);
    expect(v.mefs).toEqual([{ value: "10310019110", label: "3EME" }]);
    expect(v.countText).toBe("2 élèves");
    expect(v.emptyText).toBeNull();
    const empty = describeStudentList({ filters: {}, rowCount: 0, divisions: [] });
    expect([empty.countText, empty.emptyText, empty.exports.csv]).toEqual([
      "0 élève",
      "Aucun élève ne correspond à la recherche.",
      "/etablissement/export?format=csv",
    ]);
  });

  it("R-SCH-11: the families without a validated entry, with how to reach each guardian", () => {
    const v = describeFamilyEntryFollowUp([
      {
        id: "s-1",
        lastName: "Martin",
        firstName: "Léa",
        divisionCode: "3A",
        hasSchoolRequest: true,
        guardians: [
          { rank: 1, civility: "Mme", firstName: "Claire", lastName: "Martin", email: "claire@example.fr" },
          { rank: 2, civility: "M.", firstName: "Jean", lastName: "Martin", email: null },
        ],
      },
    ]);
    expect(v.statusText).toBe("1 élève sans saisie validée");
    expect(v.rows[0]).toEqual({
      id: "s-1",
      name: "Martin Léa",
      divisionCode: "3A",
      schoolEntryText: "Intentions saisies par l'établissement",
      guardians: [
        { key: 1, text: "Mme Claire Martin – claire@example.fr" },
        { key: 2, text: "M. Jean Martin – pas d'adresse électronique" },
      ],
    });
    expect(describeFamilyEntryFollowUp([]).statusText).toBe("Toutes les familles ont validé une saisie.");
  });
});

describe("« Vie de l'établissement » (lib/domain/school-settings)", () => {
  const NOW = new Date("2027-02-01T09:00:00Z");
  const base = {
    school: { name: "Lycée Champollion", termMode: "trimester" as const },
    schoolYear: "2026-2027",
    windows: [{ level: "3e" as const, phase: "provisional" as const, opensAt: new Date("2027-01-15T08:00:00Z"), closesAt: new Date("2027-03-01T22:00:00Z") }],
    closures: [],
    offeredSpecialties: ["MATHS"],
    teachers: [],
    signature: null,
    actorName: "Mme Hélène Roussin",
    calendarYear: "2026-2027",
    now: NOW,
  };

  it("R-DATA-3: the head moves on to the next school year only once the year's campaign is over, or from 1 September", () => {
    const during = describeSchoolSettings({ ...base, levels: ["3e"] }).year;
    expect(during).toMatchObject({ open: "2026-2027", next: "2027-2028", rolloverAllowed: false });
    expect(during.rolloverText).toContain("n'est pas terminée");
    const after = describeSchoolSettings({ ...base, levels: ["3e"], now: new Date("2027-03-02T09:00:00Z") }).year;
    expect(after.rolloverAllowed).toBe(true);
    expect(after.rolloverText).toContain("vous pouvez passer à l'année scolaire 2027-2028");
    // No calendar published for the school's levels: only the new school year itself allows it.
    expect(describeSchoolSettings({ ...base, levels: ["2GT"], now: new Date("2027-08-31T09:00:00Z") }).year.rolloverAllowed).toBe(false);
    expect(describeSchoolSettings({ ...base, levels: ["2GT"], calendarYear: "2027-2028" }).year.rolloverAllowed).toBe(true);
  });

  it("R-CAL-3: each level and phase with the académie's period and the school's toggle; no reopening once the window closed", () => {
    const v = describeSchoolSettings({ ...base, levels: ["3e"], closures: [{ level: "3e", phase: "final", closed: true }] });
    expect(v.services.map((s) => [s.key, s.state, s.toggle])).toEqual([
      ["3e-provisional", "open", { closed: false, name: "3e, intentions provisoires" }],
      ["3e-final", "outside_window", null],
    ]);
    expect(v.services[0]!.periodText).toBe("Du 15/01/2027 à 09:00 au 01/03/2027 à 23:00");
    expect(v.services[1]!.periodText).toBe("Non publiée");
  });

  it("R-2GT-4: only a lycée with 2de GT offers spécialités", () => {
    expect(describeSchoolSettings({ ...base, levels: ["3e"] }).specialties).toBeNull();
    expect(describeSchoolSettings({ ...base, levels: ["2GT"] }).specialties?.offered).toEqual(["MATHS"]);
  });

  it("R-SCH-14 / R-SCH-13: the homeroom teachers with their delegation; the signature and its signatory", () => {
    const v = describeSchoolSettings({
      ...base,
      levels: ["3e"],
      teachers: [
        { id: "a-1", displayName: "M. Prof", delegatedByHead: true, divisionCodes: ["3A", "3B"] },
        { id: "a-2", displayName: "Mme Prof", delegatedByHead: false, divisionCodes: [] },
      ],
      signature: { signatoryName: "La principale", uploadedAt: CHANGED },
    });
    expect(v.teachers.map((t) => [t.divisionsText, t.delegationText])).toEqual([
      ["3A, 3B", "Toutes les divisions"],
      ["—", "Ses divisions seulement"],
    ]);
    expect(v.signature?.text).toBe("Signature enregistrée le 10/03/2027 à 09:00 – signataire : La principale");
    expect(v.signatureForm).toEqual({ signatoryName: "La principale", hasSignature: true });
    expect(describeSchoolSettings({ ...base, levels: ["3e"] }).signatureForm).toEqual({ signatoryName: "Mme Hélène Roussin", hasSignature: false });
    expect(describeSchoolSettings({ ...base, levels: ["3e"] }).noTeacherText).toBe("Aucun professeur principal n'est enregistré pour l'établissement.");
  });

  it("R-SCH-13: the signatory's name is required and at most SIGNATORY_NAME_MAX characters", () => {
    expect(normaliseSignatoryName("  La principale ")).toEqual({ ok: true, name: "La principale" });
    expect(normaliseSignatoryName("  ")).toEqual({ ok: false, message: SIGNATORY_REQUIRED_MESSAGE });
    expect(normaliseSignatoryName("x".repeat(SIGNATORY_NAME_MAX + 1))).toEqual({ ok: false, message: SIGNATORY_NAME_TOO_LONG_MESSAGE });
  });
});
