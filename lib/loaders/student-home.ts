import { authorizeInPage, guardAudience } from "@/lib/auth/guard";
import { inAdultStudentVoice, type EntryVoice } from "@/lib/domain/adult-student";
import type { Locale } from "@/lib/i18n/guidance";
import { readFamilyFile, type FamilyFileWithAlerts } from "./family-file";

/**
 * The student's home: their own orientation file, read-only (R-INT-1), or entered by themself
 * when they are an adult (R-AUTH-4) — the same view as their guardians', which an adult student
 * reads in their own voice («vos demandes», «vous»: lib/domain/adult-student.ts). Null when the
 * file cannot be read (the page says so). With the student's language of the guidance texts (R-OVS-5).
 */
export async function loadStudentHomePage(step?: string | null): Promise<(FamilyFileWithAlerts & { voice: EntryVoice; locale: Locale }) | null> {
  // The resource is the signed-in student's own file: the session names it.
  const page = await guardAudience(["student"]);
  const scope = await authorizeInPage(page, "read:student-file", { type: "student", id: page.actor.studentId ?? "" });
  const file = await readFamilyFile(page.db, page.actor, scope, page.now, { step, noticeHref: "/eleve/notification" });
  if (!file) return null;
  const locale = page.actor.locale ?? "fr";
  return scope.studentIsAdult
    ? { ...inAdultStudentVoice(file), trackAlerts: file.trackAlerts, voice: "adult_student", locale }
    : { ...file, voice: "family", locale };
}
