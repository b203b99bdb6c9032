import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { baseURL, databaseUrl, e2e, OIDC_CLIENT, oidcIssuer } from "./ports";

/*
 * Starts the BUILT app (next start) for the e2e run against a fresh PostgreSQL database, migrated
 * and seeded with the demo data, its outbox sender pointed at the mail sink, its families' sign-in
 * at the local OpenID Connect provider.
 */
const admin = new pg.Client({ connectionString: e2e.pgServer });
await admin.connect();
await admin.query(`drop database if exists "${e2e.database}" with (force)`);
await admin.query(`create database "${e2e.database}"`);
await admin.end();

export const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl(),
  NEXTAUTH_URL: baseURL,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  DEMO_MODE: "true",
  OIDC_ISSUER: oidcIssuer,
  OIDC_CLIENT_ID: OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  SMTP_URL: `smtp://127.0.0.1:${e2e.smtpPort}`,
  WORKER_IN_PROCESS: "true",
  OUTBOX_INTERVAL_MS: "500",
  NEXT_DIST_DIR: e2e.distDir,
};

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
