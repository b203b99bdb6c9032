"use server";

import { revalidatePath } from "next/cache";
import { homeOf } from "@/lib/auth/signed-in";
import { localeChoiceSchema } from "@/lib/i18n/locale-choice";
import { chooseGuidanceLocale } from "@/lib/services/family-language";
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

/**
 * R-OVS-5: the signed-in guardian or student chooses the language of the family pages' guidance
 * texts, on their own account only (policy "manage:own-account"; the service refuses other roles).
 */
export const chooseLocaleAction = defineAction({
  name: "account.choose-locale",
  permission: "manage:own-account",
  resource: { type: "account" },
  schema: localeChoiceSchema,
  handler: async ({ db, actor, input }) => {
    await chooseGuidanceLocale(db, actor, input);
    return { locale: input.locale };
  },
});

/**
 * The language selector's form (components/family/language-selector.tsx) posts here, with or
 * without JavaScript: the choice is saved, then the page the family is on is drawn again in the
 * chosen language (it stays on that page).
 */
export async function chooseLocaleFormAction(form: FormData): Promise<void> {
  const res = await chooseLocaleAction(form);
  if (res.ok) revalidatePath("/", "layout");
}
