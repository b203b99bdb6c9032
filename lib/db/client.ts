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
    const counter = statementCounter();
    if (counter) pool.on("connect", (client) => countStatementsOf(client, counter));
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

/*
 * The SQL statement counter of `npm run bench:web` (docs/performance.md): off unless
 * SQL_STATEMENT_COUNTER=true, and then one increment per statement. Every statement a pool client
 * sends counts, BEGIN and COMMIT included, a named prepared statement once per execution:
 * `pool.query` runs on a client's `query`, so counting there counts everything exactly once. On
 * SIGUSR2 the process writes `[sql-count] {"pid":…,"statements":…}` as one line on stdout (the
 * bench signals before and after K requests: statements per request = difference / K). The count
 * lives on globalThis: Next.js bundles this module more than once (instrumentation, routes).
 */
type StatementCounter = { statements: number };

function statementCounter(): StatementCounter | null {
  if (process.env.SQL_STATEMENT_COUNTER !== "true") return null;
  const g = globalThis as unknown as { __orientationSqlStatements?: StatementCounter };
  if (!g.__orientationSqlStatements) {
    const counter: StatementCounter = { statements: 0 };
    g.__orientationSqlStatements = counter;
    process.on("SIGUSR2", () => process.stdout.write(`[sql-count] ${JSON.stringify({ pid: process.pid, statements: counter.statements })}\n`));
  }
  return g.__orientationSqlStatements;
}

function countStatementsOf(client: import("pg").PoolClient, counter: StatementCounter): void {
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    counter.statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof client.query;
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "URL illisible";
  }
}
