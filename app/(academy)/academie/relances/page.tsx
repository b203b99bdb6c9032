import type { Metadata } from "next";
import { ReminderForm, ReminderTable } from "@/components/academy/reminder-controls";
import { loadAcademyRemindersPage } from "@/lib/loaders/academy-reminders";

export const metadata: Metadata = { title: "Relances des familles" };

/** R-OVS-2: the saio's reminders to the families of the académie that have not validated. */
export default async function AcademyRemindersPage() {
  const page = await loadAcademyRemindersPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Relances des familles</h1>
      <p className="mt-2 max-w-prose">
        À la date et à l&apos;heure choisies (heure de Paris), chaque représentant légal d&apos;un élève des établissements de l&apos;académie qui n&apos;a pas
        encore validé de saisie pour la phase reçoit un courriel de rappel, une seule fois par relance. La relance part pendant l&apos;ouverture du service en
        ligne, avant sa fermeture. Les établissements voient les familles relancées et les représentants légaux sans adresse électronique, à appeler.
      </p>
      {page.form.windows.length > 0 ? (
        <>
          <h2 className="mt-4 text-lg font-bold">Ouverture du service en ligne ({page.schoolYear})</h2>
          <ul className="mt-1 list-disc pl-5">
            {page.form.windows.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      <ReminderForm owner="academy" levels={page.form.levels} phases={page.form.phases} />
      <h2 className="mt-6 text-xl font-bold">Relances de l&apos;académie</h2>
      <ReminderTable owner="academy" reminders={page.reminders} caption="Relances de l'académie : palier et phase, envoi prévu, auteur, état" />
    </>
  );
}
