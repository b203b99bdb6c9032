"use client";

import { useId, useState } from "react";

/**
 * R-INT-9: a help text (info-bulle) as a toggletip: a real button, reachable and operable with
 * the keyboard, that shows or hides the text right after it (announced by screen readers).
 */
export function HelpToggle({ subject, text }: { subject: string; text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="inline">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`Aide : ${subject}`}
        title={`Aide : ${subject}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.stopPropagation();
            e.preventDefault();
            setOpen(false);
          }
        }}
        className="ml-1 inline-flex h-6 w-6 items-center justify-center rounded-full border border-france text-sm font-bold text-france hover:bg-france-light"
      >
        ?
      </button>
      <span id={id} role="status" className={open ? "mt-1 block rounded border border-gray-300 bg-gray-50 p-2 text-sm font-normal text-ink" : ""}>
        {open ? text : ""}
      </span>
    </span>
  );
}
