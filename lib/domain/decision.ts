import { DomainError } from "./errors";
import { proposableVoies } from "./request-items";
import { describeTrack, trackItem, trackItemOf, type Level, type TrackItem } from "./tracks";
import { appealDeadline, isIsoDay, workingDaysLeft, type IsoDay } from "./working-days";

/*
 * The end of the final phase (docs/rules.md R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12): from the
 * family's answer to the orientation decision, through the interview with the head and the appeal
 * commission when there is no agreement. Pure: the state of one student's procedure
 * (`finalOutcome`), the voies a decision may take (`decisionCandidates`), and the rules of each
 * entry of the back-office (`planDecision`, `planInterview`, `planAppealRequest`,
 * `planCommissionDecision`, `planMaintien`), each throwing the French refusal.
 */

export type ProposalFacts = TrackItem & { id: string; kind: "answer_to_choice" | "extra"; answer: "yes" | "no" | null };

export type InterviewFacts = {
  id: string;
  heldAt: Date;
  participants: string;
  outcome: "agreement" | "disagreement";
  agreedTrack: string | null;
  agreedSubTrack: string;
};

export type DecisionSource = "agreement" | "head" | "commission";

export type DecisionFacts = TrackItem & {
  source: DecisionSource;
  differsFromRequest: boolean;
  reasonKnowledge: string | null;
  reasonAbilities: string | null;
  reasonInterests: string | null;
  notifiedOn: IsoDay | null;
  noticeChannel: "email" | "paper" | null;
  appealDeadline: IsoDay | null;
  decidedAt: Date;
  decidedByName: string;
  publishedAt: Date | null;
  maintienAt: Date | null;
};

export type AppealFacts = {
  requestedOn: IsoDay;
  commissionDate: IsoDay | null;
  outcome: "pending" | "upheld" | "changed";
  commissionTrack: string | null;
  commissionSubTrack: string;
  commissionDecidedAt: Date | null;
};

/** The decision fields of a wider row (the back-office's table or a list row), and nothing else. */
export function decisionFactsOf(d: DecisionFacts): DecisionFacts {
  return {
    ...trackItemOf(d),
    source: d.source,
    differsFromRequest: d.differsFromRequest,
    reasonKnowledge: d.reasonKnowledge,
    reasonAbilities: d.reasonAbilities,
    reasonInterests: d.reasonInterests,
    notifiedOn: d.notifiedOn,
    noticeChannel: d.noticeChannel,
    appealDeadline: d.appealDeadline,
    decidedAt: d.decidedAt,
    decidedByName: d.decidedByName,
    publishedAt: d.publishedAt,
    maintienAt: d.maintienAt,
  };
}

export function interviewFactsOf(i: InterviewFacts): InterviewFacts {
  return { id: i.id, heldAt: i.heldAt, participants: i.participants, outcome: i.outcome, agreedTrack: i.agreedTrack, agreedSubTrack: i.agreedSubTrack };
}

export function appealFactsOf(a: AppealFacts): AppealFacts {
  return {
    requestedOn: a.requestedOn,
    commissionDate: a.commissionDate,
    outcome: a.outcome,
    commissionTrack: a.commissionTrack,
    commissionSubTrack: a.commissionSubTrack,
    commissionDecidedAt: a.commissionDecidedAt,
  };
}

/** What the back-office holds about one student at the end of the final phase. */
export type FinalOutcomeFacts = {
  level: Level;
  outOfProcedure: boolean;
  /** The family's final choices (R-FIN-2), as the school holds them. */
  choices: TrackItem[];
  proposals: ProposalFacts[];
  answer: { kind: "accept" | "refuse_all"; acceptedProposalIds: string[] } | null;
  /** Every agreement given with the answer (R-FIN-7). */
  agreements: { agrees: boolean }[];
  /** Agreements still awaited (every guardian but the one who answered; 0 for an adult student). */
  agreementsAwaited: number;
  interviews: InterviewFacts[];
  decision: DecisionFacts | null;
  appeal: AppealFacts | null;
};

export type TrackRef = { track: string; subTrack: string };
const keyOf = (t: TrackRef) => `${t.track}|${t.subTrack}`;
export const sameTrack = (a: TrackRef, b: TrackRef) => keyOf(a) === keyOf(b);

