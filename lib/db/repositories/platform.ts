import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { academies, accounts, schools, syncRuns } from "../schema";

/* The platform at a glance, for the administrators. */

/** The admin home: the platform's académies, schools and accounts, and the last transfers. */
export async function findPlatformSummary(q: Queryable) {
  const [acads, schoolCount, accountCounts, runs] = await Promise.all([
    q
      .select({ id: academies.id, name: academies.name, schools: sql<number>`(select count(*) from ${schools} s where s.academy_id = "academies"."id")::int` })
      .from(academies)
      .orderBy(asc(academies.name)),
    q.select({ n: count() }).from(schools),
    q.select({ role: accounts.role, n: count() }).from(accounts).where(eq(accounts.disabled, false)).groupBy(accounts.role),
    q.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(5),
  ]);
  return { academies: acads, schools: schoolCount[0]?.n ?? 0, accounts: accountCounts, runs };
}
