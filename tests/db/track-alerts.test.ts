import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredActions, runAction } from "@/lib/actions/define-action";
import "@/lib/actions/track-alerts";
import { endAuthSession, startAuthSession } from "@/lib/auth/session-lifecycle";
import { NotFoundError, type Actor, type StudentScope } from "@/lib/auth/policy";
import { DEMO_ACADEMY_ID, DEMO_FAMILY, DEMO_TRACK_ALERT } from "@/lib/db/demo-accounts";
import { findTrackAlerts } from "@/lib/db/repositories/track-alerts";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import { academies, auditLog, outboxEmails, trackAlerts } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import type { Intention } from "@/lib/domain/intentions";
import { TRACK_ALERT_EXISTS_MESSAGE, TRACK_ALERT_NOT_FOUND_MESSAGE, TRACK_ALERT_TRACK_MESSAGE, type TrackAlertCreate } from "@/lib/domain/track-alerts";
import { TRACK_ALERTS_HEADING } from "@/emails/intentions-recap";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { validateIntentions } from "@/lib/services/family-intentions";
import { createTrackAlert, editTrackAlert, removeTrackAlert } from "@/lib/services/track-alerts";
import { countStatements } from "../support/count-statements";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

/* R-OVS-3: the académie's alerts on a voie: the saio's writes, and what a family of the académie reads. */

const NOW = new Date("2026-11-23T09:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;
let saio: Actor;

const PRO: Intention = { track: "2PRO", freeText: null, statusSchool: true, statusApprentice: false };
const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };
const CAP: Intention = { track: "CAP", freeText: null, statusSchool: true, statusApprentice: false };

const auditCount = async (action: string) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, action))
  )[0]!.n;
const alertsOf = (academyId: string) => t.db.select().from(trackAlerts).where(eq(trackAlerts.academyId, academyId));

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

/** A 3A family whose both guardians have an address (the e2e's own families left alone): the n-th such. */
async function family(index: number): Promise<{ studentId: string; scope: StudentScope; g1: Actor }> {
  const rows = await t.db.execute<{ id: string; account_id: string }>(sql`
    select s.id, a.id as account_id from students s join divisions d on d.id = s.division_id
      join student_guardians sg on sg.student_id = s.id and sg.rank = 1
      join guardians g on g.id = sg.guardian_id join accounts a on a.guardian_id = g.id
     where d.code = '3A' and g.email is not null
       and (select count(*) from student_guardians x join guardians y on y.id = x.guardian_id where x.student_id = s.id and y.email is not null) = 2
       and s.ine not in (${DEMO_FAMILY.student3A.student.ine}, ${DEMO_FAMILY.noEmail.student.ine})
     order by s.ine offset ${index} limit 1`);
  const row = rows.rows[0]!;
  return { studentId: row.id, scope: (await findStudentScope(t.db, row.id, NOW))!, g1: (await findActor(t.db, row.account_id))! };
}

beforeAll(async () => {
  t = await createTestDb({ poolSize: 4 });
  await seedDemo(t.db, NOW, { history: false });
  saio = await demoActor(t.db, "saio", "SAIO");
  // Another académie, with its own alert on the same voie: never shown to Grenoble's families.
  await t.db.insert(academies).values({ id: "lyon", name: "Académie de Lyon", senderEmail: "ne-pas-repondre@ac-lyon.fr" });
  await t.db
    .insert(trackAlerts)
    .values({ academyId: "lyon", level: "3e", track: "2PRO", message: "Message de Lyon", dueOn: "2027-01-10", updatedByName: "SAIO Lyon" });
});
afterAll(async () => t?.drop());

