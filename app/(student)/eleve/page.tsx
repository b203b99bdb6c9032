import type { Metadata } from "next";
import { StudentOrientationView } from "@/components/family/student-orientation-view";
import { requireRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { loadFamilyPage } from "@/lib/services/family-page";

export const metadata: Metadata = { title: "Mon orientation" };

/**
 * The student's home: their orientation file, read-only (R-INT-1), or entered by themself when
 * they are an adult (R-AUTH-4) — the same view as their guardians'.
 */
export default async function StudentHome() {
  const { actor } = await requireRole("student");
  const db = await getDb();
  const t = now();
  const scope = actor.studentId ? await findStudentScope(db, actor.studentId, t) : null;
  const data = scope ? await loadFamilyPage(db, actor, scope, t) : null;
  if (!data) return <p>Votre dossier est introuvable. Contactez votre établissement.</p>;
  return (
    <>
      <h1 className="text-2xl font-bold">Mon orientation</h1>
      <p className="mt-1 text-muted">
        {data.studentName} – {data.divisionCode} – {data.schoolName}
      </p>
      <StudentOrientationView data={data} />
    </>
  );
}
