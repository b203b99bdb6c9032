import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgTransaction } from "drizzle-orm/pg-core";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
// Typed as the node-postgres flavour: `execute()` gives `{ rows }` on both drivers (PGlite's
// results have the same shape), which is all the code relies on.
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction. */
export type Queryable = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  /** The pg pool (PostgreSQL only), for session-level advisory locks. */
  pool?: import("pg").Pool;
  close: () => Promise<void>;
};

/** The PostgreSQL error code (SQLSTATE) of an error or of one of its causes (drizzle wraps the driver's error). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && typeof e === "object" && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Opens the database: a PostgreSQL server when a URL is given (pg pool), else the embedded
 * PGlite under `dir` (ONE process per data directory: see docs/decisions/002).
 */
export async function openDatabase(opts: { url?: string; pgliteDir?: string; poolSize?: number }): Promise<DbHandle> {
  if (opts.url) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new Pool({ connectionString: opts.url, max: Math.max(2, opts.poolSize ?? 10), connectionTimeoutMillis: 5000 }); // ≥ 2: migrations hold one for their lock
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    try {
      const c = await pool.connect();
      c.release();
    } catch (err) {
      await pool.end().catch(() => {});
      const where = safeUrl(opts.url);
      throw new DatabaseUnavailableError(
        `La base de données PostgreSQL (${where}) ne répond pas : ${(err as Error).message}. Vérifiez DATABASE_URL et que le serveur est démarré.`,
        { cause: err },
      );
    }
    const db = drizzle(pool, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ opts.pgliteDir ?? ".data/pglite");
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let client: InstanceType<typeof PGlite>;
  try {
    client = new PGlite(dir);
    await client.waitReady;
  } catch (err) {
    throw new DatabaseUnavailableError(`La base embarquée (${dir}) ne s'ouvre pas : ${(err as Error).message}. Un autre processus l'utilise peut-être.`, {
      cause: err,
    });
  }
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "URL illisible";
  }
}
