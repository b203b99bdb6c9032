import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";

/**
 * Locks the students' rows for the rest of the transaction, in id order (two bulk writes cannot
 * deadlock). Every write of a student's file takes it first (docs/decisions/010-idempotent-writes.md):
 * the family's (a replayed request, two tabs, two guardians) and the school's (an entry, a
 * decision, a division's decisions), so each runs after the other and compares with what it saved.
 * FOR NO KEY UPDATE: the writers wait for one another, while inserts that only reference a
 * student (an audit row, the night's transfer) do not wait.
 */
export async function lockStudents(q: Queryable, studentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(studentIds)].sort();
  if (ids.length === 0) return;
  await q.execute(
    sql`select 1 from students where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by id for no key update`,
  );
}
