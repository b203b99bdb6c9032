import type { Badge } from "@/lib/domain/badges";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { itemDescriber } from "@/lib/domain/school-requests";
import type { TrackItem } from "@/lib/domain/tracks";

/** Ranked intentions, as the school reads them (série, ranked spécialités marked against the lycée's list `offered`, stage passerelle). */
export function TrackItemList({ items, offered = [] }: { items: readonly TrackItem[]; offered?: readonly string[] }) {
  if (items.length === 0) return <span className="text-muted">Aucune intention</span>;
  const describe = itemDescriber(offered);
  return (
    <ol className="space-y-0.5">
      {[...items]
        .sort((a, b) => a.rank - b.rank)
        .map((i) => (
          <li key={i.rank}>
            <span className="font-medium">{i.rank} :</span> {describe(i)}
          </li>
        ))}
    </ol>
  );
}

const TONES: Record<Badge["tone"], string> = {
  info: "border-france bg-france-light text-france",
  success: "border-success bg-green-50 text-success",
  warning: "border-warning bg-orange-50 text-warning",
  neutral: "border-gray-500 bg-gray-50 text-ink",
};

/** R-SCH-8: the pictograms, each with its full label in text (never an icon alone). */
export function BadgeList({ badges }: { badges: readonly Badge[] }) {
  if (badges.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1" aria-label="Repères">
      {badges.map((b) => (
        <li key={b.code} className={`rounded border px-1.5 py-0.5 text-xs ${TONES[b.tone]}`} data-badge={b.code}>
          <span aria-hidden="true" className="mr-1 font-bold">
            {b.mark}
          </span>
          {b.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * R-SCH-4: a family entry validated on the day of the council's opening, shown behind an icon
 * in the intention and avis lists (it was not turned into back-office intentions).
 */
export function NonTraiteeMarker({
  entry,
  offered = [],
}: {
  entry: { items: TrackItem[]; enteredByName: string; enteredAt: Date };
  offered?: readonly string[];
}) {
  return (
    <details className="mt-1 text-sm" data-marker="non-traitee">
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded border border-warning px-1.5 py-0.5 text-warning">
        <span aria-hidden="true" className="font-bold">
          ⊘
        </span>
        <span>Saisie non traitée</span>
      </summary>
      <div className="mt-1 rounded border border-gray-300 p-2">
        <p>
          Saisie effectuée sur le service en ligne Orientation par {entry.enteredByName} le {formatParisDateTime(entry.enteredAt)}, non traitée avant
          l&apos;ouverture du conseil de classe :
        </p>
        <TrackItemList items={entry.items} offered={offered} />
      </div>
    </details>
  );
}

/** R-SCH-5: the original family entry, kept and viewable after the school changed it. */
export function OriginalEntryMarker({
  items,
  enteredByName,
  enteredAt,
  offered = [],
}: {
  items: TrackItem[];
  enteredByName: string;
  enteredAt: Date;
  offered?: readonly string[];
}) {
  return (
    <details className="mt-1 text-sm" data-marker="original-entry">
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded border border-warning px-1.5 py-0.5 text-warning">
        <span aria-hidden="true" className="font-bold">
          ✎
        </span>
        <span>Voir la saisie initiale de la famille</span>
      </summary>
      <div className="mt-1 rounded border border-gray-300 p-2">
        <p>
          Saisie initiale (TS) par {enteredByName} le {formatParisDateTime(enteredAt)} :
        </p>
        <TrackItemList items={items} offered={offered} />
      </div>
    </details>
  );
}
