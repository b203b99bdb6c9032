import { formatParisDateTime } from "@/lib/domain/paris-time";
import { PHASE_LABELS } from "@/lib/domain/tracks";
import type { CalendarEntry } from "@/lib/services/family-home";

/** R-CAL-2 / R-CAL-4: the dates of each phase, labelled by term. */
export function CampaignCalendar({ entries, headingLevel = 3 }: { entries: CalendarEntry[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  if (entries.length === 0) return <p className="text-sm">Le calendrier de la campagne n&apos;est pas encore publié par l&apos;académie.</p>;
  return (
    <div>
      <H className="font-bold">Calendrier du service en ligne</H>
      <ul className="mt-2 space-y-2">
        {entries.map((e) => (
          <li key={e.phase} className="rounded border border-gray-300 p-3 text-sm">
            <p className="font-medium">
              {e.termLabel} – {PHASE_LABELS[e.phase]}
            </p>
            <p>
              Du {formatParisDateTime(e.opensAt)} au {formatParisDateTime(e.closesAt)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
