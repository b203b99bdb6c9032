import { ServiceNotice } from "./service-notice";
import { ACKNOWLEDGE_INVITATION, CONTACT_HEAD_MESSAGE } from "@/lib/domain/acknowledgement";
import type { FamilyFileView } from "@/lib/domain/family-page";
import { intentionsInstructions } from "@/lib/domain/family-2gt";
import { PROCEDURE_NOTICE } from "@/lib/domain/intentions";
import { AcknowledgeButton } from "./acknowledge-button";
import { IntentionSummary } from "./intention-summary";
import { DecisionSection } from "./decision-section";
import { FinalChoicesSection } from "./final-choices-section";
import { IntentionsEditor } from "./intentions-editor";
import { RequestEditor2gt } from "./request-editor-2gt";
import { OpinionsList } from "./opinions-list";
import { StepBar } from "./step-bar";
import { GuidanceBlock } from "./language-block";
import { GuidanceLocaleProvider } from "./language-context";
import { guidance, guidanceOfFrench, type Locale } from "@/lib/i18n/guidance";

/**
 * The orientation file of one student as the family sees it (R-CAL-2/3/4, R-INT-1, R-ACK-1,
 * R-FIN-1..7): the step bar (links), then the step shown: 1 the intentions and avis, 2 the final
 * choices, proposals, answer and agreement, 3 the decision. In step 1: the term label, the service's message, the intentions (entered here, or read-only
 * with who entered them and when), and the avis with their acknowledgement. Used by the guardian's
 * page and by the student's home; everything it shows is decided by buildFamilyFileView.
 */
export function StudentOrientationView({ file, locale = "fr" }: { file: FamilyFileView; locale?: Locale }) {
  const { view } = file;
  // R-OVS-5: the guidance texts in the language the family chose (the help toggles read it from the context).
  return (
    <GuidanceLocaleProvider locale={locale}>
      <div className="mt-4 space-y-8">
        <p className={`rounded border-l-4 p-3 ${STATUS_TONE[file.status.tone]}`}>
          <span className="font-medium">Où en est la procédure : </span>
          {file.status.label}
        </p>
        <StepBar steps={file.stepLinks} locale={locale} />
        {file.selectedStep === 2 ? (
          <FinalChoicesSection file={file} locale={locale} />
        ) : file.selectedStep === 3 ? (
          <DecisionSection decision={file.decision} locale={locale} />
        ) : (
          <ProvisionalSection file={file} view={view} locale={locale} />
        )}
      </div>
    </GuidanceLocaleProvider>
  );
}

/** The status line's colour, as on the family home's card. */
const STATUS_TONE: Record<FamilyFileView["status"]["tone"], string> = {
  todo: "border-warning bg-orange-50",
  done: "border-success bg-green-50",
  info: "border-france bg-france-light",
  closed: "border-gray-500 bg-gray-100",
};

/** Step «1 Intentions provisoires»: the intentions and the avis with their acknowledgement (read-only once the phase is over). */
function ProvisionalSection({ file, view, locale }: { file: FamilyFileView; view: FamilyFileView["view"]; locale: Locale }) {
  const g = (fr: string) => guidanceOfFrench(locale, fr);
  return (
    <>
      <section aria-labelledby="intentions-title">
        <h2 id="intentions-title" className="text-xl font-bold">
          {file.intentionsHeading}
        </h2>
        <ServiceNotice message={view.serviceMessage} calendar={file.calendar} locale={locale} />
        {view.intentions.mode === "edit" ? (
          <>
            <GuidanceBlock g={g(intentionsInstructions(file.level))} className="mt-3" />
            {file.level === "2GT" ? (
              <RequestEditor2gt
                studentId={file.studentId}
                validated={file.validatedIntentions}
                phase="provisional"
                offeredSpecialties={file.offeredSpecialties}
                allowDetails={file.allowTrackDetails}
                allowStagePasserelle={file.allowStagePasserelle}
              />
            ) : (
              <IntentionsEditor studentId={file.studentId} validated={file.validatedIntentions} allowDetails={file.allowTrackDetails} />
            )}
          </>
        ) : view.intentions.mode === "readonly" ? (
          <div className="mt-3">
            <p className="rounded border-l-4 border-france bg-france-light p-3">{view.intentions.enteredBy}.</p>
            <IntentionSummary items={file.validatedIntentions ?? []} offered={file.offeredSpecialties} />
          </div>
        ) : (
          <GuidanceBlock g={g(view.intentions.text)} className="mt-3" />
        )}
        <GuidanceBlock
          g={g(PROCEDURE_NOTICE)}
          lead={guidance(locale, "intentions.noteLabel")}
          className="mt-4 rounded border border-gray-300 bg-gray-50 p-3 text-sm"
        />
      </section>

      {view.opinions.mode === "shown" ? (
        <section aria-labelledby="opinions-title">
          <h2 id="opinions-title" className="text-xl font-bold">
            Avis provisoires du conseil de classe
          </h2>
          <OpinionsList opinions={file.opinions} />
          {view.opinions.acknowledgement.state === "done" ? (
            <div className="mt-3 space-y-2">
              <p className="rounded border-l-4 border-success bg-green-50 p-3 font-medium">{view.opinions.acknowledgement.text}</p>
              <GuidanceBlock g={g(CONTACT_HEAD_MESSAGE)} />
            </div>
          ) : view.opinions.acknowledgement.state === "to_do" ? (
            <div className="mt-3">
              <GuidanceBlock g={g(ACKNOWLEDGE_INVITATION)} />
              <AcknowledgeButton studentId={file.studentId} />
            </div>
          ) : (
            <GuidanceBlock g={g(view.opinions.acknowledgement.text)} className="mt-3" />
          )}
        </section>
      ) : null}
    </>
  );
}
