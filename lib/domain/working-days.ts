/*
 * R-FIN-11: «jours ouvrables», the unit of the appeal deadline (docs/decisions/009-decisions-and-appeal-deadline.md).
 * A jour ouvrable is any day from Monday to Saturday that is not a French public holiday
 * (Code du travail, art. L3133-1: 1er janvier, lundi de Pâques, 1er mai, 8 mai, Ascension, lundi de
 * Pentecôte, 14 juillet, 15 août, 1er novembre, 11 novembre, 25 décembre). Sundays never count.
 * The deadline runs from the day of receipt, which does not count: with 3 days, a notice received
 * on a Friday can be appealed until the Tuesday (Saturday, Monday, Tuesday).
 *
 * Days are calendar days in Europe/Paris, written "YYYY-MM-DD"; the arithmetic is done on UTC
 * dates of those strings, so no clock change can move a day.
 */

export type IsoDay = string;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(day: IsoDay): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`Not a day: ${day}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (fromUtc(t) !== day) throw new RangeError(`Not a day: ${day}`);
  return t;
}

function fromUtc(t: number): IsoDay {
  return new Date(t).toISOString().slice(0, 10);
}

export function isIsoDay(v: string): boolean {
  try {
    toUtc(v);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: IsoDay, n: number): IsoDay {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtc(Date.UTC(year, month - 1, dayOfMonth));
}

export type PublicHoliday = { day: IsoDay; name: string };

/** The eleven French public holidays of a year (metropolitan France), in calendar order. */
export function frenchPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const y = String(year).padStart(4, "0");
  const list: PublicHoliday[] = [
    { day: `${y}-01-01`, name: "Jour de l'an" },
    { day: addDays(easter, 1), name: "Lundi de Pâques" },
    { day: `${y}-05-01`, name: "Fête du travail" },
    { day: `${y}-05-08`, name: "Victoire 1945" },
    { day: addDays(easter, 39), name: "Ascension" },
    { day: addDays(easter, 50), name: "Lundi de Pentecôte" },
    { day: `${y}-07-14`, name: "Fête nationale" },
    { day: `${y}-08-15`, name: "Assomption" },
    { day: `${y}-11-01`, name: "Toussaint" },
    { day: `${y}-11-11`, name: "Armistice 1918" },
    { day: `${y}-12-25`, name: "Noël" },
  ];
  return list.sort((p, q) => p.day.localeCompare(q.day));
}

const holidayCache = new Map<number, Set<IsoDay>>();

export function isPublicHoliday(day: IsoDay): boolean {
  const year = Number(day.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(frenchPublicHolidays(year).map((h) => h.day));
    holidayCache.set(year, set);
  }
  return set.has(day);
}

/** Monday to Saturday, and not a public holiday. */
export function isWorkingDay(day: IsoDay): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay(); // 0 = Sunday
  return weekday !== 0 && !isPublicHoliday(day);
}

/** The n-th jour ouvrable after `from` (`from` itself never counts), n ≥ 1. */
export function addWorkingDays(from: IsoDay, n: number): IsoDay {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Working days must be a positive integer: ${n}`);
  let day = from;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** R-FIN-11: the last day to appeal a decision whose notice was received on `receivedOn`. */
export function appealDeadline(receivedOn: IsoDay, workingDays: number): IsoDay {
  return addWorkingDays(receivedOn, workingDays);
}

/**
 * The jours ouvrables left to act, up to and including `deadline`: from `today` when it is one,
 * but never counting the day of receipt (`receivedOn`), which the deadline does not count either:
 * 3 on the day a 3-day notice arrives, 1 on the last day, 0 once it has passed.
 */
export function workingDaysLeft(today: IsoDay, deadline: IsoDay, receivedOn: IsoDay | null = null): number {
  if (today > deadline) return 0;
  const first = receivedOn !== null && today <= receivedOn ? addDays(receivedOn, 1) : today;
  let n = 0;
  for (let day = first; day <= deadline; day = addDays(day, 1)) if (isWorkingDay(day)) n++;
  return n;
}
