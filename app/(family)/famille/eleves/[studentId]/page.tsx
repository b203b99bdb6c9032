import type { Metadata } from "next";
import Link from "next/link";
import { StudentOrientationView } from "@/components/family/student-orientation-view";
import { TrackAlertsProvider } from "@/components/family/track-alerts";
import { loadFamilyStudentPage } from "@/lib/loaders/family-student";
import { deName } from "@/lib/domain/person-name";

export const metadata: Metadata = { title: "Procédure d'orientation" };

/** The guardian's orientation page for one of their children. Another family's child: 404 (R-AUTH-1). */
export default async function FamilyStudentPage({
  params,
  searchParams,
}: {
  params: Promise<{ studentId: string }>;
  searchParams: Promise<{ etape?: string | string[] }>;
}) {
  const { studentId } = await params;
  const { etape } = await searchParams;
  const file = await loadFamilyStudentPage(studentId, typeof etape === "string" ? etape : null);
  return (
    <>
      <p className="text-sm">
        <Link href="/famille" className="text-france underline">
          Mes enfants
        </Link>
        <span aria-hidden="true"> › </span>
        <span>{file.studentName}</span>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Orientation {deName(file.studentName)}</h1>
      <p className="mt-1 text-muted">
        {file.divisionCode} – {file.schoolName}
      </p>
      {/* R-OVS-3: the académie's alerts next to the voies entered. */}
      <TrackAlertsProvider level={file.level} alerts={file.trackAlerts} locale={file.locale}>
        <StudentOrientationView file={file} locale={file.locale} />
      </TrackAlertsProvider>
    </>
  );
}
