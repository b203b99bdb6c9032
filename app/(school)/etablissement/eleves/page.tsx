import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/school/scroll-region";
import { BadgeList, NonTraiteeMarker, OriginalEntryMarker, TrackItemList } from "@/components/school/track-items";
import { FilterSelect } from "@/components/ui/filter-select";
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
      {view.filterMessage ? (
        <p role="alert" className="mt-3 rounded border border-red-700 bg-red-50 p-3 text-red-800">
          {view.filterMessage}
        </p>
      ) : null}
      {view.closedYearText ? (
        <p role="status" className="mt-3 rounded border-l-4 border-france bg-france-light p-3">
          {view.closedYearText}
        </p>
      ) : null}
      <form method="get" className="mt-4 grid gap-3 rounded border border-gray-300 p-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Recherche d'élèves">
        {view.years.length > 1 ? (
          <FilterSelect fullWidth id="f-annee" name="annee" label="Année scolaire" value={filters.schoolYear ?? ""} options={view.years} />
        ) : null}
        <FilterSelect fullWidth id="f-phase" name="phase" label="Phase affichée" value={filters.phase === "final" ? "final" : ""} options={view.phases} />
        <FilterSelect fullWidth id="f-niveau" name="niveau" label="Palier" value={filters.level ?? ""} all="Tous" options={view.levels} />
        <FilterSelect fullWidth id="f-division" name="division" label="Division" value={filters.divisionId ?? ""} all="Toutes" options={view.divisions} />
        <FilterSelect fullWidth id="f-mef" name="mef" label="MEF" value={filters.mefCode ?? ""} all="Tous" options={view.mefs} />
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
        <FilterSelect
          fullWidth
          id="f-choix"
          name="choix"
          label="Choix définitifs"
          value={filters.finalChoices ?? ""}
          all="Tous"
          options={view.finalChoicesOptions}
        />
        <FilterSelect
          fullWidth
          id="f-reponse"
          name="reponse"
          label="Réponse de la famille"
          value={filters.finalAnswer ?? ""}
          all="Toutes"
          options={view.finalAnswerOptions}
        />
        <FilterSelect
          fullWidth
          id="f-accord"
          name="accord"
          label="Accord des représentants"
          value={filters.finalAgreement ?? ""}
          all="Tous"
          options={view.finalAgreementOptions}
        />
        <FilterSelect
          fullWidth
          id="f-decision"
          name="decision"
          label="Décision et appel"
          value={filters.finalProcedure ?? ""}
          all="Tous"
          options={view.finalProcedureOptions}
        />
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
                            <TrackItemList items={r.intentionItems} offered={r.offeredSpecialties} />
                            {r.familyEntry?.nonTraitee ? <NonTraiteeMarker entry={r.familyEntry} offered={r.offeredSpecialties} /> : null}
                            {r.request?.originalFamilyItems ? (
                              <OriginalEntryMarker
                                items={r.request.originalFamilyItems}
                                enteredByName={r.request.enteredByName}
                                enteredAt={r.request.enteredAt}
                                offered={r.offeredSpecialties}
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
