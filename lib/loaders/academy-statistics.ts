import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import type { Queryable } from "@/lib/db/client";
import { findAcademy } from "@/lib/db/repositories/academies";
import {
  findStatisticsCounts,
  findStatisticsDivision,
  findStatisticsDivisions,
  findStatisticsSchool,
  findStatisticsSchools,
} from "@/lib/db/repositories/academy-statistics";
import { describeStatistics, DIVISION_OF_ANOTHER_SCHOOL_MESSAGE, parseStatisticsFilters, type StatisticsView } from "@/lib/domain/academy-statistics";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";

export type { StatisticsView } from "@/lib/domain/academy-statistics";

/**
 * R-OVS-1: the statistics of the académie, of one of its schools or of one division, for the
 * level and phase asked. Null when the school or division named is unknown, of another
 * académie, or not an id (the page's 404). Shared by the page and its XLSX export.
 */
export async function statisticsView(
  q: Queryable,
  academyId: string,
  params: Record<string, string | string[] | undefined>,
  earlier: string[] = [],
): Promise<StatisticsView | null> {
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
      return statisticsView(q, academyId, { ...params, division: undefined }, [...problems, DIVISION_OF_ANOTHER_SCHOOL_MESSAGE]);
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
  const counts = await findStatisticsCounts(q, academyId, filters, "academy");
  return describeStatistics({ academyName: academy.name, filters, scope: { kind: "academy" }, counts, problems });
}

export type StatisticsPageView = StatisticsView & { schoolOptions: { value: string; label: string }[]; divisionOptions: { value: string; label: string }[] };

/** The page: the saio of the académie (read:academy); anything unknown or out of scope is a 404. */
export async function loadAcademyStatisticsPage(searchParams: RawSearchParams): Promise<StatisticsPageView> {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  const query = parseSearchParams(searchParams);
  const view = await statisticsView(db, scope.academyId, query.ok ? query.params : {});
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
