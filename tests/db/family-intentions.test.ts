import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, StudentScope } from "@/lib/auth/policy";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { findFamilyRequest, replaceRequestItems, takeHand } from "@/lib/db/repositories/family-requests";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  academies,
  accounts,
  authSessions,
  campaignWindows,
  classCouncils,
  familyAcknowledgements,
  familyPublishedOpinions,
  familyRequestItems,
  familyRequests,
  outboxEmails,
  schoolServiceClosures,
  students,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { SCHOOL_CLOSED_MESSAGE } from "@/lib/domain/family-page";
import {
  DETAILS_NOT_ALLOWED_MESSAGE,
  DUPLICATE_TRACK_MESSAGE,
  FREE_TEXT_TOO_LONG_MESSAGE,
  NO_DETAILS_FOR_2GT_MESSAGE,
  STUDENT_READ_ONLY_MESSAGE,
  TOO_MANY_MESSAGE,
  fullItem,
  type Intention,
} from "@/lib/domain/intentions";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { createSmtpMailer } from "@/lib/outbox/mailer";
import { sendDueEmails } from "@/lib/outbox/sender";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { validateIntentions } from "@/lib/services/family-intentions";
import { endAuthSession, expireIdleSessions, startAuthSession } from "@/lib/auth/session-lifecycle";
import { startSmtpSink } from "../support/smtp-sink";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;

const PRO: Intention = { track: "2PRO", freeText: "Hôtellerie restauration", statusSchool: true, statusApprentice: true };
const CAP: Intention = { track: "CAP", freeText: "Boulanger", statusSchool: false, statusApprentice: true };
const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };

type Family = { studentId: string; scope: StudentScope; g1: Actor; g2: Actor; student: Actor };
async function actorOf(login: string): Promise<Actor> {
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return (await findActor(t.db, a!.id))!;
}
async function family(f: (typeof DEMO_FAMILY)["student3A"]): Promise<Family> {
  const [s] = await t.db.select({ id: students.id }).from(students).where(eq(students.ine, f.student.ine));
  const scope = (await findStudentScope(t.db, s!.id, NOW))!;
  return {
    studentId: s!.id,
    scope,
    g1: await actorOf(f.guardians[0]!.login),
    g2: await actorOf(f.guardians[1]!.login),
    student: await actorOf(f.student.login),
  };
}
async function sessionOf(actor: Actor, at = NOW): Promise<string> {
  return startAuthSession(t.db, actor.accountId, at, 30);
}
async function validate(fam: Family, actor: Actor, intentions: unknown, opts: { sessionId?: string; now?: Date } = {}) {
  return validateIntentions(t.db, { actor, scope: fam.scope, sessionId: opts.sessionId ?? (await sessionOf(actor)), intentions, now: opts.now ?? NOW });
}
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
/** Every family-side row of a student, to prove a refusal changed nothing. */
async function snapshot(studentId: string) {
  const req = await t.db.select().from(familyRequests).where(eq(familyRequests.studentId, studentId));
  const items = req[0] ? await t.db.select().from(familyRequestItems).where(eq(familyRequestItems.requestId, req[0].id)).orderBy(familyRequestItems.rank) : [];
  const acks = await t.db.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, studentId));
  const audit = await t.db.execute(sql`select count(*)::int as n from audit_log where entity_id = ${studentId}`);
  return { req, items: items.map(({ id: _id, ...rest }) => rest), acks, audit: audit.rows[0] };
}
/** The n-th other 3e student of 3A with two guardians: each test group uses its own n. */
async function anotherFamily(index: number): Promise<Family> {
  const rows = await t.db.execute<{ id: string }>(sql`
    select s.id from students s join divisions d on d.id = s.division_id
     where d.code = '3A' and (select count(*) from student_guardians g where g.student_id = s.id) = 2
       and s.ine not in (${DEMO_FAMILY.student3A.student.ine}, ${DEMO_FAMILY.noEmail.student.ine})
     order by s.ine offset ${index} limit 1`);
  const studentId = rows.rows[0]!.id;
  const scope = (await findStudentScope(t.db, studentId, NOW))!;
  const gs = await t.db.execute<{ account_id: string; rank: number }>(sql`
    select a.id as account_id, sg.rank from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = ${studentId} order by sg.rank`);
  const [st] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.studentId, studentId));
  return {
    studentId,
    scope,
    g1: (await findActor(t.db, gs.rows[0]!.account_id))!,
    g2: (await findActor(t.db, gs.rows[1]!.account_id))!,
    student: (await findActor(t.db, st!.id))!,
  };
}

