import type { OpinionLine } from "@/lib/domain/family-page";

/** R-ACK-1: the published avis provisoires, by rank of the intention they answer. */
export function OpinionsList({ opinions }: { opinions: readonly OpinionLine[] }) {
  return (
    <ol className="mt-3 space-y-2">
      {opinions.map((o) => (
        <li key={o.rank} className="rounded border border-gray-300 p-3">
          <p>
            <span className="font-bold">Intention {o.rank} :</span> {o.trackLabel}
          </p>
          {o.detailLines.map((line) => (
            <p key={line} className="text-sm text-muted">
              {line}
            </p>
          ))}
          <p className="mt-1">
            Avis du conseil de classe : <strong>{o.valueLabel}</strong>
          </p>
          {o.comment ? <p className="text-sm">Recommandations : {o.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
