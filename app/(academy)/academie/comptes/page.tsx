import type { Metadata } from "next";
import { NO_HEAD_TEXT } from "@/lib/domain/account-admin";
import { loadAcademyAccountsPage } from "@/lib/loaders/account-admin";

export const metadata: Metadata = { title: "Établissements et chefs d'établissement" };

/** R-DATA-2: the saio sees the schools of its académie and their heads' accounts. */
export default async function AcademyAccountsPage() {
  const view = await loadAcademyAccountsPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Établissements et chefs d&apos;établissement</h1>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[640px] border-collapse text-sm">
          <caption className="sr-only">Établissements de l&apos;académie et comptes de leurs chefs</caption>
          <thead>
            <tr className="border-b-2 border-gray-400 text-left">
              <th scope="col" className="p-2">
                Établissement
              </th>
              <th scope="col" className="p-2">
                UAI
              </th>
              <th scope="col" className="p-2">
                Contact
              </th>
              <th scope="col" className="p-2">
                Chefs d&apos;établissement
              </th>
            </tr>
          </thead>
          <tbody>
            {view.schools.map((s) => (
              <tr key={s.id} className="border-b border-gray-200">
                <th scope="row" className="p-2 text-left font-medium">
                  {s.name} <span className="font-normal text-muted">({s.city})</span>
                </th>
                <td className="p-2">{s.uai}</td>
                <td className="p-2">{s.contact}</td>
                <td className="p-2">{s.heads.length ? s.heads.join(" ; ") : NO_HEAD_TEXT}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
