import type { Metadata } from "next";
import { connection } from "next/server";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { env } from "@/lib/env";
import { SYNC_COUNT_LABELS } from "@/jobs/sync";
import { listSyncRuns, outboxSummary } from "@/lib/sync/runs";
import { StartSyncButton } from "./start-sync-button";

export const metadata: Metadata = { title: "Transferts — Administration" };

const STATUS_LABELS: Record<string, string> = { running: "En cours (ou interrompu)", succeeded: "Terminé", failed: "En échec" };
const OUTBOX_LABELS: Record<string, string> = { pending: "en attente", sending: "en cours d'envoi", sent: "envoyés", failed: "en échec" };

function describeKey(key: string): string {
  if (key.startsWith("night:")) return `Nuit du ${key.slice(6).split("-").reverse().join("/")}`;
  if (key.startsWith("manual:")) return "Manuel";
  return key;
}

/** R-SYNC-5: every run of the nightly transfer, with its counts per kind and its errors. */
export default async function SyncRunsPage() {
  await connection();
  const { actor } = await requireRole("admin");
  authorize(actor, "run:sync", { type: "platform" });
  const db = await getDb();
  const [runs, outbox] = await Promise.all([listSyncRuns(db), outboxSummary(db)]);
  const e = env();
  return (
    <div>
      <h1 className="text-2xl font-bold">Transferts nocturnes</h1>
      <p className="mt-2">
        Le transfert entre le service en ligne des familles et l&apos;établissement a lieu chaque nuit (planification «&nbsp;{e.SYNC_CRON}&nbsp;», fuseau {e.SYNC_TIMEZONE}).
        Ce qui a été validé ou saisi avant son début est transmis ; le reste attend la nuit suivante.
      </p>
      <StartSyncButton />
      <p className="mt-4">
        Courriels :{" "}
        {Object.keys(outbox).length === 0
          ? "aucun dans la file."
          : Object.entries(outbox)
              .map(([s, n]) => `${n} ${OUTBOX_LABELS[s] ?? s}`)
              .join(", ")}
      </p>
      <h2 className="mt-8 text-xl font-bold">Dernières exécutions</h2>
      {runs.length === 0 ? (
        <p className="mt-2">Aucun transfert n&apos;a encore eu lieu.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Exécutions du transfert, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr className="border-b border-gray-400">
                <th scope="col" className="p-2">Exécution</th>
                <th scope="col" className="p-2">Début</th>
                <th scope="col" className="p-2">Fin</th>
                <th scope="col" className="p-2">État</th>
                <th scope="col" className="p-2">Lancé par</th>
                <th scope="col" className="p-2">Éléments transmis</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 font-medium">
                    {describeKey(r.runKey)}
                    <br />
                    <span className="font-normal text-gray-700">au {formatParisDateTime(r.asOf)}</span>
                  </th>
                  <td className="p-2">{formatParisDateTime(r.startedAt)}</td>
                  <td className="p-2">{r.finishedAt ? formatParisDateTime(r.finishedAt) : "—"}</td>
                  <td className="p-2">{STATUS_LABELS[r.status] ?? r.status}</td>
                  <td className="p-2">{r.triggeredBy === "cron" ? "Planificateur" : r.triggeredBy === "cli" ? "Ligne de commande" : r.triggeredBy}</td>
                  <td className="p-2">
                    <ul>
                      {Object.entries(r.counts)
                        .filter(([, n]) => n > 0)
                        .map(([k, n]) => (
                          <li key={k}>
                            {SYNC_COUNT_LABELS[k] ?? k} : {n.toLocaleString("fr-FR")}
                          </li>
                        ))}
                    </ul>
                    {r.errors.length > 0 && (
                      <ul className="mt-1 text-red-800">
                        {r.errors.map((err, i) => (
                          <li key={i}>Erreur : {err}</li>
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
