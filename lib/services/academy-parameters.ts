import type { Actor } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { updateAcademyParameters } from "@/lib/db/repositories/academies";
import { academyParametersSchema, type AcademyParameters } from "@/lib/domain/academy-parameters";

/** R-INT-5, R-2GT-5, R-FIN-11 and the e-mails' sender address: the saio's parameters of the académie. */
export async function saveAcademyParameters(db: Db, actor: Actor, academyId: string, params: AcademyParameters, now: Date): Promise<void> {
  const p = academyParametersSchema.parse(params);
  await db.transaction(async (tx) => {
    await updateAcademyParameters(tx, academyId, p);
    await recordAudit(tx, actor, "academy_parameters.save", { type: "academy", id: academyId }, p, now);
  });
}
