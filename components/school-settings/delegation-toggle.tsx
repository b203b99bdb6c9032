"use client";

import { setDelegationAction } from "@/lib/actions/school-settings";
import { ActionFeedback, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { deName } from "@/lib/domain/person-name";

/** R-SCH-14: the head gives or takes back the delegation of a homeroom teacher. */
export function DelegationToggle({ accountId, name, delegated }: { accountId: string; name: string; delegated: boolean }) {
  const { pending, feedback, run } = useAction();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        className={secondaryButtonClass}
        onClick={() =>
          run(
            () => setDelegationAction({ accountId, delegated: !delegated }),
            delegated ? `La délégation ${deName(name)} est retirée.` : `${name} a désormais délégation sur toutes les divisions.`,
          )
        }
      >
        {delegated ? "Retirer la délégation" : "Donner la délégation"}
        <span className="sr-only"> à {name}</span>
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </div>
  );
}
