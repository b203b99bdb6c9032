import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/lib/db";
import { findRecentOutboxEmails } from "@/lib/db/repositories/outbox";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Boîte aux lettres de développement" };

const STATUS_LABELS: Record<string, string> = { pending: "En attente", sending: "En cours d'envoi", sent: "Envoyé", failed: "En échec" };

/**
 * For local use without an SMTP server (R-INT-8): the e-mails of the outbox, as they were (or will
 * be) sent. Only in development or demo mode; a 404 in production.
 */
export default async function DevMailboxPage() {
  await connection();
  if (!env().DEMO_MODE && process.env.NODE_ENV === "production") notFound();
  const emails = await findRecentOutboxEmails(await getDb());
  return (
    <main id="contenu" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
      <h1 className="text-2xl font-bold">Boîte aux lettres de développement</h1>
      <p className="mt-2 text-muted">
        Les {emails.length} derniers courriels de la file d&apos;envoi (outbox), du plus récent au plus ancien. Cette page n&apos;existe pas en production.
      </p>
      {emails.length === 0 ? (
        <p className="mt-6">Aucun courriel pour le moment.</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {emails.map((m) => (
            <li key={m.id} className="rounded border border-gray-300 p-4">
              <h2 className="font-bold">{m.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="font-medium">À</dt>
                <dd>{m.toAddress}</dd>
                <dt className="font-medium">De</dt>
                <dd>{m.fromAddress}</dd>
                <dt className="font-medium">Créé le</dt>
                <dd>{formatParisDateTime(m.createdAt)}</dd>
                <dt className="font-medium">État</dt>
                <dd>
                  {STATUS_LABELS[m.status] ?? m.status}
                  {m.sentAt ? ` le ${formatParisDateTime(m.sentAt)}` : ""}
                  {m.lastError ? ` – ${m.lastError}` : ""}
                </dd>
              </dl>
              <details className="mt-3">
                <summary className="cursor-pointer font-medium text-france">Texte du courriel</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-gray-50 p-3 text-sm">{m.text}</pre>
              </details>
              <details className="mt-2">
                <summary className="cursor-pointer font-medium text-france">Version HTML</summary>
                <iframe title={`Version HTML : ${m.subject} à ${m.toAddress}`} srcDoc={m.html} sandbox="" className="mt-2 h-96 w-full rounded border border-gray-300" />
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
