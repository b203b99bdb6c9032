import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { findAcademy, findAcademyDecisionCounts, findSchoolSummaries } from "@/lib/db/repositories/academies";
import { describeAcademyDecisions, describeAcademyHome, type AcademyDecisionsView, type AcademyHomeView } from "@/lib/domain/academy-pages";

export type { AcademyHomeView } from "@/lib/domain/academy-pages";

/**
 * The académie home: its schools and their counts, and the decisions, interviews and appeals of
 * its schools (R-OVS-1), read:academy on the saio's own académie.
 */
export async function loadAcademyHomePage(): Promise<AcademyHomeView & { decisions: AcademyDecisionsView }> {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  const academy = await findAcademy(db, scope.academyId);
  if (!academy) notFound();
  const [schools, counts] = await Promise.all([findSchoolSummaries(db, scope.academyId), findAcademyDecisionCounts(db, scope.academyId)]);
  return { ...describeAcademyHome(academy.name, schools), decisions: describeAcademyDecisions(counts) };
}
