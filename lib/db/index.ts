import { env } from "@/lib/env";
import { openDatabase, type Db, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";

/*
 * The app's database, opened lazily once per process (never at import time, so `next build`
 * does not open it) and migrated on first use. Its pg pool holds DATABASE_POOL_SIZE connections at
 * most (docs/production.md, « Connexions »).
 */
const g = globalThis as unknown as { __orientationDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  g.__orientationDb ??= (async () => {
    const e = env();
    const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolSize: e.DATABASE_POOL_SIZE });
    await migrateDatabase(handle);
    return handle;
  })().catch((err) => {
    g.__orientationDb = undefined; // let the next request try again
    throw err;
  });
  return g.__orientationDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export type { Db, Tx, Queryable } from "./client";
