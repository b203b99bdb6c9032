import type { Metadata } from "next";
import { EntryVoiceProvider } from "@/components/family/entry-voice";
import { StudentOrientationView } from "@/components/family/student-orientation-view";
import { TrackAlertsProvider } from "@/components/family/track-alerts";
import { loadStudentHomePage } from "@/lib/loaders/student-home";

export const metadata: Metadata = { title: "Mon orientation" };

/**
 * The student's home: their orientation file, read-only (R-INT-1), or entered by themself when
 * they are an adult (R-AUTH-4) — the same view as their guardians'.
 */
export default async function StudentHome({ searchParams }: { searchParams: Promise<{ etape?: string | string[] }> }) {
  const { etape } = await searchParams;
  const file = await loadStudentHomePage(typeof etape === "string" ? etape : null);
  if (!file) return <p>Votre dossier est introuvable. Contactez votre établissement.</p>;
  return (
    <>
      <h1 className="text-2xl font-bold">Mon orientation</h1>
      <p className="mt-1 text-muted">
        {file.studentName} – {file.divisionCode} – {file.schoolName}
      </p>
      {/* R-AUTH-4: an adult student's entry form says «vous», not «votre enfant». */}
      <EntryVoiceProvider voice={file.voice}>
        <TrackAlertsProvider level={file.level} alerts={file.trackAlerts} locale={file.locale}>
          <StudentOrientationView file={file} locale={file.locale} />
        </TrackAlertsProvider>
      </EntryVoiceProvider>
    </>
  );
}
