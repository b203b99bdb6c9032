import { describe, expect, it } from "vitest";
import { studentBadges, type BadgeFacts } from "@/lib/domain/badges";
import { DomainError } from "@/lib/domain/errors";
import { mustInformFamily, planOpinionChanges } from "@/lib/domain/opinions";
import { assertAvisDeletionConfirmed, decideSchoolEntry, describeItemLong, normaliseSchoolItems, sameItems } from "@/lib/domain/school-requests";
import { schoolChangeEmail } from "@/emails/school-change";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};
const opts = { allowTrackDetails: true };

describe("intentions entered by the school", () => {
  it("R-SCH-1: the school enters 1 to 3 voies of the student's level, ranked in order", () => {
    const items = normaliseSchoolItems("3e", "provisional", [{ track: "CAP", freeText: " Cuisine ", statusApprentice: true }, { track: "2GT" }], opts);
    expect(items.map((i) => [i.rank, i.track, i.freeText, i.statusApprentice])).toEqual([
      [1, "CAP", "Cuisine", true],
      [2, "2GT", null, false],
    ]);
    expect(codeOf(() => normaliseSchoolItems("3e", "provisional", [], opts))).toBe("NO_INTENTION");
    expect(codeOf(() => normaliseSchoolItems("3e", "provisional", [{ track: "2GT" }, { track: "2PRO" }, { track: "CAP" }, { track: "2GT" }], opts))).toBe(
      "TOO_MANY_INTENTIONS",
    );
    expect(codeOf(() => normaliseSchoolItems("3e", "provisional", [{ track: "1G" }], opts))).toBe("UNKNOWN_TRACK");
  });

  it("R-INT-3 (school side): a voie cannot be requested twice", () => {
    expect(codeOf(() => normaliseSchoolItems("3e", "provisional", [{ track: "2PRO" }, { track: "2PRO" }], opts))).toBe("TRACK_TWICE");
  });

  it("R-INT-5 (school side): details only for 2de pro and CAP, and only where the académie allows them", () => {
    const [gt] = normaliseSchoolItems("3e", "provisional", [{ track: "2GT", freeText: "x", statusSchool: true }], opts);
    expect([gt!.freeText, gt!.statusSchool]).toEqual([null, false]);
    const [pro] = normaliseSchoolItems("3e", "provisional", [{ track: "2PRO", freeText: "Métiers de la relation client", statusSchool: true }], {
      allowTrackDetails: false,
    });
    expect([pro!.freeText, pro!.statusSchool]).toEqual([null, false]);
  });

  it("R-2GT-2 (school side): a 1re générale needs 4 or 5 ranked spécialités, a 1re technologique its série", () => {
    expect(codeOf(() => normaliseSchoolItems("2GT", "provisional", [{ track: "1G", specialties: ["MATHS", "PC", "SVT"] }], opts))).toBe("SPECIALTY_COUNT");
    expect(normaliseSchoolItems("2GT", "provisional", [{ track: "1G", specialties: ["MATHS", "PC", "SVT", "NSI"] }], opts)[0]!.specialties).toEqual([
      "MATHS",
      "PC",
      "SVT",
      "NSI",
    ]);
    expect(codeOf(() => normaliseSchoolItems("2GT", "provisional", [{ track: "1T" }], opts))).toBe("SERIES_REQUIRED");
    expect(
      normaliseSchoolItems(
        "2GT",
        "provisional",
        [
          { track: "1T", subTrack: "STMG" },
          { track: "1T", subTrack: "ST2S" },
        ],
        opts,
      ),
    ).toHaveLength(2);
  });

  it("R-SCH-5: a family's entry can be changed only once the council is open; the school's own entry any time", () => {
    expect(codeOf(() => decideSchoolEntry({ request: { source: "family" }, councilOpen: false, outOfProcedure: false }))).toBe("COUNCIL_NOT_OPEN");
    expect(decideSchoolEntry({ request: { source: "family" }, councilOpen: true, outOfProcedure: false }).kind).toBe("change_family_entry");
    expect(decideSchoolEntry({ request: { source: "school" }, councilOpen: false, outOfProcedure: false }).kind).toBe("school_entry");
    expect(decideSchoolEntry({ request: null, councilOpen: true, outOfProcedure: false }).kind).toBe("school_entry");
  });

  it("R-SCH-1 / R-SCH-5 (final phase): the refusals speak of «choix définitifs», not of intentions", () => {
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    expect(messageOf(() => decideSchoolEntry({ request: { source: "family" }, councilOpen: false, outOfProcedure: false, phase: "final" }))).toBe(
      "La modification des choix définitifs saisis par la famille est possible à partir de l'ouverture du conseil de classe.",
    );
    expect(messageOf(() => decideSchoolEntry({ request: { source: "family" }, councilOpen: false, outOfProcedure: false }))).toBe(
      "La modification des intentions saisies par la famille est possible à partir de l'ouverture du conseil de classe.",
    );
    expect(messageOf(() => normaliseSchoolItems("3e", "final", [], opts))).toBe("Vous devez obligatoirement saisir un choix.");
    expect(messageOf(() => normaliseSchoolItems("3e", "final", [{ track: "2GT" }, { track: "2PRO" }, { track: "CAP" }, { track: "2GT" }], opts))).toBe(
      "Vous pouvez saisir jusqu'à trois choix.",
    );
  });

  it("R-SCH-12: no intention is entered for a student hors procédure", () => {
    expect(codeOf(() => decideSchoolEntry({ request: null, councilOpen: false, outOfProcedure: true }))).toBe("OUT_OF_PROCEDURE");
  });

  it("R-SCH-5 / R-SCH-6: deleting avis asks for a confirmation first, nothing to confirm without avis", () => {
    expect(codeOf(() => assertAvisDeletionConfirmed(2, false, "change"))).toBe("CONFIRMATION_REQUIRED");
    expect(codeOf(() => assertAvisDeletionConfirmed(2, true, "change"))).toBe("ok");
    expect(codeOf(() => assertAvisDeletionConfirmed(0, false, "reset"))).toBe("ok");
  });

  it("detects an unchanged request whatever the order the items come in", () => {
    const a = normaliseSchoolItems("3e", "provisional", [{ track: "2GT" }, { track: "CAP" }], opts);
    expect(sameItems(a, [...a].reverse())).toBe(true);
    expect(sameItems(a, normaliseSchoolItems("3e", "provisional", [{ track: "CAP" }, { track: "2GT" }], opts))).toBe(false);
  });
});

