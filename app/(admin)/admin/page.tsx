import type { Metadata } from "next";
import { loadAdminPlatformPage } from "@/lib/loaders/admin-platform";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminHome() {
  const view = await loadAdminPlatformPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Administration de la plateforme</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="acad-title" className="rounded border border-gray-300 p-4">
          <h2 id="acad-title" className="text-lg font-bold">
            Académies
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {view.academies.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-muted">{view.schoolsTotal}</p>
        </section>
        <section aria-labelledby="acc-title" className="rounded border border-gray-300 p-4">
          <h2 id="acc-title" className="text-lg font-bold">
            Comptes actifs
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {view.accounts.map((a) => (
              <li key={a.role}>{a.text}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="runs-title" className="rounded border border-gray-300 p-4 md:col-span-2">
          <h2 id="runs-title" className="text-lg font-bold">
            Derniers transferts nocturnes
          </h2>
          {view.noRunsMessage ? (
            <p className="mt-2 text-sm">{view.noRunsMessage}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {view.runs.map((r) => (
                <li key={r.id}>{r.text}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
