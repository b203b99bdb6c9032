import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudentOrientationView } from "@/components/family/student-orientation-view";
import { can } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { loadFamilyPage } from "@/lib/services/family-page";

export const metadata: Metadata = { title: "Procédure d'orientation" };

/** The guardian's orientation page for one of their children (issue 3). Another family's child: 404. */
export default async function FamilyStudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { studentId } = await params;
  const { actor } = await requireRole("guardian");
  const db = await getDb();
  const t = now();
  const scope = await findStudentScope(db, studentId, t);
  if (!scope || !can(actor, "read:student-file", scope)) notFound();
  const data = await loadFamilyPage(db, actor, scope, t);
  if (!data) notFound();
  return (
    <>
      <p className="text-sm">
        <Link href="/famille" className="text-france underline">
          Mes enfants
        </Link>
        <span aria-hidden="true"> › </span>
        <span>{data.studentName}</span>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Orientation de {data.studentName}</h1>
      <p className="mt-1 text-muted">
        {data.divisionCode} – {data.schoolName}
      </p>
      <StudentOrientationView data={data} />
    </>
  );
}
