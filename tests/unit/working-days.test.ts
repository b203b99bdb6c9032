import { describe, expect, it } from "vitest";
import { addWorkingDays, appealDeadline, easterSunday, frenchPublicHolidays, isIsoDay, isWorkingDay, workingDaysLeft } from "@/lib/domain/working-days";

describe("R-FIN-11: jours ouvrables", () => {
  it("R-FIN-11: Easter Sunday of known years (the base of the movable holidays)", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2028)).toBe("2028-04-16");
    expect(easterSunday(2038)).toBe("2038-04-25"); // the latest possible date
    expect(easterSunday(2285)).toBe("2285-03-22"); // the earliest possible date
  });

  it("R-FIN-11: every French public holiday of 2027", () => {
    expect(frenchPublicHolidays(2027)).toEqual([
      { day: "2027-01-01", name: "Jour de l'an" },
      { day: "2027-03-29", name: "Lundi de Pâques" },
      { day: "2027-05-01", name: "Fête du travail" },
      { day: "2027-05-06", name: "Ascension" },
      { day: "2027-05-08", name: "Victoire 1945" },
      { day: "2027-05-17", name: "Lundi de Pentecôte" },
      { day: "2027-07-14", name: "Fête nationale" },
      { day: "2027-08-15", name: "Assomption" },
      { day: "2027-11-01", name: "Toussaint" },
      { day: "2027-11-11", name: "Armistice 1918" },
      { day: "2027-12-25", name: "Noël" },
    ]);
  });

  it("R-FIN-11: every French public holiday of 2028", () => {
    expect(frenchPublicHolidays(2028).map((h) => h.day)).toEqual([
      "2028-01-01",
      "2028-04-17",
      "2028-05-01",
      "2028-05-08",
      "2028-05-25",
      "2028-06-05",
      "2028-07-14",
      "2028-08-15",
      "2028-11-01",
      "2028-11-11",
      "2028-12-25",
    ]);
  });

  it("R-FIN-11: no holiday of 2027 or 2028 is a jour ouvrable; the days around them are (Monday to Saturday)", () => {
    for (const year of [2027, 2028]) {
      for (const h of frenchPublicHolidays(year)) expect(isWorkingDay(h.day), h.day).toBe(false);
    }
    expect(isWorkingDay("2027-03-27")).toBe(true); // Saturday before Easter
    expect(isWorkingDay("2027-03-28")).toBe(false); // Easter Sunday
    expect(isWorkingDay("2027-03-30")).toBe(true); // Tuesday after Easter Monday
  });

  it("R-FIN-11: a Saturday counts, a Sunday does not", () => {
    expect(isWorkingDay("2027-06-12")).toBe(true); // Saturday
    expect(isWorkingDay("2027-06-13")).toBe(false); // Sunday
    // Received Wednesday 9 June 2027: Thursday, Friday, Saturday → the deadline is the Saturday.
    expect(appealDeadline("2027-06-09", 3)).toBe("2027-06-12");
  });

  it("R-FIN-11: the day of receipt does not count; a notice received on a Friday ends on the Tuesday", () => {
    // Friday 11 June 2027: Saturday 12 (1), Sunday skipped, Monday 14 (2), Tuesday 15 (3).
    expect(appealDeadline("2027-06-11", 3)).toBe("2027-06-15");
  });

  it("R-FIN-11: a notice received on a Saturday ends on the Wednesday", () => {
    // Saturday 12 June 2027: Sunday skipped, Monday 14 (1), Tuesday 15 (2), Wednesday 16 (3).
    expect(appealDeadline("2027-06-12", 3)).toBe("2027-06-16");
  });

  it("R-FIN-11: a deadline spanning Ascension (and 8 May on a Saturday) skips both", () => {
    // Tuesday 4 May 2027: Wednesday 5 (1), Thursday 6 Ascension, Friday 7 (2), Saturday 8 May holiday, Sunday, Monday 10 (3).
    expect(appealDeadline("2027-05-04", 3)).toBe("2027-05-10");
    // Wednesday 24 May 2028: Thursday 25 Ascension, Friday 26 (1), Saturday 27 (2), Sunday, Monday 29 (3).
    expect(appealDeadline("2028-05-24", 3)).toBe("2028-05-29");
  });

  it("R-FIN-11: Easter Monday and Whit Monday are skipped", () => {
    // Saturday 27 March 2027: Sunday, Easter Monday 29, Tuesday 30 (1), Wednesday 31 (2), Thursday 1 April (3).
    expect(appealDeadline("2027-03-27", 3)).toBe("2027-04-01");
    // Friday 2 June 2028: Saturday 3 (1), Sunday, Whit Monday 5, Tuesday 6 (2), Wednesday 7 (3).
    expect(appealDeadline("2028-06-02", 3)).toBe("2028-06-07");
  });

  it("R-FIN-11: the académie's number of days is used, across a year's end", () => {
    expect(appealDeadline("2027-12-24", 1)).toBe("2027-12-27"); // 25 December (Saturday) is a holiday, 26 a Sunday
    expect(appealDeadline("2027-12-30", 5)).toBe("2028-01-06"); // 31 (1), 1 January holiday, 2 Sunday, 3, 4, 5, 6
    expect(() => addWorkingDays("2027-06-11", 0)).toThrow(RangeError);
  });

  it("R-FIN-11: the jours ouvrables left count today and the last day, never the day of receipt, 0 once passed", () => {
    expect(workingDaysLeft("2027-06-11", "2027-06-15", "2027-06-11")).toBe(3); // received this Friday: Saturday, Monday, Tuesday
    expect(workingDaysLeft("2027-06-10", "2027-06-15", "2027-06-11")).toBe(3); // a paper notice dated ahead counts from its day
    expect(workingDaysLeft("2027-06-14", "2027-06-15", "2027-06-11")).toBe(2);
    expect(workingDaysLeft("2027-06-11", "2027-06-15")).toBe(4); // Friday, Saturday, Monday, Tuesday
    expect(workingDaysLeft("2027-06-13", "2027-06-15")).toBe(2); // Sunday does not count
    expect(workingDaysLeft("2027-06-15", "2027-06-15")).toBe(1); // the last day
    expect(workingDaysLeft("2027-06-16", "2027-06-15")).toBe(0);
  });

  it("R-FIN-11: days are calendar strings: no clock change moves them, bad ones are refused", () => {
    // The last Sunday of October 2027 (clocks go back) and of March 2028 (forward) are plain Sundays.
    expect(appealDeadline("2027-10-30", 1)).toBe("2027-11-02"); // Sunday 31, Monday 1 November holiday, Tuesday 2
    expect(appealDeadline("2028-03-25", 1)).toBe("2028-03-27");
    expect(isIsoDay("2027-02-29")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(() => appealDeadline("15/06/2027", 3)).toThrow(RangeError);
  });
});
