import { and, count, eq } from "drizzle-orm";
import type { Queryable } from "../client";
import { accounts } from "../schema";

/* Accounts outside the demo (docs/production.md): the boot's demo check, the first admin, password changes. */

/** How many demo accounts (created by the demo seed) the database holds. */
export async function countDemoAccounts(q: Queryable): Promise<number> {
  const [row] = await q.select({ n: count() }).from(accounts).where(eq(accounts.demo, true));
  return row?.n ?? 0;
}

export async function findAccountByLogin(q: Queryable, login: string) {
  const [a] = await q.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return a ?? null;
}

/** An enabled account's password state, for the password change. */
export async function findPasswordState(q: Queryable, accountId: string) {
  const [a] = await q
    .select({ id: accounts.id, displayName: accounts.displayName, passwordHash: accounts.passwordHash, mustChangePassword: accounts.mustChangePassword })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.disabled, false)));
  return a ?? null;
}

export async function insertAdminAccount(q: Queryable, row: { login: string; displayName: string; email: string | null; passwordHash: string }) {
  const [a] = await q
    .insert(accounts)
    .values({ role: "admin", ...row, mustChangePassword: true })
    .onConflictDoNothing({ target: accounts.login })
    .returning({ id: accounts.id });
  return a ?? null;
}

export async function updatePassword(q: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await q.update(accounts).set({ passwordHash, mustChangePassword: false }).where(eq(accounts.id, accountId));
}

/** R-OVS-5: the language of the family pages' guidance texts, on one account (the caller's own). */
export async function updateAccountLocale(q: Queryable, accountId: string, locale: "fr" | "en" | "ar"): Promise<void> {
  await q.update(accounts).set({ locale }).where(eq(accounts.id, accountId));
}
