import { redirect } from "next/navigation";
import { getSignedIn, homeOf } from "@/lib/auth/signed-in";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { describeSignInPage, type SignInQuery, type SignInView } from "@/lib/domain/sign-in";
import { env } from "@/lib/env";

export type { DemoAccount, SignInView } from "@/lib/domain/sign-in";

/**
 * The sign-in page, public (no guard): someone already signed in goes to their home; the demo
 * accounts are listed in demo mode only (R-AUTH-2: OpenID Connect for families when configured).
 */
export async function loadSignInPage(query: SignInQuery): Promise<SignInView> {
  const signedIn = await getSignedIn();
  if (signedIn) redirect(homeOf(signedIn.actor.role));
  const e = env();
  return describeSignInPage({
    query,
    oidc: e.OIDC_ISSUER ? { name: e.OIDC_NAME } : null,
    demo: e.DEMO_MODE ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : null,
  });
}
