import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/school/scroll-region";
import { loadSchoolFollowUpPage } from "@/lib/loaders/school-follow-up";

export const metadata: Metadata = { title: "Suivi des saisies TS" };

/** R-SCH-11: the families with no validated online entry, so the school can help them. */
export default async function FamilyEntryFollowUpPage() {
  const view = await loadSchoolFollowUpPage();
  const { rows } = view;
  return (
    <>
      <h1 className="text-2xl font-bold">Suivi des saisies TS</h1>
      <p className="mt-2 max-w-prose">
        Élèves dont aucun représentant légal n&apos;a validé d&apos;intentions sur le service en ligne Orientation (saisies reçues par le transfert de la nuit).
        Vous pouvez accompagner ces familles pour formuler leurs intentions d&apos;orientation, ou les saisir à partir d&apos;un formulaire papier.
      </p>
      <p role="status" className="mt-3 font-medium">
        {view.statusText}
      </p>
      {rows.length > 0 ? (
        <ScrollRegion label="Élèves sans saisie en ligne validée" className="mt-3">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">Élèves sans saisie en ligne validée</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">
                  Élève
                </th>
                <th scope="col" className="p-2">
                  Division
                </th>
                <th scope="col" className="p-2">
                  Représentants légaux
                </th>
                <th scope="col" className="p-2">
                  Saisie établissement
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 text-left">
                    <Link href={`/etablissement/eleves/${r.id}`} className="font-medium text-france underline">
                      {r.name}
                    </Link>
                  </th>
                  <td className="p-2">{r.divisionCode}</td>
                  <td className="p-2">
                    <ul>
                      {r.guardians.map((g) => (
                        <li key={g.key}>{g.text}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="p-2">{r.schoolEntryText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </>
  );
}
