import { fullItem, intentionDetailLines, type Intention } from "@/lib/domain/intentions";
import { requestItemKey } from "@/lib/domain/request-items";
import { describeTrack } from "@/lib/domain/tracks";
import { TrackAlertNotices } from "./track-alerts";

/**
 * The validated intentions (or final choices) by rank, with their details (recap and read-only
 * views, R-INT-1/7): the série or target in the voie's label, the ranked spécialités marked
 * «hors établissement» against the lycée's list, the statuses, the stage passerelle (R-2GT-1..5).
 */
export function IntentionSummary({
  items,
  offered = [],
  label = "Intention",
  listLabel = "Intentions d'orientation par ordre de préférence",
}: {
  items: readonly Intention[];
  offered?: readonly string[];
  label?: string;
  listLabel?: string;
}) {
  return (
    <ol className="mt-3 space-y-2" aria-label={listLabel}>
      {items.map((item, i) => (
        <li key={requestItemKey(fullItem(item))} className="rounded border border-gray-300 bg-white p-3">
          <p>
            <span className="font-bold">
              {label} {i + 1} :
            </span>{" "}
            {describeTrack({ track: item.track, subTrack: item.subTrack ?? "" })}
          </p>
          {intentionDetailLines(item, offered).map((line) => (
            <p key={line} className="text-sm text-muted">
              {line}
            </p>
          ))}
          <TrackAlertNotices item={item} />
        </li>
      ))}
    </ol>
  );
}
