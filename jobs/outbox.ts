import { sendDueEmails, type SendResult } from "@/lib/outbox/sender";
import type { JobContext } from "./job";

/** The outbox sender as a scheduled job (R-SYNC-3): sends the e-mails due at `now`. */
export function run(ctx: JobContext): Promise<SendResult> {
  return sendDueEmails(ctx);
}
