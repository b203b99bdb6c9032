/*
 * Where the e2e run puts its servers and data. Every value can be overridden so that several
 * runs (CI, a developer, a helper) can live on one machine side by side.
 */
export const e2e = {
  port: Number(process.env.E2E_PORT ?? 3100),
  database: process.env.E2E_DB ?? "orientation_e2e",
  pgServer: process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2525),
  mailApiPort: Number(process.env.E2E_MAIL_API_PORT ?? 2526),
  oidcPort: Number(process.env.E2E_OIDC_PORT ?? 3901),
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export const baseURL = `http://localhost:${e2e.port}`;
export const oidcIssuer = `http://127.0.0.1:${e2e.oidcPort}`;
export const mailApi = `http://127.0.0.1:${e2e.mailApiPort}`;

export function databaseUrl(): string {
  const u = new URL(e2e.pgServer);
  u.pathname = `/${e2e.database}`;
  return u.toString();
}

export const OIDC_CLIENT = { id: "orientation-e2e", secret: "orientation-e2e-secret-0123456789abcdef" };
