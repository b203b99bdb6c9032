import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Import boundaries (README, Architecture): screens never reach the database, components never
 * reach into routes, the library never depends on the scheduled jobs, and the domain stays pure
 * (no framework, no database, no clock).
 */
const DB = {
  group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"],
  message: "Screens read through a loader (lib/loaders) and write through an action (lib/actions): never the database.",
};
const JOBS = { group: ["@/jobs/*", "**/jobs/*"], message: "lib/ never depends on jobs/: the jobs call the library, not the reverse." };
const APP = { group: ["@/app/*", "**/app/*"], message: "Components never import from app/: server actions live in lib/actions." };
const IMPURE = {
  group: ["next", "next/*", "react", "react-dom", "@/lib/db", "@/lib/db/*", "@/lib/clock", "@/lib/env", "@/lib/auth/*", "@/lib/services/*", "@/jobs/*"],
  message: "lib/domain is pure: no framework, no database, no clock (take `now` as a parameter).",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/db/migrations/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["app/**"], rules: { "no-restricted-imports": ["error", { patterns: [DB, JOBS] }] } },
  { files: ["components/**"], rules: { "no-restricted-imports": ["error", { patterns: [DB, JOBS, APP] }] } },
  { files: ["lib/**", "emails/**"], ignores: ["lib/domain/**"], rules: { "no-restricted-imports": ["error", { patterns: [JOBS, APP] }] } },
  { files: ["lib/domain/**"], rules: { "no-restricted-imports": ["error", { patterns: [IMPURE, APP] }] } },
]);
