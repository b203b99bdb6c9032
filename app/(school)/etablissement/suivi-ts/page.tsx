import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollRegion } from "@/components/school/scroll-region";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { loadFamilyEntryFollowUp } from "@/lib/services/school-students";

export const metadata: Metadata = { title: "Suivi des saisies TS" };

/** R-SCH-11: the families with no validated online entry, so the school can help them. */
export default async function FamilyEntryFollowUpPage() {
  const { actor } = await requireRole("head", "homeroom");
  const db = await getDb();
  const scope = await findSchoolScope(db, actor.schoolId!);
  if (!scope) notFound();
  authorize(actor, "read:school", scope);
  const rows = await loadFamilyEntryFollowUp(db, actor);
  return (
    <>
      <h1 className="text-2xl font-bold">Suivi des saisies TS</h1>
      <p className="mt-2 max-w-prose">
        Élèves dont aucun représentant légal n&apos;a validé d&apos;intentions sur le service en ligne Orientation (saisies reçues par le transfert
        de la nuit). Vous pouvez accompagner ces familles pour formuler leurs intentions d&apos;orientation, ou les saisir à partir d&apos;un formulaire papier.
      </p>
      <p role="status" className="mt-3 font-medium">{rows.length === 0 ? "Toutes les familles ont validé une saisie." : `${rows.length} élève${rows.length > 1 ? "s" : ""} sans saisie validée`}</p>
      {rows.length > 0 ? (
        <ScrollRegion label="Élèves sans saisie en ligne validée" className="mt-3">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">Élèves sans saisie en ligne validée</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">Élève</th>
                <th scope="col" className="p-2">Division</th>
                <th scope="col" className="p-2">Représentants légaux</th>
                <th scope="col" className="p-2">Saisie établissement</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 text-left">
                    <Link href={`/etablissement/eleves/${r.id}`} className="font-medium text-france underline">{r.lastName} {r.firstName}</Link>
                  </th>
                  <td className="p-2">{r.divisionCode}</td>
                  <td className="p-2">
                    <ul>
                      {r.guardians.map((g) => (
                        <li key={g.rank}>{g.civility} {g.firstName} {g.lastName}{g.email ? ` – ${g.email}` : " – pas d'adresse électronique"}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="p-2">{r.hasSchoolRequest ? "Intentions saisies par l'établissement" : "Aucune"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </>
  );
}
