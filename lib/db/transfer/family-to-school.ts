import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { inRange as batchRange, query, type Bounds, type Counts } from "./sql";

/*
 * The nightly transfer, family → school (docs/sync.md): one set-based statement per kind for one
 * batch of students, each writing its watermark with the copy (R-SYNC-4).
 */

/**
 * R-SCH-4 (with R-SCH-3), the one implementation: an entry is « non traitée » when it was
 * validated on the Paris day its division's council (same phase) was opened, or whenever it
 * arrives after that council opened (opened between midnight and the run, or a night missed):
 * the intentions generated at the opening did not include it, so the back-office must see it
 * behind the icon, not silently lose it. `validatedAt` and `councilOpenedAt` are timestamptz
 * expressions; `asOf` is the run's cut-off. Exported so that db tests exercise this very SQL.
 */
export function nonTraitee(validatedAt: SQL, councilOpenedAt: SQL, asOf: string): SQL {
  return sql`((${validatedAt} at time zone 'Europe/Paris')::date = (${councilOpenedAt} at time zone 'Europe/Paris')::date
          or ${councilOpenedAt} <= ${asOf}::timestamptz)`;
}

/**
 * One batch, family → school. `answered`: the students whose answer or an agreement crossed (R-FIN-9:
 * the caller invites their guardians to the interview when they now show a disagreement).
 */
