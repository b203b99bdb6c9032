"use server";

import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { type ActionResult, parseActionInput } from "@/lib/actions/define-action";
import { FORGOT_PASSWORD_ANSWER, forgotPasswordSchema, setPasswordSchema } from "@/lib/domain/account-admin";
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";
import "@/lib/domain/zod-messages";
import { logUnexpected } from "@/lib/log";
import { requestPasswordReset, setPasswordWithToken } from "@/lib/services/account-admin";

/*
 * R-DATA-2: the two actions of signed-out people (docs/security-sign-in.md): «Mot de passe
 * oublié ?» and setting one's password from a one-time link. No session, so no policy: the
 * one-time token is the authority. Same order as defineAction otherwise: characters → zod → service.
 */

/** «Mot de passe oublié ?»: always the same neutral answer once the entry is well-formed (no account enumeration). */
export async function forgotPasswordAction(raw: unknown): Promise<ActionResult<{ message: string }>> {
  const p = parseActionInput(forgotPasswordSchema, raw, "Corrigez les champs signalés.");
  if (!p.ok) return p;
  try {
    await requestPasswordReset(await getDb(), p.data.identifier, clockNow());
  } catch (err) {
    // Even a failure answers the same: the answer never says whether an account exists.
    logUnexpected("action account.forgot-password", err);
  }
  return { ok: true, data: { message: FORGOT_PASSWORD_ANSWER } };
}

/** Sets the password from a one-time link; then the person signs in with it. */
export async function setPasswordWithLinkAction(raw: unknown): Promise<ActionResult<{ login: string }>> {
  const p = parseActionInput(setPasswordSchema, raw, "Corrigez les champs signalés.");
  if (!p.ok) return p;
  try {
    return { ok: true, data: await setPasswordWithToken(await getDb(), p.data, clockNow()) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message };
    logUnexpected("action account.set-password", err);
    return { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR_MESSAGE };
  }
}