/** The proposals the family may accept: a choice answered «Oui», or a voie the council proposes. */
function acceptable(p: ProposalFacts): boolean {
  return p.kind === "extra" || p.answer === "yes";
}

function acceptedProposals(f: Pick<FinalOutcomeFacts, "proposals" | "answer">): ProposalFacts[] {
  if (f.answer?.kind !== "accept") return [];
  return f.proposals.filter((p) => f.answer!.acceptedProposalIds.includes(p.id) && acceptable(p)).sort((a, b) => a.rank - b.rank);
}

/** R-FIN-8: every guardian agreed with an answer that accepts at least one proposal. */
export function everyoneAgreed(f: Pick<FinalOutcomeFacts, "proposals" | "answer" | "agreements" | "agreementsAwaited">): boolean {
  return acceptedProposals(f).length > 0 && f.agreementsAwaited === 0 && f.agreements.every((a) => a.agrees);
}

/** R-FIN-9: the family refused every proposal, or a guardian disagrees with the answer. */
export function disagreementOf(f: Pick<FinalOutcomeFacts, "answer" | "agreements">): "refused_all" | "guardians_disagree" | null {
  if (f.answer?.kind === "refuse_all") return "refused_all";
  if (f.answer && f.agreements.some((a) => !a.agrees)) return "guardians_disagree";
  return null;
}

function lastInterview(f: Pick<FinalOutcomeFacts, "interviews">): InterviewFacts | null {
  return [...f.interviews].sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0] ?? null;
}

/**
 * R-FIN-11: the voies the family asked for, against which a decision is compared: the proposals it
 * accepted when every guardian agreed, and the voie agreed on at the latest interview.
 */
export function familyRequest(f: FinalOutcomeFacts): TrackRef[] {
  const out: TrackRef[] = everyoneAgreed(f) ? acceptedProposals(f).map((p) => ({ track: p.track, subTrack: p.subTrack })) : [];
  const last = lastInterview(f);
  if (last?.outcome === "agreement" && last.agreedTrack) out.push({ track: last.agreedTrack, subTrack: last.agreedSubTrack });
  return out;
}

export function differsFromRequest(f: FinalOutcomeFacts, t: TrackRef): boolean {
  return !familyRequest(f).some((r) => sameTrack(r, t));
}

/** R-FIN-11: where the appeal deadline stands for a decision. */
export type AppealWindow =
  { status: "none" } | { status: "awaiting_notice" } | { status: "open"; deadline: IsoDay; workingDaysLeft: number } | { status: "expired"; deadline: IsoDay };

export function appealWindow(d: Pick<DecisionFacts, "differsFromRequest" | "source" | "notifiedOn" | "appealDeadline">, today: IsoDay): AppealWindow {
  if (!d.differsFromRequest || d.source === "commission") return { status: "none" };
  if (!d.notifiedOn || !d.appealDeadline) return { status: "awaiting_notice" };
  const left = workingDaysLeft(today, d.appealDeadline, d.notifiedOn);
  return today > d.appealDeadline ? { status: "expired", deadline: d.appealDeadline } : { status: "open", deadline: d.appealDeadline, workingDaysLeft: left };
}

/** R-FIN-11: the deadline of a notice received on `receivedOn`, with the académie's number of jours ouvrables. */
export function noticeDeadline(d: Pick<DecisionFacts, "differsFromRequest" | "source">, receivedOn: IsoDay, workingDays: number): IsoDay | null {
  return d.differsFromRequest && d.source !== "commission" ? appealDeadline(receivedOn, workingDays) : null;
}

/** The state of one student's procedure after the proposals (R-FIN-8 / R-FIN-9). */
export type FinalOutcome =
  | { kind: "none" }
  | { kind: "awaiting_agreement" }
  /** The proposals the family accepted were withdrawn (or turned to «Non») after its answer: it must answer again (R-FIN-10). */
  | { kind: "answer_outdated" }
  | { kind: "decision_due"; accepted: TrackItem[] }
  | { kind: "interview_due"; reason: "refused_all" | "guardians_disagree" }
  | { kind: "decision_after_interview_due"; interview: InterviewFacts }
  | { kind: "decided"; decision: DecisionFacts; window: AppealWindow }
  | { kind: "appeal_pending"; decision: DecisionFacts; appeal: AppealFacts }
  | { kind: "commission_decided"; decision: DecisionFacts; appeal: AppealFacts };

