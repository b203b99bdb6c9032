import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signInThrottles } from "@/lib/db/schema";
import { tooManyAttemptsMessage } from "@/lib/domain/sign-in";

export { tooManyAttemptsMessage };

/*
 * Password sign-in throttling (R-AUTH-2, docs/security-sign-in.md), kept in the database so that
 * every app server sees the same counts.
 *
 * - Per (login, source): an attempt is RESERVED, counted as a failure, before its password is
 *   checked, in one INSERT … ON CONFLICT DO UPDATE … RETURNING: PostgreSQL's row lock serialises
 *   the reservations of one pair, so N parallel attempts check exactly the allowed number. The
 *   4 first failures are free; the 5th reservation locks the pair for 1 minute, the next ones
 *   (each after the previous delay) for 2, 4, 8 … up to 60. A success clears the pair. A refused
 *   attempt (pair locked) is not counted. A pair quiet for 24 hours starts again from zero.
 * - Per login (source "*"): failures from every source in the last hour. Past LOGIN_CEILING, no
 *   source has free failures any more: each failure delays its own source 1, 2, 4 … minutes. It
 *   slows distributed guessing without ever locking the owner's own source out.
 */
export const FREE_FAILURES = 4;
export const LOGIN_CEILING = 20;
export const MAX_LOCK_MINUTES = 60;
const PAIR_QUIET_RESET = "24 hours";
const LOGIN_WINDOW = "1 hour";
const ALL_SOURCES = "*";

/** Minutes a pair is delayed after its `failures`-th failure (the SQL of reserveAttempt computes the same). */
export function lockMinutes(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_FAILURES - 1));
}

function pairKey(login: string, source: string): string {
  return JSON.stringify([login, source]);
}

export type Reservation =
  /** The password may be checked; `lockedMinutes` > 0 when this attempt locked the pair (if it fails). */
  | { checked: true; failures: number; lockedMinutes: number }
  /** Refused without a check: the pair is locked for `minutes` more. */
  | { checked: false; minutes: number };

/** Whether the login is past its ceiling (many failures from every source in the last hour). */
async function loginUnderAttack(db: Db, login: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ failures: signInThrottles.failures })
    .from(signInThrottles)
    .where(
      and(
        eq(signInThrottles.key, pairKey(login, ALL_SOURCES)),
        gt(signInThrottles.lastFailureAt, sql`${now.toISOString()}::timestamptz - interval '${sql.raw(LOGIN_WINDOW)}'`),
      ),
    );
  return (row?.failures ?? 0) >= LOGIN_CEILING;
}

/**
 * Reserves one attempt of `login` from `source`, atomically: counts it as a failure and says
 * whether its password may be checked. Call `clearFailures` when the password was right.
 */
export async function reserveAttempt(db: Db, login: string, source: string, now: Date): Promise<Reservation> {
  const free = (await loginUnderAttack(db, login, now)) ? 0 : FREE_FAILURES;
  const t = sql`${now.toISOString()}::timestamptz`;
  const row = signInThrottles;
  const locked = sql`(${row.lockedUntil} is not null and ${row.lockedUntil} > ${t})`;
  const next = sql`(case when ${row.lastFailureAt} < ${t} - interval '${sql.raw(PAIR_QUIET_RESET)}' then 1 else ${row.failures} + 1 end)`;
  // Integers of our own, written as SQL literals (a bind parameter would compare as text).
  const [f, max] = [sql.raw(String(free)), sql.raw(String(MAX_LOCK_MINUTES))];
  const lockFor = (n: SQL) => sql`(case when ${n} > ${f} then ${t} + make_interval(mins => least(${max}, power(2, ${n} - ${f} - 1))::int) else null end)`;
  const [r] = await db
    .insert(signInThrottles)
    .values({ key: pairKey(login, source), login, source, failures: 1, lastFailureAt: now, lockedUntil: lockFor(sql.raw("1")), lastAttemptChecked: true })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: sql`case when ${locked} then ${row.failures} else ${next} end`,
        lastFailureAt: sql`case when ${locked} then ${row.lastFailureAt} else ${t} end`,
        lockedUntil: sql`case when ${locked} then ${row.lockedUntil} else ${lockFor(next)} end`,
        lastAttemptChecked: sql`not ${locked}`,
      },
    })
    .returning({ failures: row.failures, lockedUntil: row.lockedUntil, checked: row.lastAttemptChecked });
  const minutesLeft = r!.lockedUntil ? minutesUntil(r!.lockedUntil, now) : 0;
  if (!r!.checked) return { checked: false, minutes: Math.max(1, minutesLeft) };
  return { checked: true, failures: r!.failures, lockedMinutes: minutesLeft };
}

/** A checked password was wrong: counts it for the login's ceiling (every source together). */
export async function recordLoginFailure(db: Db, login: string, now: Date): Promise<void> {
  const t = sql`${now.toISOString()}::timestamptz`;
  await db
    .insert(signInThrottles)
    .values({ key: pairKey(login, ALL_SOURCES), login, source: ALL_SOURCES, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: sql`case when ${signInThrottles.lastFailureAt} < ${t} - interval '${sql.raw(LOGIN_WINDOW)}' then 1 else ${signInThrottles.failures} + 1 end`,
        lastFailureAt: now,
      },
    });
}

/** Minutes the pair (login, source) is still locked, 0 when it may try. */
export async function lockedFor(db: Db, login: string, source: string, now: Date): Promise<number> {
  const [row] = await db
    .select()
    .from(signInThrottles)
    .where(eq(signInThrottles.key, pairKey(login, source)));
  if (!row?.lockedUntil || row.lockedUntil <= now) return 0;
  return Math.max(1, minutesUntil(row.lockedUntil, now));
}

/** A right password: the pair starts again from zero (the login's ceiling count stays). */
export async function clearFailures(db: Db, login: string, source: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, pairKey(login, source)));
}

/**
 * Whole minutes left until `until`, rounded up, ignoring up to a second: parallel attempts each
 * read the clock when they arrive, so one that arrived a few milliseconds before the attempt that
 * set a 1-minute lock would otherwise be told «2 minutes».
 */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(0, Math.ceil((until.getTime() - now.getTime() - 1000) / 60_000));
}
