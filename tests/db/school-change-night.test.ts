import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import { outboxEmails, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import type { Intention } from "@/lib/domain/intentions";
import { parisDateTime } from "@/lib/domain/paris-time";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { silentLog } from "@/lib/log";
import { openCouncil } from "@/lib/services/school-council";
import { validateIntentions } from "@/lib/services/family-intentions";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { runTransfer } from "@/lib/transfer/run";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-SCH-5 / R-SYNC-3: a change the school makes to a family's entry reaches the family at the
 * night, page and e-mail together, and the page says the school changed it. Day D = Monday 23
 * November 2026 (Paris), the 3e provisional window open; night D = the run of the 24th at 02:00.
 */

const at = (day: string, time: string) => parisDateTime(day, time);
const SEED = new Date("2026-11-23T07:00:00Z");
const NIGHT_D = at("2026-11-24", "02:00");
const CHANGE = at("2026-11-24", "11:00");
const NIGHT_D1 = at("2026-11-25", "02:00");
let t: TestDb;

const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };
const PRO: Intention = { track: "2PRO", freeText: "Métiers de la relation client", statusSchool: true, statusApprentice: false };

beforeAll(async () => {
  t = await createTestDb({ poolSize: 4 });
  await seedDemo(t.db, SEED, { history: false });
});
afterAll(async () => {
  await t?.drop();
});

const night = (asOf: Date, runKey: string) => runTransfer({ db: t.db, pool: t.pool, now: asOf, asOf, log: silentLog, runKey });
describe("R-SCH-5 / R-SYNC-3: the school's change at the night", () => {
  it("R-SCH-5 / R-SYNC-3: no e-mail and no change on the family page before the night; at the night both, the page saying the school changed the entry; a re-run e-mails nobody again", async () => {
    // A 3B family whose two guardians have an address.
    const rows = await t.db.execute<{ id: string }>(sql`
      select s.id from students s join divisions d on d.id = s.division_id
       where d.code = '3B' and (select count(*) from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
                                 where sg.student_id = s.id and g.email is not null) = 2
       order by s.ine limit 1`);
    const studentId = rows.rows[0]!.id;
    const scope = (await findStudentScope(t.db, studentId, SEED))!;
    const gs = await t.db.execute<{ account_id: string; email: string }>(sql`
      select a.id as account_id, g.email from student_guardians sg join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
       where sg.student_id = ${studentId} order by sg.rank`);
    const g1: Actor = (await findActor(t.db, gs.rows[0]!.account_id))!;
    const g2: Actor = (await findActor(t.db, gs.rows[1]!.account_id))!;
    const head = await demoActor(t.db, "head", "Collège");
    const validatedAt = at("2026-11-23", "09:00");
    const sessionId = await startAuthSession(t.db, g1.accountId, validatedAt, 30);
    await validateIntentions(t.db, { actor: g1, scope, sessionId, intentions: [GT, PRO], now: validatedAt });
    await night(NIGHT_D, "manual:night-d");

    // The council opens; the head changes the family's entry at its request.
    const [s] = await t.db.select({ divisionId: students.divisionId }).from(students).where(eq(students.id, studentId));
    await openCouncil(t.db, head, { divisionId: s!.divisionId }, at("2026-11-24", "08:00"));
    const res = await saveSchoolRequest(t.db, head, { studentId, items: [{ track: "CAP", freeText: "Cuisine" }], confirmed: true }, CHANGE);
    expect(res).toMatchObject({ changed: true, kind: "change_family_entry", guardiansToEmail: 2 });

    // Before the night: no e-mail, the family page still shows the guardian's entry.
    // The only school change of this database.
    const mails = () => t.db.select().from(outboxEmails).where(eq(outboxEmails.kind, "school-change"));
    expect(await mails()).toHaveLength(0);
    const before = (await readFamilyFile(t.db, g2, scope, at("2026-11-24", "18:00")))!;
    expect(before.validatedIntentions!.map((i) => i.track)).toEqual(["2GT", "2PRO"]);
    expect(before.view.intentions).toEqual({ mode: "readonly", enteredBy: `Intentions saisies par ${g1.displayName} le 23/11/2026 à 09:00` });

    // The night: the page changes and each guardian is e-mailed, in the same batch.
    const run = await night(NIGHT_D1, "manual:night-d1");
    expect(run.status === "succeeded" && run.counts).toMatchObject({ schoolChanges: 1 });
    const sent = await mails();
    expect(sent.map((m) => m.toAddress).sort()).toEqual(gs.rows.map((g) => g.email).sort());
    for (const m of sent) {
      // Queued by the night's run (its timeline starts at the run's now).
      expect(m.createdAt.getTime() - NIGHT_D1.getTime()).toBeGreaterThanOrEqual(0);
      expect(m.createdAt.getTime() - NIGHT_D1.getTime()).toBeLessThan(60_000);
      expect(m.subject).toBe("[ORIENTATION] Modification des intentions d'orientation");
      expect(m.text).toContain("1 : 1re année de CAP – Spécialité(s) : Cuisine");
      expect(m.text).toContain("Rappel des intentions saisies initialement :\n1 : 2de générale et technologique ou 2de STHR");
      expect(m.text).toContain("24/11/2026 à 11:00");
    }
    for (const viewer of [g1, g2]) {
      const after = (await readFamilyFile(t.db, viewer, scope, at("2026-11-25", "08:00")))!;
      expect(after.validatedIntentions!.map((i) => i.track)).toEqual(["CAP"]);
      expect(after.view.intentions).toEqual({
        mode: "readonly",
        enteredBy: `Intentions modifiées par l'établissement le 24/11/2026 à 11:00, à la demande de la famille (saisie initiale par ${g1.displayName} le 23/11/2026 à 09:00)`,
      });
    }

    // R-SYNC-4: a re-run publishes and e-mails nothing again.
    const again = await night(NIGHT_D1, "manual:night-d1-again");
    expect(again.status === "succeeded" && again.counts).toMatchObject({ schoolChanges: 0 });
    expect(await mails()).toHaveLength(sent.length);
  });
});
