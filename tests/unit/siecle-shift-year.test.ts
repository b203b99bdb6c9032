import { describe, expect, it } from "vitest";
import { shiftExportsToYear } from "@/lib/domain/siecle/shift-year";
import type { SiecleExport } from "@/lib/domain/siecle/types";

const header = { uai: "0381234A", schoolYear: "2026-2027", exportedAt: null, fileName: "ElevesSansAdresses.xml" };
const eleves: SiecleExport = {
  ...header,
  kind: "eleves",
  students: [
    {
      siecleId: "1",
      ine: "0117086467W",
      lastName: "N'Diaye",
      firstName: "Inès",
      birthDate: "2012-02-29",
      mefCode: "10310019110",
      divisionCode: "3A",
      enteredOn: "2023-09-01",
      leftOn: null,
      line: 12,
    },
  ],
};

describe("the demo's sample exports in the demo's school year (R-DATA-1)", () => {
  it("R-DATA-1: every date moves by the same number of years; 29 February becomes the 28th outside leap years", () => {
    const [moved] = shiftExportsToYear([eleves], "2029-2030");
    expect(moved!.schoolYear).toBe("2029-2030");
    expect(moved!.kind === "eleves" && moved!.students[0]).toMatchObject({
      birthDate: "2015-02-28",
      enteredOn: "2026-09-01",
      leftOn: null,
      lastName: "N'Diaye",
    });
    const [leap] = shiftExportsToYear([eleves], "2030-2031");
    expect(leap!.kind === "eleves" && leap!.students[0]!.birthDate).toBe("2016-02-29");
  });
  it("R-DATA-1: the export's own year is kept as it is", () => {
    expect(shiftExportsToYear([eleves], "2026-2027")[0]).toBe(eleves);
  });
});
