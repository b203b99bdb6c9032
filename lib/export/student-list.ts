import type { StudentRow } from "@/lib/db/repositories/school-students";
import { awaitedAgreements, studentBadges, type Badge, type BadgeFacts, type FinalBadgeFacts } from "@/lib/domain/badges";
import {
  appealFactsOf,
  decisionFactsOf,
  disagreementOf,
  interviewFactsOf,
  finalOutcome,
  formatIsoDay,
  reasonsText,
  type FinalOutcome,
  type FinalOutcomeFacts,
} from "@/lib/domain/decision";
import { describeTrack } from "@/lib/domain/tracks";
import type { IsoDay } from "@/lib/domain/working-days";
import { OPINION_LABELS } from "@/lib/domain/opinions";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { itemDescriber } from "@/lib/domain/school-requests";
import { provisionalIntentionItems } from "@/lib/domain/school-lists";
import { deName } from "@/lib/domain/person-name";
import { neutraliseFormula } from "./cells";

export { neutraliseFormula };

/** One item in full (série, ranked spécialités marked «hors établissement» against the row's lycée, stage passerelle: R-2GT-4). */
const describeFor = (r: StudentRow) => itemDescriber(r.offeredSpecialties ?? []);

/*
 * R-SCH-10: the columns of the student list, shared by the screen and its exports (XLSX, CSV),
 * so the three always show the same thing: the identity and the pictograms, and the chosen
 * phase's steps (provisional: intentions, avis, acknowledgement; final: final choices,
 * proposals, answer, agreements, decision, interview, appeal). Pure: rows and the day shown in,
 * text out (the appeal deadline left is counted from `today`, a Europe/Paris day).
 */

export function badgeFactsOf(row: StudentRow, today: IsoDay): BadgeFacts {
  return {
    outOfProcedure: row.outOfProcedureReason ? { reason: row.outOfProcedureReason } : null,
    left: row.leftOn !== null && row.leftOn <= today ? { on: row.leftOn } : null,
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
    final: finalBadgeFactsOf(row, today),
  };
}

/** R-SCH-8, final phase: the facts of the final choices, proposals, answer and agreements. */
export function finalBadgeFactsOf(row: StudentRow, today: IsoDay): FinalBadgeFacts {
  const f = row.final;
  const published = f.proposals.map((p) => p.publishedAt).filter((d): d is Date => d !== null);
  return {
    familyEntry: f.entry,
    request: f.request
      ? {
          source: f.request.source,
          enteredByName: f.request.enteredByName,
          enteredAt: f.request.enteredAt,
          changedBySchool: f.request.changedBySchoolAt ? { name: f.request.changedBySchoolName ?? "", at: f.request.changedBySchoolAt } : null,
        }
      : null,
    proposalCount: f.proposals.length,
    proposalsPublishedAt: published.length > 0 ? new Date(Math.max(...published.map((d) => d.getTime()))) : null,
    answer: f.answer ? { source: f.answer.source, kind: f.answer.kind, byName: f.answer.answeredByName, at: f.answer.answeredAt } : null,
    agreementsAwaited: agreementsAwaitedOf(row),
    agreements: f.agreements.map((a) => ({ guardianName: a.guardianName, agrees: a.agrees, source: a.source, byName: a.answeredByName, at: a.answeredAt })),
    familyToInform: f.familyToInform?.toInform ?? false,
    procedure: {
      outcome: procedureOf(row, today),
      interviews: outcomeFactsOf(row).interviews,
      maintien: f.decision?.maintienAt ? { byName: f.decision.maintienByName ?? "", at: f.decision.maintienAt } : null,
    },
  };
}

/** R-FIN-7: the agreements with the answer still awaited (every guardian but the one who answered). */
function agreementsAwaitedOf(row: StudentRow): { count: number; names: string[] } {
  const f = row.final;
  return f.answer
    ? awaitedAgreements(
        f.guardians.map((g) => g.name),
        f.answer.answeredByName,
        f.agreements.map((a) => a.guardianName),
        f.answer.source,
      )
    : { count: 0, names: [] };
}

