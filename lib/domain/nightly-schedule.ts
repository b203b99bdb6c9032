import { wallClock, type WallClock } from "./paris-time";
import { nightRunKey } from "./transfer-runs";

/*
 * R-SYNC-4: which night of the transfer is due (docs/operations.md). Pure: the worker checks every
 * minute, and at its start, and runs the night this says is due when its run key is not done.
 *
 * - The scheduled instant of a day is its local time (SYNC_CRON's minute and hour) in the schedule's
 *   time zone. A local time that does not exist (02:00 on Sunday 28 March 2027 in Paris: the clocks
 *   go from 02:00 to 03:00) maps to the first instant after it (03:00 CEST, 01:00 UTC); an
 *   ambiguous one (02:00 on Sunday 31 October 2027 happens twice) is its first occurrence, and the
 *   night runs once because its run key is the day.
 * - The due night is the latest scheduled instant at or before `now`, if it is later than `since`
 *   (the cut-off of the last night on record, or the worker's start when no night ever ran: a fresh
 *   database does not run a night at once, it waits for its first one).
 */

export type DailyTime = { hour: number; minute: number };

/** The daily time of a cron expression "m h * * *" (what SYNC_CRON may be), or null. */
export function dailyTimeOfCron(cron: string): DailyTime | null {
  const m = /^\s*(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*\s*$/.exec(cron);
  if (!m) return null;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  if (minute > 59 || hour > 23) return null;
  return { hour, minute };
}

/** "Planification invalide" message for a SYNC_CRON that is not one time a day. */
export function invalidScheduleMessage(cron: string): string {
  return `SYNC_CRON doit être une heure quotidienne « minute heure * * * » (ex. « 0 2 * * * » pour 02:00) : « ${cron} » ne l'est pas.`;
}

type Wall = Pick<WallClock, "y" | "mo" | "d" | "h" | "mi">;

function wallOf(t: number, tz: string): Wall {
  return wallClock(new Date(t), tz);
}

/** Minutes since the epoch of a wall-clock time read as if it were UTC: comparable wall times. */
function wallMinutes(w: Wall): number {
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) / 60_000;
}

/** The local day "2027-03-28" of instant t in tz. */
export function localDay(t: Date, tz: string): string {
  const w = wallOf(t.getTime(), tz);
  return `${w.y}-${String(w.mo).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

/**
 * The instant of a local day and time in tz: the first instant showing that wall time; when none
 * does (a spring-forward gap), the first instant after it.
 */
export function zonedInstant(day: string, time: DailyTime, tz: string): Date {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const target = Date.UTC(y, mo - 1, d, time.hour, time.minute) / 60_000;
  const offsetAt = (minute: number) => wallMinutes(wallOf(minute * 60_000, tz)) - minute;
  // The zone's offsets around that day (a change of offset happens at most once or twice a year).
  const offsets = [...new Set([offsetAt(target - 24 * 60), offsetAt(target), offsetAt(target + 24 * 60)])];
  const matches = offsets.map((o) => target - o).filter((m) => wallMinutes(wallOf(m * 60_000, tz)) === target);
  if (matches.length) return new Date(Math.min(...matches) * 60_000);
  // A gap: the first instant after the missing local time, i.e. the moment the clocks jumped.
  let lo = target - Math.max(...offsets);
  let hi = target - Math.min(...offsets);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMinutes(wallOf(mid * 60_000, tz)) > target) hi = mid;
    else lo = mid;
  }
  return new Date(hi * 60_000);
}

/** The previous local day ("2027-03-28" → "2027-03-27"). */
function previousDay(day: string): string {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d - 1)).toISOString().slice(0, 10);
}

/** The latest scheduled instant at or before now. */
export function latestScheduledNight(now: Date, time: DailyTime, tz: string): Date {
  const today = zonedInstant(localDay(now, tz), time, tz);
  return today.getTime() <= now.getTime() ? today : zonedInstant(previousDay(localDay(now, tz)), time, tz);
}

export type DueNight = { runKey: string; asOf: Date };

/**
 * R-SYNC-4: the night to run at `now`, or null. `since`: the cut-off of the last night on record,
 * or the worker's start when there is none. The night's cut-off is its scheduled instant (a night
 * caught up at 09:00 carries what was validated before 02:00, as it would have at 02:00).
 */
export function dueNight(now: Date, time: DailyTime, tz: string, since: Date): DueNight | null {
  const at = latestScheduledNight(now, time, tz);
  if (at.getTime() <= since.getTime()) return null;
  return { runKey: nightRunKey(at), asOf: at };
}