export async function familyToSchool(tx: Tx, b: Bounds): Promise<{ counts: Counts; answered: string[] }> {
  const { asOf } = b;
  const inRange = (col: SQL) => batchRange(b, col);

  // R-SYNC-1, R-SCH-2, R-SCH-4: intentions / final choices, marked TS, « non traitée » as
  // `nonTraitee` above decides.
  // The watermark is the destination itself: school_family_entries.family_version is the version
  // received, written by the same statement as the copy. Pending = a validated version newer than
  // the one received. The source rows are only read (through their (student, phase) index), so a
  // family validating during the batch is not blocked, and its new version crosses next night.
  // The council is found by joining the batch's students (one range read of their key, not a
  // primary-key probe per copied row) to the opened councils of their division, phase by phase.
  // The entries are copied in the physical order of family_requests (`order by f.ctid`): each
  // entry's items are then read in the order they lie on disk (a family's items are written with
  // its request), not in the order of the students' ids (or of a hash), which scatters every batch over the
  // whole items table. The items are built as json (text) and cast to jsonb once per entry: the
  // same value as jsonb_build_object/jsonb_agg (keys are ordered by jsonb either way), for about
  // a fifth less CPU than building each item as jsonb.
  const [req] = await query<{ entries: number; non_traitee: number }>(
    tx,
    sql`
    with src as (
      select f.id, f.student_id, f.phase, f.version, f.holder_name, f.validated_at, cc.opened_at as council_opened_at
        from family_requests f
        join students s on s.id = f.student_id and ${inRange(sql`s.id`)}
        left join class_councils cc on cc.division_id = s.division_id and cc.phase = f.phase and cc.opened_at is not null
        left join school_family_entries e on e.student_id = f.student_id and e.phase = f.phase and ${inRange(sql`e.student_id`)}
       where ${inRange(sql`f.student_id`)} and f.validated_at <= ${asOf}::timestamptz
         and (e.family_version is null or e.family_version < f.version)
       order by f.ctid
    ), ins as (
      insert into school_family_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
      select src.student_id, src.phase, src.version,
             coalesce((select json_agg(json_build_object(
                        'rank', i.rank, 'track', i.track, 'subTrack', i.sub_track, 'freeText', i.free_text,
                        'statusSchool', i.status_school, 'statusApprentice', i.status_apprentice,
                        'specialties', i.specialties, 'stagePasserelle', i.stage_passerelle) order by i.rank)::jsonb
                         from family_request_items i where i.request_id = src.id), '[]'::jsonb),
             src.holder_name, src.validated_at, ${asOf}::timestamptz,
             coalesce(${nonTraitee(sql`src.validated_at`, sql`src.council_opened_at`, asOf)}, false)
        from src
      on conflict (student_id, phase) do update set
             family_version = excluded.family_version, items = excluded.items, entered_by_name = excluded.entered_by_name,
             entered_at = excluded.entered_at, received_at = excluded.received_at, non_traitee = excluded.non_traitee
       where school_family_entries.family_version < excluded.family_version
      returning non_traitee
    )
    select count(*)::int as entries, (count(*) filter (where non_traitee))::int as non_traitee from ins`,
  );

  // R-ACK-2: acknowledgements (never changed once given).
  const [ack] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select student_id, actor_name, acknowledged_at from family_acknowledgements
       where ${inRange(sql`student_id`)} and transferred_at is null and acknowledged_at <= ${asOf}::timestamptz
    ), ins as (
      insert into school_acknowledgements (student_id, acknowledged_by_name, acknowledged_at, received_at)
      select student_id, actor_name, acknowledged_at, ${asOf}::timestamptz from src
      on conflict (student_id) do nothing
      returning 1
    ), upd as (
      update family_acknowledgements f set transferred_at = ${asOf}::timestamptz
        from src where f.student_id = src.student_id and ${inRange(sql`f.student_id`)} returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`,
  );

  // R-FIN-6: the family's answer; a later answer entered by the school (R-FIN-10) is not overwritten.
  // Rows of source 'school' on the family side are the school's own answers as published to the
  // family: they never cross back.
  const [ans] = await query<{ n: number; students: string[] }>(
    tx,
    sql`
    with src as (
      select student_id, actor_name, kind, accepted_proposal_ids, answered_at from family_answers
       where ${inRange(sql`student_id`)} and transferred_at is null and source = 'family' and answered_at <= ${asOf}::timestamptz
    ), ins as (
      insert into school_family_answers (student_id, source, kind, accepted_proposal_ids, answered_by_name, answered_at, received_at)
      select student_id, 'family', kind, accepted_proposal_ids, actor_name, answered_at, ${asOf}::timestamptz from src
      on conflict (student_id) do update set
             source = excluded.source, kind = excluded.kind, accepted_proposal_ids = excluded.accepted_proposal_ids,
             answered_by_name = excluded.answered_by_name, answered_at = excluded.answered_at, received_at = excluded.received_at
       where school_family_answers.answered_at <= excluded.answered_at
      returning student_id
    ), upd as (
      update family_answers f set transferred_at = ${asOf}::timestamptz
        from src where f.student_id = src.student_id and ${inRange(sql`f.student_id`)} returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted,
           (select coalesce(array_agg(student_id::text), '{}') from ins) as students`,
  );

  // R-FIN-7: each guardian's agreement, keyed by the guardian (source 'family' only, as above).
  const [agr] = await query<{ n: number; students: string[] }>(
    tx,
    sql`
    with src as (
      select fa.student_id, fa.guardian_id, fa.actor_name, fa.agrees, fa.answered_at
        from family_agreements fa
       where ${inRange(sql`fa.student_id`)} and fa.transferred_at is null and fa.source = 'family' and fa.answered_at <= ${asOf}::timestamptz
         -- R-FIN-10: an agreement given before a later answer of the school agreed with the earlier answer (void).
         and not exists (select 1 from school_family_answers sa where sa.student_id = fa.student_id and sa.source = 'school' and sa.answered_at > fa.answered_at)
    ), ins as (
      insert into school_agreements (student_id, guardian_id, source, agrees, answered_by_name, answered_at, received_at)
      select student_id, guardian_id, 'family', agrees, actor_name, answered_at, ${asOf}::timestamptz from src
      on conflict (student_id, guardian_id) do update set
             source = excluded.source, agrees = excluded.agrees, answered_by_name = excluded.answered_by_name, answered_at = excluded.answered_at,
             received_at = excluded.received_at
       where school_agreements.answered_at <= excluded.answered_at
      returning student_id
    ), upd as (
      update family_agreements f set transferred_at = ${asOf}::timestamptz
        from src where f.student_id = src.student_id and f.guardian_id = src.guardian_id and ${inRange(sql`f.student_id`)} returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted,
           (select coalesce(array_agg(distinct student_id::text), '{}') from ins) as students`,
  );

  return {
    counts: {
      familyEntries: req?.entries ?? 0,
      nonTraitee: req?.non_traitee ?? 0,
      acknowledgements: ack?.n ?? 0,
      answers: ans?.n ?? 0,
      agreements: agr?.n ?? 0,
    },
    answered: [...new Set([...(ans?.students ?? []), ...(agr?.students ?? [])])],
  };
}
