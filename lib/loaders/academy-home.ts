import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import type { Db } from "@/lib/db/client";
import { findAcademy, findSchoolStructure } from "@/lib/db/repositories/academies";
import {
  decisionCountsFrom,
  describeAcademyDecisions,
  describeAcademyHome,
  schoolSummariesFrom,
  type AcademyDecisionsView,
  type AcademyHomeView,
} from "@/lib/domain/academy-pages";
import { statisticsFreshness } from "@/lib/domain/academy-statistics";
import { LEVELS } from "@/lib/domain/tracks";
import { academyCounts, afterAnswer, type StatisticsContext } from "./academy-statistics";

export type { AcademyHomeView } from "@/lib/domain/academy-pages";

export type AcademyHomePageView = AcademyHomeView & { decisions: AcademyDecisionsView; freshness: string };

/**
 * The académie home: its schools and their counts, and the decisions, interviews and appeals of
 * its schools (R-OVS-1). The students, entries and decisions are the académie's kept statistics
 * (the statistics page's, refreshed after the answer when older than a few minutes): counted live,
 * a large académie's home took 1.4 s (bench:statistics); the divisions and open councils are live.
 */
export async function academyHomeView(db: Db, academyId: string, name: string, ctx: StatisticsContext): Promise<AcademyHomePageView> {
  const [structure, provisional, final] = await Promise.all([
    findSchoolStructure(db, academyId),
    Promise.all(LEVELS.map((level) => academyCounts(db, academyId, { level, phase: "provisional" }, ctx))),
    Promise.all(LEVELS.map(async (level) => ({ level, ...(await academyCounts(db, academyId, { level, phase: "final" }, ctx)) }))),
  ]);
  const oldest = [...provisional, ...final].reduce((a, b) => (a.computedAt.getTime() <= b.computedAt.getTime() ? a : b));
  return {
    ...describeAcademyHome(
      name,
      schoolSummariesFrom(
        structure,
        provisional.map((p) => p.counts),
      ),
    ),
    decisions: describeAcademyDecisions(decisionCountsFrom(final)),
    freshness: statisticsFreshness(oldest.computedAt),
  };
}

/** The page: read:academy on the saio's own académie. */
export async function loadAcademyHomePage(): Promise<AcademyHomePageView> {
  const { db, scope, now } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  const academy = await findAcademy(db, scope.academyId);
  if (!academy) notFound();
  return academyHomeView(db, scope.academyId, academy.name, { now, later: afterAnswer });
}
