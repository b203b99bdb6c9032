import type { Metadata } from "next";
import { connection } from "next/server";
import { loadDevMailboxPage } from "@/lib/loaders/dev-mailbox";

export const metadata: Metadata = { title: "Boîte aux lettres de développement" };

/**
 * For local use without an SMTP server (R-INT-8): the e-mails of the outbox, as they were (or will
 * be) sent. In demo mode only (a 404 otherwise), to administrators only (docs/production.md).
 */
export default async function DevMailboxPage() {
  await connection();
  const view = await loadDevMailboxPage();
  return (
    <main id="contenu" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
      <h1 className="text-2xl font-bold">Boîte aux lettres de développement</h1>
      <p className="mt-2 text-muted">{view.intro}</p>
      {view.emails.length === 0 ? (
        <p className="mt-6">Aucun courriel pour le moment.</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {view.emails.map((m) => (
            <li key={m.id} className="rounded border border-gray-300 p-4">
              <h2 className="font-bold">{m.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="font-medium">Type</dt>
                <dd>{m.kind}</dd>
                <dt className="font-medium">À</dt>
                <dd>{m.to}</dd>
                <dt className="font-medium">De</dt>
                <dd>{m.from}</dd>
                <dt className="font-medium">Créé le</dt>
                <dd>{m.createdAt}</dd>
                <dt className="font-medium">État</dt>
                <dd>{m.status}</dd>
              </dl>
              <details className="mt-3">
                <summary className="cursor-pointer font-medium text-france">Texte du courriel</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-gray-50 p-3 text-sm">{m.text}</pre>
              </details>
              <details className="mt-2">
                <summary className="cursor-pointer font-medium text-france">Version HTML</summary>
                <iframe
                  title={`Version HTML : ${m.subject} à ${m.to}`}
                  srcDoc={m.html}
                  sandbox=""
                  className="mt-2 h-96 w-full rounded border border-gray-300"
                />
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
