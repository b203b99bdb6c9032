import { studentCells, studentHeaders, totalsHeaders, totalsTable, type SpecialtyPlanning } from "@/lib/domain/specialty-planning";
import { neutraliseFormula, safeCell } from "./cells";
import { csvText } from "./student-list";

/*
 * R-2GT-4: the spécialités requested, as a spreadsheet, with the same rows as the screen.
 *
 * CSV (one table a spreadsheet opens as is): the per-student rows first (header line, then one
 * line per student: name, INE, division, the rank of the 1re générale, one column per rank of
 * spécialité, who entered it), then ONE blank line, then the totals (header line, one line per
 * spécialité: whether the lycée offers it, the count at each rank, the total; then «Total par
 * rang», «dont proposés dans l'établissement», «dont hors établissement»). Every text cell is
 * formula-neutralised like the student list's CSV.
 *
 * XLSX: two sheets, «Élèves» (the per-student rows) and «Totaux» (the totals, counts as numbers).
 */

function tableOf(p: SpecialtyPlanning): { students: string[][]; totals: (string | number)[][] } {
  const t = totalsTable(p);
  return {
    students: [studentHeaders(p.rankCount), ...p.students.map((r) => studentCells(r, p.rankCount))],
    totals: [totalsHeaders(p.rankCount), ...t.body, ...t.foot],
  };
}

export function specialtyPlanningCsv(p: SpecialtyPlanning): string {
  const { students, totals } = tableOf(p);
  const text = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => neutraliseFormula(String(c))));
  return csvText([...text(students), [], ...text(totals)]);
}

export async function specialtyPlanningXlsx(p: SpecialtyPlanning, title: string): Promise<Buffer> {
  const { students, totals } = tableOf(p);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Orientation";
  wb.title = title;
  // Text cells neutralised like the CSV's; counts stay numbers.
  const sheet = (name: string, rows: (string | number)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = widths.map((width) => ({ width }));
    for (const r of rows) ws.addRow(r.map(safeCell));
    ws.getRow(1).font = { bold: true };
    ws.eachRow((row) => {
      row.alignment = { vertical: "top", wrapText: true };
    });
    return ws;
  };
  const st = sheet("Élèves", students, [18, 14, 14, 9, 12, ...Array<number>(p.rankCount).fill(30), 50]);
  st.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: students[0]!.length } };
  const tt = sheet("Totaux", totals, [44, 22, ...Array<number>(p.rankCount).fill(9), 9]);
  tt.getRow(totals.length - 2).font = { bold: true }; // «Total par rang»
  return Buffer.from(await wb.xlsx.writeBuffer());
}