describe("avis provisoires", () => {
  const stored = [{ itemId: "a", value: "favorable" as const, comment: null }];

  it("R-SCH-7: Favorable / Réservé / Défavorable with an optional comment; only changes are written", () => {
    const changes = planOpinionChanges(
      [
        { itemId: "a", value: "favorable", comment: "  " }, // unchanged (blank comment is no comment)
        { itemId: "b", value: "reserve", comment: "Travail régulier à fournir" },
        { itemId: "c", value: null, comment: null }, // nothing entered
      ],
      stored,
    );
    expect(changes).toEqual([{ kind: "insert", itemId: "b", value: "reserve", comment: "Travail régulier à fournir" }]);
    expect(planOpinionChanges([{ itemId: "a", value: "defavorable", comment: null }], stored)[0]!.kind).toBe("update");
    expect(planOpinionChanges([{ itemId: "a", value: null, comment: null }], stored)[0]!.kind).toBe("delete");
    expect(codeOf(() => planOpinionChanges([{ itemId: "b", value: null, comment: "Sans avis" }], stored))).toBe("OPINION_REQUIRED");
    expect(codeOf(() => planOpinionChanges([{ itemId: "b", value: "favorable", comment: "x".repeat(1001) }], stored))).toBe("COMMENT_TOO_LONG");
  });

  it("R-SCH-9: avis changed after the acknowledgement flag the family to inform; not before, not without a change", () => {
    const change = planOpinionChanges([{ itemId: "a", value: "reserve", comment: null }], stored);
    expect(mustInformFamily(true, change)).toBe(true);
    expect(mustInformFamily(false, change)).toBe(false);
    expect(mustInformFamily(true, [])).toBe(false);
  });
});

