import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { inSchoolYear } from "./school-year";
import type { Queryable } from "../client";
import { classCouncils, divisions, schoolFamilyEntries, schoolRequests, students, type TrackItemSnapshot } from "../schema";
import type { PlanningItem, PlanningStudentFacts } from "@/lib/domain/specialty-planning";
import type { Phase } from "@/lib/domain/tracks";
import type { DivisionFilter } from "./school-students";

/*
 * R-2GT-4: what the planning of the spécialités needs of a lycée's 2de GT students for one phase:
 * the student, the division's council state, the back-office's request with its ranked items, and
 * the family's entry received by the nightly transfer. One query, whatever the number of students
 * (the items are aggregated in place). The caller passes the divisions the actor may see
 * (R-SCH-14); the domain (lib/domain/specialty-planning.ts) picks the request that counts.
 */

const itemsOfRequest = sql<PlanningItem[] | null>`(
  select jsonb_agg(jsonb_build_object('rank', i.rank, 'track', i.track, 'specialties', to_jsonb(i.specialties)) order by i.rank)
  from school_request_items i where i.request_id = ${schoolRequests.id})`;

export async function findSpecialtyPlanningFacts(
  q: Queryable,
  opts: { schoolId: string; phase: Phase; divisions: DivisionFilter; divisionId?: string | null },
): Promise<PlanningStudentFacts[]> {
  if (opts.divisions !== "all" && opts.divisions.length === 0) return [];
  const where: SQL[] = [eq(students.schoolId, opts.schoolId), inSchoolYear(students.schoolYear, students.schoolId), eq(divisions.level, "2GT")];
  if (opts.divisions !== "all") where.push(inArray(students.divisionId, [...opts.divisions]));
  if (opts.divisionId) where.push(eq(students.divisionId, opts.divisionId));
  const rows = await q
    .select({
      id: students.id,
      ine: students.ine,
      lastName: students.lastName,
      firstName: students.firstName,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      outOfProcedureReason: students.outOfProcedureReason,
      councilState: classCouncils.state,
      requestId: schoolRequests.id,
      requestSource: schoolRequests.source,
      requestEnteredByName: schoolRequests.enteredByName,
      requestEnteredAt: schoolRequests.enteredAt,
      changedBySchoolAt: schoolRequests.changedBySchoolAt,
      changedBySchoolName: schoolRequests.changedBySchoolName,
      requestItems: itemsOfRequest,
      entryItems: schoolFamilyEntries.items,
      entryEnteredByName: schoolFamilyEntries.enteredByName,
      entryEnteredAt: schoolFamilyEntries.enteredAt,
      entryNonTraitee: schoolFamilyEntries.nonTraitee,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .leftJoin(classCouncils, and(eq(classCouncils.divisionId, divisions.id), eq(classCouncils.phase, opts.phase)))
    .leftJoin(schoolRequests, and(eq(schoolRequests.studentId, students.id), eq(schoolRequests.phase, opts.phase)))
    .leftJoin(schoolFamilyEntries, and(eq(schoolFamilyEntries.studentId, students.id), eq(schoolFamilyEntries.phase, opts.phase)))
    .where(and(...where))
    .orderBy(asc(divisions.code), asc(students.lastName), asc(students.firstName), asc(students.ine));

  const itemsOf = (items: readonly (PlanningItem | TrackItemSnapshot)[] | null): PlanningItem[] =>
    [...(items ?? [])].map((i) => ({ rank: Number(i.rank), track: i.track, specialties: i.specialties ?? [] })).sort((a, b) => a.rank - b.rank);

  return rows.map((r) => ({
    id: r.id,
    ine: r.ine,
    lastName: r.lastName,
    firstName: r.firstName,
    divisionId: r.divisionId,
    divisionCode: r.divisionCode,
    outOfProcedure: r.outOfProcedureReason !== null,
    councilOpen: r.councilState === "open",
    request:
      r.requestId && r.requestSource && r.requestEnteredByName !== null && r.requestEnteredAt
        ? {
            source: r.requestSource,
            enteredByName: r.requestEnteredByName,
            enteredAt: r.requestEnteredAt,
            changedBySchoolAt: r.changedBySchoolAt,
            changedBySchoolName: r.changedBySchoolName,
            items: itemsOf(r.requestItems),
          }
        : null,
    familyEntry:
      r.entryItems && r.entryEnteredByName !== null && r.entryEnteredAt
        ? { enteredByName: r.entryEnteredByName, enteredAt: r.entryEnteredAt, nonTraitee: r.entryNonTraitee ?? false, items: itemsOf(r.entryItems) }
        : null,
  }));
}
