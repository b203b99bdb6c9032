#!/usr/bin/env node
// `npm start`: installs what is missing, checks the configuration, migrates, seeds an empty
// database with the demo data, builds, and serves on http://localhost:3000 (PORT to change it).
// No DATABASE_URL → the embedded PGlite database under .data/. It is the demo (DEMO_MODE=true unless
// set): a production start is described in the README's Production section (docs/production.md).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
env.DEMO_MODE ??= "true";
// One process serves and runs the nightly transfer + outbox sender (PGlite needs it; with
// PostgreSQL more workers may run `npm run worker` beside it, the jobs are exactly-once).
env.WORKER_IN_PROCESS ??= "true";
const port = env.PORT ?? "3000";
// The app accepts writes only from NEXTAUTH_URL's origin (docs/security-headers.md): the demo's own.
if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = `http://localhost:${port}`;

function run(cmd, args, label) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✖ Échec : ${label}. Le service n'a pas démarré.`);
    process.exit(r.status ?? 1);
  }
}

if (!fs.existsSync("node_modules/.bin/next")) run("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"], "Installation des dépendances (npm ci)");
run("node_modules/.bin/tsx", ["scripts/db-seed.ts"], "Configuration, migrations et données de démonstration");
run("node_modules/.bin/next", ["build"], "Construction de l'application (next build)");

console.log(`\n▶ Démarrage sur http://localhost:${port}${env.DATABASE_URL ? "" : " (base embarquée .data/pglite)"}`);
const server = spawn("node_modules/.bin/next", ["start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
