import { notFound } from "next/navigation";
import { requireSignedIn } from "@/lib/auth/signed-in";
import { getDb } from "@/lib/db";
import { findPasswordState } from "@/lib/db/repositories/accounts";
import { describePasswordChangePage, type PasswordChangeView } from "@/lib/domain/accounts";

export type { PasswordChangeView } from "@/lib/domain/accounts";

/**
 * The password change (/compte/mot-de-passe), for every signed-in account with a password: signed
 * out → the sign-in page; an account without a password (OpenID Connect) → 404. It is the one page
 * an account with a one-time password reaches (guardAudience sends it here), so it does not go
 * through guardAudience itself.
 */
export async function loadPasswordChangePage(): Promise<PasswordChangeView> {
  const { actor } = await requireSignedIn();
  const state = await findPasswordState(await getDb(), actor.accountId);
  if (!state?.passwordHash) notFound();
  return describePasswordChangePage({ displayName: state.displayName, mustChange: state.mustChangePassword });
}
