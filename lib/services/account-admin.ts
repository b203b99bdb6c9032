import { createHash, randomBytes } from "node:crypto";
import { accountWelcomeEmail } from "@/emails/account-welcome";
import { guardianEmailChangedEmail } from "@/emails/guardian-email-changed";
import { passwordResetEmail } from "@/emails/password-reset";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import type { Db, Queryable } from "@/lib/db/client";
import {
  academyExists,
  countResetLinksSince,
  disableAccount,
  expireUnusedTokens,
  findAcademySender,
  findAccountAcademySender,
  findSchoolContact,
  findSchoolGuardianForUpdate,
  findSchoolStaffAccount,
  findStaffForReset,
  findToken,
  insertAcademy,
  insertPasswordToken,
  insertSchool,
  insertStaffAccount,
  lockAccount,
  markTokenUsed,
  openYearDivisions,
  setHomeroomDivision,
  updateGuardianEmail,
} from "@/lib/db/repositories/account-admin";
import { updatePassword } from "@/lib/db/repositories/accounts";
import {
  DISABLE_CONFIRMATION_MESSAGE,
  DUPLICATE_MESSAGES,
  passwordLink,
  resetAllowed,
  STAFF_ROLE_LABELS,
  TOKEN_MESSAGES,
  tokenExpiresAt,
  tokenState,
  type AcademyCreateInput,
  type GuardianEmailInput,
  type HomeroomAssignInput,
  type PasswordTokenPurpose,
  type PlatformStaffInput,
  type SchoolCreateInput,
  type SetPasswordInput,
  type StaffAccountInput,
} from "@/lib/domain/account-admin";
import { DomainError } from "@/lib/domain/errors";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { env } from "@/lib/env";
import { queueEmail } from "@/lib/outbox/queue";
import { senderAddress } from "@/lib/outbox/sender-address";

/*
 * R-DATA-2: account management. Every write is audited in its transaction (R-AUTH-3); every
 * e-mail is queued in the outbox in the same transaction, with a dedupe key.
 */

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

/** Issues a one-time link for the account (older unused ones stop working) and returns the raw token: it exists only in the e-mail. */
async function issueToken(q: Queryable, accountId: string, purpose: PasswordTokenPurpose, now: Date): Promise<{ token: string; expiresAt: Date }> {
  await expireUnusedTokens(q, accountId, now);
  const token = newToken();
  const expiresAt = tokenExpiresAt(purpose, now);
  await insertPasswordToken(q, { tokenHash: hashToken(token), accountId, purpose, createdAt: now, expiresAt });
  return { token, expiresAt };
}

async function createStaff(
  tx: Queryable,
  actor: AuditActor,
  input: StaffAccountInput,
  scope: { role: "saio" | "head" | "homeroom"; schoolId?: string; academyId?: string; roleLabel: string; senderEmail: string | null },
  now: Date,
): Promise<string> {
  const created = await insertStaffAccount(tx, {
    role: scope.role,
    login: input.login,
    displayName: input.name,
    email: input.email,
    schoolId: scope.schoolId,
    academyId: scope.academyId,
  });
  if (!created) throw new DomainError("LOGIN_TAKEN", DUPLICATE_MESSAGES.login(input.login), { login: [DUPLICATE_MESSAGES.login(input.login)] });
  await recordAudit(
    tx,
    actor,
    "account.staff_created",
    { type: "account", id: created.id },
    { role: scope.role, login: input.login, email: input.email, schoolId: scope.schoolId ?? null, academyId: scope.academyId ?? null },
    now,
  );
  const { token, expiresAt } = await issueToken(tx, created.id, "welcome", now);
  await queueEmail(
    tx,
    accountWelcomeEmail,
    {
      civility: input.civility,
      displayName: input.name,
      roleLabel: scope.roleLabel,
      login: input.login,
      link: passwordLink(env().NEXTAUTH_URL, token),
      expiresAt: formatParisDateTime(expiresAt),
    },
    { to: input.email, from: senderAddress(scope.senderEmail), dedupeKey: `account-welcome:${created.id}:${now.getTime()}`, at: now },
  );
  return created.id;
}

/** The administrator creates an académie (its code is its id). */
export async function createAcademy(db: Db, actor: AuditActor, input: AcademyCreateInput, now: Date): Promise<{ academyId: string }> {
  return db.transaction(async (tx) => {
    const created = await insertAcademy(tx, { id: input.code, name: input.name, senderEmail: input.senderEmail });
    if (!created) throw new DomainError("ACADEMY_TAKEN", DUPLICATE_MESSAGES.academy(input.code), { code: [DUPLICATE_MESSAGES.academy(input.code)] });
    await recordAudit(tx, actor, "academy.created", { type: "academy", id: input.code }, { name: input.name, senderEmail: input.senderEmail }, now);
    return { academyId: created.id };
  });
}