describe("R-OVS-3: the saio's alerts", () => {
  it("R-OVS-3: the demo académie has its alert on 1T STD2A, dated in the campaign", async () => {
    const [demo] = await alertsOf(DEMO_ACADEMY_ID);
    expect(demo).toMatchObject({ ...DEMO_TRACK_ALERT });
    expect(demo!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${demo!.dueOn}T12:00:00Z`).getTime()).toBeGreaterThan(NOW.getTime());
  });

  it("R-OVS-3: create, edit, delete, each audited once; a replay writes nothing more", async () => {
    const input: TrackAlertCreate = { level: "3e", track: "CAP", subTrack: "", message: "Dossier à retirer au CIO", dueOn: "2027-02-01" };
    const created = await createTrackAlert(t.db, saio, DEMO_ACADEMY_ID, input, NOW);
    expect(created.changed).toBe(true);
    // The same submit again (a double click, a replayed POST): the saved alert, no second row or audit line.
    const replay = await createTrackAlert(t.db, saio, DEMO_ACADEMY_ID, input, later(1));
    expect(replay).toEqual({ alert: created.alert, changed: false });
    expect((await alertsOf(DEMO_ACADEMY_ID)).filter((a) => a.track === "CAP")).toHaveLength(1);
    expect(await auditCount("track_alert.create")).toBe(1);

    // Another message on the same voie is not a replay: refused, edit it instead.
    const err = await refusal(createTrackAlert(t.db, saio, DEMO_ACADEMY_ID, { ...input, message: "Autre message" }, later(2)));
    expect(err.message).toBe(TRACK_ALERT_EXISTS_MESSAGE);

    const edited = await editTrackAlert(
      t.db,
      saio,
      DEMO_ACADEMY_ID,
      created.alert.id,
      { message: "Dossier à retirer au CIO avant les vacances", dueOn: "2027-02-05" },
      later(3),
    );
    expect(edited.changed).toBe(true);
    const [row] = await t.db.select().from(trackAlerts).where(eq(trackAlerts.id, created.alert.id));
    expect(row).toMatchObject({ message: "Dossier à retirer au CIO avant les vacances", dueOn: "2027-02-05", updatedByName: saio.displayName });
    expect(row!.updatedAt.getTime()).toBe(later(3).getTime());
    expect((await editTrackAlert(t.db, saio, DEMO_ACADEMY_ID, created.alert.id, { message: row!.message, dueOn: row!.dueOn }, later(4))).changed).toBe(false);
    expect(await auditCount("track_alert.update")).toBe(1);

    expect(await removeTrackAlert(t.db, saio, DEMO_ACADEMY_ID, created.alert.id, later(5))).toEqual({ deleted: true });
    expect(await removeTrackAlert(t.db, saio, DEMO_ACADEMY_ID, created.alert.id, later(6))).toEqual({ deleted: false });
    expect(await auditCount("track_alert.delete")).toBe(1);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "track_alert.delete"));
    expect(audit).toMatchObject({ accountId: saio.accountId, entityType: "academy", entityId: DEMO_ACADEMY_ID });
    expect(JSON.parse(audit!.details!)).toMatchObject({ track: "CAP", message: "Dossier à retirer au CIO avant les vacances" });
    expect((await refusal(editTrackAlert(t.db, saio, DEMO_ACADEMY_ID, created.alert.id, { message: "x", dueOn: "2027-02-05" }, later(7)))).message).toBe(
      TRACK_ALERT_NOT_FOUND_MESSAGE,
    );
  });

  it("R-OVS-3: two identical creates at once: one row, one audit line, both answered with it", async () => {
    const input: TrackAlertCreate = { level: "2GT", track: "1T", subTrack: "STHR", message: "Entretien de motivation", dueOn: "2027-03-01" };
    const before = await auditCount("track_alert.create");
    const [a, b] = await Promise.all([createTrackAlert(t.db, saio, DEMO_ACADEMY_ID, input, NOW), createTrackAlert(t.db, saio, DEMO_ACADEMY_ID, input, NOW)]);
    expect(a.alert.id).toBe(b.alert.id);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    expect(await auditCount("track_alert.create")).toBe(before + 1);
    await removeTrackAlert(t.db, saio, DEMO_ACADEMY_ID, a.alert.id, NOW);
  });

  it("R-OVS-3: another académie's alert can be neither edited nor deleted by the saio (not found), and stays", async () => {
    const [lyon] = await alertsOf("lyon");
    expect((await refusal(editTrackAlert(t.db, saio, DEMO_ACADEMY_ID, lyon!.id, { message: "Piraté", dueOn: "2027-01-10" }, NOW))).code).toBe(
      "TRACK_ALERT_NOT_FOUND",
    );
    expect(await removeTrackAlert(t.db, saio, DEMO_ACADEMY_ID, lyon!.id, NOW)).toEqual({ deleted: false });
    expect(await alertsOf("lyon")).toEqual([lyon]);
  });

  it("R-OVS-3: the actions: manage:academy only (a head gets the 404), the input refused in French", async () => {
    const def = registeredActions().find((d) => d.name === "academy.track-alert.create")!;
    const head = await demoActor(t.db, "head", "Collège");
    const input = { level: "3e", track: "2PRO", subTrack: "", message: "Message", dueOn: "2027-02-01" };
    await expect(runAction(def, { actor: head, sessionId: "s" }, input, t.db, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const bad = await runAction(def, { actor: saio, sessionId: "s" }, { ...input, track: "1T" }, t.db, NOW);
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { track: [TRACK_ALERT_TRACK_MESSAGE] } });
    expect((await alertsOf(DEMO_ACADEMY_ID)).some((a) => a.track === "2PRO")).toBe(false);
  });
});

describe("R-OVS-3: what a family of the académie reads", () => {
  it("R-OVS-3: the family's file carries its académie's alerts of its level only; the recap e-mail lists those of the voies entered", async () => {
    const pro = await createTrackAlert(
      t.db,
      saio,
      DEMO_ACADEMY_ID,
      { level: "3e", track: "2PRO", subTrack: "", message: "Inscription aux portes ouvertes des lycées professionnels", dueOn: "2027-03-01" },
      NOW,
    );
    const fam = await family(0);
    const file = (await readFamilyFile(t.db, fam.g1, fam.scope, NOW))!;
    // Grenoble's 3e alert, not its 2GT one (STD2A), not Lyon's on the same voie.
    expect(file.trackAlerts.map((a) => a.message)).toEqual(["Inscription aux portes ouvertes des lycées professionnels"]);
    expect((await findTrackAlerts(t.db, "lyon")).map((a) => a.message)).toEqual(["Message de Lyon"]);

    // The guardian validates 2PRO and 2GT, then logs out: the recaps name the 2PRO alert.
    const sid = await startAuthSession(t.db, fam.g1.accountId, NOW, 30);
    await validateIntentions(t.db, { actor: fam.g1, scope: fam.scope, sessionId: sid, intentions: [GT, PRO], now: later(1) });
    await endAuthSession(t.db, sid, "logout", later(2));
    const recaps = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`);
    expect(recaps).toHaveLength(2);
    for (const m of recaps) {
      expect(m.text).toContain(
        `${TRACK_ALERTS_HEADING}\n- 2de professionnelle : Inscription aux portes ouvertes des lycées professionnels (à faire avant le 1er mars 2027)`,
      );
      expect(m.text.indexOf(TRACK_ALERTS_HEADING)).toBeGreaterThan(m.text.indexOf("Rang 2 : 2de professionnelle"));
      expect(m.html).toContain(
        "<strong>2de professionnelle</strong> : Inscription aux portes ouvertes des lycées professionnels <strong>(à faire avant le 1er mars 2027)</strong>",
      );
      expect(m.text).not.toContain("Message de Lyon");
    }

    // A family that entered none of the alerted voies: no alert paragraph.
    const other = await family(1);
    const sid2 = await startAuthSession(t.db, other.g1.accountId, NOW, 30);
    await validateIntentions(t.db, { actor: other.g1, scope: other.scope, sessionId: sid2, intentions: [GT, CAP], now: later(1) });
    await endAuthSession(t.db, sid2, "logout", later(2));
    const plain = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${sid2}:%`}`);
    expect(plain.length).toBeGreaterThan(0);
    for (const m of plain) expect(m.text).not.toContain(TRACK_ALERTS_HEADING);
    await removeTrackAlert(t.db, saio, DEMO_ACADEMY_ID, pro.alert.id, NOW);
  });

  it("R-OVS-3: the family's file is still one statement with the alerts (docs/performance.md)", async () => {
    const fam = await family(2);
    const { result, statements } = await countStatements(() => readFamilyFile(t.db, fam.g1, fam.scope, NOW));
    expect(statements).toBe(1);
    expect(result!.trackAlerts).toEqual([]); // a 3e student: the académie's only alert is on a 2GT voie
  });
});
