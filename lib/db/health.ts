import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { pgErrorCode, type Queryable } from "./client";
import { migrationsFolder } from "./migrate";

/*
 * docs/operations.md: what `GET /api/health` checks, for load balancers. Cheap (one query on a
 * five-row table), no personal data: the database answers, and every migration of
 * lib/db/migrations is applied (the hashes drizzle's migrator records in drizzle.__drizzle_migrations).
 */

export type Health = {
  ok: boolean;
  database: "ok" | "injoignable";
  migrations: { expected: number; applied: number; missing: number } | null;
};

let expectedHashes: string[] | undefined;
/** The committed migrations' hashes, read once per process (they do not change while it runs). */
function expected(): string[] {
  expectedHashes ??= readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
  return expectedHashes;
}

/** The health of the database behind `q`: reachable within `timeoutMs`, its migrations current. */
export async function checkDatabaseHealth(q: Queryable, timeoutMs = 3000): Promise<Health> {
  const want = expected();
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = (await Promise.race([
      q.execute(sql`select hash from drizzle.__drizzle_migrations`),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("délai dépassé")), timeoutMs);
      }),
    ])) as unknown as { rows: { hash: string }[] };
    const applied = new Set(res.rows.map((r) => r.hash));
    const missing = want.filter((h) => !applied.has(h)).length;
    return { ok: missing === 0, database: "ok", migrations: { expected: want.length, applied: want.length - missing, missing } };
  } catch (err) {
    // The table itself missing (a database never migrated) is "reachable, nothing applied".
    if (pgErrorCode(err) === "42P01") return { ok: false, database: "ok", migrations: { expected: want.length, applied: 0, missing: want.length } };
    return { ok: false, database: "injoignable", migrations: null };
  } finally {
    clearTimeout(timer);
  }
}
