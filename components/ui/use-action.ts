"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/define-action";

export type Feedback = { kind: "success" | "error" | "confirm"; message: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * Runs a server action (lib/actions/define-action.ts), keeps its French answer for a live region,
 * and refreshes the server components on success. A CONFIRMATION_REQUIRED answer is kept apart so
 * the caller can show the warning and ask for the confirmation (R-SCH-5, R-SCH-6).
 */
export function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  function run<T>(call: () => Promise<ActionResult<T>>, success: string | ((data: T) => string)) {
    setFeedback(null);
    startTransition(async () => {
      const res = await call();
      if (res.ok) {
        setFeedback({ kind: "success", message: typeof success === "function" ? success(res.data) : success });
        router.refresh();
      } else if (res.code === "CONFIRMATION_REQUIRED") {
        setFeedback({ kind: "confirm", message: res.message });
      } else {
        setFeedback({ kind: "error", message: res.message, fieldErrors: res.fieldErrors });
      }
    });
  }
  /** One field's errors, for a message next to its input. */
  const errorOf = (field: string): string | undefined => feedback?.fieldErrors?.[field]?.join(" ");
  return { pending, feedback, setFeedback, run, errorOf };
}
