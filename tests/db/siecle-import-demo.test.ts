import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { seedDemo } from "@/lib/db/seed";
import { isEmptyPlan } from "@/lib/domain/siecle/plan";
import { applyImport, previewUploads } from "@/lib/services/siecle-import";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-DATA-1: the demo schools' own Siècle exports (demo-data/siecle, read by the real parsers)
 * imported onto the seeded demo: every student and guardian is found (by INE, then by names on
 * the same child), nobody is added, moved or marked left, everything entered stays, and the
 * same files again change nothing.
 */
const NOW = new Date();
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW);
}, 120_000);
afterAll(async () => t?.drop());

/** The school's files, their year set to the school's (the samples are written for one year). */
function uploads(uai: string, schoolYear: string) {
  const dir = path.join(process.cwd(), "demo-data/siecle", uai);
  return ["ElevesSansAdresses.xml", "ResponsablesAvecAdresses.xml", "Structures.xml", "Nomenclature.xml"].map((name) => {
    const text = readFileSync(path.join(dir, name), "latin1").replace(
      /<ANNEE_SCOLAIRE>\d{4}<\/ANNEE_SCOLAIRE>/,
      `<ANNEE_SCOLAIRE>${schoolYear.slice(0, 4)}</ANNEE_SCOLAIRE>`,
    );
    return { name, bytes: new Uint8Array(Buffer.from(text, "latin1")) };
  });
}

async function entered(): Promise<string> {
  const r = await t.db.execute<{ s: string }>(sql`select concat_ws('|', (select count(*) from family_requests), (select count(*) from opinions),
      (select count(*) from decisions), (select count(*) from student_guardians), (select count(*) from students), (select count(*) from guardians)) as s`);
  return r.rows[0]!.s;
}

describe("R-DATA-1: the demo's own exports", () => {
  for (const label of ["Collège", "Lycée"] as const) {
    it(`R-DATA-1: the ${label.toLowerCase()}'s exports find every seeded student and guardian, add nobody, keep every entry, and change nothing the second time`, async () => {
      const head = await demoActor(t.db, "head", label);
      const scope = (await findSchoolScope(t.db, head.schoolId!))!;
      const s = await t.db.execute<{ uai: string; school_year: string }>(sql`select uai, school_year from schools where id = ${scope.schoolId}`);
      const files = uploads(s.rows[0]!.uai, s.rows[0]!.school_year);
      const before = await entered();
      const p = await previewUploads(t.db, head, scope, files, NOW);
      if (!p.ok) throw new Error(JSON.stringify(p.errors.slice(0, 3)));
      expect(p.plan.counts).toMatchObject({ studentsAdded: 0, studentsMoved: 0, studentsLeft: 0, guardiansAdded: 0, linksAdded: 0, linksRemoved: 0 });
      await applyImport(t.db, head, scope, p.importId, NOW);
      expect(await entered()).toBe(before);
      const again = await previewUploads(t.db, head, scope, files, NOW);
      expect(again.ok && isEmptyPlan(again.plan)).toBe(true);
    });
  }
});
