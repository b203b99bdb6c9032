import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, StudentScope } from "@/lib/auth/policy";
import { endAuthSession, startAuthSession } from "@/lib/auth/session-lifecycle";
import { findFamilyRequest } from "@/lib/db/repositories/family-requests";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  academies,
  accounts,
  campaignWindows,
  divisions,
  familyAcknowledgements,
  familyPublishedOpinions,
  familyRequestItems,
  familyRequests,
  guardians,
  outboxEmails,
  schools,
  schoolSpecialties,
  studentGuardians,
  students,
} from "@/lib/db/schema";
import { DomainError } from "@/lib/domain/errors";
import { ADULT_STUDENT_ENTERS_MESSAGE, type Intention } from "@/lib/domain/intentions";
import { FIFTH_SPECIALTY_MESSAGE, SERIES_REQUIRED_MESSAGE, STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE, TOO_MANY_OUTSIDE_MESSAGE } from "@/lib/domain/request-items";
import { parisDateTime } from "@/lib/domain/paris-time";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { loadFamilyHome } from "@/lib/services/family-home";
import { validateFamilyRequest } from "@/lib/services/family-intentions";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The 2de GT family entry through the real service on real PostgreSQL (R-2GT-1..5, R-INT-1/6,
 * R-AUTH-4): a lycée of its own with its offered spécialités, one académie that forbids the stage
 * passerelle (the default) and one that allows it, a minor and an adult student.
 */

const NOW = parisDateTime("2027-01-20", "10:00");
const FINAL_NOW = parisDateTime("2027-04-10", "10:00");
const OFFERED = ["MATHS", "PC", "SVT", "SES", "HGGSP", "HLP", "LLCER", "NSI"];
let t: TestDb;

type Lycee = { minor: Family; adult: Family };
type Family = { studentId: string; scope: StudentScope; g1: Actor; g2: Actor; student: Actor };

let seq = 0;
async function seedLycee(allowStagePasserelle: boolean): Promise<Lycee> {
  const tag = `2gt${++seq}`;
  await t.db.insert(academies).values({ id: `acad-${tag}`, name: `Académie ${tag}`, senderEmail: "ce.orientation@ac-test.fr", allowStagePasserelle });
  for (const [phase, opens, closes] of [
    ["provisional", parisDateTime("2027-01-04", "08:00"), parisDateTime("2027-03-01", "18:00")],
    ["final", parisDateTime("2027-04-01", "08:00"), parisDateTime("2027-05-30", "18:00")],
  ] as const) {
    await t.db.insert(campaignWindows).values({ academyId: `acad-${tag}`, schoolYear: "2026-2027", level: "2GT", phase, opensAt: opens, closesAt: closes });
  }
  const [school] = await t.db
    .insert(schools)
    .values({
      uai: `0389${String(seq).padStart(3, "0")}Z`,
      academyId: `acad-${tag}`,
      name: "Lycée Les Marronniers",
      address: "3 avenue du Lycée",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04 76 00 00 01",
      email: "ce.lycee@ac-test.fr",
    })
    .returning();
  await t.db.insert(schoolSpecialties).values(OFFERED.map((specialty) => ({ schoolId: school!.id, specialty })));
  const [division] = await t.db
    .insert(divisions)
    .values({ schoolId: school!.id, code: "2A", level: "2GT", mefCode: "20010018110", mefLabel: "2NDE GT" })
    .returning();
  const familyOf = async (i: number, birthDate: string): Promise<Family> => {
    const [s] = await t.db
      .insert(students)
      .values({
        ine: `${9000 + seq}${String(i).padStart(7, "0")}`,
        schoolId: school!.id,
        divisionId: division!.id,
        lastName: `Lycéen${i}`,
        firstName: "Hugo",
        birthDate,
      })
      .returning();
    const actors: Actor[] = [];
    for (const rank of [1, 2]) {
      const [g] = await t.db
        .insert(guardians)
        .values({
          civility: rank === 1 ? "Mme" : "M.",
          firstName: rank === 1 ? "Anne" : "Luc",
          lastName: `Parent${tag}${i}`,
          email: `p${rank}.${tag}.${i}@example.fr`,
        })
        .returning();
      await t.db.insert(studentGuardians).values({ studentId: s!.id, guardianId: g!.id, rank });
      const [a] = await t.db
        .insert(accounts)
        .values({ role: "guardian", displayName: `${g!.civility} ${g!.firstName} ${g!.lastName}`, guardianId: g!.id })
        .returning();
      actors.push((await findActor(t.db, a!.id))!);
    }
    const [sa] = await t.db
      .insert(accounts)
      .values({ role: "student", displayName: `Hugo Lycéen${i}`, studentId: s!.id })
      .returning();
    return { studentId: s!.id, scope: (await findStudentScope(t.db, s!.id, NOW))!, g1: actors[0]!, g2: actors[1]!, student: (await findActor(t.db, sa!.id))! };
  };
  return { minor: await familyOf(1, "2011-05-05"), adult: await familyOf(2, "2008-01-02") };
}

