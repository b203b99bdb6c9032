import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../client";

/* What every statement of the nightly transfer (docs/sync.md) shares. */

/**
 * R-OVS-4: a run for one school: its students of its open school year only (a head's on-demand
 * transfer, lib/transfer/school.ts).
 */
export type TransferScope = { schoolId: string; schoolYear: string };

/**
 * One batch: the students with lo < id <= hi (of `scope`'s school only, when given), and the run's
 * cut-off (ISO instant).
 */
export type Bounds = { lo: string; hi: string; asOf: string; publishedMark: (updatedAt: SQL) => SQL; scope?: TransferScope };

/** The counts one statement or batch adds to the run (see lib/domain/transfer-runs.ts for their names). */
export type Counts = Record<string, number>;

export async function query<T>(q: Queryable, s: SQL): Promise<T[]> {
  return ((await q.execute(s)) as unknown as { rows: T[] }).rows;
}

/**
 * The batch's key range on a student id column. Every statement of the transfer reaches its rows
 * through it, so a school's run (R-OVS-4) restricts them all here: the range, and the school's
 * students of its open year within it (read through students' primary key in that range).
 */
export function inRange(b: Pick<Bounds, "lo" | "hi" | "scope">, col: SQL): SQL {
  const range = sql`${col} > ${b.lo}::uuid and ${col} <= ${b.hi}::uuid`;
  if (!b.scope) return range;
  return sql`${range} and ${col} in (select ss.id from students ss
     where ss.id > ${b.lo}::uuid and ss.id <= ${b.hi}::uuid and ss.school_id = ${b.scope.schoolId}::uuid and ss.school_year = ${b.scope.schoolYear})`;
}

/**
 * `ids` as a set of uuids, for `in (…)`: one parameter (a JSON array) whatever their number, so a
 * batch's tens of thousands of students never reach PostgreSQL's 65,535 parameters per statement.
 */
export function uuidList(ids: readonly string[]): SQL {
  return sql`select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid`;
}

/**
 * The columns of a family e-mail's recipient (a guardian of student `s`, with the school's contact
 * and the académie's sender), read by `recipientColumns` from the aliases g (guardians), s
 * (students), sc (schools) and ac (academies).
 */
export type RecipientRow = {
  student_id: string;
  guardian_id: string;
  email: string;
  civility: string | null;
  s_first: string;
  s_last: string;
  school_name: string;
  address: string;
  postal_code: string;
  city: string;
  phone: string;
  school_email: string;
  sender_email: string;
};

export const recipientColumns = sql.raw(`s.id as student_id, g.id as guardian_id, g.email, g.civility, s.first_name as s_first, s.last_name as s_last,
           sc.name as school_name, sc.address, sc.postal_code, sc.city, sc.phone, sc.email as school_email, ac.sender_email`);
