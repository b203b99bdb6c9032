import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { SpecialtyStudentsTable, SpecialtyTotalsTable } from "@/components/school/specialty-tables";
import { SPECIALTY_PLANNING_TITLE } from "@/lib/domain/specialty-planning";
import { loadSpecialtyPlanningPage } from "@/lib/loaders/specialty-planning";

export const metadata: Metadata = { title: SPECIALTY_PLANNING_TITLE };

const button = "rounded border border-france px-3 py-1.5 font-medium text-france hover:bg-france-light";

/** R-2GT-4: the spécialités requested per student and their totals per rank, per phase, so the lycée can plan its groups. */
export default async function SpecialtyPlanningPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await loadSpecialtyPlanningPage(await searchParams);
  if (page.kind === "no2gt") {
    return (
      <>
        <h1 className="text-2xl font-bold">{SPECIALTY_PLANNING_TITLE}</h1>
        <p className="mt-4 max-w-prose">{page.text}</p>
      </>
    );
  }
  const { view } = page;
  return (
    <>
      <h1 className="text-2xl font-bold">{SPECIALTY_PLANNING_TITLE}</h1>
      <p className="mt-2 max-w-prose">
        Les enseignements de spécialité de 1re générale demandés par les élèves de 2de générale et technologique, dans l&apos;ordre de préférence exprimé, et
        leur nombre par rang : de quoi prévoir les groupes de l&apos;an prochain. Les élèves hors procédure ne sont pas comptés.
      </p>
      <nav aria-label="Phase" className="mt-3">
        <ul className="flex flex-wrap gap-3 text-sm">
          {view.tabs.map((t) => (
            <li key={t.phase}>
              <Link
                href={t.href}
                aria-current={t.current ? "page" : undefined}
                className={`rounded border px-3 py-1.5 font-medium ${t.current ? "border-france bg-france text-white" : "border-france text-france hover:bg-france-light"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Choix de la division">
        {view.phase === "final" ? <input type="hidden" name="phase" value="final" /> : null}
        <FilterSelect id="f-division" name="division" label="Division" value={view.divisionId ?? ""} all="Toutes" options={view.divisions} />
        <button type="submit" className="rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover">
          Afficher
        </button>
      </form>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p role="status" data-specialty-summary>
          {view.summaryText}
        </p>
        <p className="flex flex-wrap gap-3 text-sm">
          <a href={view.exports.xlsx} className={button} download>
            Télécharger (XLSX)
          </a>
          <a href={view.exports.csv} className={button} download>
            Télécharger (CSV)
          </a>
        </p>
      </div>
      {view.offeredNotice ? <p className="mt-3 max-w-prose">{view.offeredNotice}</p> : null}

      <h2 className="mt-6 text-xl font-bold">Totaux par enseignement de spécialité et par rang</h2>
      <p className="mt-2 max-w-prose text-sm">
        Pour chaque enseignement de spécialité, le nombre d&apos;élèves qui l&apos;ont demandé en 1er, 2e, 3e… choix ; « hors établissement » : non proposé par
        le lycée.
      </p>
      {view.planning.specialties.length > 0 ? <SpecialtyTotalsTable view={view} /> : <p className="mt-3">Aucun enseignement de spécialité demandé.</p>}

      <h2 className="mt-6 text-xl font-bold">Demandes par élève</h2>
      {view.planning.students.length > 0 ? <SpecialtyStudentsTable view={view} /> : <p className="mt-3">Aucun élève n&apos;a demandé de 1re générale.</p>}
    </>
  );
}
