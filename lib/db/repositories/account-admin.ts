import { and, asc, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { academies, accounts, divisions, guardians, homeroomDivisions, passwordTokens, schools, studentGuardians, students } from "../schema";

/* R-DATA-2: académies, schools, staff accounts, guardians' e-mails and one-time password links. */

export async function insertAcademy(q: Queryable, row: { id: string; name: string; senderEmail: string }) {
  const [a] = await q.insert(academies).values(row).onConflictDoNothing({ target: academies.id }).returning({ id: academies.id });
  return a ?? null;
}

export async function academyExists(q: Queryable, id: string): Promise<boolean> {
  const [a] = await q.select({ id: academies.id }).from(academies).where(eq(academies.id, id));
  return !!a;
}

export async function insertSchool(
  q: Queryable,
  row: {
    uai: string;
    academyId: string;
    name: string;
    address: string;
    postalCode: string;
    city: string;
    phone: string;
    email: string;
    termMode: "trimester" | "semester";
  },
) {
  const [s] = await q.insert(schools).values(row).onConflictDoNothing({ target: schools.uai }).returning({ id: schools.id });
  return s ?? null;
}

export async function findSchoolContact(q: Queryable, schoolId: string) {
  const [s] = await q
    .select({
      id: schools.id,
      name: schools.name,
      academyId: schools.academyId,
      schoolYear: schools.schoolYear,
      address: schools.address,
      postalCode: schools.postalCode,
      city: schools.city,
      phone: schools.phone,
      email: schools.email,
      senderEmail: academies.senderEmail,
    })
    .from(schools)
    .innerJoin(academies, eq(academies.id, schools.academyId))
    .where(eq(schools.id, schoolId));
  return s ?? null;
}

export async function findAcademySender(q: Queryable, academyId: string) {
  const [a] = await q.select({ name: academies.name, senderEmail: academies.senderEmail }).from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

/** A staff account without a password: it chooses one through its welcome link. */
export async function insertStaffAccount(
  q: Queryable,
  row: { role: "saio" | "head" | "homeroom"; login: string; displayName: string; email: string; schoolId?: string; academyId?: string },
) {
  const [a] = await q
    .insert(accounts)
    .values({ ...row, schoolId: row.schoolId ?? null, academyId: row.academyId ?? null })
    .onConflictDoNothing({ target: accounts.login })
    .returning({ id: accounts.id });
  return a ?? null;
}

/** The administrators' lists: académies with their saio accounts, schools with their heads. */
export async function findAcademiesWithSaio(q: Queryable) {
  const rows = await q
    .select({
      id: academies.id,
      name: academies.name,
      senderEmail: academies.senderEmail,
      login: accounts.login,
      displayName: accounts.displayName,
      disabled: accounts.disabled,
    })
    .from(academies)
    .leftJoin(accounts, and(eq(accounts.academyId, academies.id), eq(accounts.role, "saio")))
    .orderBy(asc(academies.name), asc(accounts.displayName));
  return rows;
}

export async function findSchoolsWithHeads(q: Queryable, academyId?: string) {
  return q
    .select({
      id: schools.id,
      uai: schools.uai,
      name: schools.name,
      city: schools.city,
      phone: schools.phone,
      email: schools.email,
      academyId: schools.academyId,
      academyName: academies.name,
      headName: accounts.displayName,
      headLogin: accounts.login,
      headEmail: accounts.email,
      headDisabled: accounts.disabled,
    })
    .from(schools)
    .innerJoin(academies, eq(academies.id, schools.academyId))
    .leftJoin(accounts, and(eq(accounts.schoolId, schools.id), eq(accounts.role, "head")))
    .where(academyId ? eq(schools.academyId, academyId) : undefined)
    .orderBy(asc(academies.name), asc(schools.name), asc(accounts.displayName));
}

/** The school's homeroom teachers, and the divisions of its open school year. */
export async function findSchoolHomerooms(q: Queryable, schoolId: string) {
  const [people, divs, links] = await Promise.all([
    q
      .select({ id: accounts.id, displayName: accounts.displayName, login: accounts.login, email: accounts.email, disabled: accounts.disabled })
      .from(accounts)
      .where(and(eq(accounts.schoolId, schoolId), eq(accounts.role, "homeroom")))
      .orderBy(asc(accounts.displayName)),
    openYearDivisions(q, schoolId),
    q
      .select({ accountId: homeroomDivisions.accountId, divisionId: homeroomDivisions.divisionId })
      .from(homeroomDivisions)
      .innerJoin(accounts, eq(accounts.id, homeroomDivisions.accountId))
      .where(eq(accounts.schoolId, schoolId)),
  ]);
  return { people, divisions: divs, links };
}

export function openYearDivisions(q: Queryable, schoolId: string) {
  return q
    .select({ id: divisions.id, code: divisions.code })
    .from(divisions)
    .innerJoin(schools, eq(schools.id, divisions.schoolId))
    .where(and(eq(divisions.schoolId, schoolId), eq(divisions.schoolYear, schools.schoolYear)))
    .orderBy(asc(divisions.code));
}

export async function findSchoolStaffAccount(q: Queryable, schoolId: string, accountId: string, role: "homeroom" | "head") {
  const [a] = await q
    .select({ id: accounts.id, displayName: accounts.displayName, login: accounts.login, disabled: accounts.disabled })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.schoolId, schoolId), eq(accounts.role, role)));
  return a ?? null;
}

