import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollRegion } from "@/components/school/scroll-region";
import { SchoolRequestForm, type EditableItem } from "@/components/school/school-request-form";
import { FamilyInformedButton, OutOfProcedureForm } from "@/components/school/student-actions";
import { BadgeList, NonTraiteeMarker, OriginalEntryMarker, TrackItemList } from "@/components/school/track-items";
import { can } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findStudentScope } from "@/lib/db/repositories/scopes";
import { findStudentContext } from "@/lib/db/repositories/school-requests";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { OPINION_LABELS } from "@/lib/domain/opinions";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { describeItemLong } from "@/lib/domain/school-requests";
import { badgesOf } from "@/lib/export/student-list";

export const metadata: Metadata = { title: "Dossier d'orientation de l'élève" };

/** A student's back-office file: intentions and avis (R-SCH-1, R-SCH-5, R-SCH-7), acknowledgement (R-SCH-9), hors procédure (R-SCH-12). */
export default async function StudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { actor } = await requireRole("head", "homeroom");
  const { studentId } = await params;
  const db = await getDb();
  const scope = await findStudentScope(db, studentId, now());
  if (!scope || !can(actor, "read:student-file", scope)) notFound();
  const [row] = await findStudentRows(db, { schoolId: scope.schoolId, studentIds: [studentId] });
  const ctx = await findStudentContext(db, studentId, "provisional");
  if (!row || !ctx) notFound();
  const canManage = can(actor, "manage:student-file", scope);
  const request = row.request;
  const hasOpinions = (request?.items ?? []).some((i) => i.opinion);
  const familyLockedUntilCouncil = request?.source === "family" && !row.councilOpen;
  const initial: EditableItem[] = (request?.items ?? []).map((i) => ({
    track: i.track, subTrack: i.subTrack, freeText: i.freeText ?? "", statusSchool: i.statusSchool, statusApprentice: i.statusApprentice, specialties: i.specialties,
  }));

  return (
    <>
      <p className="text-sm"><Link href="/etablissement/eleves" className="text-france underline">Liste des élèves</Link></p>
      <h1 className="mt-2 text-2xl font-bold">{row.firstName} {row.lastName}</h1>
      <p className="text-muted">
        INE {row.ine} – né(e) le {row.birthDate.split("-").reverse().join("/")} – division{" "}
        <Link href={`/etablissement/divisions/${row.divisionId}`} className="text-france underline">{row.divisionCode}</Link> – {row.mefLabel}
      </p>
      <div className="mt-3"><BadgeList badges={badgesOf(row)} /></div>

      <h2 className="mt-6 text-xl font-bold">Intentions provisoires et avis du conseil de classe</h2>
      <p className="text-sm">Conseil de classe : {row.councilOpen ? "ouvert" : "non ouvert"}.</p>
      {request && request.items.length > 0 ? (
        <ScrollRegion label="Intentions et avis provisoires" className="mt-2">
          <table className="w-full min-w-[560px] border-collapse text-sm">
            <caption className="sr-only">Intentions de la famille et avis provisoires</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">Rang</th>
                <th scope="col" className="p-2">Intention</th>
                <th scope="col" className="p-2">Avis provisoire</th>
                <th scope="col" className="p-2">Recommandations</th>
              </tr>
            </thead>
            <tbody>
              {request.items.map((i) => (
                <tr key={i.id} className="border-b border-gray-200 align-top">
                  <td className="p-2">{i.rank}</td>
                  <th scope="row" className="p-2 text-left font-normal">{describeItemLong(i)}</th>
                  <td className="p-2">{i.opinion ? OPINION_LABELS[i.opinion.value] : "—"}</td>
                  <td className="p-2">{i.opinion?.comment ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-sm text-muted">
            {request.source === "family"
              ? `Saisie en ligne (TS) par ${request.enteredByName} le ${formatParisDateTime(request.enteredAt)}.`
              : `Saisie par l'établissement (${request.enteredByName}) le ${formatParisDateTime(request.enteredAt)} : non visible par la famille avant la publication des avis.`}
            {request.changedBySchoolAt ? ` Modifiée par l'établissement (${request.changedBySchoolName}) le ${formatParisDateTime(request.changedBySchoolAt)}.` : ""}
          </p>
        </ScrollRegion>
      ) : (
        <p className="mt-2">Aucune intention n&apos;est enregistrée dans le module établissement.</p>
      )}
      {request?.originalFamilyItems ? (
        <OriginalEntryMarker items={request.originalFamilyItems} enteredByName={request.enteredByName} enteredAt={request.enteredAt} />
      ) : null}
      {row.familyEntry?.nonTraitee ? <NonTraiteeMarker entry={row.familyEntry} /> : null}
      {row.familyEntry && !row.familyEntry.nonTraitee && !row.councilOpen ? (
        <div className="mt-3 rounded border border-gray-300 p-3 text-sm">
          <p className="font-medium">Saisie en ligne (TS) par {row.familyEntry.enteredByName} le {formatParisDateTime(row.familyEntry.enteredAt)}</p>
          <TrackItemList items={row.familyEntry.items} />
          <p className="mt-1 text-muted">Ces intentions seront reprises à l&apos;ouverture du conseil de classe.</p>
        </div>
      ) : null}

      {canManage && !row.outOfProcedureReason ? (
        <section aria-labelledby="enter-title" className="mt-6">
          <h2 id="enter-title" className="text-xl font-bold">{request?.source === "family" ? "Modifier les intentions de la famille" : "Saisir les intentions"}</h2>
          {familyLockedUntilCouncil ? (
            <p className="mt-2">La modification des intentions saisies par la famille est possible à partir de l&apos;ouverture du conseil de classe.</p>
          ) : (
            <>
              {request?.source === "family" ? (
                <p className="mt-2 text-sm">
                  À la demande de la famille uniquement. La saisie initiale reste consultable, chaque représentant légal reçoit un courriel
                  {hasOpinions ? " et les avis provisoires déjà saisis seront supprimés" : ""}.
                </p>
              ) : row.familyEntry && !row.councilOpen ? (
                <p className="mt-2 text-sm">Une saisie en ligne existe : à l&apos;ouverture du conseil de classe, elle remplacera les intentions saisies ici.</p>
              ) : null}
              <div className="mt-2">
                <SchoolRequestForm studentId={row.id} level={row.level} initial={initial} allowTrackDetails={ctx.allowTrackDetails} changesFamilyEntry={request?.source === "family"} />
              </div>
            </>
          )}
        </section>
      ) : null}

      <h2 className="mt-6 text-xl font-bold">Accusé de réception</h2>
      {row.acknowledgement ? (
        <>
          <p className="mt-2">
            Accusé de réception par {row.acknowledgement.acknowledgedByName} le {formatParisDateTime(row.acknowledgement.acknowledgedAt)}.
          </p>
          {row.acknowledgement.familyToInform ? (
            <div className="mt-2 rounded border-l-4 border-warning bg-orange-50 p-3">
              <p className="font-medium text-warning">Famille à informer : les avis ont été modifiés après l&apos;accusé de réception.</p>
              {canManage ? <div className="mt-2"><FamilyInformedButton studentId={row.id} /></div> : null}
            </div>
          ) : row.acknowledgement.familyInformedAt ? (
            <p className="text-sm text-muted">Famille informée le {formatParisDateTime(row.acknowledgement.familyInformedAt)} par {row.acknowledgement.familyInformedByName}.</p>
          ) : null}
        </>
      ) : (
        <p className="mt-2">La famille n&apos;a pas accusé réception des avis provisoires.</p>
      )}

      <section aria-labelledby="oop-title" className="mt-6">
        <h2 id="oop-title" className="text-xl font-bold">Élève hors procédure</h2>
        {canManage ? (
          <div className="mt-2"><OutOfProcedureForm studentId={row.id} reason={row.outOfProcedureReason} /></div>
        ) : (
          <p className="mt-2">{row.outOfProcedureReason ? `Hors procédure : ${row.outOfProcedureReason}` : "L'élève suit la procédure d'orientation."}</p>
        )}
      </section>
    </>
  );
}
