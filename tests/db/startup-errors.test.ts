import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/*
 * A missing or bad configuration value and an unreachable database each stop the
 * start-up with a clear French message, not a stack trace. These run the real CLI that
 * `npm start` runs first (migrate + seed).
 */
function runSeed(env: Record<string, string>) {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/db-migrate.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("start-up errors", () => {
  it("an unreachable database gives one French line naming the server, and exit code 1", () => {
    const r = runSeed({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("La base de données PostgreSQL (127.0.0.1:1/nothing) ne répond pas");
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("a bad configuration value is named with what is expected", () => {
    const r = runSeed({ DATABASE_URL: "mysql://localhost/x" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("Configuration invalide");
    expect(r.out).toContain("DATABASE_URL : doit commencer par postgres:// ou postgresql://");
    expect(r.out).not.toMatch(/\n\s+at /);
  });

  it("a missing required value in production is named", () => {
    const r = runSeed({ NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("NEXTAUTH_SECRET : obligatoire en production");
  });
});