beforeAll(async () => {
  t = await createTestDb({ poolSize: 6 });
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
});
afterAll(async () => {
  await t?.drop();
});

describe("R-INT-1: the hand", () => {
  it("R-INT-1: the first guardian who validates holds the hand; the other guardian is refused with a French message and nothing changes", async () => {
    const fam = await family(DEMO_FAMILY.student3A);
    const done = await validate(fam, fam.g1, [PRO, CAP, GT]);
    expect(done.version).toBe(1);
    const before = await snapshot(fam.studentId);
    expect(before.req[0]!.holderAccountId).toBe(fam.g1.accountId);
    expect(before.items.map((i) => i.track)).toEqual(["2PRO", "CAP", "2GT"]);

    const err = await refusal(validate(fam, fam.g2, [GT]));
    expect(err.code).toBe("HAND_TAKEN");
    expect(err.message).toContain(fam.g1.displayName);
    expect(err.message).toContain("seul le représentant légal qui a effectué la saisie peut les modifier");
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-INT-1: the other guardian and the student read the validated intentions, with who entered them and when", async () => {
    const fam = await family(DEMO_FAMILY.student3A);
    for (const viewer of [fam.g2, fam.student]) {
      const page = (await readFamilyFile(t.db, viewer, fam.scope, NOW))!;
      expect(page.view.intentions).toEqual({ mode: "readonly", enteredBy: `Intentions saisies par ${fam.g1.displayName} le 23/11/2026 à 10:00` });
      expect(page.validatedIntentions!.map((i) => i.track)).toEqual(["2PRO", "CAP", "2GT"]);
    }
    const holderPage = (await readFamilyFile(t.db, fam.g1, fam.scope, NOW))!;
    expect(holderPage.view.intentions).toEqual({ mode: "edit", hasValidated: true });
  });

  it("R-INT-1: two guardians validating at the same instant: exactly one wins, the other gets the French message and the winner's entry is whole", async () => {
    for (let round = 0; round < 4; round++) {
      const fam = await anotherFamily(round);
      const [s1, s2] = await Promise.all([sessionOf(fam.g1), sessionOf(fam.g2)]);
      const results = await Promise.allSettled([validate(fam, fam.g1, [PRO, GT], { sessionId: s1 }), validate(fam, fam.g2, [CAP], { sessionId: s2 })]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0]!.reason as DomainError).code).toBe("HAND_TAKEN");
      const winner = results[0]!.status === "fulfilled" ? fam.g1 : fam.g2;
      const stored = (await findFamilyRequest(t.db, fam.studentId, "provisional"))!;
      expect(stored.holderAccountId).toBe(winner.accountId);
      expect(stored.items.map((i) => i.track)).toEqual(winner === fam.g1 ? ["2PRO", "2GT"] : ["CAP"]);
      // The loser's session is not marked as changed: its end sends no recap.
      const [loserSession] = await t.db
        .select()
        .from(authSessions)
        .where(eq(authSessions.id, winner === fam.g1 ? s2 : s1));
      expect(loserSession!.changedAt).toBeNull();
    }
  });

  it("R-INT-1: a validation waits for a concurrent one holding the key, then is refused (not silently lost)", async () => {
    const fam = await anotherFamily(4);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedP = new Promise<void>((r) => (inserted = r));
    // Guardian 1's transaction takes the key and holds it open.
    const first = t.db.transaction(async (tx) => {
      const hand = await takeHand(tx, { studentId: fam.studentId, phase: "provisional", accountId: fam.g1.accountId, holderName: fam.g1.displayName, at: NOW });
      await replaceRequestItems(tx, hand!.id, [GT]);
      inserted();
      await gate;
    });
    await insertedP;
    const second = validate(fam, fam.g2, [CAP]).then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await first;
    const err = (await second) as DomainError;
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("HAND_TAKEN");
    expect((await findFamilyRequest(t.db, fam.studentId, "provisional"))!.items.map((i) => i.track)).toEqual(["2GT"]);
  });
});

