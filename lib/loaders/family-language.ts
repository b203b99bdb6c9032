import { getSignedIn } from "@/lib/auth/signed-in";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/guidance";

/**
 * R-OVS-5: the language of the guidance texts the signed-in account chose (read with the session,
 * memoised per request: no extra query); French for anyone else. Used by the family and student
 * layouts (the selector) and pages (the translated blocks); the page's own guard still runs.
 */
export async function loadGuidanceLocale(): Promise<Locale> {
  const signedIn = await getSignedIn();
  const role = signedIn?.actor.role;
  return role === "guardian" || role === "student" ? (signedIn?.actor.locale ?? DEFAULT_LOCALE) : DEFAULT_LOCALE;
}
