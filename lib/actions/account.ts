"use server";

import { homeOf } from "@/lib/auth/signed-in";
import { passwordChangeSchema } from "@/lib/domain/accounts";
import { changeOwnPassword } from "@/lib/services/accounts";
import { defineAction } from "./define-action";

/**
 * The signed-in account changes its own password (docs/production.md; forced after a one-time
 * password): the account is the actor's own (policy "manage:own-account"), the service checks the
 * current password and audits (R-AUTH-3). Answers where to go next.
 */
export const changePasswordAction = defineAction({
  name: "account.change-password",
  permission: "manage:own-account",
  resource: { type: "account" },
  schema: passwordChangeSchema,
  invalidInputMessage: "Le mot de passe n'a pas été changé : corrigez les champs signalés.",
  handler: async ({ db, actor, input, now }) => {
    await changeOwnPassword(db, actor, input, now);
    return { next: homeOf(actor.role) };
  },
});
