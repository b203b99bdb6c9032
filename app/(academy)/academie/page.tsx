import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findAcademy, findSchoolSummaries } from "@/lib/db/repositories/academies";

export const metadata: Metadata = { title: "Académie" };

export default async function AcademyHome() {
  const { actor } = await requireRole("saio");
  const db = await getDb();
  const academy = await findAcademy(db, actor.academyId!);
  if (!academy) notFound();
  authorize(actor, "read:academy", { type: "academy", academyId: academy.id });
  const schools = await findSchoolSummaries(db, academy.id);
  const total = schools.reduce((n, s) => n + s.students, 0);
  const entries = schools.reduce((n, s) => n + s.familyEntries, 0);
  return (
    <>
      <h1 className="text-2xl font-bold">Académie de {academy.name}</h1>
      <p className="mt-1 text-muted">
        {schools.length} établissement{schools.length > 1 ? "s" : ""}, {total} élèves dans la procédure, {entries} saisies en ligne reçues (phase provisoire).
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[640px] border-collapse text-sm">
          <caption className="sr-only">Établissements de l&apos;académie</caption>
          <thead>
            <tr className="border-b-2 border-gray-400 text-left">
              <th scope="col" className="p-2">Établissement</th>
              <th scope="col" className="p-2">UAI</th>
              <th scope="col" className="p-2 text-right">Divisions</th>
              <th scope="col" className="p-2 text-right">Élèves</th>
              <th scope="col" className="p-2 text-right">Saisies TS reçues</th>
              <th scope="col" className="p-2 text-right">Conseils ouverts</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
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
