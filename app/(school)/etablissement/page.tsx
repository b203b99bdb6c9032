import type { Metadata } from "next";
import Link from "next/link";
import { loadSchoolHomePage } from "@/lib/loaders/school-home";
import { ColumnHeads } from "@/components/ui/column-heads";

export const metadata: Metadata = { title: "Accueil établissement" };

/** The back-office home (R-SCH-14: "Mes divisions" for a homeroom teacher without delegation). */
export default async function SchoolHome() {
  const view = await loadSchoolHomePage();
  return (
    <>
      <h1 className="text-2xl font-bold">{view.title}</h1>
      <p className="text-muted">{view.subtitle}</p>
      <h2 className="mt-6 text-xl font-bold">{view.divisionsHeading}</h2>
      {view.emptyText ? (
        <p className="mt-2">{view.emptyText}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">Divisions de l&apos;établissement et état de la phase provisoire</caption>
            <ColumnHeads
              columns={[
                "Division",
                "MEF",
                { label: "Élèves", numeric: true },
                { label: "Dans la procédure", numeric: true },
                { label: "Saisies TS reçues", numeric: true },
                "Conseil de classe",
              ]}
            />
            <tbody>
              {view.divisions.map((d) => (
                <tr key={d.id} className="border-b border-gray-200">
                  <th scope="row" className="p-2 text-left">
                    <Link href={`/etablissement/divisions/${d.id}`} className="font-medium text-france underline">
                      {d.code}
                    </Link>
                  </th>
                  <td className="p-2">{d.mefLabel}</td>
                  <td className="p-2 text-right">{d.students}</td>
                  <td className="p-2 text-right">{d.inProcedure}</td>
                  <td className="p-2 text-right">{d.familyEntries}</td>
                  <td className="p-2">{d.councilText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
