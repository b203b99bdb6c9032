import type { Metadata } from "next";
import Link from "next/link";
import { CouncilControls } from "@/components/school/council-controls";
import { OpinionsForm } from "@/components/school/opinions-form";
import { loadSchoolDivisionPage } from "@/lib/loaders/school-division";

export const metadata: Metadata = { title: "Division et conseil de classe" };

/** A division: its class council (R-SCH-3, R-SCH-6) and the avis of all its students on one screen (R-SCH-7). */
export default async function DivisionPage({ params }: { params: Promise<{ divisionId: string }> }) {
  const { divisionId } = await params;
  const view = await loadSchoolDivisionPage(divisionId);

  return (
    <>
      <p className="text-sm">
        <Link href="/etablissement" className="text-france underline">
          Accueil établissement
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{view.title}</h1>
      <p className="text-muted">{view.subtitle}</p>
      <p className="mt-1 text-sm">
        <Link href={view.studentListHref} className="text-france underline">
          Liste des élèves de la division
        </Link>
      </p>

      <section aria-labelledby="council-title" className="mt-6">
        <h2 id="council-title" className="text-xl font-bold">
          Conseil de classe – phase provisoire
        </h2>
        <p className="mt-1" data-council-state={view.councilState}>
          {view.councilText}
        </p>
        {view.controls ? (
          <div className="mt-3">
            <CouncilControls
              divisionId={view.divisionId}
              divisionCode={view.code}
              open={view.controls.open}
              scheduledAtInput={view.controls.scheduledAtInput}
              resetWarning={view.controls.resetWarning}
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="opinions-title" className="mt-8">
        <h2 id="opinions-title" className="text-xl font-bold">
          Avis provisoires du conseil de classe
        </h2>
        {view.opinions.kind === "council_not_open" ? (
          <p className="mt-2">{view.opinions.text}</p>
        ) : view.opinions.kind === "form" ? (
          <>
            <p className="mt-2 max-w-prose text-sm">
              Pour chaque intention : Favorable, Réservé ou Défavorable, et des recommandations si besoin. Les avis sont consultables par les familles le
              lendemain de la saisie. Si vous modifiez un avis après l&apos;accusé de réception, vous devrez informer la famille.
            </p>
            <div className="mt-3">
              <OpinionsForm divisionId={view.divisionId} students={view.opinions.sheet} />
            </div>
          </>
        ) : null}
      </section>
    </>
  );
}
