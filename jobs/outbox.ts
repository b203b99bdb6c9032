import { sendDueEmails, type SendResult } from "@/lib/outbox/sender";
import type { JobContext } from "./job";

/** The outbox sender as a scheduled job (R-SYNC-3): sends the e-mails due at `now` (never without a mailer: they wait). */
export async function run(ctx: JobContext): Promise<SendResult | null> {
  if (!ctx.mailer) return null;
  return sendDueEmails({ ...ctx, mailer: ctx.mailer });
}
