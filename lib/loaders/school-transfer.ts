import { guardPage } from "@/lib/auth/guard";
import { listSchoolRuns } from "@/lib/db/transfer/runs";
import { schoolTransferPanel, type SchoolTransferPanel } from "@/lib/domain/school-transfer";

/** R-OVS-4: the head's on-demand transfer panel (« Vie de l'établissement »): the school's runs, newest first. */
export async function loadSchoolTransferPanel(): Promise<SchoolTransferPanel> {
  const { db, scope } = await guardPage({ roles: ["head"], permission: "run:school-transfer", resource: { type: "school" } });
  const runs = await listSchoolRuns(db, scope.schoolId);
  return schoolTransferPanel({ runs: runs.map((r) => ({ ...r, id: Number(r.id) })) });
}
