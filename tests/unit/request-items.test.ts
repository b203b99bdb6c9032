import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import { addIntention, changeIntention, type Intention } from "@/lib/domain/intentions";
import {
  checkRequestItems,
  DETAILS_NOT_ALLOWED_MESSAGE,
  DUPLICATE_TRACK_MESSAGE,
  FIFTH_SPECIALTY_MESSAGE,
  FREE_TEXT_MAX,
  FREE_TEXT_TOO_LONG_MESSAGE,
  isOutsideSchool,
  MUST_SELECT_TRACK_MESSAGE,
  mustEnterOneMessage,
  NO_DETAILS_FOR_2GT_MESSAGE,
  NO_DETAILS_MESSAGE,
  normaliseRequestItem,
  PRO_PATH_REQUIRED_MESSAGE,
  proposableVoies,
  requestItemDetailLines,
  requestItemKey,
  requestItemProblem,
  requestItemsShape,
  SERIES_REQUIRED_MESSAGE,
  SPECIALTIES_FINAL_COUNT_MESSAGE,
  SPECIALTIES_ONLY_1G_MESSAGE,
  SPECIALTIES_PROVISIONAL_COUNT_MESSAGE,
  specialtiesProblem,
  specialtyCount,
  specialtyDisplay,
  specialtyOptions,
  SPECIALTY_TWICE_MESSAGE,
  STAGE_PASSERELLE_LABEL,
  STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE,
  STAGE_PASSERELLE_ONLY_PRO_MESSAGE,
  subTrackOptions,
  takesDetails,
  TOO_MANY_OUTSIDE_MESSAGE,
  tooManyMessage,
  UNKNOWN_SPECIALTY_MESSAGE,
  UNKNOWN_TRACK_MESSAGE,
  type RequestItem,
  type RequestRules,
} from "@/lib/domain/request-items";
import { describeTrack, itemLimits, SPECIALTIES, TECHNOLOGICAL_SERIES, trackItem } from "@/lib/domain/tracks";

/*
 * The rule book of every request item (lib/domain/request-items.ts): 3e and 2de GT, provisional and
 * final, family and school alike. Each rule of R-INT-2..5 and R-2GT-1..5 is proven here.
 */

/** The lycée of these tests offers 8 spécialités; the others are «hors établissement». */
const OFFERED = ["MATHS", "PC", "SVT", "SES", "HGGSP", "HLP", "LLCER", "NSI"];
const rules = (over: Partial<RequestRules> = {}): RequestRules => ({
  level: "2GT",
  phase: "provisional",
  offeredSpecialties: OFFERED,
  allowTrackDetails: true,
  allowStagePasserelle: false,
  ...over,
});
const PROV = rules();
const FINAL = rules({ phase: "final" });
const item = ({ track = "1G", ...over }: Partial<RequestItem>): RequestItem => {
  const { rank: _rank, ...rest } = trackItem(1, track, over);
  return rest;
};
const g1 = (...specialties: string[]) => item({ track: "1G", specialties });
const t1 = (subTrack: string) => item({ track: "1T", subTrack });
const pro = (subTrack: string, over: Partial<RequestItem> = {}) => item({ track: "VOIE_PRO", subTrack, ...over });
const bt = item({ track: "BT_MUSIQUE" });

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return "none";
}

