import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/school/scroll-region";
import { loadSchoolFollowUpPage } from "@/lib/loaders/school-follow-up";

export const metadata: Metadata = { title: "Suivi des saisies TS" };

function GuardianList({ guardians }: { guardians: readonly { key: number; text: string }[] }) {
  return (
    <ul>
      {guardians.map((g) => (
        <li key={g.key}>{g.text}</li>
      ))}
    </ul>
  );
}

function StudentCell({ id, name }: { id: string; name: string }) {
  return (
    <th scope="row" className="p-2 text-left">
      <Link href={`/etablissement/eleves/${id}`} className="font-medium text-france underline">
        {name}
      </Link>
    </th>
  );
}

const TABS = [
  { phase: "provisional", href: "/etablissement/suivi-ts", label: "Phase provisoire : intentions" },
  { phase: "final", href: "/etablissement/suivi-ts?phase=final", label: "Phase définitive : choix et réponses" },
] as const;

/** R-SCH-11: the families with no validated online entry (provisional or final phase), so the school can help them. */
export default async function FamilyEntryFollowUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await loadSchoolFollowUpPage(await searchParams);
  return (
    <>
      <h1 className="text-2xl font-bold">Suivi des saisies TS</h1>
      <nav aria-label="Phase suivie" className="mt-3">
        <ul className="flex flex-wrap gap-3 text-sm">
          {TABS.map((t) => (
            <li key={t.phase}>
              <Link
                href={t.href}
                aria-current={view.phase === t.phase ? "page" : undefined}
                className={`rounded border px-3 py-1.5 font-medium ${view.phase === t.phase ? "border-france bg-france text-white" : "border-france text-france hover:bg-france-light"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view.phase === "provisional" ? (
        <>
          <p className="mt-3 max-w-prose">
            Élèves dont aucun représentant légal n&apos;a validé d&apos;intentions sur le service en ligne Orientation (saisies reçues par le transfert de la
            nuit). Vous pouvez accompagner ces familles pour formuler leurs intentions d&apos;orientation, ou les saisir à partir d&apos;un formulaire papier.
          </p>
          <p role="status" className="mt-3 font-medium">
            {view.provisional.statusText}
          </p>
          {view.provisional.rows.length > 0 ? (
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
                  {view.provisional.rows.map((r) => (
                    <tr key={r.id} className="border-b border-gray-200 align-top">
                      <StudentCell id={r.id} name={r.name} />
                      <td className="p-2">{r.divisionCode}</td>
                      <td className="p-2">
                        <GuardianList guardians={r.guardians} />
                      </td>
                      <td className="p-2">{r.schoolEntryText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
        </>
      ) : (
        <>
          <h2 className="mt-5 text-xl font-bold">Familles sans choix définitifs validés</h2>
          <p className="mt-2 max-w-prose">
            Élèves dont aucun représentant légal n&apos;a validé de choix définitifs sur le service en ligne Orientation et pour qui l&apos;établissement
            n&apos;en a pas saisi. Vous pouvez accompagner ces familles, ou saisir leurs choix à partir d&apos;un formulaire papier.
          </p>
          <p role="status" className="mt-3 font-medium" data-follow-up="no-choices">
            {view.final.noChoices.statusText}
          </p>
          {view.final.noChoices.rows.length > 0 ? (
            <ScrollRegion label="Élèves sans choix définitifs validés" className="mt-3">
              <table className="w-full min-w-[640px] border-collapse text-sm" data-follow-up-table="no-choices">
                <caption className="sr-only">Élèves sans choix définitifs validés</caption>
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
                  </tr>
                </thead>
                <tbody>
                  {view.final.noChoices.rows.map((r) => (
                    <tr key={r.id} className="border-b border-gray-200 align-top">
                      <StudentCell id={r.id} name={r.name} />
                      <td className="p-2">{r.divisionCode}</td>
                      <td className="p-2">
                        <GuardianList guardians={r.guardians} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}

          <h2 className="mt-6 text-xl font-bold">Propositions du conseil de classe sans réponse de la famille</h2>
          <p className="mt-2 max-w-prose">
            Familles à qui les propositions du conseil de classe ont été publiées et qui n&apos;y ont pas encore répondu. Vous pouvez les accompagner, ou saisir
            leur réponse dans le dossier de l&apos;élève.
          </p>
          <p role="status" className="mt-3 font-medium" data-follow-up="unanswered">
            {view.final.unanswered.statusText}
          </p>
          {view.final.unanswered.rows.length > 0 ? (
            <ScrollRegion label="Familles sans réponse aux propositions" className="mt-3">
              <table className="w-full min-w-[640px] border-collapse text-sm" data-follow-up-table="unanswered">
                <caption className="sr-only">Familles sans réponse aux propositions du conseil de classe</caption>
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
                      Propositions
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.final.unanswered.rows.map((r) => (
                    <tr key={r.id} className="border-b border-gray-200 align-top">
                      <StudentCell id={r.id} name={r.name} />
                      <td className="p-2">{r.divisionCode}</td>
                      <td className="p-2">
                        <GuardianList guardians={r.guardians} />
                      </td>
                      <td className="p-2">{r.publishedText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
        </>
      )}
    </>
  );
}
