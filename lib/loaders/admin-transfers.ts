import { EMAIL_KINDS } from "@/emails/registry";
import { guardPage } from "@/lib/auth/guard";
import { countOutboxByKindAndStatus, findFailedEmails } from "@/lib/db/repositories/outbox";
import { listSyncRuns } from "@/lib/db/transfer/runs";
import { transferRunsView } from "@/lib/domain/transfer-runs";
import { env } from "@/lib/env";

export type { TransferRunsView } from "@/lib/domain/transfer-runs";

/** R-SYNC-5, R-SYNC-3: the screen « Transferts »: the runs with their counts, the e-mails per kind and status, the failed e-mails. */
export async function loadAdminTransfersPage() {
  const { db } = await guardPage({ roles: ["admin"], permission: "run:sync", resource: { type: "platform" } });
  const [runs, outbox, failed] = await Promise.all([listSyncRuns(db), countOutboxByKindAndStatus(db), findFailedEmails(db)]);
  const e = env();
  return transferRunsView({
    schedule: { cron: e.SYNC_CRON, timezone: e.SYNC_TIMEZONE },
    runs: runs.map((r) => ({ ...r, id: Number(r.id) })),
    outbox,
    emailKinds: EMAIL_KINDS,
    failedEmails: failed.map((f) => ({ ...f, id: Number(f.id) })),
    mailerConfigured: Boolean(e.SMTP_URL) || e.DEMO_MODE,
  });
}