describe("R-2GT-1: the voies after 2de GT, with their série or target", () => {
  it("R-2GT-1: the four voies of 2de GT are accepted; a 3e voie is not a 2de GT voie", () => {
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT", "SES"))).toBeNull();
    expect(requestItemProblem(PROV, t1("STMG"))).toBeNull();
    expect(requestItemProblem(PROV, bt)).toBeNull();
    expect(requestItemProblem(PROV, pro("2PRO"))).toBeNull();
    expect(requestItemProblem(PROV, item({ track: "2PRO" }))).toBe(UNKNOWN_TRACK_MESSAGE);
    expect(requestItemProblem(PROV, item({ track: "" }))).toBe(MUST_SELECT_TRACK_MESSAGE);
    expect(requestItemProblem(rules({ level: "3e" }), item({ track: "1G" }))).toBe(MUST_SELECT_TRACK_MESSAGE);
  });

  it("R-2GT-1: a 1re technologique needs one of the 8 séries, STL with its option (two choices)", () => {
    expect(requestItemProblem(PROV, t1(""))).toBe(SERIES_REQUIRED_MESSAGE);
    expect(requestItemProblem(PROV, t1("STL"))).toBe(SERIES_REQUIRED_MESSAGE);
    expect(requestItemProblem(PROV, t1("STL_BIO"))).toBeNull();
    expect(requestItemProblem(PROV, t1("STL_SPCL"))).toBeNull();
    const codes = subTrackOptions("1T").map((o) => o.code);
    expect(codes).toEqual(Object.keys(TECHNOLOGICAL_SERIES));
    expect(new Set(codes.map((c) => c.split("_")[0])).size).toBe(8);
    expect(describeTrack({ track: "1T", subTrack: "STL_BIO" })).toBe("1re technologique – série STL option biotechnologies");
  });

  it("R-2GT-1: the voie professionnelle needs its target: 1re pro, 2de pro or CAP", () => {
    expect(requestItemProblem(PROV, pro(""))).toBe(PRO_PATH_REQUIRED_MESSAGE);
    expect(requestItemProblem(PROV, pro("BAC"))).toBe(PRO_PATH_REQUIRED_MESSAGE);
    expect(subTrackOptions("VOIE_PRO").map((o) => o.code)).toEqual(["1PRO", "2PRO", "CAP"]);
    for (const p of ["1PRO", "2PRO", "CAP"]) expect(requestItemProblem(PROV, pro(p))).toBeNull();
    expect(describeTrack({ track: "VOIE_PRO", subTrack: "CAP" })).toBe("Accès à la voie professionnelle : CAP");
  });

  it("R-2GT-1: a voie with no série takes none; the 1re générale, BT musique take no série", () => {
    expect(subTrackOptions("1G")).toEqual([]);
    expect(requestItemProblem(PROV, item({ track: "BT_MUSIQUE", subTrack: "STMG" }))).toBe(MUST_SELECT_TRACK_MESSAGE);
  });

  it("R-2GT-1 / R-INT-3: a voie is its track and série: two séries are two voies, the same série twice is a duplicate", () => {
    expect(requestItemKey(t1("STMG"))).not.toBe(requestItemKey(t1("ST2S")));
    expect(requestItemKey(t1("STL_BIO"))).not.toBe(requestItemKey(t1("STL_SPCL")));
    expect(codeOf(() => checkRequestItems(FINAL, [t1("STMG"), t1("ST2S"), t1("STL_BIO"), t1("STL_SPCL")]))).toBe("none");
    expect(codeOf(() => checkRequestItems(FINAL, [t1("STMG"), t1("STMG")]))).toBe("TRACK_TWICE");
    expect(codeOf(() => checkRequestItems(PROV, [bt, bt]))).toBe("TRACK_TWICE");
  });

  it("R-FIN-5: the council may propose every voie with its série or target", () => {
    const voies = proposableVoies("2GT");
    expect(voies).toHaveLength(1 + 9 + 1 + 3);
    expect(voies.map((v) => v.label)).toContain("1re technologique – série STL option sciences physiques et chimiques en laboratoire");
    expect(proposableVoies("3e").map((v) => v.track)).toEqual(["2GT", "2PRO", "CAP"]);
  });
});

