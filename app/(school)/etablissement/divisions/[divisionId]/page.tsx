import type { Metadata } from "next";
import Link from "next/link";
import { CouncilControls } from "@/components/school/council-controls";
import { DivisionDecisions } from "@/components/school/decision-division";
import { OpinionsForm } from "@/components/school/opinions-form";
import { ProposalsForm } from "@/components/school/proposals-form";
import { loadSchoolDivisionPage } from "@/lib/loaders/school-division";

export const metadata: Metadata = { title: "Division et conseil de classe" };

/**
 * A division: its class council of each phase (R-SCH-3, R-SCH-6; `?phase=final`), the avis of all
 * its students on one screen (R-SCH-7), or the council's proposals of the final phase (R-FIN-5) and the
 * decisions of the families who agreed (R-FIN-8).
 */
export default async function DivisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ divisionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { divisionId } = await params;
  const { phase } = await searchParams;
  const view = await loadSchoolDivisionPage(divisionId, phase);

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

      <nav aria-label="Phase de la procédure" className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {view.phaseLinks.map((l) => (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={l.current ? "page" : undefined}
                className={`inline-block rounded border border-france px-3 py-1.5 ${l.current ? "bg-france text-white" : "text-france underline"}`}
              >
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="council-title" className="mt-6">
        <h2 id="council-title" className="text-xl font-bold">
          {view.councilTitle}
        </h2>
        <p className="mt-1" data-council-state={view.councilState}>
          {view.councilText}
        </p>
        {view.controls ? (
          <div className="mt-3">
            <CouncilControls
              divisionId={view.divisionId}
              divisionCode={view.code}
              phase={view.phase}
              open={view.controls.open}
              scheduledAtInput={view.controls.scheduledAtInput}
              resetWarning={view.controls.resetWarning}
              openConfirmation={view.controls.openConfirmation}
            />
          </div>
        ) : null}
      </section>

      {view.phase === "final" ? (
        <section aria-labelledby="proposals-title" className="mt-8">
          <h2 id="proposals-title" className="text-xl font-bold">
            Propositions du conseil de classe
          </h2>
          {view.proposals.kind === "council_not_open" ? (
            <p className="mt-2">{view.proposals.text}</p>
          ) : view.proposals.kind === "form" ? (
            <>
              <p className="mt-2 max-w-prose text-sm">
                Pour chaque choix définitif : «Oui» ou «Non», et une motivation si besoin. Le conseil de classe peut aussi proposer une voie que la famille
                n&apos;a pas demandée. Les propositions sont consultables par les familles le lendemain de la saisie. Si vous modifiez une proposition déjà
                publiée, vous devrez informer la famille.
              </p>
              <div className="mt-3">
                <ProposalsForm divisionId={view.divisionId} students={view.proposals.sheet} compactExtras={view.proposals.compactExtras} />
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {view.decisions ? (
        <section aria-labelledby="decisions-title" className="mt-8">
          <h2 id="decisions-title" className="text-xl font-bold">
            {view.decisions.heading}
          </h2>
          <DivisionDecisions divisionId={view.divisionId} view={view.decisions} />
        </section>
      ) : null}

      {view.phase === "provisional" ? (
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
      ) : null}
    </>
  );
}
