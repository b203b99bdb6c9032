import type { Metadata } from "next";
import Link from "next/link";
import { AccountForm } from "@/components/accounts/account-form";
import { loadGuardianEmailsPage } from "@/lib/loaders/account-admin";

export const metadata: Metadata = { title: "Compléter les adresses mail" };

/** R-DATA-2: «Compléter les adresses mail»: the head corrects a guardian's e-mail; the guardian is told at both addresses. */
export default async function GuardianEmailsPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { studentId } = await params;
  const view = await loadGuardianEmailsPage(studentId);
  return (
    <>
      <p className="text-sm">
        <Link href={`/etablissement/eleves/${view.studentId}`} className="text-france underline">
          Dossier de {view.studentName}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Compléter les adresses mail</h1>
      <p className="mt-1 text-muted">
        Représentants légaux de {view.studentName}. Le représentant légal est informé du changement par courriel, à l&apos;ancienne adresse et à la nouvelle.
      </p>
      {view.guardians.map((g) => (
        <section key={g.id} aria-labelledby={`g-${g.id}`} className="mt-6 max-w-xl rounded border border-gray-300 p-4">
          <h2 id={`g-${g.id}`} className="text-lg font-bold">
            {g.label}
          </h2>
          <p className="text-sm">Adresse actuelle : {g.email || "aucune"}</p>
          <AccountForm
            action="correctGuardianEmail"
            idPrefix={`g-${g.id}`}
            hidden={{ studentId: view.studentId, guardianId: g.id }}
            submitLabel="Enregistrer l'adresse"
            success="L'adresse est enregistrée ; le représentant légal en est informé par courriel."
            fields={[{ name: "email", label: "Nouvelle adresse électronique", type: "email", defaultValue: g.email }]}
            resetOnSuccess={false}
          />
        </section>
      ))}
    </>
  );
}
