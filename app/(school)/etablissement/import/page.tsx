import type { Metadata } from "next";
import Link from "next/link";
import { ImportDecision } from "@/components/school/import-decision";
import { ImportUpload } from "@/components/school/import-upload";
import { ColumnHeads } from "@/components/ui/column-heads";
import { IMPORT_PAGE_TITLE } from "@/lib/domain/school-home";
import { loadSchoolImportPage } from "@/lib/loaders/school-import";

export const metadata: Metadata = { title: IMPORT_PAGE_TITLE };

const tableClass = "w-full min-w-[480px] border-collapse text-sm";
const rowClass = "border-b border-gray-200 align-top";

/** One list of the preview: a table with its caption, or nothing when empty. */
function PreviewTable<R extends { key?: string }>(p: { caption: string; columns: string[]; rows: readonly R[]; cells: (r: R) => React.ReactNode[] }) {
  if (p.rows.length === 0) return null;
  return (
    <div className="relative mt-6 overflow-x-auto">
      <table className={tableClass}>
        <caption className="mb-1 text-left font-bold">
          {p.caption} ({p.rows.length})
        </caption>
        <ColumnHeads columns={p.columns} />
        <tbody>
          {p.rows.map((r, i) => {
            const [first, ...rest] = p.cells(r);
            return (
              <tr key={r.key ?? i} className={rowClass}>
                <th scope="row" className="p-2 text-left font-medium">
                  {first}
                </th>
                {rest.map((c, j) => (
                  <td key={j} className="p-2">
                    {c}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** R-DATA-1: the head imports the school's Siècle exports: upload, preview, confirmation; the past imports. */
export default async function SchoolImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await loadSchoolImportPage(await searchParams);
  const p = view.preview;

  return (
    <>
      <h1 className="text-2xl font-bold">{IMPORT_PAGE_TITLE}</h1>
      <p className="mt-1 text-muted">
        {view.schoolName} – année scolaire {view.schoolYear}
      </p>
      <p className="mt-3 max-w-prose text-sm">
        Déposez les exports de Siècle de votre établissement : un aperçu indique ce qui sera ajouté ou modifié, et rien n&apos;est enregistré avant votre
        confirmation. Seuls les élèves de 3e et de 2de générale et technologique sont importés. Un élève qui change de division garde tout ce qui a été saisi ;
        un élève sorti de l&apos;établissement reste consultable ; aucune saisie d&apos;une famille ou de l&apos;établissement n&apos;est supprimée.
      </p>

      <section aria-labelledby="upload-title" className="mt-8">
        <h2 id="upload-title" className="text-xl font-bold">
          Déposer les fichiers
        </h2>
        <div className="mt-3">
          <ImportUpload />
        </div>
      </section>

      {p ? (
        <section id="apercu" aria-labelledby="preview-title" className="mt-10">
          <h2 id="preview-title" className="text-xl font-bold">
            {p.title}
          </h2>
          <p className="mt-1 text-sm">Fichiers : {p.filesText}</p>
          <p className="text-sm text-muted">{p.stateText}</p>
          {p.staleText ? (
            <p role="alert" className="mt-3 rounded border-l-4 border-error bg-red-50 p-2 text-sm text-error">
              {p.staleText}
            </p>
          ) : null}
          {p.state === "previewed" && p.empty && !p.staleText ? (
            <p className="mt-3 rounded border-l-4 border-france bg-france-light p-2 text-sm">
              Les fichiers ne changent rien aux données de l&apos;établissement : elles sont déjà à jour.
            </p>
          ) : null}
          <div className="relative mt-4 overflow-x-auto">
            <table className="w-full max-w-2xl border-collapse text-sm">
              <caption className="mb-1 text-left font-bold">{p.state === "applied" ? "Ce que l'import a fait" : "Ce que l'import fera"}</caption>
              <ColumnHeads columns={["Élément", { label: "Nombre", numeric: true }]} />
              <tbody>
                {p.counts.map((c) => (
                  <tr key={c.key} className={rowClass}>
                    <th scope="row" className="p-2 text-left font-normal">
                      {c.label}
                    </th>
                    <td className="p-2 text-right tabular-nums">{c.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.state === "applied" ? (
            <p className="mt-3">
              <Link href="/etablissement/eleves" className="font-medium text-france underline">
                Voir la liste des élèves
              </Link>
            </p>
          ) : null}

          <ImportDecision importId={p.id} canConfirm={p.state === "previewed" && !p.staleText} canAbandon={p.state === "previewed"} />

          <PreviewTable caption="Divisions ajoutées" columns={["Division", "Niveau", "MEF"]} rows={p.divisionsAdded} cells={(d) => [d.code, d.level, d.mef]} />
          <PreviewTable
            caption="Élèves ajoutés"
            columns={["Élève", "INE", "Date de naissance", "Division"]}
            rows={p.studentsAdded}
            cells={(s) => [s.name, s.ine, s.birthDate, s.division]}
          />
          <PreviewTable
            caption="Élèves qui changent de division"
            columns={["Élève", "Division actuelle", "Nouvelle division"]}
            rows={p.studentsMoved}
            cells={(s) => [s.name, s.from, s.to]}
          />
          <PreviewTable
            caption="Élèves dont les informations changent"
            columns={["Élève", "Changements"]}
            rows={p.studentsChanged}
            cells={(s) => [s.name, s.changes]}
          />
          <PreviewTable
            caption="Élèves sortis de l'établissement"
            columns={["Élève", "Date de sortie", "Motif"]}
            rows={p.studentsLeaving}
            cells={(s) => [s.name, s.leftOn, s.reason]}
          />
          <PreviewTable
            caption="Élèves sans INE, non importés"
            columns={["Élève", "Ligne du fichier"]}
            rows={p.studentsWithoutIne}
            cells={(s) => [s.name, s.line]}
          />
          <PreviewTable caption="Élèves non importés" columns={["Élève", "Motif"]} rows={p.studentsSkipped} cells={(s) => [s.name, s.reason]} />
          <PreviewTable
            caption="Divisions hors des niveaux de la procédure, non importées"
            columns={["Division", "Libellé"]}
            rows={p.divisionsSkipped}
            cells={(d) => [d.code, d.label]}
          />
          <PreviewTable
            caption="Représentants légaux ajoutés"
            columns={["Représentant légal", "Courriel"]}
            rows={p.guardiansAdded}
            cells={(g) => [g.name, g.email]}
          />
          <PreviewTable
            caption="Représentants légaux dont les informations changent"
            columns={["Représentant légal", "Changements"]}
            rows={p.guardiansChanged}
            cells={(g) => [g.name, g.changes]}
          />
          <PreviewTable
            caption="Liens entre élèves et représentants légaux"
            columns={["Élève", "Représentant légal", "Modification"]}
            rows={p.links}
            cells={(l) => [l.student, l.guardian, l.what]}
          />
        </section>
      ) : null}

      <section aria-labelledby="history-title" className="mt-10">
        <h2 id="history-title" className="text-xl font-bold">
          Imports précédents
        </h2>
        {view.history.length === 0 ? (
          <p className="mt-3 text-sm">Aucun import n&apos;a encore été fait pour cet établissement.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[720px] border-collapse text-sm">
              <caption className="sr-only">Imports des données Siècle de l&apos;établissement, du plus récent au plus ancien</caption>
              <ColumnHeads columns={["Date", "Par", "Fichiers", "Résultat", "État"]} />
              <tbody>
                {view.history.map((h) => (
                  <tr key={h.id} className={rowClass}>
                    <th scope="row" className="p-2 text-left font-medium">
                      {h.href ? (
                        <Link href={h.href} className="text-france underline">
                          {h.at}
                        </Link>
                      ) : (
                        h.at
                      )}
                    </th>
                    <td className="p-2">{h.who}</td>
                    <td className="p-2">{h.files}</td>
                    <td className="p-2">{h.counts}</td>
                    <td className="p-2">{h.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
