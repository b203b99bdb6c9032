import { spawnSync } from "node:child_process";
import { expect } from "@playwright/test";
import { withDb } from "./fixtures";
import { databaseUrl, e2e } from "./ports";

/**
 * A night of the transfer, as the scheduler runs it: `npm run sync -- --manual --now <now>` in its
 * own process (`now` a Paris wall-clock date-time, e.g. "2026-12-01T02:00"), under its own run key
 * so that the sync spec's nights stay its own. Returns its output.
 */
export function runNight(now: string): string {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/sync.ts", "--manual", "--now", now], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), SMTP_URL: `smtp://127.0.0.1:${e2e.smtpPort}`, NODE_ENV: "production", DEMO_MODE: "true" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.status, `npm run sync -- --manual --now ${now}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const academyOf = "(select s.academy_id from students st join schools s on s.id = st.school_id where st.id = $1)";

/**
 * R-CAL-1 / R-SCH-3: opens the student's académie's final window of the level (3e unless said)
 * for a week and returns what puts back the window and the division's final council as they were
 * (for the spec's afterAll).
 */
export async function openFinalPhase(student: { id: string; divisionId: string }, level: "3e" | "2GT" = "3e"): Promise<() => Promise<void>> {
  const saved = await withDb(async (c) => {
    const w = await c.query<{ opens_at: Date; closes_at: Date }>(
      `select opens_at, closes_at from campaign_windows where level = $2 and phase = 'final' and academy_id = ${academyOf} order by school_year desc limit 1`,
      [student.id, level],
    );
    const cc = await c.query<{ state: string; scheduled_at: Date | null }>(
      "select state, scheduled_at from class_councils where division_id = $1 and phase = 'final'",
      [student.divisionId],
    );
    await c.query(
      `update campaign_windows set opens_at = now() - interval '1 hour', closes_at = now() + interval '7 days'
        where level = $2 and phase = 'final' and academy_id = ${academyOf}`,
      [student.id, level],
    );
    return { window: w.rows[0] ?? null, council: cc.rows[0] ?? null };
  });
  return () =>
    withDb(async (c) => {
      if (saved.window) {
        await c.query(`update campaign_windows set opens_at = $2, closes_at = $3 where level = $4 and phase = 'final' and academy_id = ${academyOf}`, [
          student.id,
          saved.window.opens_at,
          saved.window.closes_at,
          level,
        ]);
      }
      if (saved.council) {
        await c.query(
          "update class_councils set state = $2, scheduled_at = $3, opened_at = null, opened_by_name = null where division_id = $1 and phase = 'final'",
          [student.divisionId, saved.council.state, saved.council.scheduled_at],
        );
      }
    });
}
