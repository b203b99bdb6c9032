import type { Metadata } from "next";
import Link from "next/link";
import { StudentOrientationView } from "@/components/family/student-orientation-view";
import { TrackAlertsProvider } from "@/components/family/track-alerts";
import { loadFamilySimulationPage } from "@/lib/loaders/school-family-simulation";
import { deName } from "@/lib/domain/person-name";

export const metadata: Metadata = { title: "Simulation d'accès à la page de la famille" };

/**
 * R-FIN-13 «simulation d'accès»: the family page exactly as the chosen guardian sees it, every
 * control disabled (the fieldset). Anyone but the head of the student's school: 404.
 */
export default async function FamilySimulationPage({
  params,
  searchParams,
}: {
  params: Promise<{ studentId: string }>;
  searchParams: Promise<{ responsable?: string; etape?: string }>;
}) {
  const { studentId } = await params;
  const { responsable, etape } = await searchParams;
  const view = await loadFamilySimulationPage(studentId, responsable, etape);
  return (
    <>
      <p className="text-sm">
        <Link href={`/etablissement/eleves/${view.studentId}`} className="text-france underline">
          Retour au dossier de l&apos;élève
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Simulation d&apos;accès à la page de la famille</h1>
      <nav aria-label="Représentant légal dont la page est simulée" className="mt-3">
        <ul className="flex flex-wrap gap-2">
          {view.guardians.map((g) => (
            <li key={g.rank}>
              <Link
                href={g.href}
                aria-current={g.current ? "page" : undefined}
                className={`inline-block rounded border px-3 py-1.5 ${g.current ? "border-france bg-france text-white" : "border-france text-france underline"}`}
              >
                {g.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view.kind === "unavailable" ? (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-500 bg-gray-100 p-3 font-medium">
          {view.message}
        </p>
      ) : (
        <>
          <p role="status" className="mt-4 rounded border-l-4 border-warning bg-orange-50 p-3 font-medium">
            {view.banner}
          </p>
          <section aria-labelledby="simulated-title" className="mt-4 rounded border-2 border-dashed border-gray-400 p-4">
            <h2 id="simulated-title" className="text-2xl font-bold">
              Orientation {deName(view.file.studentName)}
            </h2>
            <p className="mt-1 text-muted">
              {view.file.divisionCode} – {view.file.schoolName}
            </p>
            <fieldset disabled className="contents">
              <TrackAlertsProvider level={view.file.level} alerts={view.file.trackAlerts}>
                <StudentOrientationView file={view.file} />
              </TrackAlertsProvider>
            </fieldset>
          </section>
        </>
      )}
    </>
  );
}
