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

type FollowUpRow = { id: string; name: string; divisionCode: string; guardians: readonly { key: number; text: string }[] };

/** One follow-up list: the student, the division, the guardians to contact, and an optional last column. */
function FollowUpTable<R extends FollowUpRow>(p: {
  label: string;
  caption?: string;
  tableKey?: string;
  rows: readonly R[];
  last?: { header: string; cell: (r: R) => string };
}) {
  return (
    <ScrollRegion label={p.label} className="mt-3">
      <table className="w-full min-w-[640px] border-collapse text-sm" data-follow-up-table={p.tableKey}>
        <caption className="sr-only">{p.caption ?? p.label}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400 text-left">
            {["Élève", "Division", "Représentants légaux", ...(p.last ? [p.last.header] : [])].map((h) => (
              <th key={h} scope="col" className="p-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id} className="border-b border-gray-200 align-top">
              <StudentCell id={r.id} name={r.name} />
              <td className="p-2">{r.divisionCode}</td>
              <td className="p-2">
                <GuardianList guardians={r.guardians} />
              </td>
              {p.last ? <td className="p-2">{p.last.cell(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
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
            <FollowUpTable
              label="Élèves sans saisie en ligne validée"
              rows={view.provisional.rows}
              last={{ header: "Saisie établissement", cell: (r) => r.schoolEntryText }}
            />
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
            <FollowUpTable label="Élèves sans choix définitifs validés" tableKey="no-choices" rows={view.final.noChoices.rows} />
          ) : null}

          <h2 className="mt-6 text-xl font-bold">Propositions du conseil de classe sans réponse de la famille</h2>
          <p className="mt-2 max-w-prose">
            Familles à qui les propositions du conseil de classe ont été publiées et qui n&apos;y ont pas encore répondu. Vous pouvez les accompagner, ou saisir
            leur réponse dans « Saisie des réponses des familles ».
          </p>
          <p role="status" className="mt-3 font-medium" data-follow-up="unanswered">
            {view.final.unanswered.statusText}
          </p>
          {view.final.unanswered.rows.length > 0 ? (
            <FollowUpTable
              label="Familles sans réponse aux propositions"
              caption="Familles sans réponse aux propositions du conseil de classe"
              tableKey="unanswered"
              rows={view.final.unanswered.rows}
              last={{ header: "Propositions", cell: (r) => r.publishedText }}
            />
          ) : null}
        </>
      )}
    </>
  );
}
