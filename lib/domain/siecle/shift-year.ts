import type { SiecleExport } from "./types";

/** "2027-02-29" can only be shifted to a leap year: elsewhere it becomes the 28th. */
function shiftDay(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The demo's sample exports (demo-data/siecle/, written for one school year) moved to the school
 * year the demo runs in: the same people, every date (birth, entry, leaving) the same number of
 * years later, so a 3e student is 14-15 whatever year it is. Demo only: a real export is imported
 * as it comes.
 */
export function shiftExportsToYear(exports: readonly SiecleExport[], schoolYear: string): SiecleExport[] {
  return exports.map((e) => {
    const years = Number(schoolYear.slice(0, 4)) - Number(e.schoolYear.slice(0, 4));
    if (years === 0) return e;
    const header = { ...e, schoolYear };
    if (e.kind !== "eleves") return header;
    return {
      ...header,
      kind: "eleves",
      students: e.students.map((s) => ({
        ...s,
        birthDate: shiftDay(s.birthDate, years),
        enteredOn: s.enteredOn && shiftDay(s.enteredOn, years),
        leftOn: s.leftOn && shiftDay(s.leftOn, years),
      })),
    };
  });
}
