import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

/*
 * Real PostgreSQL for db tests. Each test file gets its own database, cloned from a migrated
 * template (fast), and dropped at the end. TEST_PG_URL names the server (default: the local
 * one, trust auth); TEST_DB_PREFIX keeps parallel runs (CI, developers) apart.
 */
const serverUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const prefix = process.env.TEST_DB_PREFIX ?? "orientation_test";

function urlFor(database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let templateReady: Promise<string> | undefined;

/** Creates (once per process) a migrated template database; its name includes the migrations' state. */
async function ensureTemplate(): Promise<string> {
  templateReady ??= (async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const crypto = await import("node:crypto");
    const dir = path.join(process.cwd(), "lib/db/migrations");
    const h = crypto.createHash("sha1");
    for (const f of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort())
      h.update(fs.readFileSync(path.join(dir, f)));
    const name = `${prefix}_tpl_${h.digest("hex").slice(0, 10)}`;
    await admin(async (c) => {
      // Serialise template creation between parallel test workers.
      await c.query("select pg_advisory_lock(7426002)");
      try {
        const exists = await c.query("select 1 from pg_database where datname = $1", [name]);
        if (exists.rowCount === 0) {
          // Built under another name and renamed when complete, so a failed build leaves no template.
          const building = `${name}_building`;
          await c.query(`drop database if exists "${building}"`);
          await c.query(`create database "${building}"`);
          const handle = await openDatabase({ url: urlFor(building), poolSize: 1 });
          try {
            await migrateDatabase(handle);
          } finally {
            await handle.close();
          }
          await c.query(`alter database "${building}" rename to "${name}"`);
        }
      } finally {
        await c.query("select pg_advisory_unlock(7426002)");
      }
    });
    return name;
  })();
  return templateReady;
}

export type TestDb = DbHandle & { url: string; name: string; drop: () => Promise<void> };

export async function createTestDb(opts: { poolSize?: number } = {}): Promise<TestDb> {
  const template = await ensureTemplate();
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin(async (c) => {
    await c.query("select pg_advisory_lock(7426002)"); // CREATE ... TEMPLATE needs the template idle
    try {
      await c.query(`create database "${name}" template "${template}"`);
    } finally {
      await c.query("select pg_advisory_unlock(7426002)");
    }
  });
  const url = urlFor(name);
  const handle = await openDatabase({ url, poolSize: opts.poolSize ?? 5 });
  return {
    ...handle,
    url,
    name,
    drop: async () => {
      await handle.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
