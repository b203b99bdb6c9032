import type { Metadata } from "next";
import Link from "next/link";
import { DecisionSection } from "@/components/school/decision-section";
import { RankedTable } from "@/components/school/ranked-table";
import { ScrollRegion } from "@/components/school/scroll-region";
import { SchoolRequestForm } from "@/components/school/school-request-form";
import { FamilyInformedButton, OutOfProcedureForm } from "@/components/school/student-actions";
import { BadgeList, NonTraiteeMarker, OriginalEntryMarker, TrackItemList } from "@/components/school/track-items";
import { loadSchoolStudentPage } from "@/lib/loaders/school-student";

export const metadata: Metadata = { title: "Dossier d'orientation de l'élève" };

/**
 * A student's back-office file: intentions and avis (R-SCH-1, R-SCH-5, R-SCH-7), acknowledgement
 * (R-SCH-9), the final phase (final choices, proposals, answer and agreements: R-FIN-5 to R-FIN-7),
 * the decision, interview and appeal (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12),
 * hors procédure (R-SCH-12).
 */
export default async function StudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { studentId } = await params;
  const view = await loadSchoolStudentPage(studentId);
  const { identity, intentions, entry, acknowledgement, final } = view;
  const offered = view.offeredSpecialties;

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
      {view.closedText ? (
        <p role="status" className="mt-2 rounded border-l-4 border-france bg-france-light p-3">
          {view.closedText}
        </p>
      ) : null}
      <p className="mt-1 text-sm">
        <Link href={view.simulationHref} className="text-france underline">
          Voir la page de la famille (simulation d&apos;accès)
        </Link>
        {view.guardianEmailsHref ? (
          <>
            {" – "}
            <Link href={view.guardianEmailsHref} className="text-france underline">
              Compléter les adresses mail des représentants légaux
            </Link>
          </>
        ) : null}
      </p>
      <div className="mt-3">
        <BadgeList badges={view.badges} />
      </div>

      <h2 className="mt-6 text-xl font-bold">Intentions provisoires et avis du conseil de classe</h2>
      <p className="text-sm">{view.councilText}</p>
      {intentions ? (
        <ScrollRegion label="Intentions et avis provisoires" className="mt-2">
          <RankedTable
            className="min-w-[560px]"
            caption="Intentions de la famille et avis provisoires"
            headers={["Rang", "Intention", "Avis provisoire", "Recommandations"]}
            rows={intentions.rows.map((i) => ({ id: i.id, rank: i.rank, label: i.label, value: i.opinionText, note: i.comment }))}
          />
          <p className="mt-1 text-sm text-muted">{intentions.note}</p>
        </ScrollRegion>
      ) : (
        <p className="mt-2">{view.noIntentionText}</p>
      )}
      {view.originalEntry ? (
        <OriginalEntryMarker
          items={view.originalEntry.items}
          enteredByName={view.originalEntry.enteredByName}
          enteredAt={view.originalEntry.enteredAt}
          offered={offered}
        />
      ) : null}
      {view.nonTraiteeEntry ? <NonTraiteeMarker entry={view.nonTraiteeEntry} offered={offered} /> : null}
      {view.pendingFamilyEntry ? (
        <div className="mt-3 rounded border border-gray-300 p-3 text-sm">
          <p className="font-medium">{view.pendingFamilyEntry.title}</p>
          <TrackItemList items={view.pendingFamilyEntry.items} offered={offered} />
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
                offeredSpecialties={entry.form.offeredSpecialties}
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

      <section aria-labelledby="final-title" className="mt-8">
        <h2 id="final-title" className="text-xl font-bold">
          Choix définitifs et propositions du conseil de classe
        </h2>
        <p className="text-sm">{final.councilText}</p>
        {final.choices ? (
          <ScrollRegion label="Choix définitifs et propositions" className="mt-2">
            <RankedTable
              className="min-w-[560px]"
              caption="Choix définitifs de la famille et réponses du conseil de classe"
              headers={["Rang", "Choix définitif", "Proposition du conseil", "Motivation"]}
              rows={final.choices.rows.map((i) => ({ id: i.id, rank: i.rank, label: i.label, value: i.proposalText, note: i.motivation }))}
            />
            <p className="mt-1 text-sm text-muted">{final.choices.note}</p>
          </ScrollRegion>
        ) : (
          <p className="mt-2">{final.noChoiceText}</p>
        )}
        {final.extras.length > 0 ? (
          <div className="mt-3">
            <h3 className="font-bold">Autres voies proposées par le conseil de classe</h3>
            <ul className="list-disc pl-5 text-sm">
              {final.extras.map((x) => (
                <li key={x.id}>
                  {x.label}
                  {x.motivation ? ` – ${x.motivation}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {final.originalEntry ? (
          <OriginalEntryMarker
            items={final.originalEntry.items}
            enteredByName={final.originalEntry.enteredByName}
            enteredAt={final.originalEntry.enteredAt}
            offered={offered}
          />
        ) : null}
        {final.pendingFamilyEntry ? (
          <div className="mt-3 rounded border border-gray-300 p-3 text-sm">
            <p className="font-medium">{final.pendingFamilyEntry.title}</p>
            <TrackItemList items={final.pendingFamilyEntry.items} offered={offered} />
            <p className="mt-1 text-muted">{final.pendingFamilyEntry.note}</p>
          </div>
        ) : null}
        <h3 className="mt-4 font-bold">Réponse de la famille</h3>
        <p className="mt-1">{final.answerText}</p>
        {final.agreements.length > 0 ? (
          <ul className="mt-1 list-disc pl-5 text-sm">
            {final.agreements.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        ) : null}
        {final.familyToInform ? (
          <div className="mt-2 rounded border-l-4 border-warning bg-orange-50 p-3">
            <p className="font-medium text-warning">{final.familyToInform.text}</p>
            {final.familyToInform.mayMarkInformed ? (
              <div className="mt-2">
                <FamilyInformedButton studentId={view.studentId} phase="final" />
              </div>
            ) : null}
          </div>
        ) : final.informedText ? (
          <p className="text-sm text-muted">{final.informedText}</p>
        ) : null}
        {final.entry ? (
          <div className="mt-4">
            <h3 className="font-bold">{final.entry.heading}</h3>
            {final.entry.lockedText ? <p className="mt-2">{final.entry.lockedText}</p> : null}
            {final.entry.notice ? <p className="mt-2 text-sm">{final.entry.notice}</p> : null}
            {final.entry.form ? (
              <div className="mt-2">
                <SchoolRequestForm
                  studentId={view.studentId}
                  level={final.entry.form.level}
                  initial={final.entry.form.initial}
                  allowTrackDetails={final.entry.form.allowTrackDetails}
                  changesFamilyEntry={final.entry.form.changesFamilyEntry}
                  offeredSpecialties={final.entry.form.offeredSpecialties}
                  phase="final"
                />
              </div>
            ) : null}
          </div>
        ) : null}
      </section>

      {view.decision ? <DecisionSection studentId={view.studentId} view={view.decision} /> : null}

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
