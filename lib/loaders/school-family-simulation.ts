import { notFound } from "next/navigation";
import { recordAudit } from "@/lib/audit";
import { guardPage } from "@/lib/auth/guard";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { findSimulationFacts } from "@/lib/db/repositories/family-simulation";
import { findActor } from "@/lib/db/repositories/scopes";
import { schoolYearOf } from "@/lib/domain/calendar";
import { planSimulation, simulationRank, simulationSwitch, SIMULATION_NO_ACCOUNT_MESSAGE } from "@/lib/domain/family-simulation";
import { readFamilyFile, type FamilyFileWithAlerts } from "./family-file";

export type FamilySimulationView = {
  studentId: string;
  guardians: ReturnType<typeof simulationSwitch>;
} & ({ kind: "unavailable"; message: string } | { kind: "simulate"; banner: string; file: FamilyFileWithAlerts });

/**
 * R-FIN-13 «simulation d'accès»: the head (policy "simulate:family-page"; anyone else: 404) sees
 * the student's family page as the guardian of rank ?responsable= sees it, built by the one
 * family view-model (readFamilyFile) for that guardian's own actor. Read-only: the page disables
 * every control, and any action posted from it runs as the head, whom the policy refuses
 * ("enter:family-request"). The opening is audited: it shows a family's page to staff (R-AUTH-3).
 */
export async function loadFamilySimulationPage(studentId: string, responsable: string | undefined, step?: string): Promise<FamilySimulationView> {
  const { actor, db, scope, now } = await guardPage({ roles: ["head"], permission: "simulate:family-page", resource: { type: "student", id: studentId } });
  const facts = await findSimulationFacts(db, studentId);
  if (!facts) notFound();
  const rank = simulationRank(responsable);
  const windows = await findAcademyCampaignWindows(db, scope.academyId, schoolYearOf(now));
  const finalWindow = windows.find((w) => w.level === facts.level && w.phase === "final");
  const plan = planSimulation({ finalOpensAt: finalWindow?.opensAt ?? null, now, guardians: facts.guardians, rank });
  const guardians = simulationSwitch(studentId, facts.guardians, rank);
  if (plan.kind === "unavailable") return { studentId, guardians, kind: "unavailable", message: plan.message };
  const guardianActor = await findActor(db, plan.guardian.accountId);
  if (!guardianActor) return { studentId, guardians, kind: "unavailable", message: SIMULATION_NO_ACCOUNT_MESSAGE };
  // The step bar's links stay on this page, for this guardian.
  const file = await readFamilyFile(db, guardianActor, scope, now, { step, stepQuery: `&responsable=${rank}` });
  if (!file) notFound();
  await recordAudit(db, actor, "family.simulation", { type: "student", id: studentId }, { guardianId: plan.guardian.id, rank }, now);
  return { studentId, guardians, kind: "simulate", banner: plan.banner, file };
}