describe("R-2GT-2: provisional spécialités, ranked, against the lycée's list", () => {
  it("R-2GT-2: 4 spécialités are required with the 1re générale; 3 or 6 are refused", () => {
    expect(specialtiesProblem("provisional", ["MATHS", "PC", "SVT", "SES"], OFFERED)).toBeNull();
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT"))).toBe(SPECIALTIES_PROVISIONAL_COUNT_MESSAGE);
    expect(requestItemProblem(PROV, g1())).toBe(SPECIALTIES_PROVISIONAL_COUNT_MESSAGE);
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT", "SES", "SI", "BIO_ECO"))).toBe(SPECIALTIES_PROVISIONAL_COUNT_MESSAGE);
    expect(specialtyCount("provisional")).toEqual({ min: 4, max: 5 });
  });

  it("R-2GT-2: a 5th spécialité only when one of them is not offered by the lycée", () => {
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT", "SES", "NSI"))).toBe(FIFTH_SPECIALTY_MESSAGE);
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT", "SES", "SI"))).toBeNull();
    expect(requestItemProblem(PROV, g1("SI", "MATHS", "PC", "SVT", "SES"))).toBeNull();
  });

  it("R-2GT-2: at most two spécialités outside the lycée", () => {
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SI", "BIO_ECO"))).toBeNull();
    expect(requestItemProblem(PROV, g1("MATHS", "SI", "BIO_ECO", "ARTS_DANSE"))).toBe(TOO_MANY_OUTSIDE_MESSAGE);
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SVT", "SI", "BIO_ECO"))).toBeNull();
    expect(requestItemProblem(PROV, g1("MATHS", "PC", "SI", "BIO_ECO", "ARTS_DANSE"))).toBe(TOO_MANY_OUTSIDE_MESSAGE);
  });

  it("R-2GT-2 / R-2GT-4: a lycée that gave no list makes nothing «hors établissement» (so no 5th)", () => {
    const none = rules({ offeredSpecialties: [] });
    expect(isOutsideSchool("SI", [])).toBe(false);
    expect(requestItemProblem(none, g1("SI", "BIO_ECO", "ARTS_DANSE", "EPPCS"))).toBeNull();
    expect(requestItemProblem(none, g1("MATHS", "PC", "SVT", "SES", "SI"))).toBe(FIFTH_SPECIALTY_MESSAGE);
  });

  it("R-2GT-2: a spécialité twice, or an unknown one, is refused", () => {
    expect(requestItemProblem(PROV, g1("MATHS", "MATHS", "PC", "SVT"))).toBe(SPECIALTY_TWICE_MESSAGE);
    expect(requestItemProblem(PROV, g1("MATHS", "ASTRO", "PC", "SVT"))).toBe(UNKNOWN_SPECIALTY_MESSAGE);
  });

  it("R-2GT-2: spécialités go only with the 1re générale", () => {
    expect(requestItemProblem(PROV, item({ track: "1T", subTrack: "STMG", specialties: ["MATHS"] }))).toBe(SPECIALTIES_ONLY_1G_MESSAGE);
    expect(requestItemProblem(PROV, item({ track: "BT_MUSIQUE", specialties: ["ARTS_MUSIQUE"] }))).toBe(SPECIALTIES_ONLY_1G_MESSAGE);
  });

  it("R-2GT-2: the family's ranking is kept as given (not sorted alphabetically)", () => {
    const ranked = ["SVT", "MATHS", "SI", "PC", "HGGSP"];
    const [saved] = checkRequestItems(PROV, [g1(...ranked)]);
    expect(saved!.specialties).toEqual(ranked);
    expect(normaliseRequestItem(g1(" SVT ", "MATHS", "", "PC")).specialties).toEqual(["SVT", "MATHS", "PC"]);
    expect(requestItemDetailLines(g1(...ranked), OFFERED)).toEqual([
      "Enseignement de spécialité 1 : Sciences de la vie et de la Terre",
      "Enseignement de spécialité 2 : Mathématiques",
      "Enseignement de spécialité 3 : Sciences de l'ingénieur (hors établissement)",
      "Enseignement de spécialité 4 : Physique-chimie",
      "Enseignement de spécialité 5 : Histoire-géographie, géopolitique et sciences politiques",
    ]);
  });

  it("R-2GT-4: the form lists the lycée's spécialités first, the others marked «hors établissement»", () => {
    const options = specialtyOptions(OFFERED);
    expect(options).toHaveLength(Object.keys(SPECIALTIES).length);
    expect(options.slice(0, OFFERED.length).every((o) => !o.outside)).toBe(true);
    expect(options.slice(OFFERED.length).every((o) => o.outside)).toBe(true);
    expect(new Set(options.slice(0, OFFERED.length).map((o) => o.code))).toEqual(new Set(OFFERED));
    expect(specialtyDisplay("SI", OFFERED)).toBe("Sciences de l'ingénieur (hors établissement)");
    expect(specialtyDisplay("MATHS", OFFERED)).toBe("Mathématiques");
    expect(specialtyOptions([]).every((o) => !o.outside)).toBe(true);
  });
});

