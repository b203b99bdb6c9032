"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { authorize } from "@/lib/auth/policy";
import { getDbHandle } from "@/lib/db";
import { DomainError } from "@/lib/domain/errors";
import { startManualSync } from "@/lib/sync/runs";

const startSync = defineAction({
  name: "sync.start",
  schema: z.object({}),
  authorize: async ({ actor }) => authorize(actor, "run:sync", { type: "platform" }),
  handler: async ({ actor, now }) => {
    const res = await startManualSync(await getDbHandle(), { accountId: actor.accountId, displayName: actor.displayName }, now);
    if (!res.started) throw new DomainError("SYNC_RUNNING", "Un transfert lancé depuis cet écran est déjà en cours.");
    revalidatePath("/admin/transferts");
    return res;
  },
});

export async function startSyncAction(input: unknown) {
  return startSync(input);
}