/** R-FIN-8 / R-FIN-9 / R-FIN-11: what lib/domain/decision.ts needs of a list row. */
export function outcomeFactsOf(row: StudentRow): FinalOutcomeFacts {
  const f = row.final;
  const d = f.decision;
  return {
    level: row.level,
    outOfProcedure: row.outOfProcedureReason !== null,
    choices: f.choices,
    proposals: f.proposals.map((p) => ({ ...p, kind: p.kind, answer: p.answer })),
    answer: f.answer ? { kind: f.answer.kind, acceptedProposalIds: f.answer.acceptedProposalIds } : null,
    agreements: f.agreements.map((a) => ({ agrees: a.agrees })),
    agreementsAwaited: agreementsAwaitedOf(row).count,
    interviews: f.interviews.map(interviewFactsOf),
    decision: d ? decisionFactsOf(d) : null,
    appeal: f.appeal ? appealFactsOf(f.appeal) : null,
  };
}

/** The state of the student's procedure on `today` (R-FIN-8, R-FIN-9, R-FIN-11). */
export function procedureOf(row: StudentRow, today: IsoDay): FinalOutcome {
  return finalOutcome(outcomeFactsOf(row), today);
}

export function badgesOf(row: StudentRow, today: IsoDay): Badge[] {
  return studentBadges(badgeFactsOf(row, today));
}

