import { ANSWER_OUTDATED_LABEL, formatIsoDay, type FinalOutcome, type InterviewFacts } from "./decision";
import { formatParisDate, formatParisDateTime } from "./paris-time";
import { describeTrack } from "./tracks";
import { deName } from "./person-name";

/*
 * R-SCH-8: the pictograms of the student list. Each badge has a short visible mark and a full
 * label (shown as text to screen readers and in the export), so nothing rests on an icon alone.
 */

export type BadgeCode =
  | "ts"
  | "school_entry"
  | "changed_by_school"
  | "non_traitee"
  | "avis"
  | "acknowledged"
  | "not_acknowledged"
  | "family_to_inform"
  | "out_of_procedure"
  | "left"
  // The final phase (choix définitifs, propositions, réponse, accords).
  | "final_ts"
  | "final_school_entry"
  | "final_changed_by_school"
  | "final_non_traitee"
  | "proposals"
  | "answer_awaited"
  | "answer_accepted"
  | "answer_refused"
  | "agreements_given"
  | "agreement_refused"
  | "agreement_awaited"
  | "final_family_to_inform"
  // The end of the procedure (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12).
  | "answer_outdated"
  | "interview_due"
  | "interview_held"
  | "decision"
  | "notice_awaited"
  | "appeal_window_open"
  | "appeal_window_expired"
  | "appeal_pending"
  | "commission_decided"
  | "maintien";

export type Badge = { code: BadgeCode; mark: string; label: string; tone: "info" | "success" | "warning" | "neutral" };