export function finalOutcome(f: FinalOutcomeFacts, today: IsoDay): FinalOutcome {
  if (f.outOfProcedure) return { kind: "none" };
  if (f.decision) {
    if (f.appeal?.outcome === "pending") return { kind: "appeal_pending", decision: f.decision, appeal: f.appeal };
    if (f.appeal) return { kind: "commission_decided", decision: f.decision, appeal: f.appeal };
    return { kind: "decided", decision: f.decision, window: appealWindow(f.decision, today) };
  }
  if (!f.answer) return { kind: "none" };
  if (f.answer.kind === "accept" && acceptedProposals(f).length === 0) return { kind: "answer_outdated" };
  const disagreement = disagreementOf(f);
  if (disagreement) {
    const last = lastInterview(f);
    return last ? { kind: "decision_after_interview_due", interview: last } : { kind: "interview_due", reason: disagreement };
  }
  if (f.agreementsAwaited > 0) return { kind: "awaiting_agreement" };
  return { kind: "decision_due", accepted: acceptedProposals(f) };
}

/** The words of each state, for the lists, badges and exports of the back-office. */
export function finalOutcomeLabel(o: FinalOutcome): string {
  switch (o.kind) {
    case "none":
      return "";
    case "awaiting_agreement":
      return "Accord de l'autre représentant légal attendu";
    case "answer_outdated":
      return ANSWER_OUTDATED_LABEL;
    case "decision_due":
      return "Décision à prendre (accord de la famille)";
    case "interview_due":
      return o.reason === "refused_all"
        ? "Entretien à mener : la famille refuse toutes les propositions"
        : "Entretien à mener : les représentants légaux ne sont pas d'accord";
    case "decision_after_interview_due":
      return o.interview.outcome === "agreement" ? "Entretien mené (accord) : décision à prendre" : "Entretien mené (désaccord maintenu) : décision à prendre";
    case "decided":
      if (o.window.status === "open") return `Décision prise – délai d'appel : ${o.window.workingDaysLeft} jour(s) ouvrable(s) restant(s)`;
      if (o.window.status === "awaiting_notice") return "Décision prise – notification à la famille en attente";
      if (o.window.status === "expired") return "Décision définitive (délai d'appel expiré)";
      return "Décision prise";
    case "appeal_pending":
      return "Appel en cours : décision de la commission attendue";
    case "commission_decided":
      return "Décision de la commission d'appel";
  }
}

// ---------------------------------------------------------------------------------------------
// The voies a decision (or an agreement at the interview, or the commission) may take.

export type Candidate = { key: string; item: TrackItem; label: string; from: "proposal" | "choice" | "other"; acceptedByFamily: boolean };

/**
 * The council's acceptable proposals, then the family's final choices not already among them
 * (a decision may follow the family's request after the interview), each once, with its série or
 * target (key `track|subTrack`). A «Oui» to a 1re générale keeps the family's ranked spécialités.
 * After 2de GT, where the voies are many (every série, every target: R-2GT-1), the other voies of
 * the level follow (`from: "other"`): the interview may agree on one, the head or the commission
 * decide it (with the reasons, R-FIN-11). After 3e a decision stays among the proposals and the
 * family's choices.
 */
