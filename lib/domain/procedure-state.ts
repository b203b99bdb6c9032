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
};

export type ProcedureState = { label: string; tone: "todo" | "done" | "info" | "closed" };

/** The one-line state of a student's procedure shown on the family home. */
export function describeProcedureState(f: ProcedureFacts): ProcedureState {
  if (f.outOfProcedure) return { label: "Hors procédure : contactez l'établissement.", tone: "info" };
  if (f.decisionPublished) return { label: "Décision d'orientation disponible", tone: "done" };
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
