"use server";

import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { getSignedIn, homeOf } from "@/lib/auth/signed-in";
import { passwordChangeSchema } from "@/lib/domain/accounts";
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";
import { changeOwnPassword } from "@/lib/services/accounts";
import { formDataToObject, type ActionResult } from "./define-action";

/**
 * The signed-in account changes its own password (docs/production.md; forced after a one-time
 * password). The same door as defineAction, for a resource that is the actor's own account and so
 * needs no policy look-up: session → zod (French messages, lib/domain/accounts.ts) → service
 * (current password checked, audited, R-AUTH-3). Answers where to go next.
 */
export async function changePasswordAction(raw: unknown): Promise<ActionResult<{ next: string }>> {
  const signedIn = await getSignedIn();
  if (!signedIn) return { ok: false, code: "SIGNED_OUT", message: "Votre session a expiré. Veuillez vous reconnecter." };
  const parsed = passwordChangeSchema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return { ok: false, code: "INVALID_INPUT", message: "Le mot de passe n'a pas été changé : corrigez les champs signalés.", fieldErrors };
  }
  try {
    await changeOwnPassword(await getDb(), signedIn.actor, parsed.data, clockNow());
    return { ok: true, data: { next: homeOf(signedIn.actor.role) } };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
    console.error("[action account.change-password]", err instanceof Error ? err.name : "error");
    return { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR_MESSAGE };
  }
}
