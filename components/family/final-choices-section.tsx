import { ServiceNotice } from "./service-notice";
import { ACKNOWLEDGE_INVITATION } from "@/lib/domain/acknowledgement";
import { ACKNOWLEDGE_FIRST_MESSAGE, type FamilyFileView } from "@/lib/domain/family-page";
import { ANSWER_TITLE, PROPOSALS_TITLE, type ProposalLine } from "@/lib/domain/family-answer";
import { PROCEDURE_NOTICE } from "@/lib/domain/intentions";
import { AcknowledgeButton } from "./acknowledge-button";
import { AgreementForm } from "./agreement-form";
import { IntentionSummary } from "./intention-summary";
import { IntentionsEditor } from "./intentions-editor";
import { RequestEditor2gt } from "./request-editor-2gt";
import { OpinionsList } from "./opinions-list";
import { ProposalsAnswer } from "./proposals-answer";
import { GuidanceBlock } from "./language-block";
import { guidance, guidanceOfFrench, type Locale } from "@/lib/i18n/guidance";

function ProposalItem({ p }: { p: ProposalLine }) {
  return (
    <li className="rounded border border-gray-300 p-3">
      <p>
        <span className="font-bold">{p.kind === "extra" ? "Proposition" : `Choix ${p.rank}`} :</span> {p.trackLabel}
      </p>
      {p.detailLines.map((line) => (
        <p key={line} className="text-sm text-muted">
          {line}
        </p>
      ))}
      {p.councilAnswer ? (
        <p className="mt-1">
          Réponse du conseil de classe : <strong>{p.councilAnswer}</strong>
        </p>
      ) : null}
      {p.motivation ? <p className="text-sm">Motivation : {p.motivation}</p> : null}
    </li>
  );
}

/**
 * Step «2 Choix définitifs» (R-FIN-1/2/3/6/7/10): acknowledge first, then the final choices (the
 * intentions' editor in its final wording, or read-only with who and when), then the council's
 * proposals, the family's answer and the other guardian's agreement.
 */
export function FinalChoicesSection({ file, locale = "fr" }: { file: FamilyFileView; locale?: Locale }) {
  const f = file.final;
  const g = (fr: string) => guidanceOfFrench(locale, fr); // R-OVS-5
  const acceptable = f.proposals ? [...f.proposals.choices, ...f.proposals.extras].filter((p) => p.acceptable) : [];
  return (
    <div className="space-y-8">
      <section aria-labelledby="final-title">
        <h2 id="final-title" className="text-xl font-bold">
          {f.heading}
        </h2>
        <ServiceNotice message={f.serviceMessage} calendar={file.calendar} locale={locale} />
        {f.choices.mode === "ack_first" ? (
          <div className="mt-3">
            <GuidanceBlock g={g(ACKNOWLEDGE_FIRST_MESSAGE)} className="rounded border-l-4 border-france bg-france-light p-3 font-medium" />
            <h3 className="mt-4 text-lg font-bold">Avis provisoires du conseil de classe</h3>
            <OpinionsList opinions={file.opinions} />
            <GuidanceBlock g={g(ACKNOWLEDGE_INVITATION)} className="mt-3" />
            <AcknowledgeButton studentId={file.studentId} />
          </div>
        ) : f.choices.mode === "edit" ? (
          <>
            <GuidanceBlock g={g(f.instructions)} className="mt-3" />
            {file.level === "2GT" ? (
              <RequestEditor2gt
                studentId={file.studentId}
                validated={f.validatedChoices}
                phase="final"
                offeredSpecialties={file.offeredSpecialties}
                allowDetails={file.allowTrackDetails}
                allowStagePasserelle={file.allowStagePasserelle}
              />
            ) : (
              <IntentionsEditor studentId={file.studentId} validated={f.validatedChoices} allowDetails={file.allowTrackDetails} phase="final" />
            )}
          </>
        ) : f.choices.mode === "readonly" ? (
          <div className="mt-3">
            <p className="rounded border-l-4 border-france bg-france-light p-3">{f.choices.enteredBy}.</p>
            <IntentionSummary
              items={f.validatedChoices ?? []}
              offered={file.offeredSpecialties}
              label="Choix"
              listLabel="Choix définitifs par ordre de préférence"
            />
          </div>
        ) : (
          <GuidanceBlock g={g(f.choices.text)} className="mt-3" />
        )}
        <GuidanceBlock
          g={g(PROCEDURE_NOTICE)}
          lead={guidance(locale, "intentions.noteLabel")}
          className="mt-4 rounded border border-gray-300 bg-gray-50 p-3 text-sm"
        />
      </section>

      {f.proposals ? (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title" className="text-xl font-bold">
            {ANSWER_TITLE}
          </h2>
          {f.proposals.choices.length > 0 ? (
            <>
              <h3 className="mt-3 text-lg font-bold">Réponses du conseil de classe à vos choix</h3>
              <ol className="mt-2 space-y-2">
                {f.proposals.choices.map((p) => (
                  <ProposalItem key={p.id} p={p} />
                ))}
              </ol>
            </>
          ) : null}
          {f.proposals.extras.length > 0 ? (
            <>
              <h3 className="mt-4 text-lg font-bold">{PROPOSALS_TITLE}</h3>
              <ul className="mt-2 space-y-2">
                {f.proposals.extras.map((p) => (
                  <ProposalItem key={p.id} p={p} />
                ))}
              </ul>
            </>
          ) : null}
          {f.answer.mode === "form" ? (
            <ProposalsAnswer studentId={f.answer.studentId} acceptable={acceptable} />
          ) : f.answer.mode === "waiting" ? (
            <GuidanceBlock g={g(f.answer.text)} className="mt-4 rounded border-l-4 border-gray-500 bg-gray-100 p-3" />
          ) : f.answer.mode === "done" ? (
            <div className="mt-4 space-y-2">
              <p className="rounded border-l-4 border-success bg-green-50 p-3 font-medium">{f.answer.text}</p>
              {f.answer.refusedAll ? (
                <p>Réponse : refus de toutes les propositions du conseil de classe.</p>
              ) : (
                <>
                  <p>Proposition(s) du conseil de classe acceptée(s) :</p>
                  <ul className="list-disc pl-6">
                    {f.answer.accepted.map((a) => (
                      <li key={a}>{a}</li>
                    ))}
                  </ul>
                </>
              )}
              {f.answer.contactText ? (
                <GuidanceBlock g={g(f.answer.contactText)} className="rounded border-l-4 border-error bg-red-50 p-3 font-medium" />
              ) : null}
            </div>
          ) : null}
          {f.agreement ? (
            <div className="mt-4">
              <h3 className="text-lg font-bold">Accord des représentants légaux</h3>
              <ul className="mt-2 space-y-1">
                {f.agreement.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
              {f.agreement.disagreementText ? (
                <GuidanceBlock g={g(f.agreement.disagreementText)} className="mt-2 rounded border-l-4 border-error bg-red-50 p-3" />
              ) : null}
              {f.agreement.form ? <AgreementForm studentId={file.studentId} question={f.agreement.form.question} /> : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
