"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDbHandle } from "@/lib/db";
import { DomainError } from "@/lib/domain/errors";
import { MANUAL_TRANSFER_RUNNING_MESSAGE } from "@/lib/domain/transfer-runs";
import { retryFailedEmail } from "@/lib/outbox/retry";
import { startManualTransfer } from "@/lib/transfer/manual";

/** R-SYNC-5: an administrator starts a transfer now (the screen « Transferts »). */
export const startTransferAction = defineAction({
  name: "sync.start",
  permission: "run:sync",
  resource: { type: "platform" },
  schema: z.object({}),
  handler: async ({ actor, now }) => {
    const res = await startManualTransfer(await getDbHandle(), { accountId: actor.accountId, displayName: actor.displayName }, now);
    if (!res.started) throw new DomainError("SYNC_RUNNING", MANUAL_TRANSFER_RUNNING_MESSAGE);
    revalidatePath("/admin/transferts");
    return res;
  },
});

/** R-SYNC-3: an administrator sends a failed e-mail again (« Renvoyer »): back to pending now, audited. */
export const retryEmailAction = defineAction({
  name: "outbox.retry",
  permission: "run:sync",
  resource: { type: "platform" },
  schema: z.object({ id: z.coerce.number({ error: "Courriel inconnu." }).int("Courriel inconnu.").positive("Courriel inconnu.") }),
  handler: async ({ actor, input, db, now }) => {
    // No revalidation: the row stays on screen with its message (« Remis dans la file ») and the
    // focus where it was; the list drops it at the next load.
    return retryFailedEmail(db, { accountId: actor.accountId, displayName: actor.displayName }, input.id, now);
  },
});
