import { CampaignCalendar } from "@/components/ui/campaign-calendar";
import { ACKNOWLEDGE_INVITATION, CONTACT_HEAD_MESSAGE } from "@/lib/domain/acknowledgement";
import type { FamilyFileView } from "@/lib/domain/family-page";
import { INTENTIONS_INSTRUCTIONS, PROCEDURE_NOTICE } from "@/lib/domain/intentions";
import { AcknowledgeButton } from "./acknowledge-button";
import { IntentionSummary } from "./intention-summary";
import { IntentionsEditor } from "./intentions-editor";

/**
 * The orientation file of one student as the family sees it (R-CAL-2/3/4, R-INT-1, R-ACK-1): the
 * three steps, the term label, the service's message, the intentions (entered here, or read-only
 * with who entered them and when), and the avis with their acknowledgement. Used by the guardian's
 * page and by the student's home; everything it shows is decided by buildFamilyFileView.
 */
export function StudentOrientationView({ file }: { file: FamilyFileView }) {
  const { view } = file;
  return (
    <div className="mt-4 space-y-8">
      <nav aria-label="Étapes de la procédure d'orientation">
        <ol className="flex flex-wrap gap-2">
          {view.steps.map((s) => (
            <li
              key={s.number}
              aria-current={s.current ? "step" : undefined}
              className={`flex items-center gap-2 rounded border px-3 py-2 text-sm ${s.current ? "border-france bg-france text-white" : "border-gray-300 bg-white text-ink"}`}
            >
              <span
                aria-hidden="true"
                className={`inline-flex h-6 w-6 items-center justify-center rounded-full font-bold ${s.current ? "bg-white text-france" : "bg-gray-200 text-ink"}`}
              >
                {s.number}
              </span>
              <span>
                <span className="sr-only">Étape {s.number} : </span>
                {s.label}
                {s.current ? <span className="sr-only"> (étape en cours)</span> : null}
              </span>
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="intentions-title">
        <h2 id="intentions-title" className="text-xl font-bold">
          {file.intentionsHeading}
        </h2>
        {view.serviceMessage ? (
          <div className="mt-3 space-y-3">
            <p className="rounded border-l-4 border-gray-500 bg-gray-100 p-3 font-medium">{view.serviceMessage.text}</p>
            {view.serviceMessage.showCalendar ? (
              <>
                <p>Le calendrier est le suivant :</p>
                <CampaignCalendar calendar={file.calendar} />
              </>
            ) : null}
          </div>
        ) : null}
        {view.intentions.mode === "edit" ? (
          <>
            <p className="mt-3">{INTENTIONS_INSTRUCTIONS}</p>
            <IntentionsEditor studentId={file.studentId} validated={file.validatedIntentions} allowDetails={file.allowTrackDetails} />
          </>
        ) : view.intentions.mode === "readonly" ? (
          <div className="mt-3">
            <p className="rounded border-l-4 border-france bg-france-light p-3">{view.intentions.enteredBy}.</p>
            <IntentionSummary items={file.validatedIntentions ?? []} />
          </div>
        ) : (
          <p className="mt-3">{view.intentions.text}</p>
        )}
        <p className="mt-4 rounded border border-gray-300 bg-gray-50 p-3 text-sm">
          <strong>À noter : </strong>
          {PROCEDURE_NOTICE}
        </p>
      </section>

      {view.opinions.mode === "shown" ? (
        <section aria-labelledby="opinions-title">
          <h2 id="opinions-title" className="text-xl font-bold">
            Avis provisoires du conseil de classe
          </h2>
          <ol className="mt-3 space-y-2">
            {file.opinions.map((o) => (
              <li key={o.rank} className="rounded border border-gray-300 p-3">
                <p>
                  <span className="font-bold">Intention {o.rank} :</span> {o.trackLabel}
                </p>
                {o.detailLines.map((line) => (
                  <p key={line} className="text-sm text-muted">
                    {line}
                  </p>
                ))}
                <p className="mt-1">
                  Avis du conseil de classe : <strong>{o.valueLabel}</strong>
                </p>
                {o.comment ? <p className="text-sm">Recommandations : {o.comment}</p> : null}
              </li>
            ))}
          </ol>
          {view.opinions.acknowledgement.state === "done" ? (
            <div className="mt-3 space-y-2">
              <p className="rounded border-l-4 border-success bg-green-50 p-3 font-medium">{view.opinions.acknowledgement.text}</p>
              <p>{CONTACT_HEAD_MESSAGE}</p>
            </div>
          ) : view.opinions.acknowledgement.state === "to_do" ? (
            <div className="mt-3">
              <p>{ACKNOWLEDGE_INVITATION}</p>
              <AcknowledgeButton studentId={file.studentId} />
            </div>
          ) : (
            <p className="mt-3">{view.opinions.acknowledgement.text}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
