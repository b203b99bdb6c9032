/**
 * `npm run db:check`: the Drizzle schema (lib/db/schema) generates no new migration, and the
 * committed migrations' snapshots are consistent (`drizzle-kit check`). Runs drizzle-kit against a
 * temporary copy of lib/db/migrations, so the repository is left untouched; needs no database.
 * Exits 1, printing the SQL drizzle-kit would write, when the schema drifted: run
 * `npm run db:generate -- --name <what changed>` and commit the migration.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import config from "../drizzle.config";

const root = path.resolve(import.meta.dirname, "..");
const drizzleKit = path.join(root, "node_modules", ".bin", "drizzle-kit");
const migrations = path.resolve(root, config.out ?? "drizzle");
const schemas = (Array.isArray(config.schema) ? config.schema : [config.schema ?? ""]).filter((s) => s !== "");

class Drift extends Error {}
function fail(message: string): never {
  throw new Drift(message);
}

// drizzle-kit writes under "./" + out, relative to its working directory: it runs in the
// temporary folder, and the schema is given relative to it.
const work = mkdtempSync(path.join(os.tmpdir(), "orientation-migrations-"));
try {
  cpSync(migrations, path.join(work, "migrations"), { recursive: true });
  const sqlFiles = () => readdirSync(path.join(work, "migrations")).filter((f) => f.endsWith(".sql"));
  const before = new Set(sqlFiles());

  const run = (args: string[]) => {
    const result = spawnSync(drizzleKit, args, { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
    return { ok: result.status === 0 && !result.error, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim(), timedOut: result.error !== undefined };
  };
  const common = ["--dialect", config.dialect, "--out", "./migrations"];

  const check = run(["check", ...common]);
  if (!check.ok) fail(`drizzle-kit check found the committed migrations inconsistent:\n${check.output}`);

  const generate = run([
    "generate",
    ...common,
    ...schemas.flatMap((s) => ["--schema", path.relative(work, path.resolve(root, s))]),
    ...(config.casing ? ["--casing", config.casing] : []),
    "--name",
    "drift",
  ]);
  const added = sqlFiles().filter((f) => !before.has(f));
  if (added.length > 0) {
    const sql = added.map((f) => `-- ${f}\n${readFileSync(path.join(work, "migrations", f), "utf8")}`).join("\n");
    fail(
      `lib/db/schema differs from lib/db/migrations; drizzle-kit would generate:\n\n${sql}\nRun \`npm run db:generate -- --name <what changed>\` and commit the migration.`,
    );
  }
  const tail = generate.output.split("\n").slice(-12).join("\n");
  if (/Interactive prompts require a TTY/.test(generate.output)) {
    // A renamed or dropped table or column makes drizzle-kit ask "rename or create?", which it
    // cannot without a terminal (and it still exits 0).
    fail(
      `lib/db/schema differs from lib/db/migrations: drizzle-kit asks whether a table or column was renamed or dropped. Run \`npm run db:generate -- --name <what changed>\` in a terminal, answer, and commit the migration.`,
    );
  }
  // drizzle-kit exits 0 on some failures: only its own "nothing to migrate" line is a pass.
  if (!generate.ok || !/No schema changes, nothing to migrate/.test(generate.output))
    fail(`drizzle-kit generate did not confirm that nothing changed:\n${tail}`);
  console.log(`Migrations match the schema (${before.size} migrations in ${path.relative(root, migrations)}).`);
} catch (err) {
  if (!(err instanceof Drift)) throw err;
  console.error(`\nMigration check failed: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
