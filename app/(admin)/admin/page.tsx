import type { Metadata } from "next";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findPlatformSummary } from "@/lib/db/repositories/platform";
import { formatParisDateTime } from "@/lib/domain/paris-time";

export const metadata: Metadata = { title: "Administration" };

const ROLE_LABELS: Record<string, string> = {
  guardian: "Représentants légaux", student: "Élèves", head: "Chefs d'établissement", homeroom: "Professeurs principaux", saio: "SAIO", admin: "Administrateurs",
};
const STATUS_LABELS: Record<string, string> = { running: "En cours", succeeded: "Terminé", failed: "En échec" };

export default async function AdminHome() {
  const { actor } = await requireRole("admin");
  authorize(actor, "manage:platform", { type: "platform" });
  const summary = await findPlatformSummary(await getDb());
  return (
    <>
      <h1 className="text-2xl font-bold">Administration de la plateforme</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="acad-title" className="rounded border border-gray-300 p-4">
          <h2 id="acad-title" className="text-lg font-bold">Académies</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {summary.academies.map((a) => (
              <li key={a.id}>
                {a.name} – {a.schools} établissement{a.schools > 1 ? "s" : ""}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-muted">{summary.schools} établissements au total.</p>
        </section>
        <section aria-labelledby="acc-title" className="rounded border border-gray-300 p-4">
          <h2 id="acc-title" className="text-lg font-bold">Comptes actifs</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {summary.accounts.map((a) => (
              <li key={a.role}>
                {ROLE_LABELS[a.role] ?? a.role} : {a.n}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="runs-title" className="rounded border border-gray-300 p-4 md:col-span-2">
          <h2 id="runs-title" className="text-lg font-bold">Derniers transferts nocturnes</h2>
          {summary.runs.length === 0 ? (
            <p className="mt-2 text-sm">Aucun transfert n&apos;a encore eu lieu.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {summary.runs.map((r) => (
                <li key={r.id}>
                  {formatParisDateTime(r.startedAt)} – {STATUS_LABELS[r.status] ?? r.status}
                  {r.dryRun ? " (simulation)" : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