export async function setHomeroomDivision(q: Queryable, accountId: string, divisionId: string, assigned: boolean): Promise<boolean> {
  if (assigned) {
    const rows = await q.insert(homeroomDivisions).values({ accountId, divisionId }).onConflictDoNothing().returning({ a: homeroomDivisions.accountId });
    return rows.length > 0;
  }
  const rows = await q
    .delete(homeroomDivisions)
    .where(and(eq(homeroomDivisions.accountId, accountId), eq(homeroomDivisions.divisionId, divisionId)))
    .returning({ a: homeroomDivisions.accountId });
  return rows.length > 0;
}

export async function disableAccount(q: Queryable, accountId: string): Promise<boolean> {
  const rows = await q
    .update(accounts)
    .set({ disabled: true })
    .where(and(eq(accounts.id, accountId), eq(accounts.disabled, false)))
    .returning({ id: accounts.id });
  return rows.length > 0;
}

/** A guardian of a student of the school, locked for the correction of its e-mail. */
export async function findSchoolGuardianForUpdate(q: Queryable, schoolId: string, studentId: string, guardianId: string) {
  const [g] = await q
    .select({ id: guardians.id, civility: guardians.civility, firstName: guardians.firstName, lastName: guardians.lastName, email: guardians.email })
    .from(guardians)
    .innerJoin(studentGuardians, eq(studentGuardians.guardianId, guardians.id))
    .innerJoin(students, eq(students.id, studentGuardians.studentId))
    .where(and(eq(guardians.id, guardianId), eq(students.id, studentId), eq(students.schoolId, schoolId)))
    .for("update", { of: guardians });
  return g ?? null;
}

export async function findStudentGuardians(q: Queryable, schoolId: string, studentId: string) {
  return q
    .select({
      id: guardians.id,
      rank: studentGuardians.rank,
      civility: guardians.civility,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      email: guardians.email,
      studentFirstName: students.firstName,
      studentLastName: students.lastName,
    })
    .from(studentGuardians)
    .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
    .innerJoin(students, eq(students.id, studentGuardians.studentId))
    .where(and(eq(students.id, studentId), eq(students.schoolId, schoolId)))
    .orderBy(asc(studentGuardians.rank));
}

/** Sets the guardian's e-mail, and its account's when the account's mirrors the former one. */
export async function updateGuardianEmail(q: Queryable, guardianId: string, oldEmail: string | null, newEmail: string): Promise<void> {
  await q.update(guardians).set({ email: newEmail }).where(eq(guardians.id, guardianId));
  await q
    .update(accounts)
    .set({ email: newEmail })
    .where(and(eq(accounts.guardianId, guardianId), oldEmail === null ? isNull(accounts.email) : sql`lower(${accounts.email}) = lower(${oldEmail})`));
}

/* One-time links. */

export async function insertPasswordToken(
  q: Queryable,
  row: { tokenHash: string; accountId: string; purpose: "welcome" | "reset"; createdAt: Date; expiresAt: Date },
) {
  await q.insert(passwordTokens).values(row);
}

/** Ends the account's unused links (a new one replaces them). */
export async function expireUnusedTokens(q: Queryable, accountId: string, now: Date): Promise<void> {
  await q
    .update(passwordTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordTokens.accountId, accountId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
}

export async function countResetLinksSince(q: Queryable, accountId: string, since: Date): Promise<number> {
  const [r] = await q
    .select({ n: count() })
    .from(passwordTokens)
    .where(and(eq(passwordTokens.accountId, accountId), eq(passwordTokens.purpose, "reset"), gt(passwordTokens.createdAt, since)));
  return r?.n ?? 0;
}

/** A one-time link's token with its account; `forUpdate` locks the token's row, so that two uses of one link run one after the other. */
export async function findToken(q: Queryable, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  const query = q
    .select({
      accountId: passwordTokens.accountId,
      purpose: passwordTokens.purpose,
      expiresAt: passwordTokens.expiresAt,
      usedAt: passwordTokens.usedAt,
      disabled: accounts.disabled,
      demo: accounts.demo,
      displayName: accounts.displayName,
      login: accounts.login,
    })
    .from(passwordTokens)
    .innerJoin(accounts, eq(accounts.id, passwordTokens.accountId))
    .where(eq(passwordTokens.tokenHash, tokenHash));
  const [t] = opts.forUpdate ? await query.for("update", { of: passwordTokens }) : await query;
  return t ?? null;
}

export async function markTokenUsed(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.update(passwordTokens).set({ usedAt: now }).where(eq(passwordTokens.tokenHash, tokenHash));
}

/** Locks the account's row: concurrent requests for one account run one after the other. */
export async function lockAccount(q: Queryable, accountId: string): Promise<void> {
  await q.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
}

/** The staff accounts a «Mot de passe oublié ?» entry names: by login, or by e-mail (several accounts may share one). */
export async function findStaffForReset(q: Queryable, identifier: string) {
  const byEmail = identifier.includes("@");
  return q
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      login: accounts.login,
      email: accounts.email,
      academyId: accounts.academyId,
      schoolId: accounts.schoolId,
    })
    .from(accounts)
    .where(
      and(
        inArray(accounts.role, ["head", "homeroom", "saio", "admin"]),
        eq(accounts.disabled, false),
        eq(accounts.demo, false),
        byEmail ? sql`lower(${accounts.email}) = lower(${identifier})` : eq(accounts.login, identifier.toLowerCase()),
      ),
    )
    .limit(5);
}

/** The académie whose sender address a staff account's e-mails use (the school's, or the saio's own). */
export async function findAccountAcademySender(q: Queryable, acc: { academyId: string | null; schoolId: string | null }): Promise<string | null> {
  if (acc.academyId) return (await findAcademySender(q, acc.academyId))?.senderEmail ?? null;
  if (acc.schoolId) return (await findSchoolContact(q, acc.schoolId))?.senderEmail ?? null;
  return null;
}