describe("R-INT-6: validation replaces the entry; cancel semantics", () => {
  it("R-INT-6: a new validation replaces the whole list in one transaction and bumps the version", async () => {
    const fam = await anotherFamily(5);
    await validate(fam, fam.g1, [PRO, CAP, GT]);
    const second = await validate(fam, fam.g1, [GT, CAP], { now: later(5) });
    expect(second.version).toBe(2);
    const stored = (await findFamilyRequest(t.db, fam.studentId, "provisional"))!;
    expect(stored.items).toEqual([
      { rank: 1, ...fullItem(GT) },
      { rank: 2, ...fullItem(CAP) },
    ]);
    expect(stored.validatedAt).toEqual(later(5));
  });

  it("R-INT-6: a refused validation keeps the last validated entry whole (what Annuler gives back)", async () => {
    const fam = await anotherFamily(5);
    const before = await snapshot(fam.studentId);
    expect((await refusal(validate(fam, fam.g1, [GT, GT]))).message).toBe(DUPLICATE_TRACK_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-INT-2: the database refuses at commit a request left with no intention", async () => {
    const fam = await anotherFamily(5);
    const before = await snapshot(fam.studentId);
    const err = await t.db
      .transaction(async (tx) => {
        const hand = await takeHand(tx, {
          studentId: fam.studentId,
          phase: "provisional",
          accountId: fam.g1.accountId,
          holderName: fam.g1.displayName,
          at: NOW,
        });
        await tx.delete(familyRequestItems).where(eq(familyRequestItems.requestId, hand!.id));
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((err as Error)?.cause ?? err)).toMatch(/must hold 1 to 3 items/);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });
});

describe("server-side validation (never trust the page)", () => {
  const forged: [string, unknown, string][] = [
    ["a fourth intention (R-INT-2)", [PRO, CAP, GT, GT], TOO_MANY_MESSAGE],
    ["an unknown voie (R-INT-2)", [{ track: "1G", freeText: null, statusSchool: false, statusApprentice: false }], "Vous devez sélectionner une voie."],
    ["a detail on 2de GT (R-INT-5)", [{ ...GT, statusSchool: true }], NO_DETAILS_FOR_2GT_MESSAGE],
    ["a text over 200 characters (R-INT-5)", [{ ...PRO, freeText: "x".repeat(201) }], FREE_TEXT_TOO_LONG_MESSAGE],
    ["no intention at all (R-INT-2)", [], "Vous devez obligatoirement saisir une intention."],
    ["a voie twice (R-INT-3)", [CAP, CAP], DUPLICATE_TRACK_MESSAGE],
    ["an unexpected field", [{ ...GT, subTrack: "STHR" }], ""],
  ];
  for (const [what, list, message] of forged) {
    it(`refuses ${what} with a French message and changes nothing`, async () => {
      const fam = await anotherFamily(6);
      const before = await snapshot(fam.studentId);
      const err = await refusal(validate(fam, fam.g1, list));
      expect(err.code).toBe("INVALID_INTENTIONS");
      if (message) expect(err.message).toBe(message);
      expect(await snapshot(fam.studentId)).toEqual(before);
    });
  }

  it("R-INT-1: refuses the student's account (read only), with a French message", async () => {
    const fam = await family(DEMO_FAMILY.student3A);
    const before = await snapshot(fam.studentId);
    const err = await refusal(validate(fam, fam.student, [GT]));
    expect(err.message).toBe(STUDENT_READ_ONLY_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-CAL-3: refuses an entry after the school closed its service; R-SCH-3: and once the council is open", async () => {
    const fam = await anotherFamily(7);
    const before = await snapshot(fam.studentId);
    await t.db
      .insert(schoolServiceClosures)
      .values({ schoolId: fam.scope.schoolId, level: "3e", phase: "provisional", closed: true, updatedByName: "Mme Hélène Roussin" });
    expect((await refusal(validate(fam, fam.g1, [GT]))).message).toBe(SCHOOL_CLOSED_MESSAGE);
    await t.db.delete(schoolServiceClosures).where(eq(schoolServiceClosures.schoolId, fam.scope.schoolId));

    await t.db
      .update(classCouncils)
      .set({ state: "open", openedAt: NOW, openedByName: "Mme Hélène Roussin" })
      .where(and(eq(classCouncils.divisionId, fam.scope.divisionId), eq(classCouncils.phase, "provisional")));
    expect((await refusal(validate(fam, fam.g1, [GT]))).message).toBe(OPINIONS_NOT_AVAILABLE_MESSAGE);
    await t.db
      .update(classCouncils)
      .set({ state: "planned", openedAt: null, openedByName: null })
      .where(and(eq(classCouncils.divisionId, fam.scope.divisionId), eq(classCouncils.phase, "provisional")));
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-CAL-1 / R-CAL-2: refuses an entry once the académie's window has closed", async () => {
    const fam = await anotherFamily(7);
    const before = await snapshot(fam.studentId);
    const [w] = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.level, "3e"), eq(campaignWindows.phase, "provisional")));
    expect((await refusal(validate(fam, fam.g1, [GT], { now: new Date(w!.closesAt.getTime() + 1000) }))).message).toBe(CAMPAIGN_CLOSED_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-INT-5: refuses details where the académie does not allow them", async () => {
    const fam = await anotherFamily(7);
    await t.db.update(academies).set({ allowTrackDetails: false });
    try {
      expect((await refusal(validate(fam, fam.g1, [PRO]))).message).toBe(DETAILS_NOT_ALLOWED_MESSAGE);
      const ok = await validate(fam, fam.g1, [{ ...PRO, freeText: null, statusSchool: false, statusApprentice: false }]);
      expect(ok.items).toHaveLength(1);
    } finally {
      await t.db.update(academies).set({ allowTrackDetails: true });
    }
  });
});

describe("R-INT-8: recap e-mails at the end of the session", () => {
  it("R-INT-8: queued when the guardian who validated logs out, one per guardian with an address, with the two wordings; sent over SMTP", async () => {
    const fam = await anotherFamily(8);
    const sid = await sessionOf(fam.g1);
    await validate(fam, fam.g1, [PRO, CAP], { sessionId: sid, now: later(1) });
    await validate(fam, fam.g1, [CAP, PRO, GT], { sessionId: sid, now: later(2) });
    expect(
      await t.db
        .select()
        .from(outboxEmails)
        .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`),
    ).toHaveLength(0);

    await endAuthSession(t.db, sid, "logout", later(3));
    const rows = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`);
    expect(rows).toHaveLength(2);
    // A second end (double logout, or the expiry sweep) queues nothing more.
    expect(await endAuthSession(t.db, sid, "expired", later(40))).toBeNull();
    expect(
      await t.db
        .select()
        .from(outboxEmails)
        .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`),
    ).toHaveLength(2);

    const sink = await startSmtpSink();
    const mailer = createSmtpMailer(sink.url);
    try {
      await sendDueEmails({ db: t.db, now: later(4), mailer, log: { info: () => {}, warn: () => {}, error: () => {} } as never });
      const holderMail = await sink.waitFor((m) => m.text.includes("que vous avez effectuée en ligne le 23/11/2026 à 10:02"));
      const otherMail = await sink.waitFor((m) => m.text.includes(`effectuée en ligne le 23/11/2026 à 10:02 par ${fam.g1.displayName}`));
      for (const m of [holderMail, otherMail]) {
        expect(m.subject).toBe("[ORIENTATION] Saisie des intentions d'orientation");
        expect(m.text).toContain("Rang 1 : 1re année de CAP\nSpécialité(s) : Boulanger\nSous statut d'apprenti");
        expect(m.text).toContain(
          "Rang 2 : 2de professionnelle\nSpécialité(s) ou famille(s) de métiers : Hôtellerie restauration\nSous statut d'apprenti\nSous statut scolaire",
        );
        expect(m.text).toContain("Rang 3 : 2de générale et technologique ou 2de STHR");
        expect(m.text).toContain("Collège Stendhal\n12 rue Hector Berlioz\n38000 Grenoble\nTéléphone : 04 76 12 34 50");
        expect(m.html).toContain("<strong>Rang 1 : 1re année de CAP</strong>");
        expect(m.from).toBe("ne-pas-repondre@ac-grenoble.fr");
      }
      expect(otherMail.text).toMatch(/veuillez vous rapprocher (de |d')/);
      expect(otherMail.text).toContain("prendre l'attache du chef d'établissement");
      expect(holderMail.text).not.toMatch(/veuillez vous rapprocher (de |d')/);
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it("R-INT-8 / R-INT-6: no validation in the session, no e-mail; the other guardian's session end sends nothing", async () => {
    const fam = await anotherFamily(8); // validated by g1 in the previous test
    const idle = await sessionOf(fam.g1, later(10));
    await endAuthSession(t.db, idle, "logout", later(11));
    const other = await sessionOf(fam.g2, later(10));
    await refusal(validate(fam, fam.g2, [GT], { sessionId: other, now: later(10) }));
    await endAuthSession(t.db, other, "expired", later(50));
    const rows = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${idle}:%`} or dedupe_key like ${`recap:provisional:${other}:%`}`);
    expect(rows).toHaveLength(0);
  });

  it("R-INT-8: a guardian without an e-mail address gets none; the other still gets theirs (session expiry)", async () => {
    const fam = await family(DEMO_FAMILY.noEmail);
    const sid = await sessionOf(fam.g2);
    await validate(fam, fam.g2, [GT], { sessionId: sid });
    await endAuthSession(t.db, sid, "expired", later(31));
    const rows = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`);
    expect(rows.map((r) => r.toAddress)).toEqual([DEMO_FAMILY.noEmail.guardians[1]!.email]);
    expect(rows[0]!.text).toContain("que vous avez effectuée en ligne");
  });

  it("R-INT-8: the worker's expiry sweep of an idle session sends the recap too", async () => {
    const fam = await anotherFamily(10);
    const sid = await sessionOf(fam.g1, later(100));
    await validate(fam, fam.g1, [CAP], { sessionId: sid, now: later(101) });
    expect(await expireIdleSessions(t.db, later(100 + 31))).toBeGreaterThanOrEqual(1);
    const [s] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(s!.endReason).toBe("expired");
    const rows = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:provisional:${sid}:%`}`);
    expect(rows).toHaveLength(2);
  });
});

