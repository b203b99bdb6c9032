import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { loadSchoolDialogueFormsPage } from "@/lib/loaders/school-dialogue-forms";

export const metadata: Metadata = { title: "Fiches de dialogue" };

/** R-SCH-13: printing the fiches de dialogue, by division or by student (R-SCH-14: the divisions the staff member sees). */
export default async function DialogueFormsPage({ searchParams }: { searchParams: Promise<{ division?: string; annee?: string }> }) {
  const { division, annee } = await searchParams;
  const view = await loadSchoolDialogueFormsPage(division, typeof annee === "string" ? annee : undefined);
  return (
    <>
      <h1 className="text-2xl font-bold">Impression des fiches de dialogue</h1>
      <p className="mt-2 max-w-prose">
        La fiche de dialogue reprend, pour chaque élève, les demandes des représentants légaux, les avis et propositions du conseil de classe, l&apos;accusé de
        réception, les réponses et la décision, avec le nom de la personne qui a fait chaque saisie et sa date. Chaque fiche est une page au format PDF, signée
        par le chef d&apos;établissement.
      </p>
      {view.years.length > 0 ? (
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Année scolaire des fiches">
          <FilterSelect id="f-annee" name="annee" label="Année scolaire" value={view.schoolYear} options={view.years} />
          <button type="submit" className="rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover">
            Afficher
          </button>
        </form>
      ) : null}
      <h2 className="mt-6 text-xl font-bold">Par division</h2>
      {view.emptyText ? (
        <p className="mt-2">{view.emptyText}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {view.divisions.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded border border-gray-300 p-3">
              <span className="font-medium">Division {d.code}</span>
              <a href={d.pdfHref} className="text-france underline">
                {d.pdfLabel}
              </a>
              <Link href={d.chooseHref} className="text-france underline">
                Choisir un élève<span className="sr-only"> de la division {d.code}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {view.chosen ? (
        <section aria-labelledby="students-title" className="mt-8">
          <h2 id="students-title" className="text-xl font-bold">
            Élèves de la division {view.chosen.code}
          </h2>
          <ul className="mt-3 grid gap-1 sm:grid-cols-2">
            {view.chosen.students.map((s) => (
              <li key={s.id}>
                <a href={s.pdfHref} className="text-france underline">
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
