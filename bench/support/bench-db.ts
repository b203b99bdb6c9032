import pg from "pg";

/*
 * The benchmark's own database (docs/sync.md, « Benchmark »). Its name comes from the environment
 * (BENCH_DB, default `orientation_bench_sync`) and its server from BENCH_PG_URL. The bench never
 * drops a database it did not create: when it creates one, it records so on the database itself
 * (a COMMENT carrying BENCH_DB_MARKER); it drops or recreates a database only when that mark is
 * there, and refuses, with a message saying why, otherwise.
 */

export const BENCH_DB_MARKER = "orientation:bench-sync";
export const DEFAULT_BENCH_DB = "orientation_bench_sync";

/** What the bench may do with a database of that name, given what the server says about it. */
export type BenchDbDecision = { action: "create" } | { action: "recreate" } | { action: "refuse"; reason: string };

/** A plain lower-case identifier: the name goes into CREATE/DROP DATABASE, never anything else. */
export function benchDbNameProblem(name: string): string | null {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) return `BENCH_DB « ${name} » n'est pas un nom de base simple (minuscules, chiffres, _)`;
  return null;
}

/** Pure: the decision for a database that exists (with its comment) or not. */
export function decideBenchDb(name: string, existing: { comment: string | null } | null): BenchDbDecision {
  const problem = benchDbNameProblem(name);
  if (problem) return { action: "refuse", reason: problem };
  if (!existing) return { action: "create" };
  if (existing.comment === BENCH_DB_MARKER) return { action: "recreate" };
  return {
    action: "refuse",
    reason: `la base « ${name} » existe et n'a pas été créée par le banc d'essai (pas de marque ${BENCH_DB_MARKER}) : elle n'est ni vidée ni supprimée. Choisissez un autre nom avec BENCH_DB.`,
  };
}

/** Pure: may the bench drop this database now? Only one it created (its mark is on it). */
export function mayDropBenchDb(name: string, comment: string | null): { ok: true } | { ok: false; reason: string } {
  if (comment === BENCH_DB_MARKER) return { ok: true };
  return { ok: false, reason: `la base « ${name} » n'a pas été créée par le banc d'essai : elle n'est pas supprimée` };
}

export class BenchDbRefused extends Error {}

function urlFor(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function commentOf(c: pg.Client, name: string): Promise<{ comment: string | null } | null> {
  const r = await c.query<{ comment: string | null }>("select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1", [name]);
  return r.rows[0] ?? null;
}

export type BenchDb = { name: string; url: string; drop: () => Promise<void> };

/**
 * Creates the bench's database (or recreates one this bench created before, kept with --keep);
 * refuses any other existing database. `reuse`: keep a marked database as it is (its data included).
 */
export async function openBenchDb(serverUrl: string, name: string, opts: { reuse?: boolean } = {}): Promise<BenchDb & { reused: boolean }> {
  const reused = await withAdmin(serverUrl, async (c) => {
    const decision = decideBenchDb(name, await commentOf(c, name));
    if (decision.action === "refuse") throw new BenchDbRefused(decision.reason);
    if (decision.action === "recreate" && opts.reuse) return true;
    if (decision.action === "recreate") await c.query(`drop database ${name} with (force)`);
    await c.query(`create database ${name}`);
    await c.query(`comment on database ${name} is '${BENCH_DB_MARKER}'`);
    return false;
  });
  return {
    name,
    url: urlFor(serverUrl, name),
    reused,
    drop: () =>
      withAdmin(serverUrl, async (c) => {
        const existing = await commentOf(c, name);
        if (!existing) return;
        const may = mayDropBenchDb(name, existing.comment);
        if (!may.ok) throw new BenchDbRefused(may.reason);
        await c.query(`drop database ${name} with (force)`);
      }),
  };
}
