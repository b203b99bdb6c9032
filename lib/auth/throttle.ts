import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signInThrottles } from "@/lib/db/schema";

/*
 * Password sign-in throttling per login: from the 5th failure in a row the login is locked, for
 * 1 minute, then 2, 4, … up to 60. A success clears it. Kept in the database so that every app
 * server sees the same count.
 */
export const FREE_FAILURES = 4;

export function lockMinutes(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(60, 2 ** (failures - FREE_FAILURES - 1));
}

export async function lockedFor(db: Db, key: string, now: Date): Promise<number> {
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
  if (!row?.lockedUntil || row.lockedUntil <= now) return 0;
  return Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000);
}

export async function recordFailure(db: Db, key: string, now: Date): Promise<void> {
  const [row] = await db
    .insert(signInThrottles)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: signInThrottles.key, set: { failures: sql`${signInThrottles.failures} + 1`, lastFailureAt: now } })
    .returning();
  const minutes = lockMinutes(row!.failures);
  if (minutes > 0) {
    await db
      .update(signInThrottles)
      .set({ lockedUntil: new Date(now.getTime() + minutes * 60_000) })
      .where(eq(signInThrottles.key, key));
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

export function tooManyAttemptsMessage(minutes: number): string {
  return `Trop de tentatives de connexion infructueuses. Pour votre sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}
