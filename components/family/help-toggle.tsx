"use client";

import { useId, useState } from "react";
import { guidance, guidanceOfFrench, LOCALE_META } from "@/lib/i18n/guidance";
import { useGuidanceLocale } from "./language-context";

/**
 * R-INT-9: a help text (info-bulle) as a toggletip: a real button, reachable and operable with
 * the keyboard, that shows or hides the text right after it (announced by screen readers).
 */
export function HelpToggle({ subject, text }: { subject: string; text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  // R-OVS-5: the help in the family's language, followed by the official French text.
  const g = guidanceOfFrench(useGuidanceLocale(), text);
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
        {!open ? (
          ""
        ) : g.locale === "fr" ? (
          text
        ) : (
          <>
            <span lang={g.locale} dir={LOCALE_META[g.locale].dir} className="block">
              {g.text}
            </span>
            <span lang={g.locale} dir={LOCALE_META[g.locale].dir} className="mt-1 block font-medium">
              {guidance(g.locale, "language.frenchText").text} :
            </span>
            <span lang="fr" className="block">
              {g.fr}
            </span>
          </>
        )}
      </span>
    </span>
  );
}