export function decisionCandidates(f: FinalOutcomeFacts): Candidate[] {
  const accepted = new Set(acceptedProposals(f).map(keyOf));
  const out: Candidate[] = [];
  const byKey = new Map<string, Candidate>();
  const add = (item: TrackItem, from: Candidate["from"]) => {
    const key = keyOf(item);
    const known = byKey.get(key);
    if (known) {
      // A proposal stored without the choice's spécialités takes them from the family's choice.
      if (from === "choice" && known.item.specialties.length === 0 && item.specialties.length > 0)
        known.item = { ...known.item, specialties: item.specialties };
      return;
    }
    const c: Candidate = { key, item: trackItemOf(item), label: describeTrack(item), from, acceptedByFamily: accepted.has(key) };
    byKey.set(key, c);
    out.push(c);
  };
  for (const p of [...f.proposals].filter(acceptable).sort((a, b) => a.rank - b.rank)) add(p, "proposal");
  for (const c of [...f.choices].sort((a, b) => a.rank - b.rank)) add(c, "choice");
  if (f.level === "2GT") {
    for (const v of proposableVoies("2GT")) add(trackItem(1, v.track, { subTrack: v.subTrack }), "other");
  }
  return out;
}

export const candidateKey = keyOf;

// ---------------------------------------------------------------------------------------------
// R-FIN-11: the reasons of a decision that differs from the family's request.

export type Reasons = { knowledge: string; abilities: string; interests: string };

export const REASON_MAX_LENGTH = 1500;
export const REASON_LABELS: Record<keyof Reasons, string> = {
  knowledge: "Connaissances de l'élève",
  abilities: "Capacités de l'élève",
  interests: "Intérêts de l'élève",
};

/** Editable sentence templates for the three grounds, with the student's first name and the voies. */
export function reasonTemplates(input: { studentFirstName: string; decision: string; request: string | null }): Reasons {
  const asked = input.request ? ` (${input.request})` : "";
  return {
    knowledge: `Au regard des résultats de l'année, les connaissances acquises par ${input.studentFirstName} ne permettent pas encore d'envisager avec de bonnes chances de réussite la voie demandée${asked}.`,
    abilities: `Les capacités dont ${input.studentFirstName} a fait preuve (méthode, autonomie, régularité du travail) seront mieux mises en valeur en ${input.decision}.`,
    interests: `Les intérêts exprimés par ${input.studentFirstName} au cours de l'année et lors de l'entretien rejoignent les enseignements proposés en ${input.decision}.`,
  };
}

export const CONTROL_CHARACTER_MESSAGE = "Le texte saisi contient un caractère non autorisé (caractère de contrôle) : retirez-le puis enregistrez.";
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A free text of the back-office (reasons, participants, notes): no control character (a NUL byte cannot be stored). */
export function assertPlainText(value: string, field: string): void {
  if (CONTROL.test(value)) throw new DomainError("CONTROL_CHARACTER", CONTROL_CHARACTER_MESSAGE, { [field]: [CONTROL_CHARACTER_MESSAGE] });
}

export const REASONS_REQUIRED_MESSAGE =
  "Cette décision diffère de la demande de la famille : elle doit être motivée sur les trois points (connaissances, capacités et intérêts de l'élève).";
export const REASON_TOO_LONG_MESSAGE = `Chaque motif est limité à ${REASON_MAX_LENGTH} caractères.`;

/** The three reasons, trimmed, or the French refusal naming the missing ones. */
export function checkReasons(r: Partial<Reasons> | null | undefined): Reasons {
  const clean = (s: string | undefined) => (s ?? "").replace(/\r\n?/g, "\n").trim();
  const out: Reasons = { knowledge: clean(r?.knowledge), abilities: clean(r?.abilities), interests: clean(r?.interests) };
  for (const k of Object.keys(out) as (keyof Reasons)[]) assertPlainText(out[k], k);
  const fieldErrors: Record<string, string[]> = {};
  for (const k of Object.keys(out) as (keyof Reasons)[]) {
    if (out[k] === "") fieldErrors[k] = [`${REASON_LABELS[k]} : motif obligatoire.`];
    else if (out[k].length > REASON_MAX_LENGTH) fieldErrors[k] = [REASON_TOO_LONG_MESSAGE];
  }
  if (Object.keys(fieldErrors).length > 0) {
    const tooLong = Object.values(fieldErrors).some((e) => e[0] === REASON_TOO_LONG_MESSAGE);
    throw new DomainError(tooLong ? "REASON_TOO_LONG" : "REASONS_REQUIRED", tooLong ? REASON_TOO_LONG_MESSAGE : REASONS_REQUIRED_MESSAGE, fieldErrors);
  }
  return out;
}