function birthDateFr(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Who entered something and when, as the fiches and the list say it (R-SCH-2, R-FIN-10). */
function enteredBy(source: "family" | "school", name: string, at: Date): string {
  return source === "family"
    ? `Saisie en ligne (TS) par ${name} le ${formatParisDateTime(at)}`
    : `Saisie par l'établissement (${name}) le ${formatParisDateTime(at)}`;
}

function finalChoicesEntryText(r: StudentRow): string {
  const f = r.final;
  const lines: string[] = [];
  if (f.request) {
    lines.push(enteredBy(f.request.source, f.request.enteredByName, f.request.enteredAt));
    if (f.request.changedBySchoolAt)
      lines.push(`Modifiés par l'établissement (${f.request.changedBySchoolName ?? ""}) le ${formatParisDateTime(f.request.changedBySchoolAt)}`);
  } else if (f.entry && !f.entry.nonTraitee) {
    lines.push(enteredBy("family", f.entry.enteredByName, f.entry.enteredAt));
  }
  if (f.entry?.nonTraitee) lines.push(`Saisie en ligne par ${f.entry.enteredByName} le ${formatParisDateTime(f.entry.enteredAt)}, non traitée`);
  return lines.join("\n");
}

/** The final choices by rank: the back-office's, or else the family's entry as received (TS). */
function finalChoiceItems(r: StudentRow) {
  if (r.final.choices.length > 0) return r.final.choices;
  return r.final.entry && !r.final.entry.nonTraitee ? r.final.entry.items : [];
}

function proposalText(r: StudentRow, p: StudentRow["final"]["proposals"][number]): string {
  const label =
    p.kind === "answer_to_choice"
      ? `${p.answer === "yes" ? "Oui" : "Non"} : ${describeFor(r)(r.final.choices.find((c) => c.id === p.choiceItemId) ?? p)}`
      : `Proposition : ${describeFor(r)(p)}`;
  return p.motivation ? `${label} – ${p.motivation}` : label;
}

function answerText(r: StudentRow): string {
  const a = r.final.answer;
  if (!a) return "";
  const accepted = r.final.proposals.filter((p) => a.acceptedProposalIds.includes(p.id)).map(describeFor(r));
  const what = a.kind === "refuse_all" ? "Refus de toutes les propositions" : `Accepte : ${accepted.join(" ; ")}`;
  return `${what} (${enteredBy(a.source, a.answeredByName, a.answeredAt).replace(/^S/, "s")})`;
}

function agreementsText(r: StudentRow): string {
  const f = r.final;
  if (!f.answer) return "";
  const lines = f.agreements.map(
    (a) => `${a.guardianName} : ${a.agrees ? "d'accord" : "pas d'accord"} (${enteredBy(a.source, a.answeredByName, a.answeredAt).replace(/^Saisie/, "saisi")})`,
  );
  const awaited = agreementsAwaitedOf(r);
  if (awaited.count > 0) lines.push(`Accord attendu ${awaited.names.length > 0 ? deName(awaited.names.join(", ")) : "de l'autre représentant légal"}`);
  return lines.join("\n");
}

export type StudentListColumn = {
  key: string;
  header: string;
  width: number;
  /** The phase whose screen and exports show the column; none: both. */
  phase?: "provisional" | "final";
  text: (row: StudentRow, today: IsoDay) => string;
};

const CHANNEL_LABELS = { email: "envoi par courrier électronique", paper: "remise en main propre" } as const;

/** R-FIN-9: the disagreement and each interview with the head (date, participants, outcome). */
function interviewText(r: StudentRow): string {
  const f = r.final;
  const lines: string[] = [];
  const disagreement = f.answer ? disagreementOf({ answer: f.answer, agreements: f.agreements }) : null;
  if (disagreement === "refused_all") lines.push("Désaccord : la famille refuse toutes les propositions");
  if (disagreement === "guardians_disagree") lines.push("Désaccord : un représentant légal n'est pas d'accord avec la réponse");
  for (const i of f.interviews) {
    const result =
      i.outcome === "agreement" && i.agreedTrack ? `accord sur ${describeTrack({ track: i.agreedTrack, subTrack: i.agreedSubTrack })}` : "désaccord maintenu";
    lines.push(`Entretien le ${formatParisDateTime(i.heldAt)} avec ${i.participants} : ${result}`);
  }
  if (disagreement && f.interviews.length === 0 && !f.decision) lines.push("Entretien à mener");
  return lines.join("\n");
}

/** R-FIN-8 / R-FIN-11: the voie, who took it and when, and whether it follows the family's request. */
function decisionText(r: StudentRow): string {
  const d = r.final.decision;
  if (!d) return "";
  const by =
    d.source === "commission"
      ? `Décision de la commission d'appel, enregistrée par ${d.decidedByName} le ${formatParisDateTime(d.decidedAt)}`
      : `Prise par ${d.decidedByName} le ${formatParisDateTime(d.decidedAt)}`;
  return [describeFor(r)(d), d.differsFromRequest ? "Différente de la demande de la famille" : "Conforme à la demande de la famille", by].join("\n");
}

/** R-FIN-11: the notice's day of receipt and channel, the deadline and the jours ouvrables left on `today`. */
function noticeText(r: StudentRow, today: IsoDay): string {
  const d = r.final.decision;
  if (!d) return "";
  const lines: string[] = [];
  if (d.notifiedOn) lines.push(`Notification reçue le ${formatIsoDay(d.notifiedOn)} (${CHANNEL_LABELS[d.noticeChannel ?? "email"]})`);
  const o = procedureOf(r, today);
  if (o.kind === "decided") {
    const w = o.window;
    if (w.status === "awaiting_notice") lines.push("Notification à la famille en attente");
    if (w.status === "open") {
      const n = w.workingDaysLeft;
      lines.push(
        `Délai d'appel : jusqu'au ${formatIsoDay(w.deadline)} inclus, ${n} jour${n > 1 ? "s" : ""} ouvrable${n > 1 ? "s" : ""} restant${n > 1 ? "s" : ""}`,
      );
    }
    if (w.status === "expired") lines.push(`Délai d'appel expiré le ${formatIsoDay(w.deadline)}`);
  } else if (d.appealDeadline) {
    lines.push(`Délai d'appel : jusqu'au ${formatIsoDay(d.appealDeadline)} inclus`);
  }
  return lines.join("\n");
}

/** R-FIN-9: the appeal's request, the commission's date and its decision. */
function appealText(r: StudentRow): string {
  const a = r.final.appeal;
  if (!a) return "";
  const lines = [`Appel demandé le ${formatIsoDay(a.requestedOn)} (enregistré par ${a.requestedByName})`];
  if (a.commissionDate) lines.push(`Commission d'appel le ${formatIsoDay(a.commissionDate)}`);
  if (a.outcome === "pending") lines.push("Décision de la commission d'appel attendue");
  else {
    const voie = a.commissionTrack ? describeTrack({ track: a.commissionTrack, subTrack: a.commissionSubTrack }) : "";
    lines.push(`Décision de la commission d'appel : ${voie} (${a.outcome === "upheld" ? "décision maintenue" : "décision modifiée"})`);
    if (a.commissionNotes) lines.push(a.commissionNotes);
  }
  return lines.join("\n");
}

/** R-FIN-12: the droit au maintien, when the family used it. */
function maintienText(r: StudentRow): string {
  const d = r.final.decision;
  return d?.maintienAt ? `Maintien dans la classe d'origine demandé (enregistré par ${d.maintienByName ?? ""} le ${formatParisDateTime(d.maintienAt)})` : "";
}

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
    phase: "provisional",
    text: (r) =>
      provisionalIntentionItems(r)
        .map((i) => `${i.rank} : ${describeFor(r)(i)}`)
        .join("\n"),
  },
  {
    key: "opinions",
    header: "Avis provisoires du conseil de classe",
    width: 40,
    phase: "provisional",
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
    phase: "provisional",
    text: (r) => (r.acknowledgement ? `Oui, par ${r.acknowledgement.acknowledgedByName} le ${formatParisDateTime(r.acknowledgement.acknowledgedAt)}` : "Non"),
  },
  {
    key: "finalChoices",
    header: "Choix définitifs de la famille",
    width: 40,
    phase: "final",
    text: (r) =>
      finalChoiceItems(r)
        .map((i) => `${i.rank} : ${describeFor(r)(i)}`)
        .join("\n"),
  },
  { key: "finalChoicesEntry", header: "Saisie des choix définitifs", width: 36, phase: "final", text: finalChoicesEntryText },
  {
    key: "proposals",
    header: "Propositions du conseil de classe",
    width: 40,
    phase: "final",
    text: (r) => r.final.proposals.map((p) => proposalText(r, p)).join("\n"),
  },
  {
    key: "proposalsEntry",
    header: "Saisie des propositions",
    width: 30,
    phase: "final",
    text: (r) => {
      const ps = r.final.proposals;
      if (ps.length === 0) return "";
      const last = ps.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
      const published = ps.map((p) => p.publishedAt).filter((d): d is Date => d !== null);
      const lines = [`Saisies par ${last.enteredByName}, modifiées le ${formatParisDateTime(last.updatedAt)}`];
      lines.push(
        published.length > 0
          ? `Publiées le ${formatParisDateTime(new Date(Math.max(...published.map((d) => d.getTime()))))}`
          : "Pas encore publiées à la famille",
      );
      return lines.join("\n");
    },
  },
  { key: "familyAnswer", header: "Réponse de la famille", width: 36, phase: "final", text: answerText },
  { key: "agreements", header: "Accord des représentants légaux", width: 40, phase: "final", text: agreementsText },
  { key: "interview", header: "Désaccord / entretien avec le chef d'établissement", width: 44, phase: "final", text: interviewText },
  { key: "decision", header: "Décision d'orientation", width: 40, phase: "final", text: decisionText },
  { key: "reasons", header: "Motifs", width: 50, phase: "final", text: (r) => (r.final.decision ? (reasonsText(r.final.decision) ?? "") : "") },
  { key: "notice", header: "Notification / délai d'appel", width: 36, phase: "final", text: noticeText },
  { key: "appeal", header: "Appel", width: 40, phase: "final", text: appealText },
  { key: "maintien", header: "Maintien", width: 30, phase: "final", text: maintienText },
  {
    key: "badges",
    header: "Repères",
    width: 50,
    text: (r, today) =>
      badgesOf(r, today)
        .map((b) => b.label)
        .join("\n"),
  },
];

