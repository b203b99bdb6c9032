import { desc, eq, sql } from "drizzle-orm";
import type { Pool } from "pg";
import type { Db, Queryable } from "../client";
import { schools, syncRuns } from "../schema";
import { query, type Counts, type TransferScope } from "./sql";

/*
 * The nightly transfer's bookkeeping (R-SYNC-4, R-SYNC-5, docs/sync.md): one run at a time across
 * processes (a PostgreSQL advisory lock), one row per run key in sync_runs, the keyset walk over
 * the students.
 */

export const SYNC_LOCK_KEY = 7_426_105;
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export type Lock = { release: () => Promise<void> };
const inProcess = globalThis as unknown as { __orientationSyncRunning?: boolean };

/** R-OVS-4: the class of the per-school advisory locks (two-int keys: this class and hashtext(school id)). */
export const SCHOOL_SYNC_LOCK_CLASS = 7_426_106;

/**
 * The transfer's lock, or null when another run holds it.
 *
 * Every school's run (R-OVS-4, `schoolId` given) and the night's run hold the same key: the night
 * and the administrator's runs exclusively, a school's run in SHARED mode plus its own school's
 * lock exclusively. So the night never overlaps any school's run, two runs of one school never
 * overlap, and two heads of different schools run at the same time (thousands of schools after
 * their councils, docs/sync.md). On PGlite (one process, one session), every run is exclusive.
 */
export async function tryTransferLock(pool: Pool | undefined, db: Db, schoolId?: string): Promise<Lock | null> {
  if (pool) {
    const client = await pool.connect();
    const unlock = schoolId
      ? async () => {
          await client.query("select pg_advisory_unlock($1, hashtext($2))", [SCHOOL_SYNC_LOCK_CLASS, schoolId]);
          await client.query("select pg_advisory_unlock_shared($1)", [SYNC_LOCK_KEY]);
        }
      : async () => {
          await client.query("select pg_advisory_unlock($1)", [SYNC_LOCK_KEY]);
        };
    try {
      if (schoolId) {
        const g = await client.query<{ ok: boolean }>("select pg_try_advisory_lock_shared($1) as ok", [SYNC_LOCK_KEY]);
        if (!g.rows[0]?.ok) {
          client.release();
          return null;
        }
        const s = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as ok", [SCHOOL_SYNC_LOCK_CLASS, schoolId]);
        if (!s.rows[0]?.ok) {
          await client.query("select pg_advisory_unlock_shared($1)", [SYNC_LOCK_KEY]);
          client.release();
          return null;
        }
      } else {
        const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [SYNC_LOCK_KEY]);
        if (!r.rows[0]?.ok) {
          client.release();
          return null;
        }
      }
    } catch (err) {
      // A broken session: drop it, with whatever it held.
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    return {
      release: async () => {
        try {
          await unlock();
        } finally {
          client.release();
        }
      },
    };
  }
  // PGlite: one process, one session. The session-level lock still guards a second PGlite
  // handle in the same process; the flag guards overlapping calls on the one session.
  if (inProcess.__orientationSyncRunning) return null;
  const [row] = await query<{ ok: boolean }>(db, sql`select pg_try_advisory_lock(${SYNC_LOCK_KEY}) as ok`);
  if (!row?.ok) return null;
  inProcess.__orientationSyncRunning = true;
  return {
    release: async () => {
      inProcess.__orientationSyncRunning = false;
      await db.execute(sql`select pg_advisory_unlock(${SYNC_LOCK_KEY})`);
    },
  };
}

/**
 * Opens (or resumes) the run of this key. Same key: allowed again only when the previous run did
 * not succeed (killed, failed): it resumes, with the counts it had. Null when it already succeeded.
 */
export async function openRun(
  q: Queryable,
  r: { runKey: string; asOf: string; startedAt: Date; triggeredBy: string; schoolId?: string | null },
): Promise<{ runId: number; counts: Counts } | null> {
  const rows = await query<{ id: number | string; counts: Counts }>(
    q,
    sql`
    insert into sync_runs (run_key, as_of, started_at, status, triggered_by, dry_run, school_id)
    values (${r.runKey}, ${r.asOf}::timestamptz, ${r.startedAt.toISOString()}::timestamptz, 'running', ${r.triggeredBy}, false, ${r.schoolId ?? null}::uuid)
    on conflict (run_key) do update set status = 'running', started_at = excluded.started_at, finished_at = null,
           triggered_by = excluded.triggered_by, as_of = excluded.as_of
     where sync_runs.status <> 'succeeded'
    returning id, counts`,
  );
  if (rows.length === 0) return null;
  return { runId: Number(rows[0]!.id), counts: rows[0]!.counts ?? {} };
}

/**
 * R-SYNC-5: marks 'interrupted' every run still 'running'. Call it only while holding the transfer
 * lock: then no run is alive (every run holds the lock), so a 'running' row is one whose process
 * died (killed, crashed, server restarted). Returns the run keys marked. A school's run (R-OVS-4)
 * holds the lock shared with other schools' runs, and its own school's exclusively: it marks only
 * its school's rows (`schoolId`).
 */
export async function markInterruptedRuns(q: Queryable, at: Date, schoolId?: string): Promise<string[]> {
  const rows = await query<{ run_key: string }>(
    q,
    sql`update sync_runs set status = 'interrupted', finished_at = ${at.toISOString()}::timestamptz,
           errors = errors || ${JSON.stringify(["interrompu : le processus s'est arrêté pendant le transfert"])}::jsonb
     where status = 'running'${schoolId ? sql` and school_id = ${schoolId}::uuid` : sql``} returning run_key`,
  );
  return rows.map((r) => r.run_key);
}