/** The reasons of a decision in one text (notice, fiche de dialogue, export). */
export function reasonsText(d: Pick<DecisionFacts, "reasonKnowledge" | "reasonAbilities" | "reasonInterests">): string | null {
  const parts = [
    [REASON_LABELS.knowledge, d.reasonKnowledge],
    [REASON_LABELS.abilities, d.reasonAbilities],
    [REASON_LABELS.interests, d.reasonInterests],
  ].filter((p): p is [string, string] => !!p[1]);
  return parts.length > 0 ? parts.map(([label, text]) => `${label} : ${text}`).join("\n") : null;
}

// ---------------------------------------------------------------------------------------------
// The entries of the back-office.

export const OUT_OF_PROCEDURE_MESSAGE = "Cet élève est hors procédure : aucune décision d'orientation n'est saisie dans le service.";
export const NO_ANSWER_MESSAGE =
  "La décision ne peut être prise qu'après la réponse de la famille aux propositions du conseil de classe (en ligne ou saisie par l'établissement).";
export const ANSWER_OUTDATED_LABEL = "Réponse de la famille à renouveler : les propositions qu'elle avait acceptées ont été modifiées depuis";
export const ANSWER_OUTDATED_MESSAGE =
  "Les propositions que la famille avait acceptées ont été modifiées depuis sa réponse : informez la famille et saisissez sa nouvelle réponse (« Saisie des réponses des familles ») avant de prendre la décision.";
export const AGREEMENT_AWAITED_MESSAGE = "L'accord de l'autre représentant légal avec la réponse de la famille est encore attendu.";
export const INTERVIEW_FIRST_MESSAGE =
  "Aucun accord n'a été trouvé avec la famille : l'entretien avec le chef d'établissement est obligatoire avant la décision. Enregistrez-le d'abord.";
export const NOT_ACCEPTED_MESSAGE = "La famille n'a pas accepté cette proposition : la décision doit reprendre une proposition qu'elle a acceptée.";
export const UNKNOWN_CANDIDATE_MESSAGE = "Cette voie n'est ni une proposition du conseil de classe ni une demande de la famille pour cet élève.";
export const APPEAL_PENDING_MESSAGE = "Un appel est en cours : seule la décision de la commission d'appel peut désormais être enregistrée.";
export const COMMISSION_DECIDED_MESSAGE = "La commission d'appel a statué : sa décision est définitive.";
export const DEADLINE_PASSED_MESSAGE = "Le délai d'appel est expiré sans appel : la décision est définitive et ne peut plus être modifiée.";
export const DECISION_STALE_MESSAGE = "La décision a été modifiée depuis l'affichage de la page. Rechargez la page avant de saisir.";

export type DecisionInput = { candidateKey: string; reasons: Partial<Reasons> | null };

export type DecisionPlan =
  { changed: false } | { changed: true; item: TrackItem; source: DecisionSource; differsFromRequest: boolean; reasons: Reasons | null };

/** Throws when the current decision can no longer be replaced by the head. */
export function assertDecisionChangeable(f: FinalOutcomeFacts, today: IsoDay): void {
  if (!f.decision) return;
  if (f.appeal?.outcome === "pending") throw new DomainError("APPEAL_PENDING", APPEAL_PENDING_MESSAGE);
  if (f.appeal || f.decision.source === "commission") throw new DomainError("COMMISSION_DECIDED", COMMISSION_DECIDED_MESSAGE);
  if (appealWindow(f.decision, today).status === "expired") throw new DomainError("DEADLINE_PASSED", DEADLINE_PASSED_MESSAGE);
}

/**
 * R-FIN-8 / R-FIN-9 / R-FIN-11: what the head's decision writes. With every guardian's agreement
 * it takes one of the accepted proposals; after a disagreement, only once an interview was held,
 * and then any voie proposed or asked for. A decision that differs from the family's request
 * needs the three reasons. The same decision twice writes nothing.
 */
