import type { Metadata } from "next";
import { staffAccountFields } from "@/lib/domain/account-admin";
import { AccountForm, DisableAccountButton, DivisionToggle } from "@/components/accounts/account-form";
import { loadSchoolHomeroomsPage } from "@/lib/loaders/account-admin";

export const metadata: Metadata = { title: "Professeurs principaux" };

/** R-DATA-2: the head creates homeroom teachers' accounts, gives them their divisions, disables an account. */
export default async function HomeroomsPage() {
  const view = await loadSchoolHomeroomsPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Professeurs principaux</h1>
      <p className="mt-1 text-muted">Les divisions proposées sont celles de l&apos;année scolaire en cours de l&apos;établissement.</p>
      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="text-xl font-bold">
          Comptes des professeurs principaux
        </h2>
        {view.emptyText ? <p className="mt-2">{view.emptyText}</p> : null}
        <ul className="mt-2 space-y-3">
          {view.people.map((p) => (
            <li key={p.id} className="rounded border border-gray-300 p-3">
              <p className="font-medium">{p.text}</p>
              {p.disabled ? null : (
                <>
                  <fieldset className="mt-2">
                    <legend className="text-sm font-medium">Divisions de {p.name}</legend>
                    {p.divisions.map((d) => (
                      <DivisionToggle key={d.id} accountId={p.id} divisionId={d.id} code={d.code} assigned={d.assigned} teacher={p.name} />
                    ))}
                  </fieldset>
                  <DisableAccountButton accountId={p.id} teacher={p.name} />
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-title" className="mt-8 max-w-xl">
        <h2 id="new-title" className="text-xl font-bold">
          Créer le compte d&apos;un professeur principal
        </h2>
        <AccountForm
          action="createHomeroom"
          idPrefix="homeroom"
          submitLabel="Créer le compte"
          success="Le compte est créé : un courriel avec le lien pour choisir le mot de passe est envoyé."
          fields={staffAccountFields("pp.dupont")}
        />
      </section>
    </>
  );
}
