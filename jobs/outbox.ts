import { sendDueEmails, type SendResult } from "@/lib/outbox/sender";
import type { JobContext } from "./job";

/**
 * The outbox sender as a scheduled job (R-SYNC-3): sends the e-mails due at `now`, and keeps
 * claiming while more are due (a campaign's thousands leave in one run, not 1,000 per interval),
 * OUTBOX_CONCURRENCY at a time (lib/outbox/sender.ts); never without a mailer: they wait. The
 * worker's `signal` stops the drain between batches when it stops.
 */
export async function run(ctx: JobContext & { signal?: AbortSignal; concurrency?: number; batchSize?: number }): Promise<SendResult | null> {
  if (!ctx.mailer) return null;
  return sendDueEmails({ ...ctx, mailer: ctx.mailer });
}
