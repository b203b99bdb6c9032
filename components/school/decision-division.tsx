"use client";

import { useState } from "react";
import { takeDivisionDecisionsAction } from "@/lib/actions/school-decisions";
import type { DivisionDecisionsView } from "@/lib/domain/school-decisions-page";
import { ActionFeedback, buttonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { DecisionConfirm } from "./decision-confirm";

/** R-FIN-8: the decisions of the division's students whose family agreed, taken together after the head confirmed the summary. */
export function DivisionDecisions({ divisionId, view }: { divisionId: string; view: DivisionDecisionsView }) {
  const act = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <div>
      <p className="text-sm">{view.intro}</p>
      {view.emptyText ? (
        <p className="mt-2">{view.emptyText}</p>
      ) : (
        <>
          <ul className="mt-2 list-disc pl-5" aria-label="Décisions qui seront prises">
            {view.items.map((i) => (
              <li key={i.studentId}>{i.text}</li>
            ))}
          </ul>
          {!confirming ? (
            <button
              type="button"
              className={`${buttonClass} mt-3`}
              onClick={() => {
                act.setFeedback(null);
                setConfirming(true);
              }}
            >
              {view.buttonLabel}
            </button>
          ) : (
            <DecisionConfirm
              message={view.confirmText}
              pending={act.pending}
              label="Confirmer les décisions"
              onConfirm={() =>
                act.run(
                  () => takeDivisionDecisionsAction({ divisionId, fingerprint: view.fingerprint }),
                  (d) => {
                    setConfirming(false);
                    return d.taken === 0 ? "Ces décisions étaient déjà enregistrées." : `${d.taken} décision(s) d'orientation enregistrée(s).`;
                  },
                )
              }
              onCancel={() => setConfirming(false)}
            />
          )}
        </>
      )}
      <ActionFeedback feedback={act.feedback} />
    </div>
  );
}
