import { isStrictDateTime } from "./inputs";

/**
 * Dates shown and computed in Europe/Paris (R-CAL-1). The UTC trap: 23:30 UTC on the 1st is
 * already the 2nd in Paris, so "the same day" and "the day after" are never computed in UTC.
 */
export const PARIS = "Europe/Paris";

const dayKeyFmt = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS, year: "numeric", month: "2-digit", day: "2-digit" });
const dateFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, hour: "2-digit", minute: "2-digit", hour12: false });

/** "2026-11-23": the calendar day in Paris. */
export function parisDayKey(d: Date): string {
  return dayKeyFmt.format(d);
}

/** "23/11/2026" */
export function formatParisDate(d: Date): string {
  return dateFmt.format(d);
}

/** "09:05" */
export function formatParisTime(d: Date): string {
  return timeFmt.format(d).replace(" h ", ":");
}

/** "23/11/2026 à 09:05" */
export function formatParisDateTime(d: Date): string {
  return `${formatParisDate(d)} à ${formatParisTime(d)}`;
}

/** A wall-clock reading (year, month 1–12, day, hour 0–23, minute, second) in a time zone. */
export type WallClock = { y: number; mo: number; d: number; h: number; mi: number; s: number };

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** What a clock on the wall of `timeZone` shows at instant d. */
export function wallClock(d: Date, timeZone: string = PARIS): WallClock {
  let f = wallFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute"), s: get("second") };
}

/** The offset of Paris from UTC at instant d, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(d: Date): number {
  const w = wallClock(d);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60000);
}

/** The instant of a Paris wall-clock date-time ("2026-11-23", "02:00"). */
export function parisDateTime(day: string, time = "00:00"): Date {
  const [y, m, dd] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = new Date(Date.UTC(y, m - 1, dd, hh, mm));
  // Two passes settle the offset on both sides of a DST change.
  let t = new Date(guess.getTime() - parisOffsetMinutes(guess) * 60000);
  t = new Date(guess.getTime() - parisOffsetMinutes(t) * 60000);
  return t;
}

/** The Paris day after `day` ("2026-11-23" → "2026-11-24"). */
export function nextParisDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/** Value for an <input type="datetime-local"> showing d in Paris time: "2026-11-23T09:05". */
export function toParisInputValue(d: Date): string {
  return `${parisDayKey(d)}T${formatParisTime(d)}`;
}

/**
 * Inverse of toParisInputValue. Returns null for an unreadable value, and for a day or time that
 * does not exist ("2026-02-30T10:00", "2026-13-45T25:61"): strict, never rolled over (lib/domain/inputs.ts).
 */
export function fromParisInputValue(v: string): Date | null {
  if (!isStrictDateTime(v)) return null;
  return parisDateTime(v.slice(0, 10), v.slice(11, 16));
}
