import type { Metadata } from "next";
import Link from "next/link";
import { RankedTable } from "@/components/school/ranked-table";
import { FamilyAnswerForm } from "@/components/school/family-answer-form";
import { FAMILY_ANSWERS_PAGE_TITLE } from "@/lib/domain/school-family-answers";
import { loadSchoolFamilyAnswersPage } from "@/lib/loaders/school-family-answers";

export const metadata: Metadata = { title: FAMILY_ANSWERS_PAGE_TITLE };

/** R-FIN-10: the school enters the answers of the families that do not use the online service (R-SCH-14: the divisions the staff member manages). */
export default async function FamilyAnswersPage({ searchParams }: { searchParams: Promise<{ division?: string }> }) {
  const { division } = await searchParams;
  const view = await loadSchoolFamilyAnswersPage(division);
  return (
    <>
      <h1 className="text-2xl font-bold">{FAMILY_ANSWERS_PAGE_TITLE}</h1>
      <p className="mt-2 max-w-prose">
        La réponse saisie dans le service en ligne Orientation est transférée automatiquement. Lorsque le service en ligne n&apos;est pas utilisé,
        l&apos;établissement saisit ici la réponse de la famille aux propositions du conseil de classe, et l&apos;accord de l&apos;autre représentant légal.
        Elle est publiée à la famille lors du transfert de la nuit.
      </p>
      <nav aria-label="Divisions" className="mt-4">
        {view.emptyText ? (
          <p>{view.emptyText}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {view.divisions.map((d) => (
              <li key={d.id}>
                <Link
                  href={d.href}
                  aria-current={d.current ? "page" : undefined}
                  className={`inline-block rounded border px-3 py-1.5 ${d.current ? "border-france bg-france text-white" : "border-france text-france underline"}`}
                >
                  Division {d.code}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {view.chosen ? (
        <section aria-labelledby="division-title" className="mt-6">
          <h2 id="division-title" className="text-xl font-bold">
            Division {view.chosen.code}
          </h2>
          {view.chosen.emptyText ? <p className="mt-2">{view.chosen.emptyText}</p> : null}
          <ul className="mt-3 space-y-6">
            {view.chosen.students.map((s) => (
              <li key={s.id} className="rounded border border-gray-300 p-4">
                <h3 className="text-lg font-bold">
                  <Link href={`/etablissement/eleves/${s.id}`} className="text-france underline">
                    {s.name}
                  </Link>
                </h3>
                <RankedTable
                  className="mt-2"
                  caption={`Propositions du conseil de classe pour ${s.name}`}
                  headers={["Rang", "Voie", "Réponse du conseil de classe", "Motivation"]}
                  rows={s.proposals.map((p) => ({ id: p.id, rank: p.rank, label: p.label, value: p.answerText, note: p.motivation }))}
                />
                <div className="mt-3">
                  <h4 className="font-medium">Réponse enregistrée</h4>
                  {s.answer ? (
                    <p className="mt-1">
                      {s.answer.online ? (
                        <abbr title="Saisie en ligne par la famille (téléservice)" className="mr-1 font-bold">
                          TS
                        </abbr>
                      ) : null}
                      {s.answer.summary} <span className="text-muted">{s.answer.whoWhen}.</span>
                    </p>
                  ) : (
                    <p className="mt-1">{s.noAnswerText}</p>
                  )}
                  {s.agreements.length > 0 ? (
                    <ul className="mt-1 list-disc pl-5 text-sm">
                      {s.agreements.map((a) => (
                        <li key={a.guardian}>
                          {a.guardian} : {a.text} <span className="text-muted">– {a.whoWhen}.</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                {s.canEdit ? <FamilyAnswerForm student={s} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
