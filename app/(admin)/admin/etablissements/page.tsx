import type { Metadata } from "next";
import { AccountForm } from "@/components/accounts/account-form";
import { loadAdminSchoolsPage } from "@/lib/loaders/account-admin";
import { NO_HEAD_TEXT, staffAccountFields } from "@/lib/domain/account-admin";

export const metadata: Metadata = { title: "Établissements et chefs d'établissement" };

/** R-DATA-2: the administrator creates schools and their first head accounts. */
export default async function AdminSchoolsPage() {
  const view = await loadAdminSchoolsPage();
  const academyOptions = view.academies.map((a) => ({ value: a.id, label: a.name }));
  return (
    <>
      <h1 className="text-2xl font-bold">Établissements et chefs d&apos;établissement</h1>
      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="text-xl font-bold">
          Établissements
        </h2>
        <ul className="mt-2 space-y-2">
          {view.schools.map((s) => (
            <li key={s.id} className="rounded border border-gray-300 p-3">
              <p className="font-medium">
                {s.name}{" "}
                <span className="font-normal text-muted">
                  ({s.uai}, {s.city} – académie {s.academyName})
                </span>
              </p>
              <p className="text-sm">Chef d&apos;établissement : {s.heads.length ? s.heads.join(" ; ") : NO_HEAD_TEXT}</p>
            </li>
          ))}
        </ul>
      </section>
      <div className="mt-8 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="new-school-title">
          <h2 id="new-school-title" className="text-xl font-bold">
            Créer un établissement
          </h2>
          <AccountForm
            action="createSchool"
            idPrefix="school"
            submitLabel="Créer l'établissement"
            success="L'établissement est créé."
            fields={[
              { name: "uai", label: "Code UAI", hint: "7 chiffres et la lettre clé (ex. 0380027Y)." },
              { name: "name", label: "Nom de l'établissement" },
              { name: "address", label: "Adresse" },
              { name: "postalCode", label: "Code postal" },
              { name: "city", label: "Commune" },
              { name: "phone", label: "Téléphone", type: "tel" },
              { name: "email", label: "Adresse électronique de l'établissement", type: "email" },
              { name: "academyId", label: "Académie", options: academyOptions },
              {
                name: "termMode",
                label: "Découpage de l'année",
                options: [
                  { value: "trimester", label: "Trimestres" },
                  { value: "semester", label: "Semestres" },
                ],
              },
            ]}
          />
        </section>
        <section aria-labelledby="new-head-title">
          <h2 id="new-head-title" className="text-xl font-bold">
            Créer un compte de chef d&apos;établissement
          </h2>
          <AccountForm
            action="createPlatformStaff"
            idPrefix="head"
            hidden={{ role: "head" }}
            submitLabel="Créer le compte du chef d'établissement"
            success="Le compte est créé : un courriel avec le lien pour choisir le mot de passe est envoyé."
            fields={[
              { name: "schoolId", label: "Établissement", options: view.schools.map((s) => ({ value: s.id, label: `${s.name} (${s.uai})` })) },
              ...staffAccountFields("chef.dupont", { civility: true }),
            ]}
          />
        </section>
      </div>
    </>
  );
}
