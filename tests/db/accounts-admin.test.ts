import { and, desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAcademyAction, createHomeroomAction, correctGuardianEmailAction } from "@/lib/actions/account-admin";
import { registeredActions, runAction, type ActionDefinition } from "@/lib/actions/define-action";
import { authenticateWithPassword } from "@/lib/auth/options";
import { NotFoundError, type Actor } from "@/lib/auth/policy";
import {
  accounts,
  auditLog,
  divisions,
  guardians,
  homeroomDivisions,
  outboxEmails,
  passwordTokens,
  schools,
  studentGuardians,
  students,
} from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { DUPLICATE_MESSAGES, FORGOT_PASSWORD_ANSWER, RESET_LINKS_PER_HOUR, TOKEN_MESSAGES, UAI_MESSAGES } from "@/lib/domain/account-admin";
import { DomainError } from "@/lib/domain/errors";
import {
  assignHomeroomDivision,
  correctGuardianEmail,
  createAcademy,
  createHomeroom,
  createPlatformStaff,
  createSchool,
  disableHomeroom,
  requestPasswordReset,
  setPasswordWithToken,
} from "@/lib/services/account-admin";
import { actorByLogin } from "../support/final-fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
const PASSWORD = "une phrase de passe solide";
let t: TestDb;
let admin: Actor;
let head: Actor;
let homeroom: Actor;

const defOf = (name: string) => registeredActions().find((d) => d.name === name) as ActionDefinition;
void [createAcademyAction, createHomeroomAction, correctGuardianEmailAction]; // registers them
const asSignedIn = (actor: Actor) => ({ actor, sessionId: "00000000-0000-4000-8000-000000000000" });

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e) => (e instanceof DomainError ? e.code : e instanceof NotFoundError ? "NOT_FOUND" : String(e)),
  );
}

/** The token of the last e-mail sent to `to` (the link's `jeton`). */
async function tokenMailedTo(to: string): Promise<string> {
  const [m] = await t.db.select({ text: outboxEmails.text }).from(outboxEmails).where(eq(outboxEmails.toAddress, to)).orderBy(desc(outboxEmails.id)).limit(1);
  const match = /jeton=([A-Za-z0-9_-]{43})/.exec(m?.text ?? "");
  if (!match) throw new Error(`no link mailed to ${to}`);
  return match[1]!;
}

const school = {
  uai: "0380027Y",
  name: "Lycée d'essai",
  address: "1 rue de l'Essai",
  postalCode: "38000",
  city: "Grenoble",
  phone: "04 76 00 00 00",
  email: "ce.0380027y@ac-grenoble.fr",
  academyId: "grenoble",
  termMode: "trimester" as const,
};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false });
  admin = await actorByLogin(t.db, "admin");
  head = await actorByLogin(t.db, "chef.stendhal");
  homeroom = await actorByLogin(t.db, "pp.3a");
});
afterAll(async () => t?.drop());

