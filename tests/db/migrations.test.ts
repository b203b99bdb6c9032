import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe("migrations", () => {
  it("create every table of the data model on real PostgreSQL", async () => {
    const res = await t.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = (res.rows as { table_name: string }[]).map((r) => r.table_name);
    for (const table of ["academies", "students", "family_requests", "school_requests", "opinions", "outbox_emails", "audit_log", "sync_runs"]) {
      expect(names).toContain(table);
    }
  });
});
