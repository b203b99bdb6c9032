import type { FamilyServiceState } from "./calendar";
import { appealWindow, type DecisionSource } from "./decision";
import { longDay } from "./decision-notice";
import { formatParisDate, formatParisDateTime } from "./paris-time";
import type { IsoDay } from "./working-days";
import { deName } from "./person-name";

/**
 * Who reads the state (R-INT-1, R-FIN-1, R-AUTH-4): a guardian of a minor or the adult student may
 * enter; a guardian of an adult student, or a minor student, reads. Absent: a reader who may enter.
 */
export type ProcedureViewer = {
  accountId: string;
  mayEnter: boolean;
  /** The viewer's guardian record (null for the student). */
  guardianId: string | null;
  studentIsAdult: boolean;
};

/** Facts about one student's provisional phase, as the family side knows them. */
export type ProcedureFacts = {
  outOfProcedure: boolean;
  service: FamilyServiceState;
  viewer?: ProcedureViewer;
  /** The level's family entry is online (default: yes). */
  entrySupported?: boolean;
  validated: { byName: string; at: Date; holderAccountId?: string } | null;
  opinionsPublished: boolean;
  acknowledged: { byName: string; at: Date } | null;
  decisionPublished: boolean;
  /** The final phase (R-FIN-1..7), once its window has opened. */
  final?: {
    opened: boolean;
    service: FamilyServiceState;
    validated: { byName: string; at: Date; holderAccountId?: string } | null;
    proposalsPublished: boolean;
    answered: { byName: string; at: Date; bySchool: boolean } | null;
    /** Guardians (other than the one who answered) whose agreement is still awaited; 0 for an adult student. */
    agreementsAwaited: number;
    /** The viewer is one of those guardians (R-FIN-7: they say «Oui» or «Non»). */
    viewerAgreementAwaited?: boolean;
  };
  /** R-FIN-8/9/11/12: the end of the procedure, as published to the family. */
  outcome?: {
    /** The answer refuses every proposal, or a guardian said «Non». */
    disagreement: boolean;
    /** The latest interview with the head, if any. */
    interviewHeldAt: Date | null;
    decision: {
      source: DecisionSource;
      differsFromRequest: boolean;
      notifiedOn: IsoDay | null;
      appealDeadline: IsoDay | null;
      maintienAt: Date | null;
    } | null;
    appeal: { outcome: "pending" | "upheld" | "changed" } | null;
    today: IsoDay;
  };
};

export type ProcedureState = { label: string; tone: "todo" | "done" | "info" | "closed" };

/**
 * R-INT-1 / R-FIN-1 / R-AUTH-4: whether the viewer may enter (or change) a phase's request now:
 * the service is open, the viewer may enter for the student, nobody else holds the hand, and the
 * level's entry is online. The file page (lib/domain/family-page.ts) asks this same question.
 */
export function mayEditRequest(f: {
  serviceOpen: boolean;
  viewer: { accountId: string; mayEnter: boolean };
  holderAccountId: string | null;
  entrySupported: boolean;
}): boolean {
  return f.serviceOpen && f.viewer.mayEnter && (f.holderAccountId === null || f.holderAccountId === f.viewer.accountId) && f.entrySupported;
}

function mayEdit(f: ProcedureFacts, service: FamilyServiceState, holder: { holderAccountId?: string } | null): boolean {
  if (!f.viewer) return service.open && (f.entrySupported ?? true);
  return mayEditRequest({
    serviceOpen: service.open,
    viewer: f.viewer,
    holderAccountId: holder?.holderAccountId ?? null,
    entrySupported: f.entrySupported ?? true,
  });
}

/** R-AUTH-4 / R-INT-1: who enters, for a viewer who only reads. */
function enteredByWhom(v: ProcedureViewer): string {
  return v.studentIsAdult ? "saisie par l'élève majeur" : "saisie par les représentants légaux";
}

/**
 * The one-line state of a student's procedure, for one viewer: what they can do now (R-CAL-2,
 * R-INT-1, R-FIN-1/6/7, R-AUTH-4). The family home's card and the top of the file page (guardian,
 * student, adult student) both show this line, so they never disagree.
 */
export function describeProcedureState(f: ProcedureFacts): ProcedureState {
  if (f.outOfProcedure) return { label: "Hors procédure : contactez l'établissement.", tone: "info" };
  if (f.outcome) {
    const o = describeOutcomeState(f.outcome);
    if (o) return o;
  }
  if (f.decisionPublished) return { label: "Décision d'orientation disponible", tone: "done" };
  // R-DATA-1/3: a closed file says so, whatever step it stopped at.
  if (!f.service.open && f.service.reason === "file_closed") return { label: f.service.text, tone: "closed" };
  if (f.final?.opened) return describeFinalState(f, f.final);
  if (f.acknowledged)
    return {
      label: `Accusé de réception des avis provisoires effectué le ${formatParisDateTime(f.acknowledged.at)} par ${f.acknowledged.byName}`,
      tone: "done",
    };
  if (f.opinionsPublished) {
    if (f.viewer && !f.viewer.mayEnter) return { label: "Avis provisoires du conseil de classe disponibles : accusé de réception attendu", tone: "info" };
    return { label: "Avis provisoires du conseil de classe disponibles : accusé de réception à faire", tone: "todo" };
  }
  if (f.validated) {
    const suffix = mayEdit(f, f.service, f.validated) ? " (modifiables jusqu'à la fermeture du service)" : "";
    return { label: `Intentions validées le ${formatParisDateTime(f.validated.at)} par ${f.validated.byName}${suffix}`, tone: "done" };
  }
  if (f.service.open) {
    if (mayEdit(f, f.service, null)) return { label: "Intentions provisoires à saisir", tone: "todo" };
    if (f.viewer && !f.viewer.mayEnter) return { label: `Intentions provisoires : ${enteredByWhom(f.viewer)}, consultation seulement`, tone: "info" };
    return { label: "Saisie en ligne des intentions non disponible : contactez l'établissement", tone: "info" };
  }
  if (f.service.reason === "council_open") return { label: "Conseil de classe en cours : saisie fermée", tone: "closed" };
  if (f.service.reason === "school_closed") return { label: "Service fermé par l'établissement", tone: "closed" };
  return { label: "Service en ligne fermé", tone: "closed" };
}

