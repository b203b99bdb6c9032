import type { Metadata } from "next";
import Link from "next/link";
import { StatisticsBarChart } from "@/components/academy/charts";
import { ColumnHeads } from "@/components/ui/column-heads";
import { FilterSelect } from "@/components/ui/filter-select";
import type { StatisticsTable } from "@/lib/domain/academy-statistics";
import { loadAcademyStatisticsPage } from "@/lib/loaders/academy-statistics";

export const metadata: Metadata = { title: "Statistiques de la campagne" };

const cell = (v: number | string) => (typeof v === "number" ? v.toLocaleString("fr-FR") : v);

function DataTable({ table }: { table: StatisticsTable }) {
  if (table.emptyText) return <p className="mt-3">{table.emptyText}</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table id={table.id} className="w-full min-w-[560px] border-collapse text-sm">
        <caption className="text-left text-sm font-medium">{table.caption}</caption>
        <ColumnHeads columns={table.columns} />
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.head} className="border-b border-gray-200">
              <th scope="row" className="p-2 text-left font-medium">
                {r.href ? (
                  <Link href={r.href} className="text-france underline">
                    {r.head}
                  </Link>
                ) : (
                  r.head
                )}
              </th>
              {r.cells.map((c, i) => (
                <td key={table.columns[i + 1]!.label} className="p-2 text-right">
                  {cell(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.foot ? (
          <tfoot>
            <tr className="border-t-2 border-gray-400">
              <th scope="row" className="p-2 text-left">
                {table.foot.head}
              </th>
              {table.foot.cells.map((c, i) => (
                <td key={table.columns[i + 1]!.label} className="p-2 text-right font-semibold">
                  {cell(c)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** R-OVS-1: the académie's live statistics, drilled down to a school and a division. */
export default async function AcademyStatisticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await loadAcademyStatisticsPage(await searchParams);
  const f = view.filters;
  return (
    <>
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <ol className="flex flex-wrap gap-1">
          {view.breadcrumbs.map((b, i) => (
            <li key={b.label}>
              {i > 0 ? <span aria-hidden="true">› </span> : null}
              {b.href ? (
                <Link href={b.href} className="text-france underline">
                  {b.label}
                </Link>
              ) : (
                <span aria-current="page">{b.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1 className="mt-2 text-2xl font-bold">{view.title}</h1>
      <p className="mt-1 text-muted">{view.freshness} Élèves hors procédure exclus. Chaque graphique est suivi du tableau qui en donne les valeurs.</p>

      {view.problems.length > 0 ? (
        <div role="alert" className="mt-3 rounded border border-red-700 bg-red-50 p-3 text-red-800">
          {view.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}

      {/* Keyed by the filters: a link to another scope remounts the selects with the new values (they are uncontrolled). */}
      <form
        key={view.exportHref}
        method="get"
        className="mt-4 grid gap-3 rounded border border-gray-300 p-3 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Filtres des statistiques"
      >
        <FilterSelect fullWidth id="s-niveau" name="niveau" label="Niveau" value={f.level} options={view.levelOptions} />
        <FilterSelect fullWidth id="s-phase" name="phase" label="Phase" value={f.phase} options={view.phaseOptions} />
        <FilterSelect
          fullWidth
          id="s-etablissement"
          name="etablissement"
          label="Établissement"
          value={f.schoolId ?? ""}
          all="Toute l'académie"
          options={view.schoolOptions}
        />
        {f.schoolId ? (
          <FilterSelect
            fullWidth
            id="s-division"
            name="division"
            label="Division"
            value={f.divisionId ?? ""}
            all="Toutes les divisions"
            options={view.divisionOptions}
          />
        ) : null}
        <div className="flex items-end">
          <button type="submit" className="w-full rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover">
            Afficher
          </button>
        </div>
      </form>

      <section aria-labelledby="synthese-heading" className="mt-6">
        <h2 id="synthese-heading" className="text-xl font-bold">
          Synthèse
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          {view.summary.map((s) => (
            <div key={s.label} className="contents">
              <dt className="font-medium">{s.label}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3">
          <a href={view.exportHref} download className="text-france underline">
            Télécharger tous les tableaux (XLSX)
          </a>
        </p>
      </section>

      {view.sections.map((s) => (
        <section key={s.id} aria-labelledby={`${s.id}-heading`} className="mt-8">
          <h2 id={`${s.id}-heading`} className="text-xl font-bold">
            {s.heading}
          </h2>
          <p className="mt-1 text-sm text-muted">Source : {s.source}</p>
          {s.chart ? <StatisticsBarChart chart={s.chart} /> : null}
          <DataTable table={s.table} />
        </section>
      ))}
    </>
  );
}
