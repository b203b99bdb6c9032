import type { Metadata } from "next";
import { AccountForm } from "@/components/accounts/account-form";
import { staffAccountFields } from "@/lib/domain/account-admin";
import { loadAdminAcademiesPage } from "@/lib/loaders/account-admin";

export const metadata: Metadata = { title: "Académies et comptes SAIO" };

/** R-DATA-2: the administrator creates académies and their first SAIO accounts. */
export default async function AdminAcademiesPage() {
  const view = await loadAdminAcademiesPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Académies et comptes SAIO</h1>
      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="text-xl font-bold">
          Académies
        </h2>
        <ul className="mt-2 space-y-2">
          {view.academies.map((a) => (
            <li key={a.id} className="rounded border border-gray-300 p-3">
              <p className="font-medium">
                {a.name}{" "}
                <span className="font-normal text-muted">
                  (code {a.id}, expéditeur {a.senderEmail})
                </span>
              </p>
              <p className="text-sm">SAIO : {a.saio.length ? a.saio.join(" ; ") : "aucun compte"}</p>
            </li>
          ))}
        </ul>
      </section>
      <div className="mt-8 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="new-academy-title">
          <h2 id="new-academy-title" className="text-xl font-bold">
            Créer une académie
          </h2>
          <AccountForm
            action="createAcademy"
            idPrefix="academy"
            submitLabel="Créer l'académie"
            success="L'académie est créée."
            fields={[
              { name: "code", label: "Code de l'académie", hint: "Lettres minuscules sans accent, mots séparés par un tiret (ex. aix-marseille)." },
              { name: "name", label: "Nom de l'académie", hint: "Ex. Aix-Marseille" },
              { name: "senderEmail", label: "Adresse d'expédition des courriels", type: "email" },
            ]}
          />
        </section>
        <section aria-labelledby="new-saio-title">
          <h2 id="new-saio-title" className="text-xl font-bold">
            Créer un compte SAIO
          </h2>
          <AccountForm
            action="createPlatformStaff"
            idPrefix="saio"
            hidden={{ role: "saio" }}
            submitLabel="Créer le compte SAIO"
            success="Le compte est créé : un courriel avec le lien pour choisir le mot de passe est envoyé."
            fields={[
              { name: "academyId", label: "Académie", options: view.academies.map((a) => ({ value: a.id, label: a.name })) },
              ...staffAccountFields("saio.dupont", { civility: true }),
            ]}
          />
        </section>
      </div>
    </>
  );
}
