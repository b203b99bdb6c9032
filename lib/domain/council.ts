import { DomainError } from "./errors";

/*
 * The class council of a division (R-SCH-3, R-SCH-4, R-SCH-6). Pure rules: `now` is a parameter.
 */

export type CouncilState = "planned" | "open";
export type CouncilFacts = { state: CouncilState; scheduledAt: Date | null; openedAt: Date | null };

/** R-SCH-3: opening is immediate; opening an open council is refused (it would regenerate the intentions). */
export function assertCanOpenCouncil(council: CouncilFacts | null): void {
  if (council?.state === "open") throw new DomainError("COUNCIL_ALREADY_OPEN", "Le conseil de classe de cette division est déjà ouvert.");
}

/** R-SCH-6: only an open council can be reset. */
export function assertCanResetCouncil(council: CouncilFacts | null): void {
  if (council?.state !== "open") throw new DomainError("COUNCIL_NOT_OPEN", "Le conseil de classe de cette division n'est pas ouvert.");
}

/** R-SCH-7: avis are entered once the council is open. */
export function assertCouncilOpenForOpinions(council: CouncilFacts | null): void {
  if (council?.state !== "open") {
    throw new DomainError("COUNCIL_NOT_OPEN", "Les avis provisoires se saisissent après l'ouverture du conseil de classe de la division.");
  }
}

/** R-SCH-6: the council date can be changed; a date far in the past is a typing mistake. */
export function assertCouncilDate(scheduledAt: Date, now: Date): void {
  if (Number.isNaN(scheduledAt.getTime())) throw new DomainError("INVALID_DATE", "La date du conseil de classe n'est pas valide.");
  const oneYear = 366 * 24 * 3600 * 1000;
  if (Math.abs(scheduledAt.getTime() - now.getTime()) > oneYear) {
    throw new DomainError("INVALID_DATE", "La date du conseil de classe doit se situer dans l'année scolaire en cours.");
  }
}
