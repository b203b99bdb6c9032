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

/*
 * R-FIN-4: the 24 hours around the final councils. Both are warnings the head confirms (the
 * CONFIRMATION_REQUIRED pattern): the nightly transfer needs a night between the closing of the
 * family service and the council, and between the council's answers and the reopening.
 * 24 hours are elapsed time, not wall-clock time: across the spring DST night, 20:00 to 20:00 the
 * next day is only 23 hours.
 */

export const COUNCIL_MARGIN_MS = 24 * 3600 * 1000;

export const COUNCIL_TOO_CLOSE_MESSAGE =
  "Attention : les établissements doivent fermer le téléservice au moins 24h avant le début des conseils de classe, afin de récupérer les dernières demandes saisies (transfert des dernières demandes du téléservice vers Siècle Orientation durant la nuit). Confirmez la date du conseil de classe.";

export const REOPEN_TOO_SOON_MESSAGE =
  "Attention : une fois les réponses du conseil de classe saisies, les établissements doivent attendre 24h avant de réouvrir le téléservice (transfert des dernières réponses de Siècle Orientation vers le téléservice durant la nuit). Confirmez la réouverture du service en ligne.";

/**
 * R-FIN-4: when the family service of a level and phase closes for a school: the académie's
 * window, or earlier if the school closed its own service (when it did so).
 */
export function familyServiceClosingAt(windowClosesAt: Date | null, schoolClosure: { closed: boolean; updatedAt: Date } | null): Date | null {
  const own = schoolClosure?.closed ? schoolClosure.updatedAt : null;
  if (own && windowClosesAt) return own.getTime() < windowClosesAt.getTime() ? own : windowClosesAt;
  return own ?? windowClosesAt;
}

/** R-FIN-4 (a): a council set less than 24 h after the closing of the family service. */
export function councilTooCloseToClosing(scheduledAt: Date, closingAt: Date | null): boolean {
  return closingAt !== null && scheduledAt.getTime() - closingAt.getTime() < COUNCIL_MARGIN_MS;
}

export function assertCouncilDateConfirmed(scheduledAt: Date, closingAt: Date | null, confirmed: boolean): void {
  if (!confirmed && councilTooCloseToClosing(scheduledAt, closingAt)) throw new DomainError("CONFIRMATION_REQUIRED", COUNCIL_TOO_CLOSE_MESSAGE);
}

/**
 * R-FIN-4 (b): reopening the family service less than 24 h after the council's answers were entered
 * or changed. R-OVS-4: the 24 h are the wait for the night's transfer; once the school's own
 * on-demand transfer succeeded with a cut-off at or after the last change (`transferredUpTo`), the
 * answers have reached the families and there is nothing to wait for.
 */
export function reopeningTooSoon(lastProposalChangeAt: Date | null, now: Date, transferredUpTo: Date | null = null): boolean {
  if (lastProposalChangeAt === null) return false;
  if (transferredUpTo !== null && transferredUpTo.getTime() >= lastProposalChangeAt.getTime()) return false;
  return now.getTime() - lastProposalChangeAt.getTime() < COUNCIL_MARGIN_MS;
}

export function assertReopeningConfirmed(lastProposalChangeAt: Date | null, now: Date, confirmed: boolean, transferredUpTo: Date | null = null): void {
  if (!confirmed && reopeningTooSoon(lastProposalChangeAt, now, transferredUpTo)) throw new DomainError("CONFIRMATION_REQUIRED", REOPEN_TOO_SOON_MESSAGE);
}

/** R-FIN-5: proposals are entered once the final council is open. */
export function assertCouncilOpenForProposals(council: CouncilFacts | null): void {
  if (council?.state !== "open") {
    throw new DomainError("COUNCIL_NOT_OPEN", "Les propositions se saisissent après l'ouverture du conseil de classe de la phase définitive.");
  }
}