export function planDecision(f: FinalOutcomeFacts, input: DecisionInput, today: IsoDay): DecisionPlan {
  if (f.outOfProcedure) throw new DomainError("OUT_OF_PROCEDURE", OUT_OF_PROCEDURE_MESSAGE);
  assertDecisionChangeable(f, today);
  if (!f.answer) throw new DomainError("NO_ANSWER", NO_ANSWER_MESSAGE);
  if (f.answer.kind === "accept" && acceptedProposals(f).length === 0) throw new DomainError("ANSWER_OUTDATED", ANSWER_OUTDATED_MESSAGE);
  const disagreement = disagreementOf(f);
  if (disagreement && f.interviews.length === 0) throw new DomainError("INTERVIEW_FIRST", INTERVIEW_FIRST_MESSAGE);
  if (!disagreement && f.agreementsAwaited > 0) throw new DomainError("AGREEMENT_AWAITED", AGREEMENT_AWAITED_MESSAGE);
  const candidate = decisionCandidates(f).find((c) => c.key === input.candidateKey);
  if (!candidate) throw new DomainError("UNKNOWN_CANDIDATE", UNKNOWN_CANDIDATE_MESSAGE);
  const source: DecisionSource = disagreement ? "head" : "agreement";
  if (source === "agreement" && !candidate.acceptedByFamily) throw new DomainError("NOT_ACCEPTED", NOT_ACCEPTED_MESSAGE);
  const differs = differsFromRequest(f, candidate.item);
  const reasons = differs ? checkReasons(input.reasons) : null;
  const d = f.decision;
  if (
    d &&
    sameTrack(d, candidate.item) &&
    d.source === source &&
    d.differsFromRequest === differs &&
    (d.reasonKnowledge ?? null) === (reasons?.knowledge ?? null) &&
    (d.reasonAbilities ?? null) === (reasons?.abilities ?? null) &&
    (d.reasonInterests ?? null) === (reasons?.interests ?? null)
  ) {
    return { changed: false };
  }
  return { changed: true, item: { ...candidate.item, rank: 1 }, source, differsFromRequest: differs, reasons };
}

/** The decisions a division's summary proposes (R-FIN-8): each student whose family agreed, with its first accepted proposal. */
export function bulkDecisionCandidate(f: FinalOutcomeFacts, today: IsoDay): Candidate | null {
  const o = finalOutcome(f, today);
  if (o.kind !== "decision_due") return null;
  return decisionCandidates(f).find((c) => c.acceptedByFamily) ?? null;
}

// R-FIN-9: the interview.

export const INTERVIEW_NOT_DUE_MESSAGE = "Aucun désaccord n'est enregistré pour cet élève : il n'y a pas d'entretien obligatoire à consigner.";
export const INTERVIEW_AFTER_DECISION_MESSAGE = "La décision est déjà prise : l'entretien se consigne avant la décision.";
export const INTERVIEW_IN_FUTURE_MESSAGE = "La date de l'entretien ne peut pas être dans le futur : l'entretien se consigne une fois tenu.";
export const PARTICIPANTS_REQUIRED_MESSAGE = "Indiquez qui a participé à l'entretien.";
export const AGREED_TRACK_REQUIRED_MESSAGE = "Indiquez la voie sur laquelle la famille et le chef d'établissement se sont accordés.";
export const TEXT_TOO_LONG_MESSAGE = "Le texte saisi est trop long (1 500 caractères au plus).";

export type InterviewInput = { heldAt: Date; participants: string; outcome: "agreement" | "disagreement"; agreedCandidateKey: string | null; notes: string };

export type InterviewPlan = { heldAt: Date; participants: string; outcome: "agreement" | "disagreement"; agreed: TrackRef | null; notes: string | null };

