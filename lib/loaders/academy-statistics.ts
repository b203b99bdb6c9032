import { notFound } from "next/navigation";
import { after } from "next/server";
import { logUnexpected } from "@/lib/log";
import { guardPage } from "@/lib/auth/guard";
import type { Db } from "@/lib/db/client";
import { findAcademy } from "@/lib/db/repositories/academies";
import {
  findStatisticsCounts,
  findStatisticsDivision,
  findStatisticsDivisions,
  findStatisticsSchool,
  findStatisticsSchools,
  readAcademyStatistics,
  refreshAcademyStatistics,
} from "@/lib/db/repositories/academy-statistics";
import {
  ACADEMY_STATISTICS_MAX_AGE_MS,
  describeStatistics,
  DIVISION_OF_ANOTHER_SCHOOL_MESSAGE,
  parseStatisticsFilters,
  type StatisticsCounts,
  type StatisticsFilters,
  type StatisticsView,
} from "@/lib/domain/academy-statistics";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";

export type { StatisticsView } from "@/lib/domain/academy-statistics";

/**
 * R-OVS-1: the statistics of the académie, of one of its schools or of one division, for the
 * level and phase asked. Null when the school or division named is unknown, of another
 * académie, or not an id (the page's 404). Shared by the page and its XLSX export.
 */
export type StatisticsContext = {
  now: Date;
  /** Runs a task after the answer is sent (Next's `after`); the académie's counts are refreshed so. */
  later: (task: () => Promise<unknown>) => void;
};

/**
 * R-OVS-1: the académie-wide counts as last computed; computed now when never computed (or
 * being computed by another server: then counted live), refreshed after the answer when older
 * than ACADEMY_STATISTICS_MAX_AGE_MS.
 */
export async function academyCounts(
  db: Db,
  academyId: string,
  f: Pick<StatisticsFilters, "level" | "phase">,
  ctx: StatisticsContext,
): Promise<{ counts: StatisticsCounts; computedAt: Date }> {
  const saved = await readAcademyStatistics(db, academyId, f.level, f.phase);
  if (saved) {
    if (ctx.now.getTime() - saved.computedAt.getTime() > ACADEMY_STATISTICS_MAX_AGE_MS) {
      ctx.later(() => refreshAcademyStatistics(db, academyId, f.level, f.phase, ctx.now));
    }
    return saved;
  }
  if (await refreshAcademyStatistics(db, academyId, f.level, f.phase, ctx.now)) {
    const fresh = await readAcademyStatistics(db, academyId, f.level, f.phase);
    if (fresh) return fresh;
  }
  return { counts: await findStatisticsCounts(db, academyId, { ...f, schoolId: null, divisionId: null }, "academy"), computedAt: ctx.now };
}

export async function statisticsView(
  db: Db,
  academyId: string,
  params: Record<string, string | string[] | undefined>,
  ctx: StatisticsContext,
  earlier: string[] = [],
): Promise<StatisticsView | null> {
  const q = db;
  const parsed = parseStatisticsFilters(params);
  const { filters, malformed } = parsed;
  const problems = earlier.length ? earlier : parsed.problems;
  if (malformed) return null;
  const academy = await findAcademy(q, academyId);
  if (!academy) return null;
  if (filters.divisionId) {
    const d = await findStatisticsDivision(q, academyId, filters.divisionId);
    if (!d) return null;
    // Another school chosen in the form while a division of the previous one was still selected: the school is shown.
    if (filters.schoolId && filters.schoolId !== d.schoolId)
      return statisticsView(db, academyId, { ...params, division: undefined }, ctx, [...problems, DIVISION_OF_ANOTHER_SCHOOL_MESSAGE]);
    const f = { ...filters, schoolId: d.schoolId };
    const counts = await findStatisticsCounts(q, academyId, f, "division");
    return describeStatistics({
      academyName: academy.name,
      filters: f,
      scope: { kind: "division", schoolId: d.schoolId, schoolName: `${d.schoolName} (${d.schoolCity})`, divisionCode: d.code },
      counts,
      problems,
    });
  }
  if (filters.schoolId) {
    const s = await findStatisticsSchool(q, academyId, filters.schoolId);
    if (!s) return null;
    const counts = await findStatisticsCounts(q, academyId, filters, "school");
    return describeStatistics({
      academyName: academy.name,
      filters,
      scope: { kind: "school", schoolId: s.id, schoolName: `${s.name} (${s.city})` },
      counts,
      problems,
    });
  }
  const { counts, computedAt } = await academyCounts(db, academyId, filters, ctx);
  return describeStatistics({ academyName: academy.name, filters, scope: { kind: "academy" }, counts, problems, computedAt });
}

/** A task run once the page or the export has answered (a failure is logged, never shown). */
export function afterAnswer(task: () => Promise<unknown>): void {
  after(async () => {
    try {
      await task();
    } catch (err) {
      logUnexpected("statistiques de l'académie", err);
    }
  });
}

export type StatisticsPageView = StatisticsView & { schoolOptions: { value: string; label: string }[]; divisionOptions: { value: string; label: string }[] };

/** The page: the saio of the académie (read:academy); anything unknown or out of scope is a 404. */
export async function loadAcademyStatisticsPage(searchParams: RawSearchParams): Promise<StatisticsPageView> {
  const { db, scope, now } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  const query = parseSearchParams(searchParams);
  const view = await statisticsView(db, scope.academyId, query.ok ? query.params : {}, { now, later: afterAnswer });
  if (!view) notFound();
  if (!query.ok) view.problems.unshift(query.message);
  const [schools, divisions] = await Promise.all([
    findStatisticsSchools(db, scope.academyId),
    view.filters.schoolId ? findStatisticsDivisions(db, view.filters.schoolId, view.filters.level) : Promise.resolve([]),
  ]);
  return {
    ...view,
    schoolOptions: schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
    divisionOptions: divisions.map((d) => ({ value: d.id, label: d.code })),
  };
}
