import { getDb } from "@/lib/db";
import { checkDatabaseHealth, type Health } from "@/lib/db/health";

export type { Health } from "@/lib/db/health";

/**
 * `GET /api/health` (docs/operations.md): public by design (load balancers call it without a
 * session), it says only whether this instance can serve: the database answers and its
 * migrations are current. No personal data, nothing about the configuration.
 */
export async function loadHealth(): Promise<Health> {
  try {
    return await checkDatabaseHealth(await getDb());
  } catch {
    return { ok: false, database: "injoignable", migrations: null };
  }
}
