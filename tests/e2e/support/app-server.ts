import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { appEnv } from "./app-env";
import { e2e } from "./ports";

/*
 * Starts the BUILT app (next start) for the e2e run against a fresh PostgreSQL database, migrated
 * and seeded with the demo data, its outbox sender pointed at the mail sink, its families' sign-in
 * at the local OpenID Connect provider (its environment: app-env.ts).
 */
const admin = new pg.Client({ connectionString: e2e.pgServer });
await admin.connect();
await admin.query(`drop database if exists "${e2e.database}" with (force)`);
await admin.query(`create database "${e2e.database}"`);
await admin.end();

const seed = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env: appEnv, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn("node_modules/.bin/next", ["start", "-p", String(e2e.port)], { env: appEnv, stdio: "inherit" });
const stop = () => {
  server.kill("SIGTERM");
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