export function planInterview(f: FinalOutcomeFacts, input: InterviewInput, now: Date): InterviewPlan {
  if (f.outOfProcedure) throw new DomainError("OUT_OF_PROCEDURE", OUT_OF_PROCEDURE_MESSAGE);
  if (f.decision) throw new DomainError("INTERVIEW_AFTER_DECISION", INTERVIEW_AFTER_DECISION_MESSAGE);
  if (!disagreementOf(f)) throw new DomainError("INTERVIEW_NOT_DUE", INTERVIEW_NOT_DUE_MESSAGE);
  if (input.heldAt.getTime() > now.getTime())
    throw new DomainError("INTERVIEW_IN_FUTURE", INTERVIEW_IN_FUTURE_MESSAGE, { heldAt: [INTERVIEW_IN_FUTURE_MESSAGE] });
  assertPlainText(input.participants, "participants");
  assertPlainText(input.notes, "notes");
  const participants = input.participants.trim();
  if (participants === "") throw new DomainError("PARTICIPANTS_REQUIRED", PARTICIPANTS_REQUIRED_MESSAGE, { participants: [PARTICIPANTS_REQUIRED_MESSAGE] });
  const notes = input.notes.trim();
  if (participants.length > REASON_MAX_LENGTH || notes.length > REASON_MAX_LENGTH) throw new DomainError("TEXT_TOO_LONG", TEXT_TOO_LONG_MESSAGE);
  let agreed: TrackRef | null = null;
  if (input.outcome === "agreement") {
    const c = decisionCandidates(f).find((x) => x.key === input.agreedCandidateKey);
    if (!c) throw new DomainError("AGREED_TRACK_REQUIRED", AGREED_TRACK_REQUIRED_MESSAGE, { agreedCandidateKey: [AGREED_TRACK_REQUIRED_MESSAGE] });
    agreed = { track: c.item.track, subTrack: c.item.subTrack };
  }
  return { heldAt: input.heldAt, participants, outcome: input.outcome, agreed, notes: notes === "" ? null : notes };
}

// R-FIN-9 / R-FIN-11: the appeal.

export const NO_APPEALABLE_DECISION_MESSAGE = "Seule une décision qui diffère de la demande de la famille peut faire l'objet d'un appel.";
export const NOT_NOTIFIED_MESSAGE = "La décision n'a pas encore été notifiée à la famille : le délai d'appel n'a pas commencé.";
export const APPEAL_ALREADY_MESSAGE = "L'appel de la famille est déjà enregistré.";
export const APPEAL_LATE_MESSAGE = (deadline: string) => `Le délai d'appel a expiré le ${deadline} : l'appel ne peut plus être enregistré.`;
export const APPEAL_BEFORE_NOTICE_MESSAGE = "La date de l'appel ne peut pas précéder la réception de la notification.";
export const DATE_IN_FUTURE_MESSAGE = "La date ne peut pas être dans le futur.";
export const BAD_DATE_MESSAGE = "Date invalide : saisissez une date au format jj/mm/aaaa.";

export function formatIsoDay(day: IsoDay): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

function assertDay(day: string, field: string, today: IsoDay): void {
  if (!isIsoDay(day)) throw new DomainError("BAD_DATE", BAD_DATE_MESSAGE, { [field]: [BAD_DATE_MESSAGE] });
  if (day > today) throw new DomainError("DATE_IN_FUTURE", DATE_IN_FUTURE_MESSAGE, { [field]: [DATE_IN_FUTURE_MESSAGE] });
}

/** The family's appeal, on the day it reached the school: within the deadline of a notified decision that differs. */
export function planAppealRequest(f: FinalOutcomeFacts, requestedOn: IsoDay, today: IsoDay): { requestedOn: IsoDay } {
  const d = f.decision;
  if (!d || !d.differsFromRequest || d.source === "commission") throw new DomainError("NOT_APPEALABLE", NO_APPEALABLE_DECISION_MESSAGE);
  if (f.appeal) throw new DomainError("APPEAL_ALREADY", APPEAL_ALREADY_MESSAGE);
  if (!d.notifiedOn || !d.appealDeadline) throw new DomainError("NOT_NOTIFIED", NOT_NOTIFIED_MESSAGE);
  assertDay(requestedOn, "requestedOn", today);
  if (requestedOn < d.notifiedOn) throw new DomainError("APPEAL_BEFORE_NOTICE", APPEAL_BEFORE_NOTICE_MESSAGE, { requestedOn: [APPEAL_BEFORE_NOTICE_MESSAGE] });
  if (requestedOn > d.appealDeadline) {
    const m = APPEAL_LATE_MESSAGE(formatIsoDay(d.appealDeadline));
    throw new DomainError("APPEAL_LATE", m, { requestedOn: [m] });
  }
  return { requestedOn };
}

