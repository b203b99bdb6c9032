/** A column of a table's head: its label; `numeric` aligns it right (with its figures), `hidden` keeps it for screen readers only. */
export type ColumnHead = string | { label: string; numeric?: boolean; hidden?: boolean };

/** The head of a data table: one row of `<th scope="col">`, the label of each column (RGAA 5.6, 5.7). */
export function ColumnHeads({ columns, rowClassName = "border-b-2 border-gray-400 text-left" }: { columns: readonly ColumnHead[]; rowClassName?: string }) {
  return (
    <thead>
      <tr className={rowClassName}>
        {columns.map((c) => {
          const col = typeof c === "string" ? { label: c } : c;
          return (
            <th key={col.label} scope="col" className={col.numeric ? "p-2 text-right" : "p-2"}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
