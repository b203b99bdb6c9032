import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, NotFoundError, type Actor, type SchoolScope } from "@/lib/auth/policy";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { findHomeroomTeachers, findOfferedSpecialties, findSchoolClosures, findSignature, findSignatureInfo } from "@/lib/db/repositories/school-settings";
import { findActor, findDivisionScope, findSchoolScope } from "@/lib/db/repositories/scopes";
import { accounts, auditLog, campaignWindows, divisions, guardians, schools } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DomainError } from "@/lib/domain/errors";
import { loadFamilyHome } from "@/lib/services/family-home";
import {
  removeSignature,
  saveSignature,
  setFamilyServiceClosed,
  setHomeroomDelegation,
  setOfferedSpecialties,
  setTermMode,
} from "@/lib/services/school-settings";
import { demoActor } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAH9AH/7e1m5QAAAABJRU5ErkJggg==", "base64");
let t: TestDb;
let head: Actor;
let lyceeHead: Actor;
let collegeId: string;
let lyceeId: string;
let college: SchoolScope;
let lycee: SchoolScope;

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : e instanceof NotFoundError ? "NOT_FOUND" : String(e)),
  );
}
async function guardianIdOf(login: string): Promise<string> {
  const [g] = await t.db
    .select({ id: guardians.id })
    .from(guardians)
    .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
    .where(eq(accounts.login, login));
  return g!.id;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Collège");
  lyceeHead = await demoActor(t.db, "head", "Lycée");
  collegeId = head.schoolId!;
  lyceeId = lyceeHead.schoolId!;
  college = (await findSchoolScope(t.db, collegeId))!;
  lycee = (await findSchoolScope(t.db, lyceeId))!;
});
afterAll(async () => t?.drop());

describe("Vie de l'établissement: the family service (R-CAL-3)", () => {
  it("R-CAL-3: the head closes the 3e provisional service; the family page says so; reopening restores it", async () => {
    const guardianId = await guardianIdOf(DEMO_FAMILY.student3A.guardians[0]!.login);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "provisional", closed: true }, NOW);
    expect((await loadFamilyHome(t.db, { guardianId }, NOW))[0]!.service).toEqual({ open: false, reason: "school_closed" });
    expect(await findSchoolClosures(t.db, collegeId)).toEqual([
      expect.objectContaining({ level: "3e", phase: "provisional", closed: true, updatedByName: head.displayName }),
    ]);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "provisional", closed: false }, NOW);
    expect((await loadFamilyHome(t.db, { guardianId }, NOW))[0]!.service).toEqual({ open: true });
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, collegeId));
    expect(audits.map((a) => a.action)).toEqual(["family_service.close", "family_service.open"]);
  });

  it("R-CAL-3: the head cannot reopen after the académie window closed", async () => {
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "provisional", closed: true }, NOW);
    const [w] = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.level, "3e"), eq(campaignWindows.phase, "provisional")));
    const after = new Date(w!.closesAt.getTime() + 60_000);
    expect(await codeOf(setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "provisional", closed: false }, after))).toBe(
      "OUTSIDE_ACADEMY_WINDOW",
    );
    expect((await findSchoolClosures(t.db, collegeId))[0]!.closed).toBe(true);
    await setFamilyServiceClosed(t.db, head, college, { level: "3e", phase: "provisional", closed: false }, NOW);
  });

  it("R-CAL-3: a level the school does not teach is not found", async () => {
    expect(await codeOf(setFamilyServiceClosed(t.db, head, college, { level: "2GT", phase: "provisional", closed: true }, NOW))).toBe("NOT_FOUND");
  });
});

describe("Vie de l'établissement: term mode, spécialités", () => {
  it("R-CAL-4: switching the collège to semesters relabels its families' calendar", async () => {
    const guardianId = await guardianIdOf(DEMO_FAMILY.student3A.guardians[0]!.login);
    await setTermMode(t.db, head, college, { termMode: "semester" }, NOW);
    expect((await loadFamilyHome(t.db, { guardianId }, NOW))[0]!.calendar.map((c) => c.termLabel)).toEqual(["Premier semestre", "Second semestre"]);
    await setTermMode(t.db, head, college, { termMode: "trimester" }, NOW);
    expect((await t.db.select({ m: schools.termMode }).from(schools).where(eq(schools.id, collegeId)))[0]!.m).toBe("trimester");
  });

  it("R-2GT-4: the lycée sets the spécialités it offers; unknown codes and a collège are refused", async () => {
    await setOfferedSpecialties(t.db, lyceeHead, lycee, { specialties: ["MATHS", "SI", "MATHS"] }, NOW);
    expect((await findOfferedSpecialties(t.db, lyceeId)).sort()).toEqual(["MATHS", "SI"]);
    expect(await codeOf(setOfferedSpecialties(t.db, lyceeHead, lycee, { specialties: ["ASTROLOGIE"] }, NOW))).toBe("UNKNOWN_SPECIALTY");
    expect(await codeOf(setOfferedSpecialties(t.db, head, college, { specialties: ["MATHS"] }, NOW))).toBe("NOT_A_LYCEE");
    expect((await findOfferedSpecialties(t.db, lyceeId)).sort()).toEqual(["MATHS", "SI"]);
  });
});

