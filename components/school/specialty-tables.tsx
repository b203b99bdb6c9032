import { ScrollRegion } from "@/components/school/scroll-region";
import { OUTSIDE_SCHOOL_TEXT, voieRankText, type SpecialtyPlanningView } from "@/lib/domain/specialty-planning";

/*
 * R-2GT-4: the two tables of «Enseignements de spécialité demandés»: the totals (spécialité × rang,
 * offered by the lycée or «hors établissement», with the totals per rank in the footer) and the
 * spécialités of each student in the family's order. Each in a focusable scroll region (375 px).
 */

export function SpecialtyTotalsTable({ view }: { view: SpecialtyPlanningView }) {
  const [first, offered, ...counts] = view.totals.headers;
  return (
    <ScrollRegion label="Totaux par enseignement de spécialité et par rang" className="mt-3">
      <table className="w-full min-w-[640px] border-collapse text-sm" data-specialty-totals>
        <caption className="sr-only">{view.caption.totals}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400 text-left align-bottom">
            <th scope="col" className="p-2">
              {first}
            </th>
            <th scope="col" className="p-2">
              {offered}
            </th>
            {counts.map((h) => (
              <th key={h} scope="col" className="p-2 text-right">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.totals.body.map((row, i) => {
            const t = view.planning.specialties[i]!;
            return (
              <tr key={t.code} className="border-b border-gray-200 align-top" data-specialty={t.code}>
                <th scope="row" className="p-2 text-left font-medium">
                  {row[0]}
                </th>
                <td className={`p-2 ${t.outside ? "italic text-gray-700" : ""}`}>{row[1]}</td>
                {row.slice(2).map((n, j) => (
                  <td key={j} className={`p-2 text-right tabular-nums ${j === row.length - 3 ? "font-bold" : ""}`}>
                    {n}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {view.totals.foot.map((row, i) => (
            <tr key={String(row[0])} className={i === 0 ? "border-t-2 border-gray-400 font-bold" : "border-t border-gray-200"} data-rank-total={i}>
              <th scope="row" colSpan={2} className="p-2 text-left">
                {row[0]}
              </th>
              {row.slice(2).map((n, j) => (
                <td key={j} className="p-2 text-right tabular-nums">
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

export function SpecialtyStudentsTable({ view }: { view: SpecialtyPlanningView }) {
  const [, , ...rest] = view.studentHeaders; // «Nom», «Prénom» share the row header
  const rankCount = view.planning.rankCount;
  return (
    <ScrollRegion label="Enseignements de spécialité demandés par élève" className="mt-3">
      <table className="w-full min-w-[1100px] border-collapse text-sm" data-specialty-students>
        <caption className="sr-only">{view.caption.students}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400 text-left align-bottom">
            <th scope="col" className="p-2">
              Élève
            </th>
            {rest.map((h) => (
              <th key={h} scope="col" className="p-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.planning.students.map((r) => (
            <tr key={r.id} className="border-b border-gray-200 align-top" data-student={r.ine}>
              <th scope="row" className="p-2 text-left font-medium">
                {r.lastName} {r.firstName}
              </th>
              <td className="p-2">{r.ine}</td>
              <td className="p-2">{r.divisionCode}</td>
              <td className="p-2">{voieRankText(r)}</td>
              {Array.from({ length: rankCount }, (_, i) => {
                const sp = r.specialties[i];
                return (
                  <td key={i} className="p-2">
                    {sp ? (
                      <>
                        {sp.label}
                        {sp.outside ? <span className="block text-xs italic text-gray-700">({OUTSIDE_SCHOOL_TEXT})</span> : null}
                      </>
                    ) : null}
                  </td>
                );
              })}
              <td className="p-2">{r.enteredText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
