import {
  bulkDecisionCandidate,
  decisionCandidates,
  differsFromRequest,
  familyRequest,
  finalOutcome,
  finalOutcomeLabel,
  formatIsoDay,
  maintienOpen,
  reasonTemplates,
  REASON_LABELS,
  type FinalOutcomeFacts,
  type Reasons,
} from "./decision";
import { formatParisDateTime, toParisInputValue } from "./paris-time";
import { personName } from "./person-name";
import { describeItemLong } from "./school-requests";
import { describeTrack } from "./tracks";
import type { IsoDay } from "./working-days";

/*
 * The back-office screens of the end of the final phase (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12):
 * the «Décision d'orientation» section of a student's file, the division's decisions by
 * agreement, and the page «Entretiens à mener et délais d'appel». Pure view-models.
 */

/** One student as the loaders read it (lib/db/repositories/final-outcome.ts). */
export type OutcomeRow = {
  studentId: string;
  firstName: string;
  lastName: string;
  divisionId: string;
  divisionCode: string;
  facts: FinalOutcomeFacts;
  decisionUpdatedAt: Date | null;
  decisionDay: IsoDay | null;
  interviewNotes?: ReadonlyMap<string, string | null>;
  appealNotes?: string | null;
};

const nameOf = (r: Pick<OutcomeRow, "firstName" | "lastName">) => personName({ civility: null, firstName: r.firstName, lastName: r.lastName });

// ---------------------------------------------------------------------------------------------
// R-FIN-8: the decisions of a division whose families agreed, taken together after a summary.

export type BulkSummary = { items: { studentId: string; name: string; candidateKey: string; label: string }[]; fingerprint: string };

export function bulkSummary(rows: readonly OutcomeRow[], today: IsoDay): BulkSummary {
  const items: BulkSummary["items"] = [];
  for (const r of rows) {
    const c = bulkDecisionCandidate(r.facts, today);
    if (c) items.push({ studentId: r.studentId, name: nameOf(r), candidateKey: c.key, label: c.label });
  }
  return { items, fingerprint: fingerprintOf(items) };
}

/** The version of a summary: who, and which voie; the head's confirmation is refused when it changed since. */
export function fingerprintOf(items: readonly { studentId: string; candidateKey: string }[]): string {
  return items
    .map((i) => `${i.studentId}=${i.candidateKey}`)
    .sort()
    .join(",");
}

export function parseFingerprint(fp: string): { studentId: string; candidateKey: string }[] {
  if (fp === "") return [];
  return fp.split(",").map((part) => {
    const at = part.indexOf("=");
    return { studentId: part.slice(0, at), candidateKey: part.slice(at + 1) };
  });
}

export const BULK_STALE_MESSAGE =
  "La liste des élèves dont la famille a donné son accord a changé depuis l'affichage du récapitulatif. Rechargez la page et vérifiez-le avant de confirmer.";
export const BULK_EMPTY_MESSAGE = "Aucun élève de cette division n'a de décision à prendre avec l'accord de sa famille.";

export type DivisionDecisionsView = {
  heading: string;
  intro: string;
  items: { studentId: string; text: string }[];
  fingerprint: string;
  emptyText: string | null;
  buttonLabel: string;
  confirmText: string;
};

export function describeDivisionDecisions(divisionCode: string, rows: readonly OutcomeRow[], today: IsoDay): DivisionDecisionsView {
  const s = bulkSummary(rows, today);
  const n = s.items.length;
  return {
    heading: "Décisions d'orientation",
    intro:
      "Élèves dont la famille a accepté une proposition du conseil de classe, avec l'accord de chaque représentant légal : la décision reprend la proposition acceptée (la première, si la famille en a accepté plusieurs).",
    items: s.items.map((i) => ({ studentId: i.studentId, text: `${i.name} → ${i.label}` })),
    fingerprint: s.fingerprint,
    emptyText: n === 0 ? `Aucune décision à prendre avec l'accord de la famille en ${divisionCode}.` : null,
    buttonLabel: `Prendre les ${n} décision(s) d'orientation`,
    confirmText: `Confirmez-vous les ${n} décision(s) d'orientation de la division ${divisionCode} indiquées ci-dessus ? Chaque famille en sera informée après le transfert de la nuit.`,
  };
}

// ---------------------------------------------------------------------------------------------
// «Entretiens à mener et délais d'appel».

export const DECISIONS_PAGE_TITLE = "Entretiens à mener et délais d'appel";

export type DecisionsPageView = {
  interviews: { studentId: string; name: string; divisionCode: string; reason: string }[];
  decisionsDue: { studentId: string; name: string; divisionCode: string; reason: string }[];
  deadlines: { studentId: string; name: string; divisionCode: string; decision: string; state: string; sortKey: number }[];
};

