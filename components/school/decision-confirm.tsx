"use client";

import { buttonClass, secondaryButtonClass } from "@/components/ui/action-feedback";

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