/** R-SYNC-5: whether any run reads 'running' (alive, or dead and not yet marked). */
export async function hasRunningRuns(q: Queryable): Promise<boolean> {
  const rows = await query<{ one: number }>(q, sql`select 1 as one from sync_runs where status = 'running' limit 1`);
  return rows.length > 0;
}

/** R-SYNC-4: the run of a key (its status and end), or null. */
export async function findRun(q: Queryable, runKey: string): Promise<{ status: string; finishedAt: Date | null } | null> {
  const [row] = await query<{ status: string; finished_at: string | Date | null }>(q, sql`select status, finished_at from sync_runs where run_key = ${runKey}`);
  return row ? { status: row.status, finishedAt: row.finished_at ? new Date(row.finished_at) : null } : null;
}

/** R-SYNC-4: the cut-off of the latest night on record (any status), or null when no night ever ran. */
export async function lastNightCutOff(q: Queryable): Promise<Date | null> {
  const [row] = await query<{ as_of: string | Date | null }>(q, sql`select max(as_of) as as_of from sync_runs where run_key like 'night:%' and not dry_run`);
  return row?.as_of ? new Date(row.as_of) : null;
}

/** The run's counts so far (written with each batch's watermarks: a killed run's log says what it did). */
export async function saveRunCounts(q: Queryable, runId: number, counts: Counts): Promise<void> {
  await q.execute(sql`update sync_runs set counts = ${JSON.stringify(counts)}::jsonb where id = ${runId}`);
}

export async function finishRun(q: Queryable, runId: number, r: { failed: boolean; finishedAt: Date; counts: Counts; errors: string[] }): Promise<void> {
  await q.execute(sql`
    update sync_runs set status = ${r.failed ? "failed" : "succeeded"}::sync_status, finished_at = ${r.finishedAt.toISOString()}::timestamptz,
           counts = ${JSON.stringify(r.counts)}::jsonb, errors = errors || ${JSON.stringify(r.errors)}::jsonb
     where id = ${runId}`);
}

/** R-OVS-4: a school's students of its open year only (`scope`), or every student. */
const studentsOf = (scope?: TransferScope) => (scope ? sql` and school_id = ${scope.schoolId}::uuid and school_year = ${scope.schoolYear}` : sql``);

export async function countStudents(q: Queryable, scope?: TransferScope): Promise<number> {
  const [row] = await query<{ total: number }>(q, sql`select count(*)::int as total from students where true${studentsOf(scope)}`);
  return row?.total ?? 0;
}

/** The next keyset batch of student ids after `after` (of `scope`'s school only, when given): its upper bound and size (hi null at the end). */
export async function nextStudentBatch(q: Queryable, after: string, batchSize: number, scope?: TransferScope): Promise<{ hi: string | null; n: number }> {
  const [range] = await query<{ hi: string | null; n: number }>(
    q,
    sql`
    select max(id::text) as hi, count(*)::int as n from (select id from students where id > ${after}::uuid${studentsOf(scope)} order by id limit ${batchSize}) s`,
  );
  return range ?? { hi: null, n: 0 };
}

/** R-OVS-4: the scope of a school's run (its open school year), or null for an unknown school. */
export async function findTransferScope(q: Queryable, schoolId: string): Promise<TransferScope | null> {
  const [row] = await query<{ school_year: string }>(q, sql`select school_year from schools where id = ${schoolId}::uuid`);
  return row ? { schoolId, schoolYear: row.school_year } : null;
}

/** What the run lists show of a run. */
const runColumns = {
  id: syncRuns.id,
  runKey: syncRuns.runKey,
  asOf: syncRuns.asOf,
  startedAt: syncRuns.startedAt,
  finishedAt: syncRuns.finishedAt,
  status: syncRuns.status,
  triggeredBy: syncRuns.triggeredBy,
  counts: syncRuns.counts,
  errors: syncRuns.errors,
};

/** R-SYNC-5: the last runs, newest first, with the name of the school of a school's run (R-OVS-4). */
export async function listSyncRuns(q: Queryable, limit = 50) {
  return q
    .select({ ...runColumns, dryRun: syncRuns.dryRun, schoolId: syncRuns.schoolId, schoolName: schools.name })
    .from(syncRuns)
    .leftJoin(schools, eq(schools.id, syncRuns.schoolId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(limit);
}

/** R-OVS-4: a school's own on-demand runs, newest first. */
export async function listSchoolRuns(q: Queryable, schoolId: string, limit = 20) {
  return q.select(runColumns).from(syncRuns).where(eq(syncRuns.schoolId, schoolId)).orderBy(desc(syncRuns.startedAt)).limit(limit);
}

/**
 * R-OVS-4 with R-FIN-4: the cut-off of the school's latest on-demand transfer that succeeded
 * (what was entered up to it reached the families), or null.
 */
export async function lastSchoolTransferCutOff(q: Queryable, schoolId: string): Promise<Date | null> {
  const [row] = await query<{ as_of: string | Date | null }>(
    q,
    sql`select max(as_of) as as_of from sync_runs where school_id = ${schoolId}::uuid and status = 'succeeded' and not dry_run`,
  );
  return row?.as_of ? new Date(row.as_of) : null;
}
