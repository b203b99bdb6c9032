#!/usr/bin/env node
// `npm start`: installs what is missing, checks the configuration, migrates, seeds an empty
// database with the demo data, builds when the sources changed, and serves on http://localhost:3000
// (PORT to change it; `npm start -- --instances N` or WEB_CONCURRENCY for N processes, PostgreSQL
// only: scripts/serve.mjs, docs/decisions/011-processes-and-load-balancing.md).
// No DATABASE_URL → the embedded PGlite database under .data/. It is the demo (DEMO_MODE=true unless
// set): a production start is described in the README's Production section (docs/production.md).
// A second start reuses node_modules when it matches package-lock.json and the build when its
// fingerprint (scripts/build-fingerprint.mjs) matches the sources; the data under .data/ (or in
// DATABASE_URL's database) is kept: the seed only fills an empty database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildFingerprint, buildIsCurrent, distDirOf, forgetBuild, nodeModulesMatchLockfile, recordBuild } from "./build-fingerprint.mjs";
import { parseServeArgs, serve, ServeError } from "./serve.mjs";

const t0 = Date.now();
const env = process.env;
env.NODE_ENV = "production";
env.NEXT_TELEMETRY_DISABLED = "1";
env.DEMO_MODE ??= "true";
// The instance that serves also runs the nightly transfer + outbox sender (PGlite needs it; with
// PostgreSQL more workers may run `npm run worker` beside it, the jobs are exactly-once). With
// several instances, only the first one runs them (scripts/serve.mjs).
env.WORKER_IN_PROCESS ??= "true";
const dir = process.cwd();

let options;
try {
  options = parseServeArgs(process.argv.slice(2), env);
} catch (err) {
  if (!(err instanceof ServeError)) throw err;
  console.error(`\n✖ ${err.message} Le service n'a pas démarré.\n`);
  process.exit(2);
}
// The app accepts writes only from NEXTAUTH_URL's origin (docs/security-headers.md): the demo's own.
if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = `http://localhost:${options.port}`;

function run(cmd, args, label) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✖ Échec : ${label}. Le service n'a pas démarré.`);
    process.exit(r.status ?? 1);
  }
}
function readSeedNote(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
const seconds = (ms) => `${(ms / 1000).toFixed(1).replace(".", ",")} s`;

if (nodeModulesMatchLockfile(dir)) console.log("\n▶ Dépendances à jour (node_modules correspond à package-lock.json) : npm ci n'est pas relancé.");
else run("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"], "Installation des dépendances (npm ci)");

// The embedded database keeps a note of its seed inside its own directory (gone with it): once
// seeded in demo mode, a restart skips the seed's process (its ~5 s of PGlite start-up); the server
// still checks the configuration and applies any new migration when it starts (lib/boot.ts).
const pgliteDir = path.resolve(dir, env.PGLITE_DIR || ".data/pglite");
const seedNote = path.join(pgliteDir, "orientation-seed.json");
const demo = env.DEMO_MODE === "true";
const note = env.DATABASE_URL ? null : readSeedNote(seedNote);
const seededBefore = note !== null && (note.demo === true || !demo);
if (seededBefore) {
  console.log(`\n▶ Base embarquée déjà initialisée (${path.relative(dir, pgliteDir)}) : données conservées, migrations vérifiées par le serveur au démarrage.`);
} else {
  run("node_modules/.bin/tsx", ["scripts/db-seed.ts"], "Configuration, migrations et données de démonstration");
  if (!env.DATABASE_URL && fs.existsSync(pgliteDir)) fs.writeFileSync(seedNote, JSON.stringify({ demo, at: new Date().toISOString() }) + "\n");
}

// Computed before the build: a source edited during the build makes the next start rebuild.
const fingerprint = buildFingerprint(dir, env);
if (buildIsCurrent(dir, env, fingerprint)) {
  console.log(
    `\n▶ Construction à jour (empreinte ${fingerprint.hash.slice(0, 12)} de ${fingerprint.files} fichiers sources inchangée) : next build n'est pas relancé.`,
  );
} else {
  const why = fs.existsSync(path.join(distDirOf(dir, env), "BUILD_ID"))
    ? "sources, dépendances ou configuration modifiées depuis la dernière construction"
    : `aucune construction dans ${env.NEXT_DIST_DIR || ".next"}`;
  forgetBuild(dir, env);
  run("node_modules/.bin/next", ["build"], `Construction de l'application (next build) : ${why}`);
  recordBuild(dir, env, fingerprint);
}

console.log(
  `\n▶ Démarrage sur http://localhost:${options.port}${env.DATABASE_URL ? "" : " (base embarquée .data/pglite)"} ` +
    `après ${seconds(Date.now() - t0)} de préparation`,
);
try {
  serve(options, env, dir);
} catch (err) {
  if (!(err instanceof ServeError)) throw err;
  console.error(`\n✖ ${err.message} Le service n'a pas démarré.\n`);
  process.exit(2);
}
