import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DelegationToggle } from "@/components/settings/delegation-toggle";
import { ServiceToggle } from "@/components/settings/service-toggle";
import { SignatureForm } from "@/components/settings/signature-form";
import { SpecialtiesForm } from "@/components/settings/specialties-form";
import { TermModeForm } from "@/components/settings/term-mode-form";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import {
  findHomeroomTeachers, findOfferedSpecialties, findSchoolClosures, findSchoolLevels, findSchoolRow, findSignatureInfo,
} from "@/lib/db/repositories/settings-school";
import { schoolYearOf, termLabel, type TermMode } from "@/lib/domain/calendar";
import { schoolServiceStatus } from "@/lib/domain/campaign-calendar";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { LEVEL_LABELS, PHASE_LABELS, SPECIALTIES, type Phase } from "@/lib/domain/tracks";

export const metadata: Metadata = { title: "Vie de l'établissement" };

const PHASES: Phase[] = ["provisional", "final"];
const STATE_CLASS = { open: "text-success", closed_by_school: "text-error", outside_window: "text-muted" } as const;

export default async function SchoolSettingsPage() {
  // R-SCH-14: the head only, even when a homeroom teacher has the delegation.
  const { actor } = await requireRole("head");
  const db = await getDb();
  const scope = await findSchoolScope(db, actor.schoolId!);
  if (!scope) notFound();
  authorize(actor, "manage:school", scope);
  const now = clockNow();
  const schoolYear = schoolYearOf(now);
  const [school, levels, closures, windows, specialties, teachers, signature] = await Promise.all([
    findSchoolRow(db, scope.schoolId),
    findSchoolLevels(db, scope.schoolId),
    findSchoolClosures(db, scope.schoolId),
    findAcademyCampaignWindows(db, scope.academyId, schoolYear),
    findOfferedSpecialties(db, scope.schoolId),
    findHomeroomTeachers(db, scope.schoolId),
    findSignatureInfo(db, scope.schoolId),
  ]);
  if (!school) notFound();
  const termMode = school.termMode as TermMode;

  return (
    <>
      <h1 className="text-2xl font-bold">Vie de l&apos;établissement</h1>
      <p className="mt-1 text-muted">{school.name} – année scolaire {schoolYear}</p>

      <section aria-labelledby="service-title" className="mt-8">
        <h2 id="service-title" className="text-xl font-bold">Service en ligne Orientation</h2>
        <p className="mt-2 max-w-prose text-sm">
          Le service s&apos;ouvre et se ferme aux dates fixées par l&apos;académie. Vous pouvez le fermer pour votre établissement avant
          la date académique, par exemple pendant les conseils de classe, et le rouvrir tant que la période académique n&apos;est pas terminée.
          Fermez-le au moins 24 heures avant vos conseils de classe de la phase définitive.
        </p>
        {/* relative: keeps the buttons' screen-reader-only text inside the scrolling box on a phone. */}
        <div className="relative mt-3 overflow-x-auto">
          <table className="w-full min-w-[640px] border-collapse text-sm">
            <caption className="sr-only">État du service en ligne par palier et par phase</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">Palier et phase</th>
                <th scope="col" className="p-2">Période fixée par l&apos;académie</th>
                <th scope="col" className="p-2">État</th>
                <th scope="col" className="p-2">Action</th>
              </tr>
            </thead>
            <tbody>
              {levels.flatMap((level) =>
                PHASES.map((phase) => {
                  const w = windows.find((x) => x.level === level && x.phase === phase);
                  const closed = closures.some((c) => c.level === level && c.phase === phase && c.closed);
                  const status = schoolServiceStatus(w, closed, now);
                  const name = `${LEVEL_LABELS[level]}, ${PHASE_LABELS[phase].toLowerCase()}`;
                  const canReopen = w !== undefined && now < w.closesAt;
                  return (
                    <tr key={`${level}-${phase}`} className="border-b border-gray-200 align-top">
                      <th scope="row" className="p-2 text-left font-medium">
                        {LEVEL_LABELS[level]}
                        <span className="block font-normal">{PHASE_LABELS[phase]} ({termLabel(phase, termMode)})</span>
                      </th>
                      <td className="p-2">{w ? `Du ${formatParisDateTime(w.opensAt)} au ${formatParisDateTime(w.closesAt)}` : "Non publiée"}</td>
                      <td className={`p-2 font-medium ${STATE_CLASS[status.state]}`}>{status.label}</td>
                      <td className="p-2">
                        {closed && !canReopen ? null : <ServiceToggle level={level} phase={phase} closed={closed} name={name} />}
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="terms-title" className="mt-10">
        <h2 id="terms-title" className="text-xl font-bold">Découpage de l&apos;année</h2>
        <p className="mt-2 max-w-prose text-sm">
          Les repères du calendrier présenté aux familles et de la fiche de dialogue en dépendent («&nbsp;Deuxième trimestre&nbsp;» ou «&nbsp;Premier semestre&nbsp;»).
        </p>
        <div className="mt-3">
          <TermModeForm termMode={termMode} />
        </div>
      </section>

      {levels.includes("2GT") ? (
        <section aria-labelledby="specialties-title" className="mt-10">
          <h2 id="specialties-title" className="text-xl font-bold">Enseignements de spécialité</h2>
          <div className="mt-3">
            <SpecialtiesForm all={Object.entries(SPECIALTIES).map(([code, label]) => ({ code, label }))} offered={specialties} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="delegation-title" className="mt-10">
        <h2 id="delegation-title" className="text-xl font-bold">Délégation des droits aux professeurs principaux</h2>
        <p className="mt-2 max-w-prose text-sm">
          Un professeur principal suit la procédure de ses divisions. Avec votre délégation, il accède à toutes les divisions de
          l&apos;établissement avec les mêmes droits que le chef d&apos;établissement.
        </p>
        {teachers.length === 0 ? (
          <p className="mt-3">Aucun professeur principal n&apos;est enregistré pour l&apos;établissement.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[560px] border-collapse text-sm">
              <caption className="sr-only">Professeurs principaux et délégation</caption>
              <thead>
                <tr className="border-b-2 border-gray-400 text-left">
                  <th scope="col" className="p-2">Professeur principal</th>
                  <th scope="col" className="p-2">Divisions</th>
                  <th scope="col" className="p-2">Délégation</th>
                  <th scope="col" className="p-2">Action</th>
                </tr>
              </thead>
              <tbody>
                {teachers.map((t) => (
                  <tr key={t.id} className="border-b border-gray-200 align-top">
                    <th scope="row" className="p-2 text-left font-medium">{t.displayName}</th>
                    <td className="p-2">{t.divisionCodes.join(", ") || "—"}</td>
                    <td className="p-2">{t.delegatedByHead ? "Toutes les divisions" : "Ses divisions seulement"}</td>
                    <td className="p-2"><DelegationToggle accountId={t.id} name={t.displayName} delegated={t.delegatedByHead} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="signature-title" className="mt-10">
        <h2 id="signature-title" className="text-xl font-bold">Signature numérisée</h2>
        <p className="mt-2 max-w-prose text-sm">Elle figure sur chaque fiche de dialogue imprimée.</p>
        {signature ? (
          <div className="mt-3">
            <p className="text-sm">
              Signature enregistrée le {formatParisDateTime(signature.uploadedAt)} – signataire : {signature.signatoryName}
            </p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-school image served by our own route */}
            <img src={`/etablissement/vie-etablissement/signature?v=${signature.uploadedAt.getTime()}`} alt={`Signature numérisée de ${signature.signatoryName}`} className="mt-2 max-h-24 border border-gray-300 bg-white p-2" />
          </div>
        ) : (
          <p className="mt-3 text-sm">Aucune signature n&apos;est enregistrée.</p>
        )}
        <div className="mt-4">
          <SignatureForm signatoryName={signature?.signatoryName ?? actor.displayName} hasSignature={signature !== null} />
        </div>
        <p className="mt-4">
          <Link href="/etablissement/fiche-dialogue" className="font-medium text-france underline">Impression des fiches de dialogue</Link>
        </p>
      </section>
    </>
  );
}