describe("R-DATA-2: the administrator creates académies, schools and their first accounts", () => {
  it("R-DATA-2: an académie, then the same code again is refused in French; a bad code never reaches the database", async () => {
    await createAcademy(t.db, admin, { code: "aix-marseille", name: "Aix-Marseille", senderEmail: "orientation@ac-aix-marseille.fr" }, NOW);
    const again = createAcademy(t.db, admin, { code: "aix-marseille", name: "Autre", senderEmail: "x@ac-aix-marseille.fr" }, NOW);
    await expect(again).rejects.toThrow(DUPLICATE_MESSAGES.academy("aix-marseille"));
    const bad = await runAction(
      defOf("admin.academy.create"),
      asSignedIn(admin),
      { code: "Aix Marseille", name: "X", senderEmail: "pas-une-adresse" },
      t.db,
      NOW,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["code", "senderEmail"]);
      expect(bad.fieldErrors!.code![0]).toMatch(/lettres minuscules/);
    }
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "academy.created"), eq(auditLog.entityId, "aix-marseille")));
    expect(audit).toHaveLength(1);
  });

  it("R-DATA-2: a school with its UAI's check letter; a wrong letter and a duplicate UAI are refused", async () => {
    const { schoolId } = await createSchool(t.db, admin, school, NOW);
    expect(schoolId).toMatch(/-/);
    expect(await codeOf(createSchool(t.db, admin, { ...school, name: "Doublon" }, NOW))).toBe("UAI_TAKEN");
    const wrongLetter = await runAction(defOf("admin.school.create"), asSignedIn(admin), { ...school, uai: "0380027A" }, t.db, NOW);
    expect(!wrongLetter.ok && wrongLetter.fieldErrors?.uai).toEqual([UAI_MESSAGES.checkLetter]);
    expect(await codeOf(createSchool(t.db, admin, { ...school, uai: "0750654D", academyId: "inconnue" }, NOW))).toBe("ACADEMY_UNKNOWN");
    // Not the administrator: the 404 (R-AUTH-1).
    await expect(runAction(defOf("admin.school.create"), asSignedIn(head), { ...school, uai: "0750654D" }, t.db, NOW)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("R-DATA-2: a head account gets no password and a welcome link; the link sets the password once, then the head signs in", async () => {
    const [schoolRow] = await t.db.select({ id: schools.id }).from(schools).where(eq(schools.uai, "0380027Y"));
    const { accountId } = await createPlatformStaff(
      t.db,
      admin,
      { role: "head", schoolId: schoolRow!.id, name: "Claire Essai", civility: "Mme", email: "claire.essai@ac-grenoble.fr", login: "chef.essai" },
      NOW,
    );
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(acc).toMatchObject({ role: "head", passwordHash: null, schoolId: schoolRow!.id });
    expect(
      await codeOf(
        createPlatformStaff(
          t.db,
          admin,
          { role: "head", schoolId: schoolRow!.id, name: "X", civility: null, email: "x@ac-grenoble.fr", login: "chef.essai" },
          NOW,
        ),
      ),
    ).toBe("LOGIN_TAKEN");

    const token = await tokenMailedTo("claire.essai@ac-grenoble.fr");
    const [row] = await t.db.select().from(passwordTokens).where(eq(passwordTokens.accountId, accountId));
    expect(row!.tokenHash).not.toContain(token); // only the hash is stored
    expect(row!.expiresAt.getTime() - NOW.getTime()).toBe(72 * 3600_000);

    const later = new Date(NOW.getTime() + 3600_000);
    await setPasswordWithToken(t.db, { token, newPassword: PASSWORD, confirmation: PASSWORD }, later);
    expect(await codeOf(setPasswordWithToken(t.db, { token, newPassword: "autre phrase de passe", confirmation: "autre phrase de passe" }, later))).toBe(
      "TOKEN_USED",
    );
    await expect(authenticateWithPassword(t.db, { login: "chef.essai", password: PASSWORD }, later)).resolves.toMatchObject({ id: accountId });
  });

  it("R-DATA-2: a welcome link past 72 hours is refused as expired; an unknown one as unknown", async () => {
    const { accountId } = await createPlatformStaff(
      t.db,
      admin,
      { role: "saio", academyId: "aix-marseille", name: "Sam Saio", civility: null, email: "sam.saio@ac-aix-marseille.fr", login: "saio.aix" },
      NOW,
    );
    const token = await tokenMailedTo("sam.saio@ac-aix-marseille.fr");
    const late = new Date(NOW.getTime() + 72 * 3600_000);
    await expect(setPasswordWithToken(t.db, { token, newPassword: PASSWORD, confirmation: PASSWORD }, late)).rejects.toThrow(TOKEN_MESSAGES.expired);
    await expect(setPasswordWithToken(t.db, { token: "A".repeat(43), newPassword: PASSWORD, confirmation: PASSWORD }, NOW)).rejects.toThrow(
      TOKEN_MESSAGES.unknown,
    );
    const [acc] = await t.db.select({ h: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId));
    expect(acc!.h).toBeNull();
  });

  it("R-DATA-2: two concurrent uses of one link: exactly one sets the password", async () => {
    await createPlatformStaff(
      t.db,
      admin,
      { role: "saio", academyId: "aix-marseille", name: "Alex Saio", civility: null, email: "alex.saio@ac-aix-marseille.fr", login: "saio.aix2" },
      NOW,
    );
    const token = await tokenMailedTo("alex.saio@ac-aix-marseille.fr");
    const results = await Promise.all(
      ["première phrase de passe", "seconde phrase de passe"].map((p) => codeOf(setPasswordWithToken(t.db, { token, newPassword: p, confirmation: p }, NOW))),
    );
    expect(results.sort()).toEqual(["TOKEN_USED", "ok"]);
  });
});

describe("R-DATA-2: «Mot de passe oublié ?»", () => {
  it("R-DATA-2: staff get a reset link (one hour) that ends the older ones; families, disabled, demo and unknown accounts get nothing, and the answer is the same", async () => {
    const before = await t.db.$count(outboxEmails);
    // Demo accounts (chef.stendhal), guardians, unknown logins: no e-mail.
    for (const who of ["chef.stendhal", "parent1.noel", "personne.inconnue", "inconnu@example.fr"]) expect(await requestPasswordReset(t.db, who, NOW)).toBe(0);
    expect(await t.db.$count(outboxEmails)).toBe(before);

    expect(await requestPasswordReset(t.db, "SAM.SAIO@ac-aix-marseille.fr", NOW)).toBe(1); // by e-mail, any case
    const first = await tokenMailedTo("sam.saio@ac-aix-marseille.fr");
    expect(await requestPasswordReset(t.db, "saio.aix", NOW)).toBe(1); // by login
    const second = await tokenMailedTo("sam.saio@ac-aix-marseille.fr");
    expect(second).not.toBe(first);
    // The first link stopped working when the second left.
    await expect(setPasswordWithToken(t.db, { token: first, newPassword: PASSWORD, confirmation: PASSWORD }, NOW)).rejects.toThrow(TOKEN_MESSAGES.expired);
    // One hour: the reset link expires.
    const late = new Date(NOW.getTime() + 3600_000);
    expect(await codeOf(setPasswordWithToken(t.db, { token: second, newPassword: PASSWORD, confirmation: PASSWORD }, late))).toBe("TOKEN_EXPIRED");
  });

  it("R-DATA-2: at most RESET_LINKS_PER_HOUR links per account and hour (the answer does not change)", async () => {
    const at = new Date(NOW.getTime() + 2 * 3600_000);
    let sent = 0;
    for (let i = 0; i < RESET_LINKS_PER_HOUR + 2; i++) sent += await requestPasswordReset(t.db, "saio.aix2", at);
    expect(sent).toBe(RESET_LINKS_PER_HOUR);
    const throttled = await t.db.select().from(auditLog).where(eq(auditLog.action, "account.password_reset_throttled"));
    expect(throttled.length).toBe(2);
    // An hour later, a link again.
    expect(await requestPasswordReset(t.db, "saio.aix2", new Date(at.getTime() + 3600_001))).toBe(1);
    expect(FORGOT_PASSWORD_ANSWER).toMatch(/Si un compte/);
  });

  it("R-DATA-2: a disabled account's link stops working and it gets no new one", async () => {
    const { accountId } = await createHomeroom(
      t.db,
      head,
      head.schoolId!,
      { name: "Paul Partant", civility: null, email: "paul.partant@ac-grenoble.fr", login: "pp.partant" },
      NOW,
    );
    const token = await tokenMailedTo("paul.partant@ac-grenoble.fr");
    expect(await codeOf(disableHomeroom(t.db, head, head.schoolId!, { accountId, confirmed: false }, NOW))).toBe("CONFIRMATION_REQUIRED");
    expect((await t.db.select({ d: accounts.disabled }).from(accounts).where(eq(accounts.id, accountId)))[0]!.d).toBe(false);
    await disableHomeroom(t.db, head, head.schoolId!, { accountId, confirmed: true }, NOW);
    expect(await codeOf(setPasswordWithToken(t.db, { token, newPassword: PASSWORD, confirmation: PASSWORD }, NOW))).not.toBe("ok");
    expect(await requestPasswordReset(t.db, "pp.partant", NOW)).toBe(0);
    // Never deleted.
    expect(await t.db.$count(accounts, eq(accounts.id, accountId))).toBe(1);
  });
});

describe("R-DATA-2: the head's homeroom teachers", () => {
  it("R-DATA-2: the head creates a homeroom teacher (duplicate login refused), assigns and unassigns a division of the open year; a homeroom teacher may not", async () => {
    const { accountId } = await createHomeroom(
      t.db,
      head,
      head.schoolId!,
      { name: "Nora Prof", civility: null, email: "nora.prof@ac-grenoble.fr", login: "pp.nora" },
      NOW,
    );
    const dup = await runAction(defOf("school.homeroom.create"), asSignedIn(head), { name: "Autre", email: "a@ac-grenoble.fr", login: "pp.nora" }, t.db, NOW);
    expect(!dup.ok && dup.message).toBe(DUPLICATE_MESSAGES.login("pp.nora"));
    await expect(
      runAction(defOf("school.homeroom.create"), asSignedIn(homeroom), { name: "X", email: "x@ac-grenoble.fr", login: "pp.x" }, t.db, NOW),
    ).rejects.toBeInstanceOf(NotFoundError);

    const [div] = await t.db
      .select({ id: divisions.id })
      .from(divisions)
      .where(and(eq(divisions.schoolId, head.schoolId!), eq(divisions.code, "3D")));
    expect(await assignHomeroomDivision(t.db, head, head.schoolId!, { accountId, divisionId: div!.id, assigned: true }, NOW)).toEqual({ changed: true });
    expect(await t.db.$count(homeroomDivisions, eq(homeroomDivisions.accountId, accountId))).toBe(1);
    await assignHomeroomDivision(t.db, head, head.schoolId!, { accountId, divisionId: div!.id, assigned: false }, NOW);
    expect(await t.db.$count(homeroomDivisions, eq(homeroomDivisions.accountId, accountId))).toBe(0);
    // Another school's division, or another school's teacher: refused.
    const lycee = await actorByLogin(t.db, "chef.champollion");
    const [other] = await t.db.select({ id: divisions.id }).from(divisions).where(eq(divisions.schoolId, lycee.schoolId!)).limit(1);
    expect(await codeOf(assignHomeroomDivision(t.db, head, head.schoolId!, { accountId, divisionId: other!.id, assigned: true }, NOW))).toBe(
      "DIVISION_UNKNOWN",
    );
    expect(await codeOf(assignHomeroomDivision(t.db, lycee, lycee.schoolId!, { accountId, divisionId: other!.id, assigned: true }, NOW))).toBe(
      "ACCOUNT_UNKNOWN",
    );
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, accountId), like(auditLog.action, "homeroom.%")));
    expect(audits.map((a) => a.action)).toEqual(["homeroom.division_assigned", "homeroom.division_unassigned"]);
  });
});

