import type { Metadata } from "next";
import { ReminderForm, ReminderTable } from "@/components/academy/reminder-controls";
import { ColumnHeads } from "@/components/ui/column-heads";
import { loadSchoolRemindersPage } from "@/lib/loaders/school-reminders";

export const metadata: Metadata = { title: "Relances des familles" };

/** A list of guardians of the school's students: one row per guardian, the student as the row's head. */
function GuardianTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: { key: string; student: string; cells: string[] }[] }) {
  return (
    <table className="mt-2 w-full border-collapse text-left">
      <caption className="sr-only">{caption}</caption>
      <ColumnHeads columns={columns} rowClassName="border-b border-gray-400" />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-gray-200">
            <th scope="row" className="p-2 font-medium">
              {r.student}
            </th>
            {r.cells.map((c, i) => (
              <td key={columns[i + 1]} className="p-2">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** R-OVS-2: the head's reminders, who the reminders reached, and the guardians to call. */
export default async function SchoolRemindersPage() {
  const page = await loadSchoolRemindersPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Relances des familles</h1>
      <p className="mt-2 max-w-prose">
        À la date et à l&apos;heure choisies (heure de Paris), chaque représentant légal d&apos;un élève de l&apos;établissement qui n&apos;a pas encore validé
        de saisie pour la phase reçoit un courriel de rappel, une seule fois par relance. L&apos;académie peut aussi relancer les familles : ses relances
        figurent dans la liste des familles relancées.
      </p>
      {page.form.windows.length > 0 ? (
        <>
          <h2 className="mt-4 text-lg font-bold">Ouverture du service en ligne</h2>
          <ul className="mt-1 list-disc pl-5">
            {page.form.windows.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      <ReminderForm owner="school" levels={page.form.levels} phases={page.form.phases} />

      <h2 className="mt-6 text-xl font-bold">Relances de l&apos;établissement</h2>
      <ReminderTable owner="school" reminders={page.reminders} caption="Relances de l'établissement : palier et phase, envoi prévu, auteur, état" />

      <h2 className="mt-6 text-xl font-bold">Représentants légaux à appeler</h2>
      <p className="mt-2 max-w-prose">
        Ces représentants légaux n&apos;ont pas d&apos;adresse électronique : aucune relance ne leur parvient. Leur famille n&apos;a pas encore validé de saisie
        pour la phase ouverte. Leur numéro de téléphone figure dans Siècle.
      </p>
      {page.toCall.length === 0 ? (
        <p className="mt-2">Aucun représentant légal à appeler.</p>
      ) : (
        <GuardianTable
          caption="Représentants légaux sans adresse électronique, familles n'ayant pas validé"
          columns={["Élève", "Division", "Représentant légal", "Phase"]}
          rows={page.toCall.map((g) => ({ key: g.key, student: g.student, cells: [g.division, g.guardian, g.phase] }))}
        />
      )}

      <h2 className="mt-6 text-xl font-bold">Familles relancées</h2>
      {page.reminded.length === 0 ? (
        <p className="mt-2">Aucune famille de l&apos;établissement n&apos;a encore été relancée.</p>
      ) : (
        <>
          {page.remindedTruncated ? <p className="mt-2">Seules les {page.reminded.length} relances les plus récentes sont affichées.</p> : null}
          <GuardianTable
            caption="Familles relancées : élève, division, représentant légal, adresse, date, relance"
            columns={["Élève", "Division", "Représentant légal", "Adresse électronique", "Date", "Relance"]}
            rows={page.reminded.map((r) => ({ key: r.key, student: r.student, cells: [r.division, r.guardian, r.address, r.date, r.reminder] }))}
          />
        </>
      )}
    </>
  );
}
