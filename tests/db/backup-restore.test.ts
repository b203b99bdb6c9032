import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed";
import { seedCampaign } from "../support/campaign";
import { queueSampleEmail } from "../support/outbox-sample";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * docs/operations.md: `npm run db:backup` / `npm run db:restore`, the real scripts with the
 * databases' own tools (pg_dump/pg_restore; PGlite's dumpDataDir/loadDataDir). A backup taken in
 * the middle of the demo campaign, restored into a fresh database, holds every row of every table.
 */

const serverUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const prefix = process.env.TEST_DB_PREFIX ?? "orientation_test";
const NOW = new Date("2026-11-23T09:00:00Z");

type Q = { execute: DbHandle["db"]["execute"] };
async function rows<T>(db: Q, q: string): Promise<T[]> {
  return ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
}

/** Every table of the database (the app's and drizzle's migrations journal): its row count and a checksum of its rows. */
async function fingerprint(db: Q): Promise<Record<string, { n: number; md5: string }>> {
  const tables = await rows<{ t: string }>(
    db,
    "select quote_ident(schemaname) || '.' || quote_ident(tablename) as t from pg_tables where schemaname in ('public', 'drizzle') order by 1",
  );
  const out: Record<string, { n: number; md5: string }> = {};
  for (const { t } of tables) {
    const [r] = await rows<{ n: number; md5: string }>(
      db,
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as md5 from ${t} x`,
    );
    out[t] = r!;
  }
  return out;
}

function script(mode: "backup" | "restore", file: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", mode, file], { env: { ...env, NODE_ENV: "test" }, encoding: "utf8" });
}

let t: TestDb;
let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "orientation-backup-"));
  t = await createTestDb({ poolSize: 2 });
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("backup and restore (docs/operations.md)", () => {
  it("docs/operations.md: a PostgreSQL backup taken mid-campaign (pg_dump) restores into a fresh database with every entry, avis, e-mail and audit row", async () => {
    const seeded = await seedDemo(t.db, NOW);
    expect(seeded.created).toBe(true);
    const before = await fingerprint(t.db);
    // Mid-campaign: entries, avis, e-mails and audit rows are there to be lost.
    for (const table of [
      "public.family_requests",
      "public.school_family_entries",
      "public.opinions",
      "public.family_published_opinions",
      "public.outbox_emails",
      "public.audit_log",
      "public.sync_runs",
    ])
      expect(before[table]?.n, table).toBeGreaterThan(0);

    const file = path.join(tmp, "orientation.dump");
    const env = { ...process.env, DATABASE_URL: t.url };
    const b = script("backup", file, env);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain("Sauvegarde écrite");
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const fresh = `${prefix}_restore_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${fresh}"`);
    const freshUrl = Object.assign(new URL(serverUrl), { pathname: `/${fresh}` }).toString();
    let restored: DbHandle | undefined;
    try {
      const r = script("restore", file, { ...env, DATABASE_URL: freshUrl });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("Sauvegarde restaurée");
      restored = await openDatabase({ url: freshUrl, poolSize: 1 });
      expect(await fingerprint(restored.db)).toEqual(before);

      // A second restore into the same (now full) database is refused: nothing is overwritten.
      const again = script("restore", file, { ...env, DATABASE_URL: freshUrl });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain("n'est pas vide");
    } finally {
      await restored?.close();
      await admin.query(`drop database if exists "${fresh}" with (force)`);
      await admin.end();
    }
  });

  it("docs/operations.md: an embedded (PGlite) database's backup (dumpDataDir) restores into a fresh data directory with every row", async () => {
    const dir = path.join(tmp, "pglite");
    const handle = await openDatabase({ pgliteDir: dir });
    let before: Record<string, { n: number; md5: string }>;
    try {
      await migrateDatabase(handle);
      await seedCampaign(handle.db, 3);
      await queueSampleEmail(handle.db, { to: "parent@example.fr", from: "ne-pas-repondre@orientation.example.fr", dedupeKey: "backup:1" });
      before = await fingerprint(handle.db);
    } finally {
      await handle.close();
    }
    expect(before["public.students"]!.n).toBe(3);
    expect(before["public.outbox_emails"]!.n).toBe(1);

    const env = { ...process.env } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const file = path.join(tmp, "pglite.tar.gz");
    const b = script("backup", file, { ...env, PGLITE_DIR: dir });
    expect(b.status, b.stderr).toBe(0);
    const target = path.join(tmp, "pglite-restored");
    const r = script("restore", file, { ...env, PGLITE_DIR: target });
    expect(r.status, r.stderr).toBe(0);
    const restored = await openDatabase({ pgliteDir: target });
    try {
      expect(await fingerprint(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 240_000); // PGlite applies the migrations in WebAssembly: slow on a busy machine
});
