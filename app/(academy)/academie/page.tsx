import type { Metadata } from "next";
import Link from "next/link";
import { loadAcademyHomePage } from "@/lib/loaders/academy-home";
import { ColumnHeads } from "@/components/ui/column-heads";

export const metadata: Metadata = { title: "Académie" };

export default async function AcademyHome() {
  const home = await loadAcademyHomePage();
  return (
    <>
      <h1 className="text-2xl font-bold">{home.title}</h1>
      <p className="mt-1 text-muted">{home.summary}</p>
      <p className="mt-1 text-sm text-muted">{home.freshness}</p>
      <p className="mt-2">
        <Link href="/academie/statistiques" className="font-medium text-france underline">
          Statistiques de la campagne par niveau, phase, établissement et division (graphiques, tableaux, export XLSX)
        </Link>
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[640px] border-collapse text-sm">
          <caption className="sr-only">Établissements de l&apos;académie</caption>
          <ColumnHeads
            columns={[
              "Établissement",
              "UAI",
              { label: "Divisions", numeric: true },
              { label: "Élèves", numeric: true },
              { label: "Saisies TS reçues", numeric: true },
              { label: "Conseils ouverts", numeric: true },
            ]}
          />
          <tbody>
            {home.schools.map((s) => (
              <tr key={s.id} className="border-b border-gray-200">
                <th scope="row" className="p-2 text-left font-medium">
                  {s.name} <span className="font-normal text-muted">({s.city})</span>
                </th>
                <td className="p-2">{s.uai}</td>
                <td className="p-2 text-right">{s.divisions}</td>
                <td className="p-2 text-right">{s.students}</td>
                <td className="p-2 text-right">{s.familyEntries}</td>
                <td className="p-2 text-right">{s.councilsOpen}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="decisions-heading" className="mt-8">
        <h2 id="decisions-heading" className="text-xl font-bold">
          Décisions d&apos;orientation, entretiens et appels
        </h2>
        <p className="mt-1 text-sm text-muted">Établissements de l&apos;académie, élèves hors procédure exclus.</p>
        {home.decisions.emptyText ? <p className="mt-3">{home.decisions.emptyText}</p> : null}
        {home.decisions.levels.map((l) => (
          <div key={l.level} className="mt-4" data-level={l.level}>
            <h3 className="text-lg font-semibold">{l.heading}</h3>
            <p className="mt-1">{l.summary}</p>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full min-w-[480px] border-collapse text-sm">
                <caption className="sr-only">{l.caption}</caption>
                <ColumnHeads columns={["Voie", { label: "Décisions", numeric: true }, { label: "Dont différentes de la demande", numeric: true }]} />
                <tbody>
                  {l.tracks.map((t) => (
                    <tr key={t.label} className="border-b border-gray-200">
                      <th scope="row" className="p-2 text-left font-medium">
                        {t.label}
                      </th>
                      <td className="p-2 text-right">{t.decisions}</td>
                      <td className="p-2 text-right">{t.differing}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t-2 border-gray-400">
                    <th scope="row" className="p-2 text-left">
                      Total
                    </th>
                    <td className="p-2 text-right font-semibold">{l.totals.decisions}</td>
                    <td className="p-2 text-right font-semibold">{l.totals.differing}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">Entretiens avec le chef d&apos;établissement</dt>
              <dd>
                {l.interviews.interviews} ({l.interviews.students} élève{l.interviews.students > 1 ? "s" : ""})
              </dd>
              <dt className="font-medium">Appels en cours</dt>
              <dd>{l.appeals.pending}</dd>
              <dt className="font-medium">Décisions maintenues par la commission d&apos;appel</dt>
              <dd>{l.appeals.upheld}</dd>
              <dt className="font-medium">Décisions modifiées par la commission d&apos;appel</dt>
              <dd>{l.appeals.changed}</dd>
            </dl>
          </div>
        ))}
      </section>
    </>
  );
}