export function describeDecisionsPage(rows: readonly OutcomeRow[], today: IsoDay): DecisionsPageView {
  const view: DecisionsPageView = { interviews: [], decisionsDue: [], deadlines: [] };
  for (const r of rows) {
    const o = finalOutcome(r.facts, today);
    const base = { studentId: r.studentId, name: nameOf(r), divisionCode: r.divisionCode };
    if (o.kind === "interview_due" || o.kind === "decision_after_interview_due") view.interviews.push({ ...base, reason: finalOutcomeLabel(o) });
    else if (o.kind === "decision_due" || o.kind === "answer_outdated") view.decisionsDue.push({ ...base, reason: finalOutcomeLabel(o) });
    else if (o.kind === "decided" && (o.window.status === "open" || o.window.status === "awaiting_notice")) {
      const w = o.window;
      view.deadlines.push({
        ...base,
        decision: describeTrack(o.decision),
        state:
          w.status === "open"
            ? `Délai d'appel jusqu'au ${formatIsoDay(w.deadline)} : ${w.workingDaysLeft} jour(s) ouvrable(s) restant(s)`
            : "Notification à la famille en attente (le délai d'appel n'a pas commencé)",
        sortKey: w.status === "open" ? w.workingDaysLeft : 1000,
      });
    } else if (o.kind === "appeal_pending") {
      view.deadlines.push({
        ...base,
        decision: describeTrack(o.decision),
        state: `Appel enregistré le ${formatIsoDay(o.appeal.requestedOn)}${
          o.appeal.commissionDate ? ` – commission d'appel le ${formatIsoDay(o.appeal.commissionDate)}` : ""
        } : décision de la commission attendue`,
        sortKey: 2000,
      });
    }
  }
  view.deadlines.sort((a, b) => a.sortKey - b.sortKey || a.name.localeCompare(b.name, "fr"));
  return view;
}

// ---------------------------------------------------------------------------------------------
// The «Décision d'orientation» section of a student's file.

/** A voie a form may choose; `other`: after 2de GT, a voie neither proposed nor asked for (the forms list them apart). */
export type CandidateOption = { key: string; label: string; differs: boolean; acceptedByFamily: boolean; other: boolean; templates: Reasons | null };

export type DecisionSectionView = {
  stateText: string;
  interviewsText: string[];
  decisionText: string | null;
  reasonsLines: string[];
  noticeText: string | null;
  appealText: string | null;
  maintienText: string | null;
  /** The version of the decision the forms send back (stale screens refused). */
  seenUpdatedAt: string | null;
  forms: null | {
    interview: { candidates: CandidateOption[]; defaultHeldAt: string } | null;
    decision: { candidates: CandidateOption[]; replaces: boolean; currentKey: string | null; initialReasons: Reasons | null } | null;
    paperNotice: { minDay: IsoDay; maxDay: IsoDay } | null;
    appeal: { minDay: IsoDay; maxDay: IsoDay } | null;
    commission: { candidates: CandidateOption[]; minDay: IsoDay; maxDay: IsoDay; currentKey: string | null } | null;
    maintien: boolean;
  };
  reasonLabels: typeof REASON_LABELS;
};

/** Null when the section is not shown: outside the final phase's end, before the family's answer. */
export function describeDecisionSection(r: OutcomeRow, today: IsoDay, now: Date, opts: { canDecide: boolean }): DecisionSectionView | null {
  const f = r.facts;
  const o = finalOutcome(f, today);
  if (o.kind === "none" && !f.decision) return null;
  const request = familyRequest(f);
  const requestText = request.length > 0 ? request.map(describeTrack).join(" ; ") : null;
  const candidates = decisionCandidates(f).map((c): CandidateOption => {
    const differs = differsFromRequest(f, c.item);
    return {
      key: c.key,
      label:
        c.label +
        (c.acceptedByFamily
          ? " (acceptée par la famille)"
          : c.from === "choice"
            ? " (demande de la famille)"
            : c.from === "proposal"
              ? " (proposition du conseil)"
              : ""),
      differs,
      acceptedByFamily: c.acceptedByFamily,
      other: c.from === "other",
      templates: differs ? reasonTemplates({ studentFirstName: r.firstName, decision: c.label, request: requestText }) : null,
    };
  });
  const d = f.decision;
  const interviewsText = f.interviews.map((i) => {
    const notes = r.interviewNotes?.get(i.id);
    const agreed =
      i.outcome === "agreement" && i.agreedTrack ? `accord sur ${describeTrack({ track: i.agreedTrack, subTrack: i.agreedSubTrack })}` : "désaccord maintenu";
    return `Entretien du ${formatParisDateTime(i.heldAt)} (${i.participants}) : ${agreed}${notes ? `. ${notes}` : ""}`;
  });
  const sourceText = d
    ? d.source === "agreement"
      ? "avec l'accord de la famille"
      : d.source === "head"
        ? "par le chef d'établissement"
        : "par la commission d'appel"
    : "";
  const decisionText = d
    ? `Décision d'orientation : ${describeItemLong(d)} (prise ${sourceText}, ${d.decidedByName}, le ${formatParisDateTime(d.decidedAt)})${
        d.differsFromRequest ? " – diffère de la demande de la famille" : ""
      }.`
    : null;
  const reasonsLines = d
    ? (
        [
          [REASON_LABELS.knowledge, d.reasonKnowledge],
          [REASON_LABELS.abilities, d.reasonAbilities],
          [REASON_LABELS.interests, d.reasonInterests],
        ] as const
      )
        .filter((p): p is readonly [string, string] => !!p[1])
        .map(([label, text]) => `${label} : ${text}`)
    : [];
  let noticeText: string | null = null;
  if (d && d.differsFromRequest && d.source !== "commission") {
    if (!d.notifiedOn)
      noticeText =
        "Notification à la famille en attente : le délai d'appel commence à sa réception (courriel après le transfert de la nuit, ou remise sur papier).";
    else {
      const how = d.noticeChannel === "paper" ? "remise sur papier" : "par courriel";
      const w = o.kind === "decided" ? o.window : null;
      noticeText =
        `Notification reçue le ${formatIsoDay(d.notifiedOn)} (${how}).` +
        (d.appealDeadline ? ` Délai d'appel jusqu'au ${formatIsoDay(d.appealDeadline)}` : "") +
        (w?.status === "open" ? ` : ${w.workingDaysLeft} jour(s) ouvrable(s) restant(s).` : w?.status === "expired" ? " : expiré." : ".");
    }
  } else if (d?.notifiedOn) {
    noticeText = `Notification reçue le ${formatIsoDay(d.notifiedOn)} (${d.noticeChannel === "paper" ? "remise sur papier" : "par courriel"}).`;
  }
  const ap = f.appeal;
  const appealText = ap
    ? `Appel de la famille reçu le ${formatIsoDay(ap.requestedOn)}.` +
      (ap.outcome === "pending"
        ? " Décision de la commission d'appel attendue."
        : ` Commission d'appel du ${ap.commissionDate ? formatIsoDay(ap.commissionDate) : "—"} : ${
            ap.outcome === "upheld" ? "décision confirmée" : "décision modifiée"
          } (${ap.commissionTrack ? describeTrack({ track: ap.commissionTrack, subTrack: ap.commissionSubTrack }) : "—"}).${r.appealNotes ? ` ${r.appealNotes}` : ""}`)
    : null;
  const maintienText = d?.maintienAt ? `Maintien dans la classe d'origine demandé par la famille (enregistré le ${formatParisDateTime(d.maintienAt)}).` : null;

  let forms: DecisionSectionView["forms"] = null;
  if (opts.canDecide && !f.outOfProcedure) {
    const windowStatus = o.kind === "decided" ? o.window.status : null;
    const changeable = o.kind === "decision_due" || o.kind === "decision_after_interview_due" || (o.kind === "decided" && windowStatus !== "expired");
    const interviewDue = !d && (o.kind === "interview_due" || o.kind === "decision_after_interview_due");
    const decisionCandidatesShown =
      o.kind === "decision_due" || (o.kind === "decided" && d?.source === "agreement") ? candidates.filter((c) => c.acceptedByFamily) : candidates;
    const decisionAllowed = changeable && (o.kind !== "decided" || f.interviews.length > 0 || d?.source === "agreement");
    forms = {
      interview: interviewDue ? { candidates, defaultHeldAt: toParisInputValue(now) } : null,
      decision: decisionAllowed
        ? {
            candidates: decisionCandidatesShown,
            replaces: !!d,
            currentKey: d ? `${d.track}|${d.subTrack}` : null,
            initialReasons:
              d?.differsFromRequest && d.reasonKnowledge
                ? { knowledge: d.reasonKnowledge, abilities: d.reasonAbilities ?? "", interests: d.reasonInterests ?? "" }
                : null,
          }
        : null,
      paperNotice: d && d.differsFromRequest && d.source !== "commission" && !d.notifiedOn ? { minDay: r.decisionDay ?? today, maxDay: today } : null,
      appeal: o.kind === "decided" && windowStatus === "open" && d?.notifiedOn ? { minDay: d.notifiedOn, maxDay: today } : null,
      commission:
        o.kind === "appeal_pending"
          ? { candidates, minDay: o.appeal.requestedOn, maxDay: today, currentKey: `${o.decision.track}|${o.decision.subTrack}` }
          : null,
      maintien: maintienOpen(f) && !d?.maintienAt,
    };
  }
  return {
    stateText: finalOutcomeLabel(o) || (d ? "Décision prise" : ""),
    interviewsText,
    decisionText,
    reasonsLines,
    noticeText,
    appealText,
    maintienText,
    seenUpdatedAt: r.decisionUpdatedAt ? r.decisionUpdatedAt.toISOString() : null,
    forms,
    reasonLabels: REASON_LABELS,
  };
}