describe("badges of the student list", () => {
  const at = new Date("2026-11-20T17:02:00Z");
  const base: BadgeFacts = { outOfProcedure: null, familyEntry: null, request: null, opinionCount: 0, acknowledgement: null };

  it("R-SCH-8: an online entry shows TS with who and when; changed by the school; avis and acknowledgement", () => {
    const badges = studentBadges({
      ...base,
      familyEntry: { enteredByName: "Mme Claire Martin", enteredAt: at, nonTraitee: false },
      request: { source: "family", enteredByName: "Mme Claire Martin", enteredAt: at, changedBySchool: { name: "M. Le Principal", at } },
      opinionCount: 2,
      acknowledgement: null,
    });
    expect(badges.map((b) => b.code)).toEqual(["ts", "changed_by_school", "avis", "not_acknowledged"]);
    expect(badges[0]!.label).toBe("Saisie en ligne (TS) par Mme Claire Martin le 20/11/2026 à 18:02");
  });

  it("R-DATA-1: a student who left has the « Sorti » mark with the day, first, and keeps the others", () => {
    const badges = studentBadges({ ...base, left: { on: "2027-01-08" }, familyEntry: { enteredByName: "M. Paul Roux", enteredAt: at, nonTraitee: false } });
    expect(badges.map((b) => [b.code, b.mark])).toEqual([
      ["left", "Sorti"],
      ["ts", "TS"],
    ]);
    expect(badges[0]!.label).toBe("Sorti de l'établissement le 08/01/2027 : dossier en consultation seulement");
    expect(studentBadges({ ...base, left: null }).map((b) => b.code)).toEqual([]);
  });

  it("R-SCH-4 / R-SCH-8: a non traitée entry has its own mark, not the TS one", () => {
    const badges = studentBadges({ ...base, familyEntry: { enteredByName: "M. Paul Roux", enteredAt: at, nonTraitee: true } });
    expect(badges.map((b) => b.code)).toEqual(["non_traitee"]);
    expect(badges[0]!.label).toContain("non traitée");
  });

  it("R-SCH-9 / R-SCH-12: famille à informer and hors procédure are shown", () => {
    const badges = studentBadges({
      ...base,
      outOfProcedure: { reason: "Redoublement exceptionnel" },
      opinionCount: 1,
      acknowledgement: { byName: "Mme Claire Martin", at, familyToInform: true },
    });
    expect(badges.map((b) => b.code)).toEqual(["out_of_procedure", "avis", "acknowledged", "family_to_inform"]);
  });
});

describe("R-SCH-5 e-mail", () => {
  it("R-SCH-5: tells the guardian the school changed the intentions, with the new and the original ones and the school's contact", () => {
    const vars = {
      civility: "Mme",
      studentName: "Léa Martin",
      changedAt: "23/11/2026 à 10:15",
      originalEnteredBy: "M. Paul Martin",
      originalEnteredAt: "20/11/2026 à 18:02",
      items: [
        describeItemLong({
          rank: 1,
          track: "2PRO",
          subTrack: "",
          freeText: "Cuisine",
          statusSchool: true,
          statusApprentice: true,
          specialties: [],
          stagePasserelle: false,
        }),
      ],
      originalItems: ["2de générale et technologique ou 2de STHR"],
      school: { name: "Collège Stendhal", address: "1 rue X", postalCode: "38000", city: "Grenoble", phone: "04 00 00 00 00", email: "ce@example.fr" },
    };
    expect(schoolChangeEmail.subject(vars)).toBe("[ORIENTATION] Modification des intentions d'orientation");
    const text = schoolChangeEmail.text(vars);
    expect(text.split("\n")[0]).toBe("Madame,");
    expect(schoolChangeEmail.text({ ...vars, civility: null }).split("\n")[0]).toBe("Madame, Monsieur,");
    expect(text).toContain("ont été modifiées par l'établissement le 23/11/2026 à 10:15");
    expect(text).toContain("1 : 2de professionnelle – Spécialité(s) ou famille(s) de métiers : Cuisine – Sous statut scolaire et Sous statut d'apprenti");
    expect(text).toContain("Rappel des intentions saisies initialement :\n1 : 2de générale et technologique ou 2de STHR");
    expect(text).toContain("Collège Stendhal");
    expect(schoolChangeEmail.html({ ...vars, studentName: "<b>x</b>" })).toContain("&lt;b&gt;x&lt;/b&gt;");
  });
});
