import { and, eq, sql, type SQL } from "drizzle-orm";
import type { StatisticsCounts, StatisticsFilters } from "@/lib/domain/academy-statistics";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { Db, Queryable } from "../client";
import { academyStatistics } from "../schema";

/*
 * R-OVS-1: the académie's live statistics in ONE statement per page (docs/performance.md): the
 * students in scope (the académie's schools, one school or one division; the schools' open
 * school year; the level's divisions; «hors procédure» left out, R-SCH-12) are read once into
 * a CTE, and every section is a set-based GROUP BY over them, joined to its table by the
 * student's key (every table below is indexed on student_id). Which side each figure reads:
 *
 * - validations, acknowledgements, answers, agreements: the family service's tables (live);
 * - family entries received (TS), entries by the school, avis, proposals, decisions,
 *   interviews, appeals: the school's tables (what the school has received or entered).
 */

export type StatisticsScopeKind = "academy" | "school" | "division";

/** A school of the académie, for the drill-down (null when unknown or of another académie). */
export async function findStatisticsSchool(q: Queryable, academyId: string, schoolId: string) {
  const r = await q.execute<{ id: string; name: string; city: string }>(
    sql`select id, name, city from schools where id = ${schoolId}::uuid and academy_id = ${academyId}`,
  );
  return r.rows[0] ?? null;
}

/** A division of the open year of one of the académie's schools (null when unknown or elsewhere). */
export async function findStatisticsDivision(q: Queryable, academyId: string, divisionId: string) {
  const r = await q.execute<{ id: string; code: string; school_id: string; school_name: string; school_city: string }>(
    sql`select d.id, d.code, d.school_id, sc.name as school_name, sc.city as school_city
          from divisions d join schools sc on sc.id = d.school_id and sc.school_year = d.school_year
         where d.id = ${divisionId}::uuid and sc.academy_id = ${academyId}`,
  );
  const d = r.rows[0];
  return d ? { id: d.id, code: d.code, schoolId: d.school_id, schoolName: d.school_name, schoolCity: d.school_city } : null;
}

/** The statement of one statistics page (exported for the bench's EXPLAIN). */
export function statisticsStatement(academyId: string, f: StatisticsFilters, kind: StatisticsScopeKind): SQL {
  const phase = f.phase;
  const unit = kind === "academy" ? sql`s.school_id` : sql`s.division_id`;
  const narrow = sql.join(
    [
      f.schoolId && kind !== "academy" ? sql` and sc.id = ${f.schoolId}::uuid` : sql``,
      f.divisionId && kind === "division" ? sql` and s.division_id = ${f.divisionId}::uuid` : sql``,
    ],
    sql``,
  );
  const unitLabel =
    kind === "academy"
      ? sql`(select sc.name || ' (' || sc.city || ')' from schools sc where sc.id = u.id)`
      : sql`(select d.code from divisions d where d.id = u.id)`;
  const parts: SQL[] = [
    sql`(select coalesce(json_agg(u order by u.label, u.id), '[]'::json) from (
          select u.*, ${unitLabel} as label from (
            select st.unit as id, count(*)::int as students, count(fr.student_id)::int as validated,
                   count(e.student_id)::int as online, (count(*) filter (where sr.source = 'school'))::int as "bySchool"
              from st
              left join family_requests fr on fr.student_id = st.id and fr.phase = ${phase}
              left join school_family_entries e on e.student_id = st.id and e.phase = ${phase}
              left join school_requests sr on sr.student_id = st.id and sr.phase = ${phase}
             group by st.unit) u) u) as units`,
  ];
  if (phase === "provisional") {
    parts.push(
      sql`(select count(*)::int from st join family_acknowledgements a on a.student_id = st.id) as acknowledgements`,
      sql`(select coalesce(json_agg(t), '[]'::json) from (
            select i.track, i.sub_track as "subTrack", o.value, count(*)::int as n
              from st join opinions o on o.student_id = st.id join school_request_items i on i.id = o.item_id
             group by i.track, i.sub_track, o.value) t) as avis`,
    );
  } else {
    parts.push(
      sql`(select coalesce(json_agg(t), '[]'::json) from (
            select p.track, p.sub_track as "subTrack", p.kind, p.answer, count(*)::int as n
              from st join council_proposals p on p.student_id = st.id
             group by p.track, p.sub_track, p.kind, p.answer) t) as proposals`,
      sql`(select json_build_object('accept', count(*) filter (where a.kind = 'accept'), 'refuseAll', count(*) filter (where a.kind = 'refuse_all'))
             from st join family_answers a on a.student_id = st.id) as answers`,
      sql`(select json_build_object('agrees', count(*) filter (where a.agrees), 'disagrees', count(*) filter (where not a.agrees))
             from st join family_agreements a on a.student_id = st.id) as agreements`,
      sql`(select coalesce(json_agg(t), '[]'::json) from (
            select d.track, d.sub_track as "subTrack", count(*)::int as decisions, (count(*) filter (where d.differs_from_request))::int as differing
              from st join decisions d on d.student_id = st.id
             group by d.track, d.sub_track) t) as decisions`,
      sql`(select json_build_object('interviews', count(*), 'students', count(distinct i.student_id),
                                    'agreement', count(*) filter (where i.outcome = 'agreement'), 'disagreement', count(*) filter (where i.outcome = 'disagreement'))
             from st join interviews i on i.student_id = st.id) as interviews`,
      sql`(select json_build_object('pending', count(*) filter (where a.outcome = 'pending'), 'upheld', count(*) filter (where a.outcome = 'upheld'),
                                    'changed', count(*) filter (where a.outcome = 'changed'))
             from st join appeals a on a.student_id = st.id) as appeals`,
    );
  }
  return sql`with st as materialized (
      select s.id, ${unit} as unit
        from schools sc
        join students s on s.school_id = sc.id and s.school_year = sc.school_year
        join divisions dv on dv.id = s.division_id
       where sc.academy_id = ${academyId} and dv.level = ${f.level} and s.out_of_procedure_reason is null${narrow})
    select ${sql.join(parts, sql`, `)}`;
}

