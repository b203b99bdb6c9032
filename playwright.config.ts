import { defineConfig, devices } from "@playwright/test";
import { baseURL, mailApi, oidcIssuer } from "./tests/e2e/support/ports";

/*
 * End-to-end tests: real Chromium (Debian's /usr/bin/chromium) against the BUILT app
 * (`next build` first; `npm test` does it) on a fresh PostgreSQL database seeded with the demo
 * data, with a real SMTP sink and a real OpenID Connect provider on loopback.
 *
 * One worker, files in alphabetical order, one shared database: each spec file works on its own
 * part of the demo data so that files do not depend on each other:
 *   - foundation/auth specs: read-only, plus sign-in;
 *   - family* specs (docs/rules.md §3, §5): the collège's division 3A;
 *   - school* specs: division 3C (3B read-only);
 *   - academy*, settings*, dialogue* specs: the lycée and the 2GT calendar (restore it);
 *   - sync* specs (docs/rules.md §8): division 3B.
 * Override ports/database with E2E_PORT, E2E_DB, E2E_SMTP_PORT, E2E_MAIL_API_PORT, E2E_OIDC_PORT, NEXT_DIST_DIR.
 */
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    { command: "node_modules/.bin/tsx tests/e2e/support/mail-sink-server.ts", url: `${mailApi}/health`, reuseExistingServer: false, timeout: 30_000 },
    {
      command: "node_modules/.bin/tsx tests/e2e/support/oidc-server.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    { command: "node_modules/.bin/tsx tests/e2e/support/app-server.ts", url: `${baseURL}/connexion`, reuseExistingServer: false, timeout: 180_000 },
  ],
});
