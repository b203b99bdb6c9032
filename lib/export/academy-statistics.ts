import { statisticsSheets, type StatisticsView } from "@/lib/domain/academy-statistics";
import { safeCell } from "./cells";

/**
 * R-OVS-1: the statistics page as a spreadsheet: one sheet per table (the summary first), each
 * with the table's title on its first line, then its column heads and rows as on the screen
 * (counts as numbers, rates as text; every text cell formula-neutralised, docs/security-inputs.md).
 */
export async function statisticsXlsx(view: StatisticsView): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Orientation";
  wb.title = view.title;
  for (const sheet of statisticsSheets(view)) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 2 }] });
    ws.addRow([safeCell(sheet.title)]).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(r.map(safeCell));
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 48 : 22;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
