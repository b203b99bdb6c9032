import type { Metadata } from "next";
import { connection } from "next/server";
import { loadAdminTransfersPage } from "@/lib/loaders/admin-transfers";
import { RetryEmailButton } from "./retry-email-button";
import { StartSyncButton } from "./start-sync-button";
import { ColumnHeads } from "@/components/ui/column-heads";

export const metadata: Metadata = { title: "Transferts — Administration" };

/** R-SYNC-5: every run of the nightly transfer, with its counts per kind and its errors; the e-mails per kind. */
export default async function SyncRunsPage() {
  await connection();
  const view = await loadAdminTransfersPage();
  return (
    <div>
      <h1 className="text-2xl font-bold">Transferts nocturnes</h1>
      <p className="mt-2">
        Le transfert entre le service en ligne des familles et l&apos;établissement a lieu chaque nuit (planification «&nbsp;{view.schedule.cron}&nbsp;», fuseau{" "}
        {view.schedule.timezone}). Ce qui a été validé ou saisi avant son début est transmis ; le reste attend la nuit suivante.
      </p>
      <StartSyncButton />
      <p className="mt-4">Courriels : {view.outboxTotal}</p>
      {view.mailerNotice && (
        <p role="alert" className="mt-2 text-red-800">
          {view.mailerNotice}
        </p>
      )}
      <h2 className="mt-8 text-xl font-bold">Courriels en échec</h2>
      {view.failedEmails.length === 0 ? (
        <p className="mt-2">Aucun courriel en échec.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">
              Courriels que le serveur de messagerie a refusés ou qui ont échoué trop de fois, du plus récent au plus ancien
            </caption>
            <ColumnHeads
              columns={["Destinataire", "Objet", "Type", "Erreur", "Tentatives", "Date", { label: "Action", hidden: true }]}
              rowClassName="border-b border-gray-400"
            />
            <tbody>
              {view.failedEmails.map((f) => (
                <tr key={f.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 font-medium">
                    {f.recipient}
                  </th>
                  <td className="p-2">{f.subject}</td>
                  <td className="p-2">{f.kind}</td>
                  <td className="p-2 break-all">{f.error}</td>
                  <td className="p-2">{f.attempts}</td>
                  <td className="p-2">{f.date}</td>
                  <td className="p-2">
                    <RetryEmailButton id={f.id} recipient={f.recipient} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="mt-8 text-xl font-bold">Courriels par type</h2>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Types de courriels envoyés par la plateforme, avec leur objet et leur état dans la file</caption>
          <ColumnHeads columns={["Type", "Objet", "Dans la file"]} rowClassName="border-b border-gray-400" />
          <tbody>
            {view.emailKinds.map((k) => (
              <tr key={k.kind} className="border-b border-gray-200 align-top">
                <th scope="row" className="p-2 font-medium">
                  {k.label}
                </th>
                <td className="p-2">{k.subject}</td>
                <td className="p-2">{k.counts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-8 text-xl font-bold">Dernières exécutions</h2>
      {view.runs.length === 0 ? (
        <p className="mt-2">Aucun transfert n&apos;a encore eu lieu.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Exécutions du transfert, de la plus récente à la plus ancienne</caption>
            <ColumnHeads columns={["Exécution", "Début", "Fin", "État", "Lancé par", "Éléments transmis"]} rowClassName="border-b border-gray-400" />
            <tbody>
              {view.runs.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 font-medium">
                    {r.title}
                    <br />
                    <span className="font-normal text-gray-700">{r.asOf}</span>
                  </th>
                  <td className="p-2">{r.startedAt}</td>
                  <td className="p-2">{r.finishedAt}</td>
                  <td className="p-2">{r.status}</td>
                  <td className="p-2">{r.triggeredBy}</td>
                  <td className="p-2">
                    <ul>
                      {r.counts.map((c) => (
                        <li key={c.key}>
                          {c.label} : {c.value}
                        </li>
                      ))}
                    </ul>
                    {r.errors.length > 0 && (
                      <ul className="mt-1 text-red-800">
                        {r.errors.map((err, i) => (
                          <li key={i}>{err}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
