import { DomainError } from "./errors";
import { fullItem, type Intention } from "./intentions";
import type { AnswerChoice, AnswerFact } from "./family-answer";

/*
 * Idempotent writes (docs/decisions/010-idempotent-writes.md): a family write whose content is
 * already the saved state saves nothing, writes no audit row and queues no e-mail; the service
 * answers with the saved state, as a success.
 */

/** Whether two entries hold the same items in the same order (the rank and absent defaults aside). */
export function sameRequestItems(a: readonly Intention[], b: readonly Intention[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(fullItem(x)) === JSON.stringify(fullItem(b[i]!)));
}

/** Whether the saved answer is this account's answer with this content (R-FIN-6): then a new one is a replay. */
export function sameAnswer(existing: AnswerFact | null, accountId: string, answer: AnswerChoice): existing is AnswerFact {
  if (!existing || existing.source !== "family" || existing.accountId !== accountId || existing.kind !== answer.kind) return false;
  if (answer.kind === "refuse_all") return true;
  const asked = [...new Set(answer.acceptedProposalIds)].sort();
  const saved = [...existing.acceptedProposalIds].sort();
  return asked.length === saved.length && asked.every((id, i) => id === saved[i]);
}

/** The entry that holds the hand (R-INT-1), as the losing guardian's page shows it at once. */
export type HeldEntry = { holderName: string; validatedAt: Date; items: Intention[] };

/**
 * R-INT-1 / R-FIN-3: the refusal of a guardian whose validation came after the other's: the
 * French message, and the entry that holds the hand, so that the page turns read-only on it.
 */
export class HandTakenError extends DomainError {
  constructor(
    message: string,
    readonly held: HeldEntry | null,
  ) {
    super("HAND_TAKEN", message);
  }
}
