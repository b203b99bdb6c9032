"use client";

import { buttonClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import type { CandidateOption } from "@/lib/domain/school-decisions-page";

/** The warning of an entry that replaces or settles a decision, with its confirmation (R-FIN-8, R-FIN-9). */
export function DecisionConfirm({
  message,
  pending,
  label,
  onConfirm,
  onCancel,
}: {
  message: string;
  pending: boolean;
  label: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="alert" className="mt-2 rounded border-l-4 border-warning bg-orange-50 p-3">
      <p className="font-medium text-warning">{message}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={buttonClass} disabled={pending} onClick={onConfirm}>
          {label}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onCancel}>
          Annuler
        </button>
      </div>
    </div>
  );
}

/** The voies of a select (interview agreement, commission): the proposals and requests, then, after 2de GT, the other voies in their group. */
export function CandidateOptions({ candidates }: { candidates: readonly CandidateOption[] }) {
  const main = candidates.filter((c) => !c.other);
  const others = candidates.filter((c) => c.other);
  const option = (c: CandidateOption) => (
    <option key={c.key} value={c.key}>
      {c.label}
    </option>
  );
  return others.length === 0 ? (
    <>{main.map(option)}</>
  ) : (
    <>
      <optgroup label="Propositions et demandes de la famille">{main.map(option)}</optgroup>
      <optgroup label="Autres voies">{others.map(option)}</optgroup>
    </>
  );
}
