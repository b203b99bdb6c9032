import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/guidance";
import { readFamilyFile, type FamilyFileWithAlerts } from "./family-file";

/**
 * The guardian's orientation page for one of their children; another family's child is a 404
 * (R-AUTH-1). With the académie's alerts on the voies (R-OVS-3) and the guardian's language of the
 * guidance texts (R-OVS-5).
 */
export async function loadFamilyStudentPage(studentId: string, step?: string | null): Promise<FamilyFileWithAlerts & { locale: Locale }> {
  const { db, actor, scope, now } = await guardPage({ roles: ["guardian"], permission: "read:student-file", resource: { type: "student", id: studentId } });
  const file = await readFamilyFile(db, actor, scope, now, { step, noticeHref: `/famille/eleves/${scope.studentId}/notification` });
  if (!file) notFound();
  return { ...file, locale: actor.locale ?? "fr" };
}
