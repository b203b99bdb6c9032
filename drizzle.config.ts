import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate --name <name>` diffs lib/db/schema against the last snapshot and writes
// SQL into lib/db/migrations; it needs no database. Migrations are applied by lib/db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./lib/db/migrations",
  casing: "snake_case",
});