export type BadgeFacts = {
  outOfProcedure: { reason: string } | null;
  /** R-DATA-1: the student left the school on that day (Siècle's DATE_SORTIE, come); absent or null: still there. */
  left?: { on: string } | null;
  /** What the nightly transfer brought from the family service (R-SCH-2). */
  familyEntry: { enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  /** The back-office's intentions. */
  request: { source: "family" | "school"; enteredByName: string; enteredAt: Date; changedBySchool: { name: string; at: Date } | null } | null;
  opinionCount: number;
  acknowledgement: { byName: string; at: Date; familyToInform: boolean } | null;
  /** The final phase's facts; absent for a list that only knows the provisional phase. */
  final?: FinalBadgeFacts;
};

export type FinalBadgeFacts = {
  /** The validated final choices received from the family service (TS), or non traitée. */
  familyEntry: { enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  /** The back-office's final choices. */
  request: { source: "family" | "school"; enteredByName: string; enteredAt: Date; changedBySchool: { name: string; at: Date } | null } | null;
  proposalCount: number;
  /** When the proposals were last published to the family (null: not yet). */
  proposalsPublishedAt: Date | null;
  answer: { source: "family" | "school"; kind: "accept" | "refuse_all"; byName: string; at: Date } | null;
  /**
   * The agreements with the answer still awaited (R-FIN-7: every guardian but the one who
   * answered), with their names when known (empty when the answerer is not identified).
   */
  agreementsAwaited: { count: number; names: readonly string[] };
  agreements: readonly { guardianName: string; agrees: boolean; source: "family" | "school"; byName: string; at: Date }[];
  familyToInform: boolean;
  /** The end of the procedure: its state on the day shown (`finalOutcome`), the interviews, the droit au maintien. */
  procedure?: ProcedureBadgeFacts;
};

export type ProcedureBadgeFacts = {
  outcome: FinalOutcome;
  interviews: readonly InterviewFacts[];
  maintien: { byName: string; at: Date } | null;
};

function who(source: "family" | "school", name: string, at: Date): string {
  return source === "family"
    ? `saisie en ligne (TS) par ${name} le ${formatParisDateTime(at)}`
    : `saisie par l'établissement (${name}) le ${formatParisDateTime(at)}`;
}

/** R-SCH-8, final phase: the pictograms of the final choices, proposals, answer and agreements. */
export function finalBadges(f: FinalBadgeFacts): Badge[] {
  const out: Badge[] = [];
  if (f.familyEntry && !f.familyEntry.nonTraitee) {
    out.push({
      code: "final_ts",
      mark: "TS déf.",
      label: `Choix définitifs saisis en ligne (TS) par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}`,
      tone: "info",
    });
  }
  if (f.familyEntry?.nonTraitee) {
    out.push({
      code: "final_non_traitee",
      mark: "N déf.",
      label: `Choix définitifs saisis en ligne par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}, non traités avant l'ouverture du conseil de classe`,
      tone: "warning",
    });
  }
  if (f.request?.source === "school") {
    out.push({
      code: "final_school_entry",
      mark: "É déf.",
      label: `Choix définitifs saisis par l'établissement (${f.request.enteredByName}) le ${formatParisDateTime(f.request.enteredAt)}`,
      tone: "neutral",
    });
  }
  if (f.request?.changedBySchool) {
    out.push({
      code: "final_changed_by_school",
      mark: "M déf.",
      label: `Choix définitifs TS modifiés par l'établissement (${f.request.changedBySchool.name}) le ${formatParisDateTime(f.request.changedBySchool.at)}`,
      tone: "warning",
    });
  }
  if (f.proposalCount > 0) {
    out.push({
      code: "proposals",
      mark: "P",
      label: f.proposalsPublishedAt
        ? `Propositions du conseil de classe saisies, publiées à la famille le ${formatParisDateTime(f.proposalsPublishedAt)}`
        : "Propositions du conseil de classe saisies, pas encore publiées à la famille",
      tone: "success",
    });
  }
  const a = f.answer;
  if (a?.kind === "accept") {
    out.push({
      code: "answer_accepted",
      mark: "R ✓",
      label: `Réponse de la famille : proposition(s) acceptée(s), ${who(a.source, a.byName, a.at)}`,
      tone: "success",
    });
  } else if (a?.kind === "refuse_all") {
    out.push({
      code: "answer_refused",
      mark: "R ✗",
      label: `Réponse de la famille : refus de toutes les propositions, ${who(a.source, a.byName, a.at)} – entretien avec le chef d'établissement`,
      tone: "warning",
    });
  } else if (f.proposalCount > 0 && f.proposalsPublishedAt) {
    out.push({ code: "answer_awaited", mark: "R ?", label: "Réponse de la famille aux propositions du conseil de classe attendue", tone: "neutral" });
  }
  if (a) {
    const refused = f.agreements.filter((g) => !g.agrees);
    const detail = (g: FinalBadgeFacts["agreements"][number]) =>
      `${g.guardianName} (${g.source === "family" ? `en ligne le ${formatParisDateTime(g.at)}` : `saisi par l'établissement (${g.byName}) le ${formatParisDateTime(g.at)}`})`;
    if (refused.length > 0) {
      out.push({
        code: "agreement_refused",
        mark: "Acc ✗",
        label: `Désaccord avec la réponse : ${refused.map(detail).join(", ")} – entretien avec le chef d'établissement`,
        tone: "warning",
      });
    } else if (f.agreementsAwaited.count > 0) {
      const from = f.agreementsAwaited.names.length > 0 ? deName(f.agreementsAwaited.names.join(", ")) : "de l'autre représentant légal";
      out.push({ code: "agreement_awaited", mark: "Acc ?", label: `Accord avec la réponse attendu ${from}`, tone: "neutral" });
    } else if (f.agreements.length > 0) {
      out.push({ code: "agreements_given", mark: "Acc ✓", label: `Accord avec la réponse : ${f.agreements.map(detail).join(", ")}`, tone: "success" });
    }
  }
  if (f.procedure) out.push(...procedureBadges(f.procedure));
  if (f.familyToInform) {
    out.push({
      code: "final_family_to_inform",
      mark: "! déf.",
      label: "Famille à informer : propositions du conseil de classe modifiées après leur publication",
      tone: "warning",
    });
  }
  return out;
}

const days = (n: number) => `${n} jour${n > 1 ? "s" : ""} ouvrable${n > 1 ? "s" : ""}`;

/**
 * R-SCH-8 for R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12: the interview to hold or held, the decision
 * (conforming to the family's request or not), the appeal deadline left, the appeal and the
 * commission's decision, the droit au maintien.
 */
export function procedureBadges(p: ProcedureBadgeFacts): Badge[] {
  const out: Badge[] = [];
  const o = p.outcome;
  if (o.kind === "answer_outdated") out.push({ code: "answer_outdated", mark: "R ↻", label: ANSWER_OUTDATED_LABEL, tone: "warning" });
  if (o.kind === "interview_due") {
    out.push({
      code: "interview_due",
      mark: "E ?",
      label:
        o.reason === "refused_all"
          ? "Entretien à mener avec le chef d'établissement : la famille refuse toutes les propositions du conseil de classe"
          : "Entretien à mener avec le chef d'établissement : les représentants légaux ne sont pas d'accord",
      tone: "warning",
    });
  }
  const last = [...p.interviews].sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0];
  if (last) {
    const result =
      last.outcome === "agreement" && last.agreedTrack
        ? `accord sur ${describeTrack({ track: last.agreedTrack, subTrack: last.agreedSubTrack })}`
        : "désaccord maintenu";
    const more = p.interviews.length > 1 ? ` (${p.interviews.length} entretiens)` : "";
    out.push({
      code: "interview_held",
      mark: "E ✓",
      label: `Entretien mené avec le chef d'établissement le ${formatParisDateTime(last.heldAt)}${more} : ${result}`,
      tone: last.outcome === "agreement" ? "success" : "warning",
    });
  }
  if (o.kind === "decided" || o.kind === "appeal_pending") {
    const d = o.decision;
    out.push({
      code: "decision",
      mark: d.differsFromRequest ? "D ≠" : "D",
      label: `Décision prise : ${describeTrack(d)}, ${d.differsFromRequest ? "différente de la demande de la famille" : "conforme à la demande de la famille"} (${d.decidedByName}, le ${formatParisDateTime(d.decidedAt)})`,
      tone: d.differsFromRequest ? "warning" : "success",
    });
  }
  if (o.kind === "decided") {
    const w = o.window;
    if (w.status === "awaiting_notice") {
      out.push({ code: "notice_awaited", mark: "Notif. ?", label: "Décision à notifier à la famille : le délai d'appel n'a pas commencé", tone: "warning" });
    } else if (w.status === "open") {
      out.push({
        code: "appeal_window_open",
        mark: `${w.workingDaysLeft} j`,
        label: `Délai d'appel : ${days(w.workingDaysLeft)} restant${w.workingDaysLeft > 1 ? "s" : ""} (jusqu'au ${formatIsoDay(w.deadline)} inclus)`,
        tone: "warning",
      });
    } else if (w.status === "expired") {
      out.push({
        code: "appeal_window_expired",
        mark: "Délai ✗",
        label: `Délai d'appel expiré le ${formatIsoDay(w.deadline)} : la décision est définitive`,
        tone: "neutral",
      });
    }
  }
  if (o.kind === "appeal_pending") {
    const c = o.appeal.commissionDate ? `, commission d'appel le ${formatIsoDay(o.appeal.commissionDate)}` : "";
    out.push({
      code: "appeal_pending",
      mark: "Appel",
      label: `Appel en cours : demandé le ${formatIsoDay(o.appeal.requestedOn)}${c}, décision de la commission d'appel attendue`,
      tone: "warning",
    });
  }
  if (o.kind === "commission_decided") {
    const a = o.appeal;
    const on = a.commissionDate ? ` du ${formatIsoDay(a.commissionDate)}` : "";
    out.push({
      code: "commission_decided",
      mark: "CA",
      label: `Décision de la commission d'appel${on} : ${describeTrack(a.commissionTrack ? { track: a.commissionTrack, subTrack: a.commissionSubTrack } : o.decision)} (${a.outcome === "upheld" ? "décision du chef d'établissement maintenue" : "décision modifiée"})`,
      tone: "info",
    });
  }
  if (p.maintien) {
    out.push({
      code: "maintien",
      mark: "Maintien",
      label: `Maintien dans la classe d'origine demandé (enregistré par ${p.maintien.byName} le ${formatParisDateTime(p.maintien.at)})`,
      tone: "info",
    });
  }
  return out;
}

export function studentBadges(f: BadgeFacts): Badge[] {
  const out: Badge[] = [];
  if (f.left)
    out.push({
      code: "left",
      mark: "Sorti",
      label: `Sorti de l'établissement le ${formatIsoDay(f.left.on)} : dossier en consultation seulement`,
      tone: "neutral",
    });
  if (f.outOfProcedure) out.push({ code: "out_of_procedure", mark: "HP", label: `Hors procédure : ${f.outOfProcedure.reason}`, tone: "neutral" });
  if (f.familyEntry && !f.familyEntry.nonTraitee) {
    out.push({
      code: "ts",
      mark: "TS",
      label: `Saisie en ligne (TS) par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}`,
      tone: "info",
    });
  }
  if (f.familyEntry?.nonTraitee) {
    out.push({
      code: "non_traitee",
      mark: "N",
      label: `Saisie en ligne par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}, non traitée avant l'ouverture du conseil de classe`,
      tone: "warning",
    });
  }
  if (f.request?.source === "school") {
    out.push({
      code: "school_entry",
      mark: "É",
      label: `Saisie par l'établissement (${f.request.enteredByName}) le ${formatParisDate(f.request.enteredAt)}`,
      tone: "neutral",
    });
  }
  if (f.request?.changedBySchool) {
    out.push({
      code: "changed_by_school",
      mark: "M",
      label: `Saisie TS modifiée par l'établissement (${f.request.changedBySchool.name}) le ${formatParisDateTime(f.request.changedBySchool.at)}`,
      tone: "warning",
    });
  }
  if (f.opinionCount > 0) {
    out.push({ code: "avis", mark: "A", label: "Avis provisoires saisis", tone: "success" });
    if (f.acknowledgement) {
      out.push({
        code: "acknowledged",
        mark: "AR",
        label: `Accusé de réception par ${f.acknowledgement.byName} le ${formatParisDateTime(f.acknowledgement.at)}`,
        tone: "success",
      });
    } else {
      out.push({ code: "not_acknowledged", mark: "AR ✗", label: "Pas d'accusé de réception de la famille", tone: "neutral" });
    }
  } else if (f.acknowledgement) {
    out.push({
      code: "acknowledged",
      mark: "AR",
      label: `Accusé de réception par ${f.acknowledgement.byName} le ${formatParisDateTime(f.acknowledgement.at)}`,
      tone: "success",
    });
  }
  if (f.acknowledgement?.familyToInform) {
    out.push({ code: "family_to_inform", mark: "!", label: "Famille à informer : avis modifiés après l'accusé de réception", tone: "warning" });
  }
  if (f.final) out.push(...finalBadges(f.final));
  return out;
}

/**
 * R-FIN-7 for R-SCH-8: whose agreement is still awaited. Online (source "family") the answerer is
 * recognised by name (the family service records the guardian's "civility first last"); an
 * unrecognised answerer leaves one agreement fewer than guardians expected, without naming whom.
 * Entered by the school (source "school", R-FIN-10), the answering guardian's own agreement is
 * recorded with the answer: once any agreement is recorded, every guardian without one is awaited.
 */
export function awaitedAgreements(
  guardianNames: readonly string[],
  answeredByName: string,
  agreedNames: readonly string[],
  source: "family" | "school" = "family",
): { count: number; names: string[] } {
  const given = new Set(agreedNames);
  if (source === "school" && given.size > 0) {
    const names = guardianNames.filter((n) => !given.has(n));
    return { count: names.length, names };
  }
  if (guardianNames.includes(answeredByName)) {
    const names = guardianNames.filter((n) => n !== answeredByName && !given.has(n));
    return { count: names.length, names };
  }
  const missing = guardianNames.filter((n) => !given.has(n));
  const count = Math.max(0, Math.min(missing.length, guardianNames.length - 1 - guardianNames.filter((n) => given.has(n)).length));
  return { count, names: count === missing.length ? missing : [] };
}