export const NO_PENDING_APPEAL_MESSAGE = "Aucun appel en attente de la décision de la commission pour cet élève.";
export const COMMISSION_BEFORE_APPEAL_MESSAGE = "La commission d'appel ne peut pas s'être réunie avant la demande d'appel.";

export type CommissionInput = { commissionDate: IsoDay; candidateKey: string; notes: string };
export type CommissionPlan = { commissionDate: IsoDay; item: TrackItem; outcome: "upheld" | "changed"; differsFromRequest: boolean; notes: string | null };

/** R-FIN-9: the commission's decision becomes the decision (final: no further appeal in the service). */
export function planCommissionDecision(f: FinalOutcomeFacts, input: CommissionInput, today: IsoDay): CommissionPlan {
  if (!f.decision || f.appeal?.outcome !== "pending") throw new DomainError("NO_PENDING_APPEAL", NO_PENDING_APPEAL_MESSAGE);
  assertDay(input.commissionDate, "commissionDate", today);
  if (input.commissionDate < f.appeal.requestedOn)
    throw new DomainError("COMMISSION_BEFORE_APPEAL", COMMISSION_BEFORE_APPEAL_MESSAGE, { commissionDate: [COMMISSION_BEFORE_APPEAL_MESSAGE] });
  const c = decisionCandidates(f).find((x) => x.key === input.candidateKey);
  if (!c) throw new DomainError("UNKNOWN_CANDIDATE", UNKNOWN_CANDIDATE_MESSAGE, { candidateKey: [UNKNOWN_CANDIDATE_MESSAGE] });
  assertPlainText(input.notes, "notes");
  const notes = input.notes.trim();
  if (notes.length > REASON_MAX_LENGTH) throw new DomainError("TEXT_TOO_LONG", TEXT_TOO_LONG_MESSAGE);
  return {
    commissionDate: input.commissionDate,
    item: { ...c.item, rank: 1 },
    outcome: sameTrack(c.item, f.decision) ? "upheld" : "changed",
    differsFromRequest: differsFromRequest(f, c.item),
    notes: notes === "" ? null : notes,
  };
}

// R-FIN-12: droit au maintien.

export const MAINTIEN_3E_ONLY_MESSAGE = "Le droit au maintien dans la classe d'origine ne concerne ici que les élèves de 3e.";
export const MAINTIEN_NOT_OPEN_MESSAGE = "Le droit au maintien s'exerce lorsque la décision d'orientation finale ne satisfait pas la famille.";
export const MAINTIEN_APPEAL_PENDING_MESSAGE = "Un appel est en cours : le droit au maintien s'exerce après la décision de la commission d'appel.";
export const MAINTIEN_ALREADY_MESSAGE = "Le choix du maintien dans la classe d'origine est déjà enregistré.";

/** R-FIN-12: where the family is not satisfied with a 3e decision (it differs from its request), it may keep the student in 3e one more year. */
export function maintienOpen(f: Pick<FinalOutcomeFacts, "level" | "decision" | "appeal">): boolean {
  return f.level === "3e" && !!f.decision && f.decision.differsFromRequest && f.appeal?.outcome !== "pending";
}

export function planMaintien(f: FinalOutcomeFacts): void {
  if (f.level !== "3e") throw new DomainError("MAINTIEN_3E_ONLY", MAINTIEN_3E_ONLY_MESSAGE);
  if (f.decision?.maintienAt) throw new DomainError("MAINTIEN_ALREADY", MAINTIEN_ALREADY_MESSAGE);
  if (f.appeal?.outcome === "pending") throw new DomainError("MAINTIEN_APPEAL_PENDING", MAINTIEN_APPEAL_PENDING_MESSAGE);
  if (!maintienOpen(f)) throw new DomainError("MAINTIEN_NOT_OPEN", MAINTIEN_NOT_OPEN_MESSAGE);
}

/** R-FIN-12: what the family page and the notice say of the droit au maintien. */
export const MAINTIEN_TEXT =
  "Si cette décision ne vous satisfait pas, y compris après la décision de la commission d'appel, vous pouvez demander le maintien de votre enfant dans sa classe d'origine (3e) pour la durée d'une seule année scolaire : adressez-vous au chef d'établissement.";
