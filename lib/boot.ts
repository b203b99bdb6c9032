import { getDbHandle } from "@/lib/db";
import type { Queryable } from "@/lib/db/client";
import { DatabaseUnavailableError } from "@/lib/db/client";
import { claimPgliteDir } from "@/lib/db/pglite-guard";
import { countDemoAccounts } from "@/lib/db/repositories/accounts";
import { demoAccountsOutsideDemoMessage } from "@/lib/domain/accounts";
import { ConfigurationError, env, type Env } from "@/lib/env";

/*
 * What the server checks when it starts (instrumentation.ts), before it serves anything
 * (docs/production.md): the configuration (lib/env.ts), the database (reachable, migrated) and
 * that no demo account is present outside demo mode. A refusal is one French paragraph on stderr
 * and exit code 1: never a listening server that answers 500 to everything.
 */

/** The database's refusal, or null: demo accounts are served only in demo mode. */
export async function demoAccountsProblem(q: Queryable, e: Pick<Env, "DEMO_MODE">): Promise<string | null> {
  if (e.DEMO_MODE) return null;
  const n = await countDemoAccounts(q);
  return n > 0 ? demoAccountsOutsideDemoMessage(n) : null;
}

/** The start-up checks; the French reason to refuse to start, or null. */
export async function bootProblem(): Promise<string | null> {
  let e: Env;
  try {
    e = env();
  } catch (err) {
    if (err instanceof ConfigurationError) return `${err.message}\nLe serveur ne démarre pas (voir la section Configuration du README).`;
    throw err;
  }
  try {
    // PGlite: one process per data directory (docs/decisions/002); claimed before it is opened.
    if (!e.DATABASE_URL) claimPgliteDir(e.PGLITE_DIR);
    const handle = await getDbHandle();
    return await demoAccountsProblem(handle.db, e);
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) return `${err.message}\nLe serveur ne démarre pas.`;
    return `Le serveur ne démarre pas : la base de données n'a pas pu être ouverte ni migrée (${(err as Error).message}).`;
  }
}

/** Runs the start-up checks and ends the process with exit code 1 on a refusal. */
export async function bootOrExit(): Promise<void> {
  const problem = await bootProblem();
  if (!problem) return;
  process.stderr.write(`\n✖ ${problem}\n\n`);
  process.exit(1);
}