/** The administrator creates a school in an académie. */
export async function createSchool(db: Db, actor: AuditActor, input: SchoolCreateInput, now: Date): Promise<{ schoolId: string }> {
  return db.transaction(async (tx) => {
    if (!(await academyExists(tx, input.academyId)))
      throw new DomainError("ACADEMY_UNKNOWN", "Cette académie n'existe pas.", { academyId: ["Cette académie n'existe pas."] });
    const created = await insertSchool(tx, input);
    if (!created) throw new DomainError("UAI_TAKEN", DUPLICATE_MESSAGES.uai(input.uai), { uai: [DUPLICATE_MESSAGES.uai(input.uai)] });
    await recordAudit(tx, actor, "school.created", { type: "school", id: created.id }, { uai: input.uai, name: input.name, academyId: input.academyId }, now);
    return { schoolId: created.id };
  });
}

/** The administrator creates a saio account of an académie or a head account of a school; it gets its welcome link. */
export async function createPlatformStaff(db: Db, actor: AuditActor, input: PlatformStaffInput, now: Date): Promise<{ accountId: string }> {
  return db.transaction(async (tx) => {
    if (input.role === "saio") {
      const academy = await findAcademySender(tx, input.academyId);
      if (!academy) throw new DomainError("ACADEMY_UNKNOWN", "Cette académie n'existe pas.", { academyId: ["Cette académie n'existe pas."] });
      const accountId = await createStaff(
        tx,
        actor,
        input,
        { role: "saio", academyId: input.academyId, roleLabel: `SAIO – académie ${academy.name}`, senderEmail: academy.senderEmail },
        now,
      );
      return { accountId };
    }
    const school = await findSchoolContact(tx, input.schoolId);
    if (!school) throw new DomainError("SCHOOL_UNKNOWN", "Cet établissement n'existe pas.", { schoolId: ["Cet établissement n'existe pas."] });
    const accountId = await createStaff(
      tx,
      actor,
      input,
      { role: "head", schoolId: school.id, roleLabel: `${STAFF_ROLE_LABELS.head} – ${school.name}`, senderEmail: school.senderEmail },
      now,
    );
    return { accountId };
  });
}

/** The head creates a homeroom teacher's account in their school. */
export async function createHomeroom(db: Db, actor: AuditActor, schoolId: string, input: StaffAccountInput, now: Date): Promise<{ accountId: string }> {
  return db.transaction(async (tx) => {
    const school = await findSchoolContact(tx, schoolId);
    if (!school) throw new DomainError("SCHOOL_UNKNOWN", "Cet établissement n'existe pas.");
    const accountId = await createStaff(
      tx,
      actor,
      input,
      { role: "homeroom", schoolId, roleLabel: `${STAFF_ROLE_LABELS.homeroom} – ${school.name}`, senderEmail: school.senderEmail },
      now,
    );
    return { accountId };
  });
}

/** The head assigns (or takes back) a division of the school's open year to a homeroom teacher. */
export async function assignHomeroomDivision(
  db: Db,
  actor: AuditActor,
  schoolId: string,
  input: HomeroomAssignInput,
  now: Date,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const person = await findSchoolStaffAccount(tx, schoolId, input.accountId, "homeroom");
    if (!person) throw new DomainError("ACCOUNT_UNKNOWN", "Ce professeur principal n'appartient pas à votre établissement.");
    const division = (await openYearDivisions(tx, schoolId)).find((d) => d.id === input.divisionId);
    if (!division) throw new DomainError("DIVISION_UNKNOWN", "Cette division n'appartient pas à l'année scolaire en cours de votre établissement.");
    if (input.assigned && person.disabled) throw new DomainError("ACCOUNT_DISABLED", "Ce compte est désactivé : aucune division ne peut lui être attribuée.");
    const changed = await setHomeroomDivision(tx, person.id, division.id, input.assigned);
    if (changed)
      await recordAudit(
        tx,
        actor,
        input.assigned ? "homeroom.division_assigned" : "homeroom.division_unassigned",
        { type: "account", id: person.id },
        { division: division.code, divisionId: division.id },
        now,
      );
    return { changed };
  });
}

/** The head disables a homeroom teacher's account (never deleted): asked to confirm first. */
export async function disableHomeroom(db: Db, actor: AuditActor, schoolId: string, input: { accountId: string; confirmed: boolean }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const person = await findSchoolStaffAccount(tx, schoolId, input.accountId, "homeroom");
    if (!person) throw new DomainError("ACCOUNT_UNKNOWN", "Ce professeur principal n'appartient pas à votre établissement.");
    if (person.disabled) throw new DomainError("ALREADY_DISABLED", "Ce compte est déjà désactivé.");
    if (!input.confirmed) throw new DomainError("CONFIRMATION_REQUIRED", DISABLE_CONFIRMATION_MESSAGE);
    await disableAccount(tx, person.id);
    await expireUnusedTokens(tx, person.id, now);
    await recordAudit(tx, actor, "account.disabled", { type: "account", id: person.id }, { login: person.login }, now);
  });
}

