import { and, eq, inArray, isNull } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import { civilityFromClaims, matchGuardian, sameName, type FamilyClaims } from "@/lib/domain/oidc-claims";
import type { Queryable } from "../client";
import { accounts, guardians, oidcIdentities, schools, studentGuardians, students } from "../schema";

/**
 * R-AUTH-4: finds (or links, on first sign-in) the account of a family OpenID Connect identity.
 * Returns null when the claims designate nobody. R-AUTH-3: an account it creates and an identity
 * it links are recorded in the audit log (call it in a transaction: the rows land together).
 * A guardian whose civility the school's records leave unknown takes the one the provider gives
 * (`gender` claim), never replacing a known one.
 */
export async function linkOidcIdentity(q: Queryable, issuer: string, claims: FamilyClaims, now: Date): Promise<string | null> {
  const [known] = await q
    .select({ accountId: oidcIdentities.accountId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, claims.sub)));
  if (known) {
    await q
      .update(oidcIdentities)
      .set({ lastSignInAt: now })
      .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, claims.sub)));
    if (claims.edu_profile === "guardian") {
      const [a] = await q.select({ guardianId: accounts.guardianId }).from(accounts).where(eq(accounts.id, known.accountId));
      if (a?.guardianId) await fillCivility(q, a.guardianId, claims);
    }
    return known.accountId;
  }

  let accountId: string | null = null;
  if (claims.edu_profile === "guardian") {
    const ines = claims.children.map((c) => c.ine);
    const rows = await q
      .select({
        guardianId: guardians.id,
        studentIne: students.ine,
        uai: schools.uai,
        firstName: guardians.firstName,
        lastName: guardians.lastName,
        sFirst: students.firstName,
        sLast: students.lastName,
      })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(studentGuardians, eq(studentGuardians.studentId, students.id))
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      // R-DATA-3: the enrolment of the school's open year (the same INE may have a closed one, or one elsewhere).
      .where(and(inArray(students.ine, ines), eq(students.schoolYear, schools.schoolYear)));
    // The child must be at the school the identity names, under the names it gives.
    const consistent = rows.filter((r) =>
      claims.children.some((c) => c.ine === r.studentIne && c.uai === r.uai && sameName(c.given_name, r.sFirst) && sameName(c.family_name, r.sLast)),
    );
    const guardianId = matchGuardian(claims, consistent);
    if (!guardianId) return null;
    await fillCivility(q, guardianId, claims);
    accountId = await ensureAccount(q, { role: "guardian", guardianId }, `${claims.given_name} ${claims.family_name}`, claims.email, now);
  } else {
    const [s] = await q
      .select({ id: students.id, firstName: students.firstName, lastName: students.lastName })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(and(eq(students.ine, claims.ine), eq(schools.uai, claims.uai), eq(students.schoolYear, schools.schoolYear)));
    if (!s || !sameName(s.firstName, claims.given_name) || !sameName(s.lastName, claims.family_name)) return null;
    accountId = await ensureAccount(q, { role: "student", studentId: s.id }, `${s.firstName} ${s.lastName}`, claims.email, now);
  }
  const linked = await q
    .insert(oidcIdentities)
    .values({ issuer, subject: claims.sub, accountId, lastSignInAt: now })
    .onConflictDoNothing()
    .returning({ accountId: oidcIdentities.accountId });
  if (linked.length > 0) {
    const [a] = await q.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
    await recordAudit(
      q,
      { accountId, displayName: a?.displayName ?? "" },
      "auth.oidc_link",
      { type: "account", id: accountId },
      { issuer, subject: claims.sub },
      now,
    );
  }
  return accountId;
}

async function ensureAccount(
  q: Queryable,
  who: { role: "guardian"; guardianId: string } | { role: "student"; studentId: string },
  displayName: string,
  email: string | undefined,
  now: Date,
): Promise<string> {
  const where = who.role === "guardian" ? eq(accounts.guardianId, who.guardianId) : eq(accounts.studentId, who.studentId);
  const [existing] = await q.select({ id: accounts.id }).from(accounts).where(where);
  if (existing) return existing.id;
  const [created] = await q
    .insert(accounts)
    .values({ ...who, displayName, email: email ?? null })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  if (created) {
    await recordAudit(q, { accountId: created.id, displayName }, "account.create", { type: "account", id: created.id }, { role: who.role, via: "oidc" }, now);
    return created.id;
  }
  const [again] = await q.select({ id: accounts.id }).from(accounts).where(where);
  return again!.id;
}

/** The provider's civility for a guardian whose civility is unknown (null); a known one is kept. */
async function fillCivility(q: Queryable, guardianId: string, claims: Extract<FamilyClaims, { edu_profile: "guardian" }>): Promise<void> {
  const civility = civilityFromClaims(claims);
  if (civility)
    await q
      .update(guardians)
      .set({ civility })
      .where(and(eq(guardians.id, guardianId), isNull(guardians.civility)));
}
