import { intentionDetailLines, type Intention } from "@/lib/domain/intentions";
import { describeTrack } from "@/lib/domain/tracks";

/** The validated intentions by rank, with their details (recap and read-only views, R-INT-1/7). */
export function IntentionSummary({
  items,
  label = "Intention",
  listLabel = "Intentions d'orientation par ordre de préférence",
}: {
  items: readonly Intention[];
  label?: string;
  listLabel?: string;
}) {
  return (
    <ol className="mt-3 space-y-2" aria-label={listLabel}>
      {items.map((item, i) => (
        <li key={item.track} className="rounded border border-gray-300 bg-white p-3">
          <p>
            <span className="font-bold">
              {label} {i + 1} :
            </span>{" "}
            {describeTrack({ track: item.track, subTrack: "" })}
          </p>
          {intentionDetailLines(item).map((line) => (
            <p key={line} className="text-sm text-muted">
              {line}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
