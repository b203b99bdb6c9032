import type { Metadata } from "next";
import Link from "next/link";
import { DelegationToggle } from "@/components/school-settings/delegation-toggle";
import { SchoolYearRollover } from "@/components/school-settings/school-year-rollover";
import { ServiceToggle } from "@/components/school-settings/service-toggle";
import { SignatureForm } from "@/components/school-settings/signature-form";
import { SpecialtiesForm } from "@/components/school-settings/specialties-form";
import { TermModeForm } from "@/components/school-settings/term-mode-form";
import { loadSchoolSettingsPage } from "@/lib/loaders/school-settings";
import { SchoolTransferPanel } from "@/components/school/school-transfer-panel";
import { loadSchoolTransferPanel } from "@/lib/loaders/school-transfer";
import { ColumnHeads } from "@/components/ui/column-heads";

export const metadata: Metadata = { title: "Vie de l'établissement" };

const STATE_CLASS = { open: "text-success", closed_by_school: "text-error", outside_window: "text-muted" } as const;

/** "Vie de l'établissement" (R-CAL-3, R-CAL-4, R-2GT-4, R-SCH-13, R-SCH-14): the head's settings of their school. */
export default async function SchoolSettingsPage() {
  const view = await loadSchoolSettingsPage();
  const transfer = await loadSchoolTransferPanel(); // R-OVS-4

  return (
    <>
      <h1 className="text-2xl font-bold">Vie de l&apos;établissement</h1>
      <p className="mt-1 text-muted">{view.subtitle}</p>

      <section aria-labelledby="year-title" className="mt-8">
        <h2 id="year-title" className="text-xl font-bold">
          Année scolaire {view.year.open}
        </h2>
        <p className="mt-2 max-w-prose text-sm">{view.year.rolloverText}</p>
        <SchoolYearRollover openYear={view.year.open} nextYear={view.year.next} allowed={view.year.rolloverAllowed} />
      </section>

      <section aria-labelledby="service-title" className="mt-8">
        <h2 id="service-title" className="text-xl font-bold">
          Service en ligne Orientation
        </h2>
        <p className="mt-2 max-w-prose text-sm">
          Le service s&apos;ouvre et se ferme aux dates fixées par l&apos;académie. Vous pouvez le fermer pour votre établissement avant la date académique, par
          exemple pendant les conseils de classe, et le rouvrir tant que la période académique n&apos;est pas terminée. Fermez-le au moins 24 heures avant vos
          conseils de classe de la phase définitive.
        </p>
        {/* relative: keeps the buttons' screen-reader-only text inside the scrolling box on a phone. */}
        <div className="relative mt-3 overflow-x-auto">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">État du service en ligne par palier et par phase</caption>
            <ColumnHeads columns={["Palier et phase", "Période fixée par l'académie", "État", "Action"]} />
            <tbody>
              {view.services.map((row) => (
                <tr key={row.key} className="border-b border-gray-200 align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {row.levelLabel}
                    <span className="block font-normal">{row.phaseText}</span>
                  </th>
                  <td className="p-2">{row.periodText}</td>
                  <td className={`p-2 font-medium ${STATE_CLASS[row.state]}`}>{row.stateLabel}</td>
                  <td className="p-2">
                    {row.toggle ? <ServiceToggle level={row.level} phase={row.phase} closed={row.toggle.closed} name={row.toggle.name} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <SchoolTransferPanel view={transfer} />

      <section aria-labelledby="terms-title" className="mt-10">
        <h2 id="terms-title" className="text-xl font-bold">
          Découpage de l&apos;année
        </h2>
        <p className="mt-2 max-w-prose text-sm">
          Les repères du calendrier présenté aux familles et de la fiche de dialogue en dépendent («&nbsp;Deuxième trimestre&nbsp;» ou «&nbsp;Premier
          semestre&nbsp;»).
        </p>
        <div className="mt-3">
          <TermModeForm termMode={view.termMode} />
        </div>
      </section>

      {view.specialties ? (
        <section aria-labelledby="specialties-title" className="mt-10">
          <h2 id="specialties-title" className="text-xl font-bold">
            Enseignements de spécialité
          </h2>
          <div className="mt-3">
            <SpecialtiesForm all={view.specialties.all} offered={view.specialties.offered} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="delegation-title" className="mt-10">
        <h2 id="delegation-title" className="text-xl font-bold">
          Délégation des droits aux professeurs principaux
        </h2>
        <p className="mt-2 max-w-prose text-sm">
          Un professeur principal suit la procédure de ses divisions. Avec votre délégation, il accède à toutes les divisions de l&apos;établissement avec les
          mêmes droits que le chef d&apos;établissement.
        </p>
        {view.noTeacherText ? (
          <p className="mt-3">{view.noTeacherText}</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[560px] border-collapse text-sm">
              <caption className="sr-only">Professeurs principaux et délégation</caption>
              <ColumnHeads columns={["Professeur principal", "Divisions", "Délégation", "Action"]} />
              <tbody>
                {view.teachers.map((t) => (
                  <tr key={t.id} className="border-b border-gray-200 align-top">
                    <th scope="row" className="p-2 text-left font-medium">
                      {t.displayName}
                    </th>
                    <td className="p-2">{t.divisionsText}</td>
                    <td className="p-2">{t.delegationText}</td>
                    <td className="p-2">
                      <DelegationToggle accountId={t.id} name={t.displayName} delegated={t.delegated} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="signature-title" className="mt-10">
        <h2 id="signature-title" className="text-xl font-bold">
          Signature numérisée
        </h2>
        <p className="mt-2 max-w-prose text-sm">Elle figure sur chaque fiche de dialogue imprimée.</p>
        {view.signature ? (
          <div className="mt-3">
            <p className="text-sm">{view.signature.text}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-school image served by our own route */}
            <img src={view.signature.imageSrc} alt={view.signature.alt} className="mt-2 max-h-24 border border-gray-300 bg-white p-2" />
          </div>
        ) : (
          <p className="mt-3 text-sm">Aucune signature n&apos;est enregistrée.</p>
        )}
        <div className="mt-4">
          <SignatureForm signatoryName={view.signatureForm.signatoryName} hasSignature={view.signatureForm.hasSignature} />
        </div>
        <p className="mt-4">
          <Link href="/etablissement/fiche-dialogue" className="font-medium text-france underline">
            Impression des fiches de dialogue
          </Link>
        </p>
      </section>
    </>
  );
}