const base = { freeText: null, statusSchool: false, statusApprentice: false, stagePasserelle: false };
const gen = (...specialties: string[]): Intention => ({ track: "1G", subTrack: "", ...base, specialties });
const techno = (subTrack: string): Intention => ({ track: "1T", subTrack, ...base, specialties: [] });
const pro = (subTrack: string, over: Partial<Intention> = {}): Intention => ({ track: "VOIE_PRO", subTrack, ...base, specialties: [], ...over });

async function validate(fam: Family, actor: Actor, phase: "provisional" | "final", intentions: unknown, now = phase === "final" ? FINAL_NOW : NOW) {
  const sessionId = await startAuthSession(t.db, actor.accountId, now, 30);
  const scope = (await findStudentScope(t.db, fam.studentId, now))!;
  return { sessionId, result: await validateFamilyRequest(t.db, { actor, scope, sessionId, phase, intentions, now }) };
}
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
async function snapshot(studentId: string) {
  const reqs = await t.db.select().from(familyRequests).where(eq(familyRequests.studentId, studentId)).orderBy(familyRequests.phase);
  const items = [];
  for (const r of reqs)
    items.push(...(await t.db.select().from(familyRequestItems).where(eq(familyRequestItems.requestId, r.id)).orderBy(familyRequestItems.rank)));
  const audit = await t.db.execute(sql`select count(*)::int as n from audit_log where entity_id = ${studentId}`);
  return { reqs, items, audit: audit.rows[0] };
}
/** R-FIN-2: the provisional avis published and acknowledged, so that the final choices can be entered. */
async function readyForFinal(fam: Family, by: Actor) {
  await t.db.insert(familyPublishedOpinions).values({
    studentId: fam.studentId,
    rank: 1,
    track: "1G",
    subTrack: "",
    specialties: ["MATHS", "PC", "SVT", "SES"],
    value: "favorable",
    publishedAt: NOW,
  });
  await t.db.insert(familyAcknowledgements).values({ studentId: fam.studentId, accountId: by.accountId, actorName: by.displayName, acknowledgedAt: NOW });
}

let forbids: Lycee;
let allows: Lycee;
beforeAll(async () => {
  t = await createTestDb({ poolSize: 4 });
  forbids = await seedLycee(false);
  allows = await seedLycee(true);
});
afterAll(async () => {
  await t?.drop();
});

