import type { Actor } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { updateAccountLocale } from "@/lib/db/repositories/accounts";
import { assertMayChooseLocale, type LocaleChoice } from "@/lib/i18n/locale-choice";

/** R-OVS-5: the signed-in guardian or student sets the language of their own guidance texts (policy "manage:own-account"). */
export async function chooseGuidanceLocale(q: Queryable, actor: Pick<Actor, "accountId" | "role">, input: LocaleChoice): Promise<void> {
  assertMayChooseLocale(actor.role);
  await updateAccountLocale(q, actor.accountId, input.locale);
}