describe("Vie de l'établissement: delegation to homeroom teachers (R-SCH-14)", () => {
  it("R-SCH-14: with the head's delegation a homeroom teacher reaches every division of the school; without it only theirs", async () => {
    const pp3A = await demoActor(t.db, "homeroom", "3A");
    const [d3B] = await t.db.select({ id: divisions.id }).from(divisions).where(eq(divisions.code, "3B"));
    const scope3B = (await findDivisionScope(t.db, d3B!.id))!;
    expect(can(pp3A, "manage:division", scope3B)).toBe(false);
    await setHomeroomDelegation(t.db, head, college, { accountId: pp3A.accountId, delegated: true }, NOW);
    const delegated = (await findActor(t.db, pp3A.accountId))!;
    expect(delegated.delegatedByHead).toBe(true);
    expect(can(delegated, "manage:division", scope3B)).toBe(true);
    expect((await findHomeroomTeachers(t.db, collegeId)).find((h) => h.id === pp3A.accountId)).toMatchObject({ delegatedByHead: true, divisionCodes: ["3A"] });
    await setHomeroomDelegation(t.db, head, college, { accountId: pp3A.accountId, delegated: false }, NOW);
    expect(can((await findActor(t.db, pp3A.accountId))!, "manage:division", scope3B)).toBe(false);
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, pp3A.accountId));
    expect(audits.map((a) => a.action)).toEqual(["delegation.grant", "delegation.revoke"]);
  });

  it("R-SCH-14: a head cannot delegate to another school's teacher, nor to a non-homeroom account", async () => {
    const pp3A = await demoActor(t.db, "homeroom", "3A");
    expect(await codeOf(setHomeroomDelegation(t.db, lyceeHead, lycee, { accountId: pp3A.accountId, delegated: true }, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(setHomeroomDelegation(t.db, head, college, { accountId: head.accountId, delegated: true }, NOW))).toBe("NOT_FOUND");
    expect((await findActor(t.db, pp3A.accountId))!.delegatedByHead).toBe(false);
  });

  it("R-SCH-14: the policy gives the school settings to the head only, never to a (delegated) homeroom teacher", async () => {
    const pp3A = await demoActor(t.db, "homeroom", "3A");
    const scope = { type: "school" as const, schoolId: collegeId, academyId: "grenoble" };
    expect(can(head, "manage:school", scope)).toBe(true);
    expect(can({ ...pp3A, delegatedByHead: true }, "manage:school", scope)).toBe(false);
    expect(can(lyceeHead, "manage:school", scope)).toBe(false);
  });
});

describe("Vie de l'établissement: the head's scanned signature (R-SCH-13)", () => {
  it("R-SCH-13: a PNG signature is stored with its signatory, replaced, and removed", async () => {
    await saveSignature(t.db, head, college, { image: PNG, signatoryName: "Mme Hélène Roussin" }, NOW);
    expect(await findSignatureInfo(t.db, collegeId)).toMatchObject({ mimeType: "image/png", signatoryName: "Mme Hélène Roussin", bytes: PNG.length });
    expect(Buffer.compare((await findSignature(t.db, collegeId))!.image, PNG)).toBe(0);
    await saveSignature(t.db, head, college, { image: PNG, signatoryName: "La principale" }, NOW);
    expect((await findSignatureInfo(t.db, collegeId))!.signatoryName).toBe("La principale");
    await removeSignature(t.db, head, college, NOW);
    expect(await findSignatureInfo(t.db, collegeId)).toBeNull();
  });

  it("R-SCH-13: a file that is not a PNG or JPEG image, a broken image or a missing signatory is refused", async () => {
    expect(await codeOf(saveSignature(t.db, head, college, { image: Buffer.from("GIF89a..."), signatoryName: "X" }, NOW))).toBe("SIGNATURE_TYPE");
    expect(await codeOf(saveSignature(t.db, head, college, { image: PNG.subarray(0, 20), signatoryName: "X" }, NOW))).toBe("SIGNATURE_UNREADABLE");
    expect(await codeOf(saveSignature(t.db, head, college, { image: PNG, signatoryName: "  " }, NOW))).toBe("SIGNATORY_REQUIRED");
    expect(await codeOf(saveSignature(t.db, head, college, { image: Buffer.alloc(600 * 1024, 1), signatoryName: "X" }, NOW))).toBe("SIGNATURE_TOO_LARGE");
    expect(await findSignatureInfo(t.db, collegeId)).toBeNull();
  });
});
