import path from "node:path";
import type { DbHandle } from "./client";

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/migrations");

/**
 * Applies the committed migrations. On PostgreSQL a session advisory lock, held on its own
 * connection, makes several app servers starting together apply them one after the other.
 */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres" && handle.pool) {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const lockClient = await handle.pool.connect();
    try {
      await lockClient.query("select pg_advisory_lock(7426001)");
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migrate(handle.db as any, { migrationsFolder });
    } finally {
      await lockClient.query("select pg_advisory_unlock(7426001)").catch(() => {});
      lockClient.release();
    }
    return;
  }
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  await migrate(handle.db as any, { migrationsFolder });
}