describe("R-DATA-2: «Compléter les adresses mail»", () => {
  async function guardianOf(login: string) {
    const [g] = await t.db
      .select({ id: guardians.id, email: guardians.email, studentId: studentGuardians.studentId })
      .from(guardians)
      .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
      .innerJoin(studentGuardians, eq(studentGuardians.guardianId, guardians.id))
      .where(eq(accounts.login, login))
      .limit(1);
    return g!;
  }

  it("R-DATA-2: the head corrects a guardian's e-mail: audited with both addresses, two e-mails (old and new), the account's mirrored address follows", async () => {
    const g = await guardianOf("parent1.martin");
    const lyceeOrCollege = (await t.db.select({ s: students.schoolId }).from(students).where(eq(students.id, g.studentId)))[0]!.s;
    const owner = lyceeOrCollege === head.schoolId ? head : await actorByLogin(t.db, "chef.champollion");
    const [acc] = await t.db.select({ email: accounts.email }).from(accounts).where(eq(accounts.guardianId, g.id));
    const at = new Date(NOW.getTime() + 5 * 3600_000);
    await correctGuardianEmail(t.db, owner, owner.schoolId!, { studentId: g.studentId, guardianId: g.id, email: "nouvelle.adresse@example.fr" }, at);

    const [after] = await t.db.select({ email: guardians.email }).from(guardians).where(eq(guardians.id, g.id));
    expect(after!.email).toBe("nouvelle.adresse@example.fr");
    const [accAfter] = await t.db.select({ email: accounts.email }).from(accounts).where(eq(accounts.guardianId, g.id));
    expect(accAfter!.email).toBe(acc!.email === g.email ? "nouvelle.adresse@example.fr" : acc!.email);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "guardian.email_changed"), eq(auditLog.entityId, g.id)));
    expect(JSON.parse(audit!.details!)).toMatchObject({ oldEmail: g.email, newEmail: "nouvelle.adresse@example.fr" });
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.dedupeKey, `guardian-email:${g.id}:%`));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([g.email, "nouvelle.adresse@example.fr"].sort());
  });

  it("R-DATA-2: a guardian without an address gets one e-mail, at the new address only", async () => {
    const g = await guardianOf("parent2.martin");
    await t.db.update(guardians).set({ email: null }).where(eq(guardians.id, g.id));
    const owner =
      (await t.db.select({ s: students.schoolId }).from(students).where(eq(students.id, g.studentId)))[0]!.s === head.schoolId
        ? head
        : await actorByLogin(t.db, "chef.champollion");
    await correctGuardianEmail(t.db, owner, owner.schoolId!, { studentId: g.studentId, guardianId: g.id, email: "premiere.adresse@example.fr" }, NOW);
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.dedupeKey, `guardian-email:${g.id}:%`));
    expect(mails.map((m) => m.toAddress)).toEqual(["premiere.adresse@example.fr"]);
  });

  it("R-DATA-2: bad addresses are refused in French; another school's guardian and a homeroom teacher are refused", async () => {
    const g = await guardianOf("parent1.noel"); // a lycée family
    const def = defOf("school.guardian.email");
    for (const email of ["pas-une-adresse", `${"a".repeat(250)}@example.fr`, "", "a\u0007b@example.fr"]) {
      const res = await runAction(def, asSignedIn(head), { studentId: g.studentId, guardianId: g.id, email }, t.db, NOW);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.message).toMatch(/[àéèa-z]/);
    }
    expect(await codeOf(correctGuardianEmail(t.db, head, head.schoolId!, { studentId: g.studentId, guardianId: g.id, email: "x@example.fr" }, NOW))).toBe(
      "GUARDIAN_UNKNOWN",
    );
    await expect(runAction(def, asSignedIn(homeroom), { studentId: g.studentId, guardianId: g.id, email: "x@example.fr" }, t.db, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [unchanged] = await t.db.select({ email: guardians.email }).from(guardians).where(eq(guardians.id, g.id));
    expect(unchanged!.email).toBe(g.email);
  });
});
