import { env } from "@/lib/env";

/**
 * The From of every e-mail about a student, computed here only: the académie's sender address
 * (set on its parameters screen) under the product's name, or MAIL_FROM when the académie has none.
 */
export function senderAddress(academySenderEmail: string | null | undefined): string {
  return academySenderEmail ? `Orientation <${academySenderEmail}>` : env().MAIL_FROM;
}
