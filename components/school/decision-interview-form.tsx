"use client";

import { useState } from "react";
import { recordInterviewAction } from "@/lib/actions/school-decisions";
import { REASON_MAX_LENGTH } from "@/lib/domain/decision";
import type { CandidateOption } from "@/lib/domain/school-decisions-page";
import { ActionFeedback, buttonClass, FieldError, inputClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { CandidateOptions } from "./decision-confirm";

/** R-FIN-9: the interview with the head, once held: when, who, its outcome (agreement on a voie, or disagreement maintained), notes. */
export function DecisionInterviewForm({
  studentId,
  seenUpdatedAt,
  candidates,
  defaultHeldAt,
}: {
  studentId: string;
  seenUpdatedAt: string | null;
  candidates: CandidateOption[];
  defaultHeldAt: string;
}) {
  const act = useAction();
  const [outcome, setOutcome] = useState<"agreement" | "disagreement">("disagreement");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        act.run(
          () =>
            recordInterviewAction({
              studentId,
              seenUpdatedAt,
              heldAt: String(fd.get("heldAt") ?? ""),
              participants: String(fd.get("participants") ?? ""),
              outcome,
              agreedCandidateKey: outcome === "agreement" ? String(fd.get("agreedCandidateKey") ?? "") || null : null,
              notes: String(fd.get("notes") ?? ""),
            }),
          "L'entretien est enregistré.",
        );
      }}
    >
      <label htmlFor="interview-heldAt" className="block font-medium">
        Date et heure de l&apos;entretien
      </label>
      <input
        id="interview-heldAt"
        name="heldAt"
        type="datetime-local"
        defaultValue={defaultHeldAt}
        required
        className={inputClass}
        aria-describedby={act.errorOf("heldAt") ? "interview-heldAt-error" : undefined}
      />
      <FieldError id="interview-heldAt-error" message={act.errorOf("heldAt")} />
      <label htmlFor="interview-participants" className="mt-3 block font-medium">
        Participants
      </label>
      <input
        id="interview-participants"
        name="participants"
        type="text"
        maxLength={REASON_MAX_LENGTH}
        required
        placeholder="Le chef d'établissement, les représentants légaux, l'élève…"
        className={inputClass}
        aria-describedby={act.errorOf("participants") ? "interview-participants-error" : undefined}
      />
      <FieldError id="interview-participants-error" message={act.errorOf("participants")} />
      <fieldset className="mt-3">
        <legend className="font-medium">Issue de l&apos;entretien</legend>
        <div className="mt-1 flex items-center gap-2">
          <input
            type="radio"
            id="interview-agreement"
            name="outcome"
            value="agreement"
            checked={outcome === "agreement"}
            onChange={() => setOutcome("agreement")}
          />
          <label htmlFor="interview-agreement">Accord</label>
        </div>
        <div className="mt-1 flex items-center gap-2">
          <input
            type="radio"
            id="interview-disagreement"
            name="outcome"
            value="disagreement"
            checked={outcome === "disagreement"}
            onChange={() => setOutcome("disagreement")}
          />
          <label htmlFor="interview-disagreement">Désaccord maintenu</label>
        </div>
      </fieldset>
      {outcome === "agreement" ? (
        <div className="mt-2">
          <label htmlFor="interview-agreed" className="block font-medium">
            Voie sur laquelle la famille et le chef d&apos;établissement se sont accordés
          </label>
          <select
            id="interview-agreed"
            name="agreedCandidateKey"
            className={inputClass}
            aria-describedby={act.errorOf("agreedCandidateKey") ? "interview-agreed-error" : undefined}
          >
            <CandidateOptions candidates={candidates} />
          </select>
          <FieldError id="interview-agreed-error" message={act.errorOf("agreedCandidateKey")} />
        </div>
      ) : null}
      <label htmlFor="interview-notes" className="mt-3 block font-medium">
        Notes (facultatif)
      </label>
      <textarea id="interview-notes" name="notes" rows={3} maxLength={REASON_MAX_LENGTH} className="mt-1 w-full rounded border border-gray-500 px-2 py-1.5" />
      <button type="submit" className={`${buttonClass} mt-3`} disabled={act.pending}>
        Enregistrer l&apos;entretien
      </button>
      <ActionFeedback feedback={act.feedback} inlineFieldErrors />
    </form>
  );
}
