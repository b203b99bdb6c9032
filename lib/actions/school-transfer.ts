"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDbHandle } from "@/lib/db";
import { startSchoolTransfer } from "@/lib/transfer/school";

/**
 * R-OVS-4: the head sends their school's data to its families now (« Transmettre maintenant aux
 * familles »): the night's transfer for the school alone, started in the background. Answers once
 * the run holds the lock; the panel shows it « En cours » and then its result.
 */
export const startSchoolTransferAction = defineAction({
  name: "school.transfer.start",
  permission: "run:school-transfer",
  resource: { type: "school" },
  schema: z.object({}),
  handler: async ({ actor, scope, now }) => {
    const res = await startSchoolTransfer(await getDbHandle(), { accountId: actor.accountId, displayName: actor.displayName }, scope.schoolId, now);
    revalidatePath("/etablissement/vie-etablissement");
    return { runKey: res.runKey, runId: res.runId };
  },
});
