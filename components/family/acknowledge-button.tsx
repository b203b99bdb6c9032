"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acknowledgeOpinionsAction } from "@/lib/actions/family";
import { ACKNOWLEDGE_BUTTON_LABEL } from "@/lib/domain/acknowledgement";

/** R-ACK-1: acknowledges the avis, once. The page then shows who acknowledged and when. */
export function AcknowledgeButton({ studentId }: { studentId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-3">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await acknowledgeOpinionsAction({ studentId });
            if (!result.ok) setError(result.message);
            router.refresh();
          })
        }
        className="rounded border border-france bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60"
      >
        {pending ? "Enregistrement…" : ACKNOWLEDGE_BUTTON_LABEL}
      </button>
      {error ? (
        <p role="alert" className="mt-3 rounded border-l-4 border-error bg-red-50 p-3">
          {error}
        </p>
      ) : null}
    </div>
  );
}
