"use client";

import { useState } from "react";
import { takeDecisionAction } from "@/lib/actions/school-decisions";
import { REASON_MAX_LENGTH, type Reasons } from "@/lib/domain/decision";
import type { CandidateOption } from "@/lib/domain/school-decisions-page";
import { ActionFeedback, buttonClass, FieldError } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { DecisionConfirm } from "./decision-confirm";

/**
 * R-FIN-8 / R-FIN-11: the head's decision, among the voies proposed by the council or asked for by
 * the family. A voie that differs from the family's request opens the three reasons, pre-filled
 * with editable sentences; replacing a decision asks for a confirmation.
 */
export function DecisionForm({
  studentId,
  seenUpdatedAt,
  candidates,
  currentKey,
  initialReasons,
  reasonLabels,
}: {
  studentId: string;
  seenUpdatedAt: string | null;
  candidates: CandidateOption[];
  currentKey: string | null;
  initialReasons: Reasons | null;
  reasonLabels: Record<keyof Reasons, string>;
}) {
  const act = useAction();
  const [key, setKey] = useState<string>(currentKey && candidates.some((c) => c.key === currentKey) ? currentKey : (candidates[0]?.key ?? ""));
  const reasonsFor = (k: string): Reasons | null =>
    k === currentKey && initialReasons ? initialReasons : (candidates.find((c) => c.key === k)?.templates ?? null);
  const [reasons, setReasons] = useState<Reasons | null>(reasonsFor(key));
  const chosen = candidates.find((c) => c.key === key);
  // After 2de GT, the voies neither proposed nor asked for are one list, apart (R-2GT-1).
  const main = candidates.filter((c) => !c.other);
  const others = candidates.filter((c) => c.other);
  const [otherKey, setOtherKey] = useState<string>(chosen?.other ? key : "");
  const choose = (k: string) => {
    setKey(k);
    setReasons(reasonsFor(k));
  };

  function submit(confirmed: boolean) {
    act.run(
      () => takeDecisionAction({ studentId, seenUpdatedAt, candidateKey: key, reasons: chosen?.differs ? reasons : null, confirmed }),
      "La décision d'orientation est enregistrée. La famille en sera informée après le transfert de la nuit.",
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <fieldset>
        <legend className="font-medium">Voie retenue par la décision</legend>
        {main.map((c) => (
          <div key={c.key} className="mt-1 flex items-start gap-2">
            <input
              type="radio"
              id={`decision-${c.key}`}
              name="candidateKey"
              value={c.key}
              checked={key === c.key}
              onChange={() => choose(c.key)}
              className="mt-1"
            />
            <label htmlFor={`decision-${c.key}`}>
              {c.label}
              {c.differs ? <span className="text-sm text-muted"> – diffère de la demande de la famille : décision à motiver</span> : null}
            </label>
          </div>
        ))}
        {others.length > 0 ? (
          <div className="mt-1 flex items-start gap-2">
            <input
              type="radio"
              id="decision-other"
              name="candidateKey"
              value={otherKey}
              checked={!!chosen?.other}
              onChange={() => choose(otherKey)}
              className="mt-1"
            />
            <div className="min-w-0 flex-1">
              <label htmlFor="decision-other">Autre voie</label>
              <label htmlFor="decision-other-voie" className="sr-only">
                Autre voie retenue par la décision
              </label>
              <select
                id="decision-other-voie"
                value={otherKey}
                onChange={(e) => {
                  setOtherKey(e.target.value);
                  choose(e.target.value);
                }}
                className="mt-1 block w-full max-w-md rounded border border-gray-500 px-2 py-1.5"
              >
                <option value="">— Choisir une voie —</option>
                {others.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
              {chosen?.other && chosen.differs ? <p className="text-sm text-muted">Diffère de la demande de la famille : décision à motiver.</p> : null}
            </div>
          </div>
        ) : null}
      </fieldset>
      {chosen?.differs && reasons ? (
        <fieldset className="mt-3">
          <legend className="font-medium">Motifs de la décision (obligatoires)</legend>
          <p className="text-sm text-muted">Phrases proposées, à compléter ou modifier : elles figureront sur la notification adressée à la famille.</p>
          {(Object.keys(reasonLabels) as (keyof Reasons)[]).map((k) => (
            <div key={k} className="mt-2">
              <label htmlFor={`reason-${k}`} className="block text-sm font-medium">
                {reasonLabels[k]}
              </label>
              <textarea
                id={`reason-${k}`}
                rows={3}
                maxLength={REASON_MAX_LENGTH}
                required
                value={reasons[k]}
                onChange={(e) => setReasons({ ...reasons, [k]: e.target.value })}
                aria-describedby={act.errorOf(k) ? `reason-${k}-error` : undefined}
                className="mt-1 w-full rounded border border-gray-500 px-2 py-1.5"
              />
              <FieldError id={`reason-${k}-error`} message={act.errorOf(k)} />
            </div>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className={`${buttonClass} mt-3`} disabled={act.pending || !key}>
        {currentKey ? "Modifier la décision" : "Prendre la décision"}
      </button>
      {act.feedback?.kind === "confirm" ? (
        <DecisionConfirm
          message={act.feedback.message}
          pending={act.pending}
          label="Confirmer la nouvelle décision"
          onConfirm={() => submit(true)}
          onCancel={() => act.setFeedback(null)}
        />
      ) : (
        <ActionFeedback feedback={act.feedback} inlineFieldErrors />
      )}
    </form>
  );
}