/**
 * «Compléter les adresses mail»: the head sets a guardian's e-mail (a guardian of a student of
 * the school). Audited with both addresses; the guardian is told at the former address (if any)
 * and at the new one.
 */
export async function correctGuardianEmail(db: Db, actor: AuditActor, schoolId: string, input: GuardianEmailInput, now: Date): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const g = await findSchoolGuardianForUpdate(tx, schoolId, input.studentId, input.guardianId);
    if (!g) throw new DomainError("GUARDIAN_UNKNOWN", "Ce représentant légal n'est pas celui d'un élève de votre établissement.");
    const oldEmail = g.email?.trim() ? g.email : null;
    if (oldEmail && oldEmail.toLowerCase() === input.email.toLowerCase() && oldEmail === input.email) return { changed: false };
    const school = await findSchoolContact(tx, schoolId);
    if (!school) throw new DomainError("SCHOOL_UNKNOWN", "Cet établissement n'existe pas.");
    await updateGuardianEmail(tx, g.id, oldEmail, input.email);
    await recordAudit(
      tx,
      actor,
      "guardian.email_changed",
      { type: "guardian", id: g.id },
      { studentId: input.studentId, oldEmail, newEmail: input.email },
      now,
    );
    const vars = {
      civility: g.civility,
      oldEmail,
      newEmail: input.email,
      changedAt: formatParisDateTime(now),
      school: { name: school.name, address: school.address, postalCode: school.postalCode, city: school.city, phone: school.phone, email: school.email },
    };
    const from = senderAddress(school.senderEmail);
    const key = `guardian-email:${g.id}:${now.getTime()}`;
    if (oldEmail) await queueEmail(tx, guardianEmailChangedEmail, { ...vars, copy: "old" }, { to: oldEmail, from, dedupeKey: `${key}:old`, at: now });
    await queueEmail(tx, guardianEmailChangedEmail, { ...vars, copy: "new" }, { to: input.email, from, dedupeKey: `${key}:new`, at: now });
    return { changed: true };
  });
}

/**
 * «Mot de passe oublié ?»: a reset link to each enabled, non-demo staff account the entry names
 * (login, or e-mail), at most RESET_LINKS_PER_HOUR per account and hour; the caller answers the
 * same neutral message whatever happened. Returns how many links left (for tests and the audit).
 */
export async function requestPasswordReset(db: Db, identifier: string, now: Date): Promise<number> {
  const found = await findStaffForReset(db, identifier.trim());
  let sent = 0;
  for (const acc of found) {
    if (!acc.email || !acc.login) continue;
    const login = acc.login;
    const email = acc.email;
    await db.transaction(async (tx) => {
      // One request at a time per account: the count below sees the other's link.
      await lockAccount(tx, acc.id);
      const recent = await countResetLinksSince(tx, acc.id, new Date(now.getTime() - 3600_000));
      const actor = { accountId: null, displayName: "Mot de passe oublié" };
      if (!resetAllowed(recent)) {
        await recordAudit(tx, actor, "account.password_reset_throttled", { type: "account", id: acc.id }, { recent }, now);
        return;
      }
      const { token, expiresAt } = await issueToken(tx, acc.id, "reset", now);
      await queueEmail(
        tx,
        passwordResetEmail,
        { displayName: acc.displayName, login, link: passwordLink(env().NEXTAUTH_URL, token), expiresAt: formatParisDateTime(expiresAt) },
        { to: email, from: senderAddress(await findAccountAcademySender(tx, acc)), dedupeKey: `password-reset:${hashToken(token)}`, at: now },
      );
      await recordAudit(tx, actor, "account.password_reset_requested", { type: "account", id: acc.id }, {}, now);
      sent++;
    });
  }
  return sent;
}

/**
 * Sets the password from a one-time link: the link is checked, consumed and the password changed
 * in one transaction (the row is locked: a second use waits, then finds it used).
 */
export async function setPasswordWithToken(db: Db, input: SetPasswordInput, now: Date): Promise<{ login: string }> {
  const passwordHash = await hashPassword(input.newPassword);
  const tokenHash = hashToken(input.token);
  return db.transaction(async (tx) => {
    const row = await findToken(tx, tokenHash, { forUpdate: true });
    const state = tokenState(row && { ...row, disabled: row.disabled || row.demo }, now);
    if (state !== "valid" || !row) throw new DomainError(`TOKEN_${state.toUpperCase()}`, TOKEN_MESSAGES[state === "valid" ? "unknown" : state]);
    await markTokenUsed(tx, tokenHash, now);
    await updatePassword(tx, row.accountId, passwordHash);
    await expireUnusedTokens(tx, row.accountId, now);
    await recordAudit(
      tx,
      { accountId: row.accountId, displayName: row.displayName },
      "account.password_set",
      { type: "account", id: row.accountId },
      { purpose: row.purpose },
      now,
    );
    return { login: row.login ?? "" };
  });
}
