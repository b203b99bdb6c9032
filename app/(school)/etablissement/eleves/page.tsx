import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/school/scroll-region";
import { BadgeList, NonTraiteeMarker, OriginalEntryMarker, TrackItemList } from "@/components/school/track-items";
import { loadSchoolStudentListPage } from "@/lib/loaders/school-students";

export const metadata: Metadata = { title: "Liste des élèves" };

const field = "mt-1 w-full rounded border border-gray-500 px-2 py-1.5";

/** R-SCH-10: the student list with its filters, pictograms (R-SCH-8) and exports. */
export default async function StudentListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await loadSchoolStudentListPage(await searchParams);
  const { filters, rows, columns } = view;

  return (
    <>
      <h1 className="text-2xl font-bold">Liste des élèves</h1>
      <form method="get" className="mt-4 grid gap-3 rounded border border-gray-300 p-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Recherche d'élèves">
        <div>
          <label htmlFor="f-phase" className="block text-sm font-medium">
            Phase affichée
          </label>
          <select id="f-phase" name="phase" defaultValue={filters.phase === "final" ? "final" : ""} className={field}>
            {view.phases.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-niveau" className="block text-sm font-medium">
            Palier
          </label>
          <select id="f-niveau" name="niveau" defaultValue={filters.level ?? ""} className={field}>
            <option value="">Tous</option>
            {view.levels.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-division" className="block text-sm font-medium">
            Division
          </label>
          <select id="f-division" name="division" defaultValue={filters.divisionId ?? ""} className={field}>
            <option value="">Toutes</option>
            {view.divisions.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-mef" className="block text-sm font-medium">
            MEF
          </label>
          <select id="f-mef" name="mef" defaultValue={filters.mefCode ?? ""} className={field}>
            <option value="">Tous</option>
            {view.mefs.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-nom" className="block text-sm font-medium">
            Nom
          </label>
          <input id="f-nom" name="nom" defaultValue={filters.lastName ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="f-prenom" className="block text-sm font-medium">
            Prénom
          </label>
          <input id="f-prenom" name="prenom" defaultValue={filters.firstName ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="f-choix" className="block text-sm font-medium">
            Choix définitifs
          </label>
          <select id="f-choix" name="choix" defaultValue={filters.finalChoices ?? ""} className={field}>
            <option value="">Tous</option>
            {view.finalChoicesOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-reponse" className="block text-sm font-medium">
            Réponse de la famille
          </label>
          <select id="f-reponse" name="reponse" defaultValue={filters.finalAnswer ?? ""} className={field}>
            <option value="">Toutes</option>
            {view.finalAnswerOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-accord" className="block text-sm font-medium">
            Accord des représentants
          </label>
          <select id="f-accord" name="accord" defaultValue={filters.finalAgreement ?? ""} className={field}>
            <option value="">Tous</option>
            {view.finalAgreementOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="w-full rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover">
            Rechercher
          </button>
        </div>
      </form>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p role="status">{view.countText}</p>
        <p className="flex flex-wrap gap-3 text-sm">
          <a href={view.exports.xlsx} className="rounded border border-france px-3 py-1.5 font-medium text-france hover:bg-france-light" download>
            Exporter la liste (XLSX)
          </a>
          <a href={view.exports.csv} className="rounded border border-france px-3 py-1.5 font-medium text-france hover:bg-france-light" download>
            Exporter la liste (CSV)
          </a>
        </p>
      </div>

      {view.emptyText ? (
        <p className="mt-4">{view.emptyText}</p>
      ) : (
        <ScrollRegion label="Liste des élèves" className="mt-3">
          <table className="w-full min-w-[1600px] border-collapse text-sm">
            <caption className="sr-only">{view.caption}</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left align-bottom">
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="p-2">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top" data-student={r.ine}>
                  {columns.map((c) => {
                    switch (c.key) {
                      case "lastName":
                        return (
                          <th key={c.key} scope="row" className="p-2 text-left">
                            <Link href={`/etablissement/eleves/${r.id}`} className="font-medium text-france underline">
                              {r.lastName}
                            </Link>
                          </th>
                        );
                      case "division":
                        return (
                          <td key={c.key} className="p-2">
                            <Link href={`/etablissement/divisions/${r.divisionId}`} className="text-france underline">
                              {r.divisionCode}
                            </Link>
                          </td>
                        );
                      case "intentions":
                        return (
                          <td key={c.key} className="p-2">
                            <TrackItemList items={r.request?.items ?? []} />
                            {r.familyEntry?.nonTraitee ? <NonTraiteeMarker entry={r.familyEntry} /> : null}
                            {r.request?.originalFamilyItems ? (
                              <OriginalEntryMarker
                                items={r.request.originalFamilyItems}
                                enteredByName={r.request.enteredByName}
                                enteredAt={r.request.enteredAt}
                              />
                            ) : null}
                          </td>
                        );
                      case "badges":
                        return (
                          <td key={c.key} className="p-2">
                            <BadgeList badges={r.badges} />
                          </td>
                        );
                      default: {
                        const text = r.texts[c.key] ?? "";
                        return (
                          <td key={c.key} className="whitespace-pre-line p-2">
                            {text === "" ? <span className="text-muted">—</span> : text}
                          </td>
                        );
                      }
                    }
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
