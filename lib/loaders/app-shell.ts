import { guardAudience } from "@/lib/auth/guard";
import { getSignedIn, homeOf } from "@/lib/auth/signed-in";
import type { Role } from "@/lib/auth/policy";
import { describeAppShell, type AppShellView, type ShellAudience } from "@/lib/domain/app-shell";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/guidance";

export type { AppShellView, NavItem, ShellAudience } from "@/lib/domain/app-shell";

const ROLE_OF: Record<ShellAudience, Role> = { family: "guardian", student: "student", academy: "saio" };

/**
 * The shell of an audience's pages (their group layout): signed out → the sign-in page, another
 * role → 404 (R-AUTH-1); the header's audience, user name and navigation, and the language of
 * the guidance texts the account chose (R-OVS-5: the family and student layouts' selector).
 */
export async function loadAppShell(audience: ShellAudience): Promise<AppShellView & { guidanceLocale: Locale }> {
  const { actor } = await guardAudience([ROLE_OF[audience]]);
  return { ...describeAppShell(audience, actor.displayName), guidanceLocale: actor.locale ?? DEFAULT_LOCALE };
}

/** The site's root: each role's home once signed in, the sign-in page otherwise. */
export async function loadLandingPage(): Promise<{ redirectTo: string }> {
  const signedIn = await getSignedIn();
  return { redirectTo: signedIn ? homeOf(signedIn.actor.role) : "/connexion" };
}
