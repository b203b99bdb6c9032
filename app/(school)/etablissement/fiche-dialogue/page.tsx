import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorize, can } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findDivisionStudents } from "@/lib/db/repositories/dialogue-forms";
import { findDivisionSummaries } from "@/lib/db/repositories/schools";
import { findDivisionScope, findSchoolScope } from "@/lib/db/repositories/scopes";

export const metadata: Metadata = { title: "Fiches de dialogue" };

export default async function DialogueFormsPage({ searchParams }: { searchParams: Promise<{ division?: string }> }) {
  const { actor } = await requireRole("head", "homeroom");
  const db = await getDb();
  const scope = await findSchoolScope(db, actor.schoolId!);
  if (!scope) notFound();
  authorize(actor, "read:school", scope);
  // R-SCH-14: a homeroom teacher prints their divisions only, unless the head delegated.
  const only = actor.role === "homeroom" && !actor.delegatedByHead ? actor.homeroomDivisionIds : undefined;
  const divisions = await findDivisionSummaries(db, scope.schoolId, only);
  const { division: chosenId } = await searchParams;
  let chosen: { id: string; code: string; students: { id: string; lastName: string; firstName: string }[] } | null = null;
  if (chosenId) {
    const ds = await findDivisionScope(db, chosenId);
    if (!ds || !can(actor, "read:division", ds)) notFound();
    const list = await findDivisionStudents(db, chosenId);
    chosen = { id: chosenId, code: divisions.find((d) => d.id === chosenId)?.code ?? "", students: list };
  }
  return (
    <>
      <h1 className="text-2xl font-bold">Impression des fiches de dialogue</h1>
      <p className="mt-2 max-w-prose">
        La fiche de dialogue reprend, pour chaque élève, les demandes des représentants légaux, les avis et propositions du conseil de classe,
        l&apos;accusé de réception, les réponses et la décision, avec le nom de la personne qui a fait chaque saisie et sa date. Chaque fiche est
        une page au format PDF, signée par le chef d&apos;établissement.
      </p>
      <h2 className="mt-6 text-xl font-bold">Par division</h2>
      {divisions.length === 0 ? (
        <p className="mt-2">Aucune division ne vous est attribuée.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {divisions.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded border border-gray-300 p-3">
              <span className="font-medium">Division {d.code}</span>
              <a href={`/etablissement/fiche-dialogue/division/${d.id}`} className="text-france underline">
                Fiches de la division {d.code} (PDF, {d.students} page{d.students > 1 ? "s" : ""})
              </a>
              <Link href={`/etablissement/fiche-dialogue?division=${d.id}`} className="text-france underline">
                Choisir un élève<span className="sr-only"> de la division {d.code}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {chosen ? (
        <section aria-labelledby="students-title" className="mt-8">
          <h2 id="students-title" className="text-xl font-bold">Élèves de la division {chosen.code}</h2>
          <ul className="mt-3 grid gap-1 sm:grid-cols-2">
            {chosen.students.map((s) => (
              <li key={s.id}>
                <a href={`/etablissement/fiche-dialogue/eleve/${s.id}`} className="text-france underline">
                  Fiche de dialogue de {s.lastName} {s.firstName} (PDF)
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
