import Link from "next/link";
import type { FamilyFileView } from "@/lib/domain/family-page";
import { guidanceOfFrench, type Locale } from "@/lib/i18n/guidance";
import { GuidanceSpan } from "./language-block";

/**
 * R-CAL-2: the three steps as links (`?etape=`), the procedure's current step marked
 * (aria-current), the step shown highlighted, and under each what the family must do next.
 */
export function StepBar({ steps, locale = "fr" }: { steps: FamilyFileView["stepLinks"]; locale?: Locale }) {
  return (
    <nav aria-label="Étapes de la procédure d'orientation">
      <ol className="flex flex-col gap-2 sm:flex-row">
        {steps.map((s) => (
          <li key={s.number} className="sm:flex-1" aria-current={s.current ? "step" : undefined}>
            <Link
              href={s.href}
              className={`flex h-full flex-col rounded border-2 px-3 py-2 text-sm no-underline focus:outline-2 focus:outline-offset-2 ${
                s.selected ? "border-france bg-france text-white" : "border-gray-300 bg-white text-ink hover:border-france"
              }`}
            >
              <span className="flex items-center gap-2 font-medium">
                <span
                  aria-hidden="true"
                  className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full font-bold ${s.selected ? "bg-white text-france" : "bg-gray-200 text-ink"}`}
                >
                  {s.number}
                </span>
                <span>
                  <span className="sr-only">Étape {s.number} : </span>
                  {s.label}
                  {s.current ? <span> (étape en cours)</span> : null}
                  {s.selected ? <span className="sr-only"> (affichée)</span> : null}
                </span>
              </span>
              {/* R-OVS-5: what to do, in the family's language (the French text: one click on « Français »). */}
              <span className="mt-1 block">
                <GuidanceSpan g={guidanceOfFrench(locale, s.todo)} />
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
