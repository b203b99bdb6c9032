import type { Metadata } from "next";
import Link from "next/link";
import { DECISIONS_PAGE_TITLE } from "@/lib/domain/school-decisions-page";
import { loadSchoolDecisionsPage } from "@/lib/loaders/school-decisions";

export const metadata: Metadata = { title: DECISIONS_PAGE_TITLE };

const studentHref = (id: string) => `/etablissement/eleves/${id}`;

/** R-FIN-8 / R-FIN-9 / R-FIN-11: the interviews to hold, the decisions to take, the appeal deadlines (the head's page). */
export default async function DecisionsPage() {
  const view = await loadSchoolDecisionsPage();
  return (
    <>
      <h1 className="text-2xl font-bold">{DECISIONS_PAGE_TITLE}</h1>
      <p className="mt-2 max-w-prose">
        Élèves dont la procédure d&apos;orientation attend le chef d&apos;établissement, et décisions dont le délai d&apos;appel court. Chaque nom ouvre le
        dossier de l&apos;élève, où se saisissent l&apos;entretien, la décision, la remise de la notification et l&apos;appel.
      </p>

      <StudentList id="interviews" title={`Entretiens à mener (${view.interviews.length})`} rows={view.interviews} empty="Aucun entretien à mener." />
      <StudentList
        id="due"
        title={`Décisions à prendre (${view.decisionsDue.length})`}
        rows={view.decisionsDue}
        empty="Aucune décision à prendre avec l'accord de la famille."
      />

      <section aria-labelledby="deadlines-title" className="mt-6">
        <h2 id="deadlines-title" className="text-xl font-bold">
          Délais d&apos;appel ({view.deadlines.length})
        </h2>
        {view.deadlines.length === 0 ? (
          <p className="mt-2">Aucun délai d&apos;appel en cours.</p>
        ) : (
          <table className="mt-2 w-full border-collapse text-sm">
            <caption className="sr-only">Décisions dont le délai d&apos;appel court, par nombre de jours ouvrables restants</caption>
            <thead>
              <tr className="border-b border-gray-400 text-left">
                <th scope="col" className="py-1 pr-2">
                  Élève
                </th>
                <th scope="col" className="py-1 pr-2">
                  Division
                </th>
                <th scope="col" className="py-1 pr-2">
                  Décision
                </th>
                <th scope="col" className="py-1">
                  Délai d&apos;appel
                </th>
              </tr>
            </thead>
            <tbody>
              {view.deadlines.map((r) => (
                <tr key={r.studentId} className="border-b border-gray-200">
                  <th scope="row" className="py-1 pr-2 text-left font-normal">
                    <Link href={studentHref(r.studentId)} className="text-france underline">
                      {r.name}
                    </Link>
                  </th>
                  <td className="py-1 pr-2">{r.divisionCode}</td>
                  <td className="py-1 pr-2">{r.decision}</td>
                  <td className="py-1">{r.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A titled list of students, each with a link to their file, their division and why they are listed. */
function StudentList(props: { id: string; title: string; rows: { studentId: string; name: string; divisionCode: string; reason: string }[]; empty: string }) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="mt-6">
      <h2 id={`${props.id}-title`} className="text-xl font-bold">
        {props.title}
      </h2>
      {props.rows.length === 0 ? (
        <p className="mt-2">{props.empty}</p>
      ) : (
        <ul className="mt-2 list-disc pl-5">
          {props.rows.map((r) => (
            <li key={r.studentId}>
              <Link href={studentHref(r.studentId)} className="text-france underline">
                {r.name}
              </Link>{" "}
              ({r.divisionCode}) – {r.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
