import type { FamilyServiceState } from "./calendar";
import { formatParisDateTime } from "./paris-time";

/** Facts about one student's provisional phase, as the family side knows them. */
export type ProcedureFacts = {
  outOfProcedure: boolean;
  service: FamilyServiceState;
  validated: { byName: string; at: Date } | null;
  opinionsPublished: boolean;
  acknowledged: { byName: string; at: Date } | null;
  decisionPublished: boolean;
  /** The final phase (R-FIN-1..7), once its window has opened. */
  final?: {
    opened: boolean;
    service: FamilyServiceState;
    validated: { byName: string; at: Date } | null;
    proposalsPublished: boolean;
    answered: { byName: string; at: Date; bySchool: boolean } | null;
    /** Guardians (other than the one who answered) whose agreement is still awaited; 0 for an adult student. */
    agreementsAwaited: number;
  };
};

export type ProcedureState = { label: string; tone: "todo" | "done" | "info" | "closed" };

/** The one-line state of a student's procedure shown on the family home. */
export function describeProcedureState(f: ProcedureFacts): ProcedureState {
  if (f.outOfProcedure) return { label: "Hors procédure : contactez l'établissement.", tone: "info" };
  if (f.decisionPublished) return { label: "Décision d'orientation disponible", tone: "done" };
  if (f.final?.opened) return describeFinalState(f, f.final);
  if (f.acknowledged)
    return {
      label: `Accusé de réception des avis provisoires effectué le ${formatParisDateTime(f.acknowledged.at)} par ${f.acknowledged.byName}`,
      tone: "done",
    };
  if (f.opinionsPublished) return { label: "Avis provisoires du conseil de classe disponibles : accusé de réception à faire", tone: "todo" };
  if (f.validated) {
    const suffix = f.service.open ? " (modifiables jusqu'à la fermeture du service)" : "";
    return { label: `Intentions validées le ${formatParisDateTime(f.validated.at)} par ${f.validated.byName}${suffix}`, tone: "done" };
  }
  if (f.service.open) return { label: "Intentions provisoires à saisir", tone: "todo" };
  if (f.service.reason === "council_open") return { label: "Conseil de classe en cours : saisie fermée", tone: "closed" };
  if (f.service.reason === "school_closed") return { label: "Service fermé par l'établissement", tone: "closed" };
  return { label: "Service en ligne fermé", tone: "closed" };
}

/** R-CAL-2: the one-line state of the final phase on the family home. */
function describeFinalState(f: ProcedureFacts, fin: NonNullable<ProcedureFacts["final"]>): ProcedureState {
  if (fin.answered) {
    if (fin.agreementsAwaited > 0) return { label: "Réponse enregistrée : accord de l'autre représentant légal attendu", tone: "todo" };
    const by = fin.answered.bySchool ? `par l'établissement (${fin.answered.byName})` : `par ${fin.answered.byName}`;
    return { label: `Réponse aux propositions du conseil de classe enregistrée le ${formatParisDateTime(fin.answered.at)} ${by}`, tone: "done" };
  }
  if (fin.proposalsPublished) return { label: "Propositions du conseil de classe disponibles : réponse à faire", tone: "todo" };
  if (fin.validated) {
    const suffix = fin.service.open ? " (modifiables jusqu'à la fermeture du service)" : "";
    return { label: `Choix définitifs validés le ${formatParisDateTime(fin.validated.at)} par ${fin.validated.byName}${suffix}`, tone: "done" };
  }
  if (fin.service.open) {
    if (f.opinionsPublished && !f.acknowledged) return { label: "Accusé de réception à faire avant la saisie des choix définitifs", tone: "todo" };
    return { label: "Choix définitifs à saisir", tone: "todo" };
  }
  if (fin.service.reason === "council_open") return { label: "Conseil de classe du troisième trimestre en cours : saisie fermée", tone: "closed" };
  if (fin.service.reason === "school_closed") return { label: "Service fermé par l'établissement", tone: "closed" };
  return { label: "Service en ligne fermé", tone: "closed" };
}
