import type { DecisionSectionView } from "@/lib/domain/school-decisions-page";
import { AppealRequestForm, CommissionForm, MaintienButton, PaperNoticeForm } from "./decision-appeal-forms";
import { DecisionForm } from "./decision-form";
import { DecisionInterviewForm } from "./decision-interview-form";

/** R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: «Décision d'orientation» in a student's file; the forms for the head only. */
export function DecisionSection({ studentId, view }: { studentId: string; view: DecisionSectionView }) {
  const f = view.forms;
  const seen = view.seenUpdatedAt;
  return (
    <section aria-labelledby="decision-title" className="mt-8">
      <h2 id="decision-title" className="text-xl font-bold">
        Décision d&apos;orientation
      </h2>
      {view.stateText ? <p className="mt-2 font-medium">{view.stateText}</p> : null}
      {view.interviewsText.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {view.interviewsText.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      {view.decisionText ? <p className="mt-2">{view.decisionText}</p> : null}
      {view.reasonsLines.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {view.reasonsLines.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      {view.noticeText ? <p className="mt-2 text-sm">{view.noticeText}</p> : null}
      {view.appealText ? <p className="mt-2 text-sm">{view.appealText}</p> : null}
      {view.maintienText ? <p className="mt-2 text-sm">{view.maintienText}</p> : null}
      {f?.interview ? (
        <div className="mt-4 rounded border border-gray-300 p-3">
          <h3 className="font-bold">Entretien avec le chef d&apos;établissement</h3>
          <DecisionInterviewForm studentId={studentId} seenUpdatedAt={seen} candidates={f.interview.candidates} defaultHeldAt={f.interview.defaultHeldAt} />
        </div>
      ) : null}
      {f?.decision ? (
        <div className="mt-4 rounded border border-gray-300 p-3">
          <h3 className="font-bold">{f.decision.replaces ? "Modifier la décision d'orientation" : "Prendre la décision d'orientation"}</h3>
          <DecisionForm
            studentId={studentId}
            seenUpdatedAt={seen}
            candidates={f.decision.candidates}
            currentKey={f.decision.currentKey}
            initialReasons={f.decision.initialReasons}
            reasonLabels={view.reasonLabels}
          />
        </div>
      ) : null}
      {f?.paperNotice ? (
        <div className="mt-4">
          <PaperNoticeForm studentId={studentId} seenUpdatedAt={seen} minDay={f.paperNotice.minDay} maxDay={f.paperNotice.maxDay} />
        </div>
      ) : null}
      {f?.appeal ? (
        <div className="mt-4">
          <AppealRequestForm studentId={studentId} seenUpdatedAt={seen} minDay={f.appeal.minDay} maxDay={f.appeal.maxDay} />
        </div>
      ) : null}
      {f?.commission ? (
        <div className="mt-4 rounded border border-gray-300 p-3">
          <h3 className="font-bold">Décision de la commission d&apos;appel</h3>
          <CommissionForm
            studentId={studentId}
            seenUpdatedAt={seen}
            candidates={f.commission.candidates}
            minDay={f.commission.minDay}
            maxDay={f.commission.maxDay}
            currentKey={f.commission.currentKey}
          />
        </div>
      ) : null}
      {f?.maintien ? (
        <div className="mt-4">
          <MaintienButton studentId={studentId} seenUpdatedAt={seen} />
        </div>
      ) : null}
    </section>
  );
}
