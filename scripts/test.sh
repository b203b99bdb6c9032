#!/usr/bin/env bash
# The whole test suite: static checks (types, lint, formatting, the rule book docs/rules.md, the
# migrations against the schema), unit tests, db tests on real PostgreSQL, then the built app
# driven by real Chromium. Needs PostgreSQL (TEST_PG_URL, default the local server with trust auth)
# and /usr/bin/chromium (.ci/run installs both prerequisites' packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$*"; }

step "Types (tsc --noEmit)"
node_modules/.bin/tsc --noEmit

step "Lint (eslint)"
node_modules/.bin/eslint .

step "Formatting (prettier --check)"
node_modules/.bin/prettier --check . --log-level warn

step "Rule book (npm run rules)"
node_modules/.bin/tsx scripts/rules.ts --summary

step "Migrations match the schema (npm run db:check)"
node_modules/.bin/tsx scripts/check-migrations.ts

step "Unit tests"
node_modules/.bin/vitest run --project unit

step "Database tests (real PostgreSQL)"
node_modules/.bin/vitest run --project db

step "Build (next build)"
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}"
DEMO_MODE=true node_modules/.bin/next build

step "End-to-end tests (Playwright, Chromium)"
node_modules/.bin/playwright test "$@"