describe("R-2GT-3: final choices after 2de GT", () => {
  it("R-2GT-3: the 1re générale takes exactly 3 spécialités, chosen freely in or outside the lycée", () => {
    expect(requestItemProblem(FINAL, g1("MATHS", "PC", "SVT"))).toBeNull();
    expect(requestItemProblem(FINAL, g1("SI", "BIO_ECO", "ARTS_DANSE"))).toBeNull();
    expect(requestItemProblem(FINAL, g1("MATHS", "PC"))).toBe(SPECIALTIES_FINAL_COUNT_MESSAGE);
    expect(requestItemProblem(FINAL, g1("MATHS", "PC", "SVT", "SES"))).toBe(SPECIALTIES_FINAL_COUNT_MESSAGE);
    expect(SPECIALTIES_FINAL_COUNT_MESSAGE).toContain("3 enseignements de spécialité proposés dans l'établissement ou en dehors de l'établissement");
    expect(specialtyCount("final")).toEqual({ min: 3, max: 3 });
  });

  it("R-2GT-3: 1 to 11 choices; a 12th is refused; the provisional phase keeps 1 to 3", () => {
    expect(itemLimits("2GT", "final")).toEqual({ min: 1, max: 11 });
    expect(itemLimits("2GT", "provisional")).toEqual({ min: 1, max: 3 });
    const eleven = [g1("MATHS", "PC", "SVT"), ...["STI2D", "STL_BIO", "STL_SPCL", "STMG", "ST2S", "STD2A", "STHR"].map(t1), bt, pro("1PRO"), pro("CAP")];
    expect(checkRequestItems(FINAL, eleven).map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(codeOf(() => checkRequestItems(FINAL, [...eleven, t1("S2TMD")]))).toBe("TOO_MANY_INTENTIONS");
    expect(tooManyMessage("2GT", "final")).toBe("Vous pouvez saisir jusqu'à 11 choix.");
    expect(codeOf(() => checkRequestItems(PROV, [t1("STMG"), t1("ST2S"), bt, pro("CAP")]))).toBe("TOO_MANY_INTENTIONS");
    expect(codeOf(() => checkRequestItems(FINAL, []))).toBe("NO_INTENTION");
    expect(mustEnterOneMessage("final")).toBe("Vous devez obligatoirement saisir un choix.");
    expect(requestItemsShape.safeParse(Array.from({ length: 12 }, () => bt)).success).toBe(false);
  });

  it("R-2GT-3: several séries technologiques, but the same série twice is refused", () => {
    expect(checkRequestItems(FINAL, [t1("STMG"), t1("STI2D")]).map((i) => i.subTrack)).toEqual(["STMG", "STI2D"]);
    expect(() => checkRequestItems(FINAL, [t1("STMG"), t1("STMG")])).toThrow(DUPLICATE_TRACK_MESSAGE);
  });
});

describe("R-2GT-5: the stage passerelle", () => {
  it("R-2GT-5: refused where the académie does not allow it (the default), accepted where it does", () => {
    expect(requestItemProblem(FINAL, pro("2PRO", { stagePasserelle: true }))).toBe(STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE);
    expect(requestItemProblem(rules({ phase: "final", allowStagePasserelle: true }), pro("2PRO", { stagePasserelle: true }))).toBeNull();
    expect(codeOf(() => checkRequestItems(FINAL, [pro("2PRO", { stagePasserelle: true })]))).toBe("STAGE_PASSERELLE_NOT_ALLOWED");
  });

  it("R-2GT-5: only with the voie professionnelle, and only in the final phase", () => {
    const allowed = rules({ allowStagePasserelle: true });
    expect(requestItemProblem(allowed, pro("2PRO", { stagePasserelle: true }))).toBe(STAGE_PASSERELLE_ONLY_PRO_MESSAGE);
    expect(requestItemProblem({ ...allowed, phase: "final" }, item({ track: "BT_MUSIQUE", stagePasserelle: true }))).toBe(STAGE_PASSERELLE_ONLY_PRO_MESSAGE);
    expect(requestItemDetailLines(pro("1PRO", { stagePasserelle: true }))).toEqual([STAGE_PASSERELLE_LABEL]);
  });
});

describe("R-INT-5: details of the voie professionnelle (and of 2de pro, CAP after 3e)", () => {
  it("R-INT-5: the voie pro takes a free text and statuses where the académie allows them", () => {
    const detailed = pro("2PRO", { freeText: "Métiers de la relation client", statusSchool: true, statusApprentice: true });
    expect(takesDetails("VOIE_PRO")).toBe(true);
    expect(requestItemProblem(PROV, detailed)).toBeNull();
    expect(requestItemProblem(rules({ allowTrackDetails: false }), detailed)).toBe(DETAILS_NOT_ALLOWED_MESSAGE);
    expect(requestItemProblem(PROV, pro("2PRO", { freeText: "x".repeat(FREE_TEXT_MAX + 1) }))).toBe(FREE_TEXT_TOO_LONG_MESSAGE);
    expect(requestItemDetailLines(detailed)).toEqual([
      "Spécialité(s) ou famille(s) de métiers : Métiers de la relation client",
      "Sous statut d'apprenti",
      "Sous statut scolaire",
    ]);
  });

  it("R-INT-5: other voies take no details (the 2de GT voie of 3e says so in its own words)", () => {
    expect(takesDetails("1G")).toBe(false);
    expect(requestItemProblem(PROV, item({ track: "BT_MUSIQUE", statusSchool: true }))).toBe(NO_DETAILS_MESSAGE);
    expect(requestItemProblem(rules({ level: "3e" }), item({ track: "2GT", freeText: "x" }))).toBe(NO_DETAILS_FOR_2GT_MESSAGE);
    expect(requestItemProblem(rules({ level: "3e" }), item({ track: "CAP", freeText: "Cuisine", statusApprentice: true }))).toBeNull();
    expect(requestItemDetailLines(item({ track: "CAP", freeText: "Cuisine" }))).toEqual(["Spécialité(s) : Cuisine"]);
  });
});

describe("the server's shape of an item", () => {
  it("R-INT-6: a forged field is refused, absent 2de GT fields default to nothing", () => {
    expect(requestItemsShape.safeParse([{ track: "1G", specialties: ["MATHS"], rank: 1 }]).success).toBe(false);
    expect(requestItemsShape.safeParse([{ track: "BT_MUSIQUE", validatedBy: "x" }]).success).toBe(false);
    expect(requestItemsShape.parse([{ track: "BT_MUSIQUE" }])).toEqual([bt]);
    expect(requestItemsShape.safeParse([{ track: "1G", specialties: ["A", "B", "C", "D", "E", "F"] }]).success).toBe(false);
  });
});

describe("the family's entry in progress applies the same rules (R-INT-3, R-2GT-1..3)", () => {
  const limitsOf = (phase: "provisional" | "final") => ({ level: "2GT" as const, phase, max: itemLimits("2GT", phase).max });
  const r = { offeredSpecialties: OFFERED, allowTrackDetails: true, allowStagePasserelle: false };
  const i = (x: RequestItem): Intention => x;

  it("R-2GT-2 / R-INT-3: the editor refuses an incomplete 1re générale and a série twice, and keeps the entry", () => {
    const entry = [i(t1("STMG"))];
    const bad = addIntention(entry, i(g1("MATHS", "PC")), limitsOf("provisional"), r);
    expect(bad).toEqual({ ok: false, message: SPECIALTIES_PROVISIONAL_COUNT_MESSAGE });
    expect(addIntention(entry, i(t1("STMG")), limitsOf("provisional"), r)).toEqual({ ok: false, message: DUPLICATE_TRACK_MESSAGE });
    const ok = addIntention(entry, i(t1("ST2S")), limitsOf("provisional"), r);
    expect(ok.ok).toBe(true);
    // Changing an item into itself is not a duplicate.
    expect(changeIntention(entry, 0, i(t1("STMG")), limitsOf("provisional"), r).ok).toBe(true);
  });

  it("R-2GT-3: the editor allows up to 11 final choices and says so at the 12th", () => {
    let entry: Intention[] = [];
    const all = [...Object.keys(TECHNOLOGICAL_SERIES).map(t1), bt, pro("CAP")];
    for (const x of all.slice(0, 11)) {
      const res = addIntention(entry, i(x), limitsOf("final"), r);
      if (!res.ok) throw new Error(res.message);
      entry = res.entry;
    }
    expect(addIntention(entry, i(pro("1PRO")), limitsOf("final"), r)).toEqual({ ok: false, message: "Vous pouvez saisir jusqu'à 11 choix." });
  });
});
