import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findDivisionSummaries, findSchool } from "@/lib/db/repositories/schools";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { formatParisDateTime } from "@/lib/domain/paris-time";

export const metadata: Metadata = { title: "Accueil établissement" };

export default async function SchoolHome() {
  const { actor } = await requireRole("head", "homeroom");
  const db = await getDb();
  const scope = await findSchoolScope(db, actor.schoolId!);
  if (!scope) notFound();
  authorize(actor, "read:school", scope);
  const school = await findSchool(db, scope.schoolId);
  // R-SCH-14: a homeroom teacher sees their divisions only, unless the head delegated.
  const only = actor.role === "homeroom" && !actor.delegatedByHead ? actor.homeroomDivisionIds : undefined;
  const divisions = await findDivisionSummaries(db, scope.schoolId, only);
  return (
    <>
      <h1 className="text-2xl font-bold">{school?.name}</h1>
      <p className="text-muted">
        UAI {school?.uai} – {school?.city}
        {actor.role === "homeroom" ? (actor.delegatedByHead ? " – professeur principal, avec délégation du chef d'établissement" : " – professeur principal") : null}
      </p>
      <h2 className="mt-6 text-xl font-bold">{only ? "Mes divisions" : "Divisions"}</h2>
      {divisions.length === 0 ? (
        <p className="mt-2">Aucune division ne vous est attribuée.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">Divisions de l&apos;établissement et état de la phase provisoire</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">Division</th>
                <th scope="col" className="p-2">MEF</th>
                <th scope="col" className="p-2 text-right">Élèves</th>
                <th scope="col" className="p-2 text-right">Dans la procédure</th>
                <th scope="col" className="p-2 text-right">Saisies TS reçues</th>
                <th scope="col" className="p-2">Conseil de classe</th>
              </tr>
            </thead>
            <tbody>
              {divisions.map((d) => (
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
                  <td className="p-2">
                    {d.councilOpen ? "Ouvert" : "Non ouvert"}
                    {d.councilDate ? ` – prévu le ${formatParisDateTime(d.councilDate)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
