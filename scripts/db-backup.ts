import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { pgliteHolder } from "@/lib/db/pglite-guard";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

/*
 * `npm run db:backup -- [fichier]` and `npm run db:restore -- <fichier>` (docs/operations.md):
 * backup and restore with the databases' own tools.
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` and `pg_restore` (the client tools of the
 *   server's major version, on the PATH or in PG_BIN). The restore goes into an EMPTY database
 *   (create it first: `createdb …`), in one transaction, and stops at the first error.
 * - PGlite (no DATABASE_URL): the data directory's own dump (`dumpDataDir`, a gzipped tarball) and
 *   `loadDataDir` into an empty PGLITE_DIR. The server must be stopped (one process per directory).
 */

const HELP_BACKUP = `Usage : npm run db:backup -- [fichier]
  Sauvegarde la base (PostgreSQL : pg_dump au format personnalisé ; base embarquée : archive .tar.gz du répertoire de données).
  Fichier par défaut : sauvegardes/orientation-<date>.dump (PostgreSQL) ou .tar.gz (base embarquée).`;
const HELP_RESTORE = `Usage : npm run db:restore -- <fichier>
  Restaure une sauvegarde dans une base VIDE (PostgreSQL : DATABASE_URL, créée au préalable ; base embarquée : PGLITE_DIR absent ou vide).`;

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(2);
}

function tool(name: string): string {
  const bin = process.env.PG_BIN;
  return bin ? path.join(bin, name) : name;
}

function runTool(name: string, args: string[]): void {
  const r = spawnSync(tool(name), args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (r.error)
    fail(
      `${name} introuvable (${(r.error as NodeJS.ErrnoException).code}) : installez les outils clients de PostgreSQL de la version du serveur, ou indiquez leur dossier dans PG_BIN.`,
    );
  if (r.status !== 0) fail(`${name} a échoué (code ${r.status}) :\n${r.stderr.trim()}`);
}

function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[:T]/g, "-");
}

async function tablesIn(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')");
    return r.rows[0]!.n;
  } finally {
    await c.end();
  }
}

function ensurePgliteFree(dir: string): void {
  const holder = pgliteHolder(dir);
  if (holder)
    fail(
      `La base embarquée (${dir}) est ouverte par le serveur (processus ${holder}) : arrêtez-le avant de sauvegarder ou de restaurer (une seule application à la fois).`,
    );
}

async function backup(file: string | undefined): Promise<void> {
  const e = env();
  const target = path.resolve(file ?? path.join("sauvegardes", `orientation-${stamp(new Date())}.${e.DATABASE_URL ? "dump" : "tar.gz"}`));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (e.DATABASE_URL) {
    runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", target, "--dbname", e.DATABASE_URL]);
  } else {
    ensurePgliteFree(e.PGLITE_DIR);
    if (!fs.existsSync(e.PGLITE_DIR)) fail(`Aucune base embarquée dans ${e.PGLITE_DIR} : rien à sauvegarder.`);
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(path.resolve(e.PGLITE_DIR));
    try {
      await db.waitReady; // dumpDataDir before the database is ready never settles
      const dump = await db.dumpDataDir("gzip");
      fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  console.log(`Sauvegarde écrite : ${target} (${(fs.statSync(target).size / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 0 })} Ko)`);
}

async function restore(file: string | undefined): Promise<void> {
  if (!file) fail(HELP_RESTORE);
  const source = path.resolve(file);
  if (!fs.existsSync(source)) fail(`Fichier de sauvegarde introuvable : ${source}`);
  const e = env();
  if (e.DATABASE_URL) {
    if ((await tablesIn(e.DATABASE_URL)) > 0)
      fail("La base de DATABASE_URL n'est pas vide : la restauration se fait dans une base neuve (createdb …), pour ne rien écraser ni mélanger.");
    runTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", e.DATABASE_URL, source]);
  } else {
    ensurePgliteFree(e.PGLITE_DIR);
    if (fs.existsSync(e.PGLITE_DIR) && fs.readdirSync(e.PGLITE_DIR).length > 0)
      fail(`Le répertoire ${e.PGLITE_DIR} n'est pas vide : la restauration se fait dans un répertoire neuf (déplacez l'ancien, ou choisissez PGLITE_DIR).`);
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(path.resolve(e.PGLITE_DIR), { loadDataDir: new Blob([fs.readFileSync(source)]) });
    try {
      await db.query("select 1");
    } finally {
      await db.close();
    }
  }
  console.log(`Sauvegarde restaurée depuis ${source}.`);
}

const mode = process.argv[2];
await runScript(mode === "restore" ? "db:restore" : "db:backup", async () => {
  const { values, positionals } = parseArgs({ args: process.argv.slice(3), allowPositionals: true, options: { help: { type: "boolean", default: false } } });
  if (values.help) return void console.log(mode === "restore" ? HELP_RESTORE : HELP_BACKUP);
  if (mode === "backup") return backup(positionals[0]);
  if (mode === "restore") return restore(positionals[0]);
  fail("Usage : tsx scripts/db-backup.ts backup|restore [fichier]");
});
