/**
 * An expected refusal of the procedure: a code for tests and logs, a French message for users.
 * Anything else thrown is a bug: logged, and shown as a generic French message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const GENERIC_ERROR_MESSAGE = "Une erreur inattendue s'est produite. Veuillez réessayer ; si elle persiste, contactez votre établissement.";
