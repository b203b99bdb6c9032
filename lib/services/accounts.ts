import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { findAccountByLogin, findPasswordState, insertAdminAccount, updatePassword } from "@/lib/db/repositories/accounts";
import { PASSWORD_MESSAGES, type AdminCreateArgs, type PasswordChangeInput } from "@/lib/domain/accounts";
import { DomainError } from "@/lib/domain/errors";

/*
 * Accounts outside the demo (docs/production.md): the first administrator, with a one-time
 * password, and the password change it must make at its first sign-in. Each write is audited in
 * its transaction (R-AUTH-3).
 */

/** The actor of the command line's writes: no account, a name that says which command wrote. */
const ADMIN_CREATE_ACTOR = { accountId: null, displayName: "Commande npm run admin:create" };

/** 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits. */
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function oneTimePassword(length = 20): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // 57 letters: reject the bytes above the last multiple, so that every letter is equally likely.
      if (b < 228 && out.length < length) out.push(ALPHABET[b % ALPHABET.length]!);
    }
  }
  return out.join("");
}

/**
 * Creates an administrator with a random one-time password, returned once (the command prints
 * it); the account must change it at its first sign-in. An existing login is refused.
 */
export async function createAdminAccount(db: Db, args: AdminCreateArgs, now: Date): Promise<{ accountId: string; password: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const taken = await findAccountByLogin(tx, args.login);
    const created = taken ? null : await insertAdminAccount(tx, { login: args.login, displayName: args.name, email: args.email, passwordHash });
    if (!created) throw new DomainError("LOGIN_TAKEN", `Un compte d'identifiant « ${args.login} » existe déjà : aucun compte n'a été créé.`);
    await recordAudit(tx, ADMIN_CREATE_ACTOR, "account.admin_created", { type: "account", id: created.id }, { login: args.login }, now);
    return { accountId: created.id, password };
  });
}

/**
 * The signed-in account changes its own password (R-AUTH-2): the current one must match, the new
 * one differs from it (checked by the schema in lib/domain/accounts.ts). Clears the one-time flag.
 */
export async function changeOwnPassword(db: Db, actor: { accountId: string; displayName: string }, input: PasswordChangeInput, now: Date): Promise<void> {
  const state = await findPasswordState(db, actor.accountId);
  if (!state?.passwordHash) throw new DomainError("NO_PASSWORD", "Ce compte se connecte sans mot de passe : il n'y a pas de mot de passe à changer.");
  if (!(await verifyPassword(input.currentPassword, state.passwordHash)))
    throw new DomainError("CURRENT_PASSWORD_WRONG", PASSWORD_MESSAGES.currentWrong, { currentPassword: [PASSWORD_MESSAGES.currentWrong] });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updatePassword(tx, actor.accountId, passwordHash);
    await recordAudit(tx, actor, "account.password_changed", { type: "account", id: actor.accountId }, { oneTime: state.mustChangePassword }, now);
  });
}
