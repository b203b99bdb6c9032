import type { StudentRow } from "@/lib/db/repositories/school-students";
import { studentBadges, type Badge, type BadgeFacts } from "@/lib/domain/badges";
import { OPINION_LABELS } from "@/lib/domain/opinions";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { describeItemLong } from "@/lib/domain/school-requests";

/*
 * R-SCH-10: the columns of the student list, shared by the screen and its exports (XLSX, CSV),
 * so the three always show the same thing. Pure: rows in, text out.
 */

export function badgeFactsOf(row: StudentRow): BadgeFacts {
  return {
    outOfProcedure: row.outOfProcedureReason ? { reason: row.outOfProcedureReason } : null,
    familyEntry: row.familyEntry,
    request: row.request
      ? {
          source: row.request.source,
          enteredByName: row.request.enteredByName,
          enteredAt: row.request.enteredAt,
          changedBySchool: row.request.changedBySchoolAt ? { name: row.request.changedBySchoolName ?? "", at: row.request.changedBySchoolAt } : null,
        }
      : null,
    opinionCount: row.request?.items.filter((i) => i.opinion).length ?? 0,
    acknowledgement: row.acknowledgement
      ? { byName: row.acknowledgement.acknowledgedByName, at: row.acknowledgement.acknowledgedAt, familyToInform: row.acknowledgement.familyToInform }
      : null,
  };
}

export function badgesOf(row: StudentRow): Badge[] {
  return studentBadges(badgeFactsOf(row));
}

function birthDateFr(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export type StudentListColumn = { key: string; header: string; width: number; text: (row: StudentRow) => string };

export const STUDENT_LIST_COLUMNS: readonly StudentListColumn[] = [
  { key: "lastName", header: "Nom", width: 18, text: (r) => r.lastName },
  { key: "firstName", header: "Prénom", width: 14, text: (r) => r.firstName },
  { key: "ine", header: "INE", width: 14, text: (r) => r.ine },
  { key: "birthDate", header: "Né(e) le", width: 11, text: (r) => birthDateFr(r.birthDate) },
  { key: "division", header: "Division", width: 9, text: (r) => r.divisionCode },
  { key: "mef", header: "MEF", width: 22, text: (r) => r.mefLabel },
  {
    key: "intentions",
    header: "Intentions de la famille",
    width: 50,
    text: (r) => (r.request?.items ?? []).map((i) => `${i.rank} : ${describeItemLong(i)}`).join("\n"),
  },
  {
    key: "opinions",
    header: "Avis provisoires du conseil de classe",
    width: 40,
    text: (r) =>
      (r.request?.items ?? [])
        .filter((i) => i.opinion)
        .map((i) => `${i.rank} : ${OPINION_LABELS[i.opinion!.value]}${i.opinion!.comment ? ` – ${i.opinion!.comment}` : ""}`)
        .join("\n"),
  },
  {
    key: "acknowledgement",
    header: "Accusé de réception",
    width: 28,
    text: (r) => (r.acknowledgement ? `Oui, par ${r.acknowledgement.acknowledgedByName} le ${formatParisDateTime(r.acknowledgement.acknowledgedAt)}` : "Non"),
  },
  {
    key: "finalChoices",
    header: "Choix définitifs de la famille",
    width: 40,
    text: (r) => r.final.choices.map((i) => `${i.rank} : ${describeItemLong(i)}`).join("\n"),
  },
  {
    key: "proposals",
    header: "Propositions du conseil de classe",
    width: 40,
    text: (r) =>
      r.final.proposals
        .map((p) => {
          const label =
            p.kind === "answer_to_choice"
              ? `${p.answer === "yes" ? "Oui" : "Non"} : ${describeItemLong(r.final.choices.find((c) => c.id === p.choiceItemId) ?? p)}`
              : `Proposition : ${describeItemLong(p)}`;
          return p.motivation ? `${label} – ${p.motivation}` : label;
        })
        .join("\n"),
  },
  {
    key: "familyAnswer",
    header: "Réponse de la famille",
    width: 36,
    text: (r) => {
      const a = r.final.answer;
      if (!a) return "";
      const accepted = r.final.proposals.filter((p) => a.acceptedProposalIds.includes(p.id)).map((p) => describeItemLong(p));
      const what = a.kind === "refuse_all" ? "Refus de toutes les propositions" : `Accepte : ${accepted.join(" ; ")}`;
      return `${what} (${a.answeredByName}, le ${formatParisDateTime(a.answeredAt)})`;
    },
  },
  {
    key: "decision",
    header: "Décision d'orientation",
    width: 36,
    text: (r) => (r.final.decision ? `${describeItemLong(r.final.decision)}${r.final.decision.differsFromRequest ? " (différente de la demande)" : ""}` : ""),
  },
  {
    key: "badges",
    header: "Repères",
    width: 50,
    text: (r) =>
      badgesOf(r)
        .map((b) => b.label)
        .join("\n"),
  },
];

export function studentListTable(rows: readonly StudentRow[]): string[][] {
  return [STUDENT_LIST_COLUMNS.map((c) => c.header), ...rows.map((r) => STUDENT_LIST_COLUMNS.map((c) => c.text(r)))];
}

/** CSV for French spreadsheets: UTF-8 with BOM, ";" separated, CRLF, every field quoted. */
export function studentListCsv(rows: readonly StudentRow[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return (
    "\uFEFF" +
    studentListTable(rows)
      .map((line) => line.map(quote).join(";"))
      .join("\r\n") +
    "\r\n"
  );
}

export async function studentListXlsx(rows: readonly StudentRow[], title: string): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Orientation";
  wb.title = title;
  const ws = wb.addWorksheet("Élèves", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = STUDENT_LIST_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of rows) ws.addRow(Object.fromEntries(STUDENT_LIST_COLUMNS.map((c) => [c.key, c.text(r)])));
  ws.getRow(1).font = { bold: true };
  ws.eachRow((row) => {
    row.alignment = { vertical: "top", wrapText: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: STUDENT_LIST_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
