import { baseURL, databaseUrl, e2e, OIDC_CLIENT, oidcIssuer } from "./ports";

/*
 * The environment of the e2e run's app processes (app-server.ts starts the main server with it;
 * the multi-server spec starts a second server and `npm run worker` processes with it): the e2e
 * database, one NEXTAUTH_URL (the public origin) and one NEXTAUTH_SECRET for every server, the
 * local OpenID Connect provider and the SMTP sink.
 */
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
