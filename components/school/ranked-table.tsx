/** One ranked voie of a student with the council's word on it and its note (avis or proposal). */
export type RankedRow = { id: string; rank: number; label: string; value: string; note: string | null };

/**
 * The table of a student's ranked voies, as the back-office shows them in several places:
 * rank, voie (the row's header), the council's answer, its comment or motivation.
 */
export function RankedTable({
  caption,
  headers,
  rows,
  className,
}: {
  caption: string;
  headers: readonly [string, string, string, string];
  rows: readonly RankedRow[];
  className?: string;
}) {
  return (
    <table className={`w-full border-collapse text-sm ${className ?? ""}`}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-gray-400 text-left">
          {headers.map((h) => (
            <th key={h} scope="col" className="p-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-gray-200 align-top">
            <td className="p-2">{r.rank}</td>
            <th scope="row" className="p-2 text-left font-normal">
              {r.label}
            </th>
            <td className="p-2">{r.value}</td>
            <td className="p-2">{r.note ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
