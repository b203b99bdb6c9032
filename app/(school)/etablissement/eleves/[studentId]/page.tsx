import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/school/scroll-region";
import { SchoolRequestForm } from "@/components/school/school-request-form";
import { FamilyInformedButton, OutOfProcedureForm } from "@/components/school/student-actions";
import { BadgeList, NonTraiteeMarker, OriginalEntryMarker, TrackItemList } from "@/components/school/track-items";
import { loadSchoolStudentPage } from "@/lib/loaders/school-student";

export const metadata: Metadata = { title: "Dossier d'orientation de l'élève" };

/** A student's back-office file: intentions and avis (R-SCH-1, R-SCH-5, R-SCH-7), acknowledgement (R-SCH-9), hors procédure (R-SCH-12). */
export default async function StudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { studentId } = await params;
  const view = await loadSchoolStudentPage(studentId);
  const { identity, intentions, entry, acknowledgement } = view;

  return (
    <>
      <p className="text-sm">
        <Link href="/etablissement/eleves" className="text-france underline">
          Liste des élèves
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{view.name}</h1>
      <p className="text-muted">
        INE {identity.ine} – né(e) le {identity.birthDateText} – division{" "}
        <Link href={`/etablissement/divisions/${identity.divisionId}`} className="text-france underline">
          {identity.divisionCode}
        </Link>{" "}
        – {identity.mefLabel}
      </p>
      <div className="mt-3">
        <BadgeList badges={view.badges} />
      </div>

      <h2 className="mt-6 text-xl font-bold">Intentions provisoires et avis du conseil de classe</h2>
      <p className="text-sm">{view.councilText}</p>
      {intentions ? (
        <ScrollRegion label="Intentions et avis provisoires" className="mt-2">
          <table className="w-full min-w-[560px] border-collapse text-sm">
            <caption className="sr-only">Intentions de la famille et avis provisoires</caption>
            <thead>
              <tr className="border-b-2 border-gray-400 text-left">
                <th scope="col" className="p-2">
                  Rang
                </th>
                <th scope="col" className="p-2">
                  Intention
                </th>
                <th scope="col" className="p-2">
                  Avis provisoire
                </th>
                <th scope="col" className="p-2">
                  Recommandations
                </th>
              </tr>
            </thead>
            <tbody>
              {intentions.rows.map((i) => (
                <tr key={i.id} className="border-b border-gray-200 align-top">
                  <td className="p-2">{i.rank}</td>
                  <th scope="row" className="p-2 text-left font-normal">
                    {i.label}
                  </th>
                  <td className="p-2">{i.opinionText}</td>
                  <td className="p-2">{i.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-sm text-muted">{intentions.note}</p>
        </ScrollRegion>
      ) : (
        <p className="mt-2">{view.noIntentionText}</p>
      )}
      {view.originalEntry ? (
        <OriginalEntryMarker items={view.originalEntry.items} enteredByName={view.originalEntry.enteredByName} enteredAt={view.originalEntry.enteredAt} />
      ) : null}
      {view.nonTraiteeEntry ? <NonTraiteeMarker entry={view.nonTraiteeEntry} /> : null}
      {view.pendingFamilyEntry ? (
        <div className="mt-3 rounded border border-gray-300 p-3 text-sm">
          <p className="font-medium">{view.pendingFamilyEntry.title}</p>
          <TrackItemList items={view.pendingFamilyEntry.items} />
          <p className="mt-1 text-muted">{view.pendingFamilyEntry.note}</p>
        </div>
      ) : null}

      {entry ? (
        <section aria-labelledby="enter-title" className="mt-6">
          <h2 id="enter-title" className="text-xl font-bold">
            {entry.heading}
          </h2>
          {entry.lockedText ? <p className="mt-2">{entry.lockedText}</p> : null}
          {entry.notice ? <p className="mt-2 text-sm">{entry.notice}</p> : null}
          {entry.form ? (
            <div className="mt-2">
              <SchoolRequestForm
                studentId={view.studentId}
                level={entry.form.level}
                initial={entry.form.initial}
                allowTrackDetails={entry.form.allowTrackDetails}
                changesFamilyEntry={entry.form.changesFamilyEntry}
              />
            </div>
          ) : null}
        </section>
      ) : null}

      <h2 className="mt-6 text-xl font-bold">Accusé de réception</h2>
      <p className="mt-2">{acknowledgement.text}</p>
      {acknowledgement.familyToInform ? (
        <div className="mt-2 rounded border-l-4 border-warning bg-orange-50 p-3">
          <p className="font-medium text-warning">{acknowledgement.familyToInform.text}</p>
          {acknowledgement.familyToInform.mayMarkInformed ? (
            <div className="mt-2">
              <FamilyInformedButton studentId={view.studentId} />
            </div>
          ) : null}
        </div>
      ) : acknowledgement.informedText ? (
        <p className="text-sm text-muted">{acknowledgement.informedText}</p>
      ) : null}

      <section aria-labelledby="oop-title" className="mt-6">
        <h2 id="oop-title" className="text-xl font-bold">
          Élève hors procédure
        </h2>
        {view.outOfProcedure.editable ? (
          <div className="mt-2">
            <OutOfProcedureForm studentId={view.studentId} reason={view.outOfProcedure.reason} />
          </div>
        ) : (
          <p className="mt-2">{view.outOfProcedure.text}</p>
        )}
      </section>
    </>
  );
}
