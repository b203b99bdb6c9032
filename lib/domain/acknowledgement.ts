import { z } from "zod";
import { DomainError } from "./errors";
import { OPINIONS_NOT_AVAILABLE_MESSAGE } from "./calendar";
import { formatParisDateTime } from "./paris-time";

/*
 * R-ACK-1: once the avis provisoires are published, either guardian (or the adult student)
 * acknowledges them, once; it cannot be changed or undone.
 */

export const ACKNOWLEDGE_BUTTON_LABEL = "Accuser réception";
export const ACKNOWLEDGE_INVITATION =
  "Après avoir pris connaissance des avis provisoires du conseil de classe, vous devez en accuser réception. L'accusé de réception ne pourra plus être modifié.";
/** R-ACK-1, as the procedure words it: « Les représentants légaux sont invités à prendre contact avec le chef d'établissement pour tout renseignement ou conseil. » */
export const CONTACT_HEAD_MESSAGE = "Vous êtes invités à prendre contact avec le chef d'établissement pour tout renseignement ou conseil.";

/** R-ACK-1: what a reader who may not acknowledge (the adult student's guardian, a minor student) sees until it is done. */
export const ACKNOWLEDGEMENT_WAITING_MESSAGE = "L'accusé de réception des avis n'a pas encore été effectué par un représentant légal.";

export type AcknowledgementFact = { actorName: string; acknowledgedAt: Date };

export function acknowledgementText(a: AcknowledgementFact): string {
  return `Accusé de réception effectué le ${formatParisDateTime(a.acknowledgedAt)} par ${a.actorName}.`;
}

export const acknowledgeInput = z.strictObject({ studentId: z.string().uuid({ message: "Élève inconnu." }) });
export type AcknowledgeInput = z.infer<typeof acknowledgeInput>;

/** Throws the French refusal when an acknowledgement is not possible now. */
export function assertCanAcknowledge(input: { opinionsPublished: boolean; existing: AcknowledgementFact | null }): void {
  if (input.existing) {
    throw new DomainError(
      "ALREADY_ACKNOWLEDGED",
      `L'accusé de réception des avis provisoires a déjà été effectué le ${formatParisDateTime(input.existing.acknowledgedAt)} par ${input.existing.actorName}. Il ne peut pas être modifié.`,
    );
  }
  if (!input.opinionsPublished) throw new DomainError("OPINIONS_NOT_PUBLISHED", OPINIONS_NOT_AVAILABLE_MESSAGE);
}