/** R-CAL-2: the one-line state of the final phase on the family home. */
function describeFinalState(f: ProcedureFacts, fin: NonNullable<ProcedureFacts["final"]>): ProcedureState {
  if (fin.answered) {
    if (fin.agreementsAwaited > 0) {
      if (fin.viewerAgreementAwaited) return { label: "Réponse enregistrée : votre accord ou votre désaccord est à signifier", tone: "todo" };
      return { label: "Réponse enregistrée : accord de l'autre représentant légal attendu", tone: f.viewer ? "info" : "todo" };
    }
    const by = fin.answered.bySchool ? `par l'établissement (${fin.answered.byName})` : `par ${fin.answered.byName}`;
    return { label: `Réponse aux propositions du conseil de classe enregistrée le ${formatParisDateTime(fin.answered.at)} ${by}`, tone: "done" };
  }
  if (fin.proposalsPublished) {
    if (f.viewer) {
      // R-FIN-6: the holder of the final choices answers; without online choices, the school does (R-FIN-10).
      if (!fin.validated) return { label: "Propositions du conseil de classe disponibles : réponse saisie par l'établissement", tone: "info" };
      if (!f.viewer.mayEnter || (fin.validated.holderAccountId !== undefined && fin.validated.holderAccountId !== f.viewer.accountId)) {
        return { label: `Propositions du conseil de classe disponibles : réponse attendue ${deName(fin.validated.byName)}`, tone: "info" };
      }
    }
    return { label: "Propositions du conseil de classe disponibles : réponse à faire", tone: "todo" };
  }
  if (fin.validated) {
    const suffix = mayEdit(f, fin.service, fin.validated) ? " (modifiables jusqu'à la fermeture du service)" : "";
    return { label: `Choix définitifs validés le ${formatParisDateTime(fin.validated.at)} par ${fin.validated.byName}${suffix}`, tone: "done" };
  }
  if (fin.service.open) {
    if (f.viewer && !f.viewer.mayEnter) return { label: `Choix définitifs : ${enteredByWhom(f.viewer)}, consultation seulement`, tone: "info" };
    if (!mayEdit(f, fin.service, null)) return { label: "Saisie en ligne des choix définitifs non disponible : contactez l'établissement", tone: "info" };
    if (f.viewer && !f.opinionsPublished) return { label: "Avis provisoires non publiés : contactez l'établissement pour les choix définitifs", tone: "info" };
    if (f.opinionsPublished && !f.acknowledged) return { label: "Accusé de réception à faire avant la saisie des choix définitifs", tone: "todo" };
    return { label: "Choix définitifs à saisir", tone: "todo" };
  }
  if (fin.service.reason === "council_open") return { label: "Conseil de classe de la phase définitive en cours : saisie fermée", tone: "closed" };
  if (fin.service.reason === "school_closed") return { label: "Service fermé par l'établissement", tone: "closed" };
  return { label: "Service en ligne fermé", tone: "closed" };
}

/** R-FIN-8/9/11/12: the one-line state once the answer leads to an interview, a decision or an appeal. */
function describeOutcomeState(o: NonNullable<ProcedureFacts["outcome"]>): ProcedureState | null {
  if (o.appeal?.outcome === "pending") return { label: "Appel en cours : décision de la commission d'appel attendue", tone: "info" };
  if (o.appeal || o.decision?.source === "commission") return { label: "Décision de la commission d'appel disponible", tone: "done" };
  if (o.decision) {
    if (o.decision.maintienAt) return { label: "Décision d'orientation disponible – maintien dans la classe d'origine enregistré", tone: "done" };
    const w = appealWindow(o.decision, o.today);
    if (w.status === "open") return { label: `Décision d'orientation disponible – appel possible jusqu'au ${longDay(w.deadline)} inclus`, tone: "todo" };
    return { label: "Décision d'orientation disponible", tone: "done" };
  }
  if (o.interviewHeldAt)
    return { label: `Entretien avec le chef d'établissement tenu le ${formatParisDate(o.interviewHeldAt)} : décision d'orientation attendue`, tone: "info" };
  if (o.disagreement) return { label: "Aucun accord : entretien obligatoire avec le chef d'établissement, à contacter immédiatement", tone: "todo" };
  return null;
}