describe("R-ACK-1: acknowledgement of the avis", () => {
  it("R-ACK-1: refused before avis are published; then either guardian acknowledges once, and it cannot be repeated", async () => {
    const fam = await family(DEMO_FAMILY.student3A);
    expect((await refusal(acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: NOW }))).message).toBe(OPINIONS_NOT_AVAILABLE_MESSAGE);
    await t.db.insert(familyPublishedOpinions).values([
      {
        studentId: fam.studentId,
        rank: 1,
        track: "2PRO",
        freeText: PRO.freeText,
        statusSchool: true,
        statusApprentice: true,
        value: "favorable",
        comment: "Projet cohérent.",
        publishedAt: NOW,
      },
      { studentId: fam.studentId, rank: 2, track: "CAP", value: "reserve", publishedAt: NOW },
    ]);
    expect((await refusal(acknowledgeOpinions(t.db, { actor: fam.student, scope: fam.scope, now: NOW }))).message).toBe(STUDENT_READ_ONLY_MESSAGE);

    const done = await acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: later(60) });
    expect(done.actorName).toBe(fam.g2.displayName);
    const err = await refusal(acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: later(61) }));
    expect(err.code).toBe("ALREADY_ACKNOWLEDGED");
    const [ack] = await t.db.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, fam.studentId));
    expect(ack!.accountId).toBe(fam.g2.accountId);

    for (const viewer of [fam.g1, fam.g2, fam.student]) {
      const page = (await readFamilyFile(t.db, viewer, fam.scope, later(62)))!;
      expect(page.view.opinions).toEqual({
        mode: "shown",
        acknowledgement: { state: "done", text: `Accusé de réception effectué le 23/11/2026 à 11:00 par ${fam.g2.displayName}.` },
      });
      expect(page.opinions.map((o) => o.value)).toEqual(["favorable", "reserve"]);
    }
  });

  it("R-ACK-1: two guardians acknowledging at the same instant: one acknowledgement, the other is told", async () => {
    const fam = await anotherFamily(9);
    await t.db.insert(familyPublishedOpinions).values({ studentId: fam.studentId, rank: 1, track: "2GT", value: "favorable", publishedAt: NOW });
    const results = await Promise.allSettled([
      acknowledgeOpinions(t.db, { actor: fam.g1, scope: fam.scope, now: NOW }),
      acknowledgeOpinions(t.db, { actor: fam.g2, scope: fam.scope, now: NOW }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect((lost.reason as DomainError).code).toBe("ALREADY_ACKNOWLEDGED");
    expect(await t.db.select().from(familyAcknowledgements).where(eq(familyAcknowledgements.studentId, fam.studentId))).toHaveLength(1);
  });
});