describe("R-2GT-2: provisional intentions of a 2de GT student", () => {
  it("R-2GT-2: saves the 1re générale's spécialités in the family's order (a 5th outside the lycée), and a STL option", async () => {
    const fam = forbids.minor;
    const ranked = ["SVT", "MATHS", "PC", "SES", "SI"];
    const { result } = await validate(fam, fam.g1, "provisional", [gen(...ranked), techno("STL_BIO")]);
    expect(result.items.map((i) => [i.track, i.subTrack])).toEqual([
      ["1G", ""],
      ["1T", "STL_BIO"],
    ]);
    const saved = await findFamilyRequest(t.db, fam.studentId, "provisional");
    expect(saved!.items[0]!.specialties).toEqual(ranked);
    expect(saved!.items[1]!.subTrack).toBe("STL_BIO");

    // The page reads them back: série in the label, the ranking, «hors établissement».
    const file = (await readFamilyFile(t.db, fam.g2, fam.scope, NOW))!;
    expect(file.offeredSpecialties).toEqual(expect.arrayContaining(OFFERED));
    expect(file.validatedIntentions!.map((i) => i.specialties)).toEqual([ranked, []]);
    expect(file.view.intentions.mode).toBe("readonly");
  });

  it("R-2GT-2: refuses a third spécialité «hors établissement», and a 5th when all are offered; nothing changes", async () => {
    const fam = forbids.minor;
    const before = await snapshot(fam.studentId);
    const three = await refusal(validate(fam, fam.g1, "provisional", [gen("MATHS", "SI", "BIO_ECO", "ARTS_DANSE")]));
    expect(three.message).toBe(TOO_MANY_OUTSIDE_MESSAGE);
    expect(three.fieldErrors).toEqual({ "items.0": [TOO_MANY_OUTSIDE_MESSAGE] });
    const fifth = await refusal(validate(fam, fam.g1, "provisional", [gen("MATHS", "PC", "SVT", "SES", "NSI")]));
    expect(fifth.message).toBe(FIFTH_SPECIALTY_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-INT-6: nothing is half-saved: one bad item refuses the whole list and the last validated entry stays", async () => {
    const fam = forbids.minor;
    const before = await snapshot(fam.studentId);
    const err = await refusal(validate(fam, fam.g1, "provisional", [techno("STMG"), techno("")]));
    expect(err.message).toBe(SERIES_REQUIRED_MESSAGE);
    expect(err.fieldErrors).toEqual({ "items.1": [SERIES_REQUIRED_MESSAGE] });
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-INT-6: a forged field is refused, not ignored", async () => {
    const fam = forbids.minor;
    const before = await snapshot(fam.studentId);
    const err = await refusal(validate(fam, fam.g1, "provisional", [{ ...techno("STMG"), rank: 1 }]));
    expect(err.message).toBe("Saisie invalide.");
    const err2 = await refusal(validate(fam, fam.g1, "provisional", [{ ...gen("MATHS", "PC", "SVT", "SES"), holderAccountId: fam.g2.accountId }]));
    expect(err2.message).toBe("Saisie invalide.");
    expect(await snapshot(fam.studentId)).toEqual(before);
  });
});

describe("R-AUTH-4: the adult student enters, the guardians read", () => {
  it("R-AUTH-4: the adult 2de GT student validates their intentions; their guardian is refused with a French message", async () => {
    const fam = forbids.adult;
    const before = await snapshot(fam.studentId);
    const err = await refusal(validate(fam, fam.g1, "provisional", [techno("STMG")]));
    expect(err.code).toBe("READ_ONLY");
    expect(err.message).toBe(ADULT_STUDENT_ENTERS_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);

    const { result } = await validate(fam, fam.student, "provisional", [techno("STMG"), gen("MATHS", "PC", "SVT", "SES")]);
    expect(result.holderName).toBe(fam.student.displayName);
    expect((await findFamilyRequest(t.db, fam.studentId, "provisional"))!.holderAccountId).toBe(fam.student.accountId);
  });

  it("R-CAL-2 / R-AUTH-4: the home card and the file page say the same thing to the guardian (reads) and to the adult student (enters)", async () => {
    const fam = allows.adult;
    const [home] = await loadFamilyHome(t.db, { guardianId: fam.g1.guardianId! }, NOW, { accountId: fam.g1.accountId, guardianId: fam.g1.guardianId });
    const file = (await readFamilyFile(t.db, fam.g1, fam.scope, NOW))!;
    expect(home!.state).toEqual({ label: "Intentions provisoires : saisie par l'élève majeur, consultation seulement", tone: "info" });
    expect(file.status).toEqual(home!.state);
    expect(file.view.intentions.mode).toBe("none");

    const [own] = await loadFamilyHome(t.db, { studentId: fam.studentId }, NOW, { accountId: fam.student.accountId, guardianId: null });
    const ownFile = (await readFamilyFile(t.db, fam.student, fam.scope, NOW))!;
    expect(own!.state).toEqual({ label: "Intentions provisoires à saisir", tone: "todo" });
    expect(ownFile.status).toEqual(own!.state);
    expect(ownFile.view.intentions.mode).toBe("edit");
  });
});

describe("R-2GT-3 / R-2GT-5: final choices of a 2de GT student", () => {
  it("R-2GT-5: a stage passerelle is refused where the académie forbids it; nothing is saved", async () => {
    const fam = forbids.minor;
    await readyForFinal(fam, fam.g1);
    const before = await snapshot(fam.studentId);
    const err = await refusal(validate(fam, fam.g1, "final", [pro("2PRO", { stagePasserelle: true })]));
    expect(err.code).toBe("STAGE_PASSERELLE_NOT_ALLOWED");
    expect(err.message).toBe(STAGE_PASSERELLE_NOT_ALLOWED_MESSAGE);
    expect(await snapshot(fam.studentId)).toEqual(before);
  });

  it("R-2GT-3 / R-2GT-5: 11 choices with 3 free spécialités, several séries and a stage passerelle where allowed", async () => {
    const fam = allows.minor;
    await readyForFinal(fam, fam.g1);
    const eleven = [
      gen("SI", "MATHS", "ARTS_DANSE"),
      ...["STI2D", "STL_BIO", "STL_SPCL", "STMG", "ST2S", "STD2A", "STHR"].map(techno),
      { track: "BT_MUSIQUE", subTrack: "", ...base, specialties: [] },
      pro("1PRO", { stagePasserelle: true, freeText: "Commerce", statusSchool: true }),
      pro("CAP"),
    ];
    const { result, sessionId } = await validate(fam, fam.g1, "final", eleven);
    expect(result.items).toHaveLength(11);
    const saved = await findFamilyRequest(t.db, fam.studentId, "final");
    expect(saved!.items[0]!.specialties).toEqual(["SI", "MATHS", "ARTS_DANSE"]);
    expect(saved!.items[9]).toMatchObject({ track: "VOIE_PRO", subTrack: "1PRO", stagePasserelle: true, freeText: "Commerce", statusSchool: true });

    // A 12th is refused, and the same série twice too.
    expect((await refusal(validate(fam, fam.g1, "final", [...eleven, techno("S2TMD")]))).message).toBe("Vous pouvez saisir jusqu'à 11 choix.");
    expect((await refusal(validate(fam, fam.g1, "final", [techno("STMG"), techno("STMG")]))).code).toBe("INVALID_INTENTIONS");

    // R-FIN-3: the recap e-mail lists the série and the ranked spécialités, «hors établissement» marked.
    await endAuthSession(t.db, sessionId, "logout", parisDateTime("2027-04-10", "10:30"));
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`dedupe_key like ${`recap:final:${sessionId}:%`}`);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain("Choix 1 : 1re générale\nEnseignement de spécialité 1 : Sciences de l'ingénieur (hors établissement)");
    expect(mails[0]!.text).toContain("Enseignement de spécialité 2 : Mathématiques\nEnseignement de spécialité 3 : Arts : danse (hors établissement)");
    expect(mails[0]!.text).toContain("Choix 3 : 1re technologique – série STL option biotechnologies");
    expect(mails[0]!.text).toContain("Stage passerelle demandé");
  });

  it("R-2GT-5: a stage passerelle is refused in the provisional phase even where allowed", async () => {
    const fam = allows.adult;
    const err = await refusal(validate(fam, fam.student, "provisional", [pro("2PRO", { stagePasserelle: true })]));
    expect(err.code).toBe("STAGE_PASSERELLE_NOT_ALLOWED");
  });
});
