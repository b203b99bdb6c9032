import type { Metadata } from "next";
import { loadAcademyHomePage } from "@/lib/loaders/academy-home";

export const metadata: Metadata = { title: "Académie" };

export default async function AcademyHome() {
  const home = await loadAcademyHomePage();
  return (
    <>
      <h1 className="text-2xl font-bold">{home.title}</h1>
      <p className="mt-1 text-muted">{home.summary}</p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[640px] border-collapse text-sm">
          <caption className="sr-only">Établissements de l&apos;académie</caption>
          <thead>
            <tr className="border-b-2 border-gray-400 text-left">
              <th scope="col" className="p-2">
                Établissement
              </th>
              <th scope="col" className="p-2">
                UAI
              </th>
              <th scope="col" className="p-2 text-right">
                Divisions
              </th>
              <th scope="col" className="p-2 text-right">
                Élèves
              </th>
              <th scope="col" className="p-2 text-right">
                Saisies TS reçues
              </th>
              <th scope="col" className="p-2 text-right">
                Conseils ouverts
              </th>
            </tr>
          </thead>
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
    </>
  );
}