/** R-SCH-10: the columns of a phase, on the screen and in its exports alike. */
export function screenColumns(phase: "provisional" | "final"): readonly StudentListColumn[] {
  return STUDENT_LIST_COLUMNS.filter((c) => !c.phase || c.phase === phase);
}

type ListPhase = "provisional" | "final";

/** The CSV's table for a phase (the screen's columns): headers, then each row's texts, formula-neutralised. */
export function studentListTable(rows: readonly StudentRow[], phase: ListPhase, today: IsoDay): string[][] {
  const columns = screenColumns(phase);
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => neutraliseFormula(c.text(r, today))))];
}

/** CSV for French spreadsheets: UTF-8 with BOM, ";" separated, CRLF, every field quoted and formula-neutralised (lib/export/cells.ts). */
export function csvText(table: readonly (readonly string[])[]): string {
  const quote = (s: string) => `"${neutraliseFormula(s).replace(/"/g, '""')}"`;
  return "\uFEFF" + table.map((line) => line.map(quote).join(";")).join("\r\n") + "\r\n";
}

export function studentListCsv(rows: readonly StudentRow[], phase: ListPhase, today: IsoDay): string {
  return csvText(studentListTable(rows, phase, today));
}

/** The XLSX of a phase, with the same columns as the screen and the CSV. */
export async function studentListXlsx(rows: readonly StudentRow[], title: string, phase: ListPhase, today: IsoDay): Promise<Buffer> {
  const columns = screenColumns(phase);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Orientation";
  wb.title = title;
  const ws = wb.addWorksheet("Élèves", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  // Neutralised like the CSV: a cell typed in by anyone is never a formula once edited or saved as CSV.
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, neutraliseFormula(c.text(r, today))])));
  ws.getRow(1).font = { bold: true };
  ws.eachRow((row) => {
    row.alignment = { vertical: "top", wrapText: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