type Raw = {
  units: StatisticsCounts["units"];
  acknowledgements?: number;
  avis?: StatisticsCounts["avis"];
  proposals?: StatisticsCounts["proposals"];
  answers?: StatisticsCounts["answers"];
  agreements?: StatisticsCounts["agreements"];
  decisions?: StatisticsCounts["decisions"];
  interviews?: StatisticsCounts["interviews"];
  appeals?: StatisticsCounts["appeals"];
};

/** R-OVS-1: the counts of one statistics page, in one round trip. */
export async function findStatisticsCounts(q: Queryable, academyId: string, f: StatisticsFilters, kind: StatisticsScopeKind): Promise<StatisticsCounts> {
  const r = await q.execute<Raw>(statisticsStatement(academyId, f, kind));
  const raw = r.rows[0]!;
  return {
    units: raw.units,
    acknowledgements: raw.acknowledgements ?? 0,
    avis: raw.avis ?? [],
    proposals: raw.proposals ?? [],
    answers: raw.answers ?? { accept: 0, refuseAll: 0 },
    agreements: raw.agreements ?? { agrees: 0, disagrees: 0 },
    decisions: raw.decisions ?? [],
    interviews: raw.interviews ?? { interviews: 0, students: 0, agreement: 0, disagreement: 0 },
    appeals: raw.appeals ?? { pending: 0, upheld: 0, changed: 0 },
  };
}

/** The filter's choices: the académie's schools, by name. */
export async function findStatisticsSchools(q: Queryable, academyId: string) {
  const r = await q.execute<{ id: string; name: string; city: string }>(
    sql`select id, name, city from schools where academy_id = ${academyId} order by name, city, id`,
  );
  return r.rows;
}

/** The filter's choices: the divisions of the school's open year for the level, by code. */
export async function findStatisticsDivisions(q: Queryable, schoolId: string, level: StatisticsFilters["level"]) {
  const r = await q.execute<{ id: string; code: string }>(
    sql`select d.id, d.code from divisions d join schools sc on sc.id = d.school_id and sc.school_year = d.school_year
         where d.school_id = ${schoolId}::uuid and d.level = ${level} order by d.code, d.id`,
  );
  return r.rows;
}

/** R-OVS-1: the académie-wide counts of a level and phase as last computed, or null when never computed. */
export async function readAcademyStatistics(q: Queryable, academyId: string, level: Level, phase: Phase) {
  const [r] = await q
    .select({ counts: academyStatistics.counts, computedAt: academyStatistics.computedAt })
    .from(academyStatistics)
    .where(and(eq(academyStatistics.academyId, academyId), eq(academyStatistics.level, level), eq(academyStatistics.phase, phase)));
  return r ?? null;
}

/**
 * R-OVS-1: computes the académie-wide counts of a level and phase and stores them, computed at
 * `at`. One computation at a time per académie, level and phase, whatever the number of servers:
 * a second caller while one runs does nothing (false). The counts are read in the transaction's
 * one snapshot.
 */
export async function refreshAcademyStatistics(db: Db, academyId: string, level: Level, phase: Phase, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const lock = await tx.execute<{ ok: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtext('academy-statistics'), hashtext(${`${academyId}|${level}|${phase}`})) as ok`,
    );
    if (!lock.rows[0]?.ok) return false;
    const counts = await findStatisticsCounts(tx, academyId, { level, phase, schoolId: null, divisionId: null }, "academy");
    await tx
      .insert(academyStatistics)
      .values({ academyId, level, phase, counts, computedAt: at })
      .onConflictDoUpdate({
        target: [academyStatistics.academyId, academyStatistics.level, academyStatistics.phase],
        set: { counts, computedAt: at },
        // Never replace newer counts by older ones (two servers, clocks apart).
        setWhere: sql`${academyStatistics.computedAt} <= ${at}`,
      });
    return true;
  });
}
