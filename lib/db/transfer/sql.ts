import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../client";

/* What every statement of the nightly transfer (docs/sync.md) shares. */

/** One batch: the students with lo < id <= hi, and the run's cut-off (ISO instant). */
export type Bounds = { lo: string; hi: string; asOf: string; publishedMark: (updatedAt: SQL) => SQL };

/** The counts one statement or batch adds to the run (see lib/domain/transfer-runs.ts for their names). */
export type Counts = Record<string, number>;

export async function query<T>(q: Queryable, s: SQL): Promise<T[]> {
  return ((await q.execute(s)) as unknown as { rows: T[] }).rows;
}

/** The batch's key range on a student id column. */
export function inRange(b: Pick<Bounds, "lo" | "hi">, col: SQL): SQL {
  return sql`${col} > ${b.lo}::uuid and ${col} <= ${b.hi}::uuid`;
}
