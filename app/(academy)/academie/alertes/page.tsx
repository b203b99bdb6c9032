import type { Metadata } from "next";
import { TrackAlertForm } from "@/components/academy/track-alert-form";
import { TrackAlertList } from "@/components/academy/track-alert-list";
import { loadAcademyAlertsPage } from "@/lib/loaders/academy-alerts";

export const metadata: Metadata = { title: "Alertes par voie" };

/** R-OVS-3: the académie's alerts on a voie or a série, shown to the families that enter it. */
export default async function AcademyAlertsPage() {
  const page = await loadAcademyAlertsPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Alertes par voie</h1>
      <p className="mt-2 max-w-prose">
        Une alerte accompagne une voie ou une série : les familles de l&apos;académie qui la saisissent dans leurs intentions ou leurs choix définitifs lisent
        votre message et sa date à côté de la voie, sur leur page et dans leur courriel récapitulatif. Par exemple, pour la série STD2A : «&nbsp;Dossier de
        candidature à déposer auprès du lycée d&apos;accueil&nbsp;».
      </p>
      <section aria-labelledby="alerts-title" className="mt-6">
        <h2 id="alerts-title" className="text-xl font-bold">
          Alertes enregistrées
        </h2>
        <TrackAlertList alerts={page.alerts} />
      </section>
      <div className="mt-8">
        <TrackAlertForm choices={page.choices} />
      </div>
    </>
  );
}
