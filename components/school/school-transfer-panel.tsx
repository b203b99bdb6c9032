import { ColumnHeads } from "@/components/ui/column-heads";
import type { SchoolTransferPanel as Panel } from "@/lib/domain/school-transfer";
import { SchoolTransferButton } from "./school-transfer-button";

const STATUS_CLASS: Record<string, string> = { running: "text-france", succeeded: "text-success", failed: "text-error", interrupted: "text-error" };

/**
 * R-OVS-4: « Transmettre maintenant aux familles »: the school's transfer on demand, its state
 * (read out when it changes) and the school's past on-demand transfers.
 */
export function SchoolTransferPanel({ view }: { view: Panel }) {
  return (
    <section aria-labelledby="school-transfer-title" className="mt-8">
      <h2 id="school-transfer-title" className="text-xl font-bold">
        Transmettre maintenant aux familles
      </h2>
      <p className="mt-2 max-w-prose text-sm">
        Les réponses du conseil de classe, les avis et les décisions saisis dans l&apos;établissement sont transmis aux familles chaque nuit. Une fois les
        réponses du conseil saisies, vous pouvez les transmettre tout de suite, pour votre établissement seulement, et rouvrir ensuite le service en ligne sans
        attendre 24 heures.
      </p>
      <div aria-live="polite" className="mt-3">
        {view.statusText ? (
          <p
            role="status"
            className={`max-w-prose rounded border-l-4 p-2 text-sm ${view.latestStatus === "succeeded" ? "border-success bg-green-50" : view.latestStatus === "running" ? "border-france bg-blue-50" : "border-error bg-red-50"}`}
          >
            {view.statusText}
          </p>
        ) : null}
      </div>
      <SchoolTransferButton running={view.running} />
      {view.runs.length > 0 ? (
        <div className="relative mt-4 overflow-x-auto">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="mb-2 text-left font-medium">Transferts à la demande de l&apos;établissement, du plus récent au plus ancien</caption>
            <ColumnHeads columns={["Lancé le", "Par", "État", "Terminé le", "Résultat"]} />
            <tbody>
              {view.runs.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {r.startedAt}
                  </th>
                  <td className="p-2">{r.triggeredBy}</td>
                  <td className={`p-2 font-medium ${STATUS_CLASS[r.status] ?? ""}`}>{r.statusLabel}</td>
                  <td className="p-2">{r.finishedAt}</td>
                  <td className="p-2">
                    {r.status === "running" ? "—" : `${r.studentsText} : ${r.summary}`}
                    {r.errors.map((e) => (
                      <span key={e} className="block text-error">
                        {e}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
