import type pg from "pg";

/*
 * The floors of `npm run bench:sync` (docs/sync.md, « Benchmark »): the bare INSERT … SELECT of
 * the rows the transfer carries, one statement per kind, without batches and without watermarks.
 * Two yardsticks, both measured in every run, on the same rows:
 *
 * - "floor" (the definition since 23/11/2026): exactly the transfer's rows from the same sources
 *   into tables of the same shape: the « non traitée » flag computed from the division's council
 *   of the entry's phase (same rule as the transfer's), the avis of the provisional phase only
 *   (joined to school_requests), the destinations' foreign keys (LIKE … INCLUDING ALL does not copy
 *   them; every row of the real destinations pays that check), and the transfer's work_mem (64 MB).
 * - "old floor" (the definition before 23/11/2026): a constant `false` flag (no join to the
 *   students nor to their council), every avis (no join to school_requests), destinations without
 *   foreign keys, the server's default work_mem (4 MB here). The kinds that floor did not have
 *   (proposals, answers, agreements) are copied by its rules: no foreign keys, 4 MB.
 */

export type Floor = "floor" | "old_floor";

const ITEMS_JSON = `(select jsonb_agg(jsonb_build_object(
                'rank', i.rank, 'track', i.track, 'subTrack', i.sub_track, 'freeText', i.free_text,
                'statusSchool', i.status_school, 'statusApprentice', i.status_apprentice,
                'specialties', to_jsonb(i.specialties), 'stagePasserelle', i.stage_passerelle) order by i.rank)
                from family_request_items i where i.request_id = fr.id)`;

const DESTINATIONS = [
  ["entries", "school_family_entries"],
  ["opinions", "family_published_opinions"],
  ["proposals", "family_published_proposals"],
  ["answers", "school_family_answers"],
  ["agreements", "school_agreements"],
] as const;

export type FloorKind = (typeof DESTINATIONS)[number][0];

/** Runs one floor; returns the time of each kind's statement (ms) and the rows copied. */
export async function runFloor(c: pg.Client, floor: Floor, asOf: string): Promise<{ ms: Record<FloorKind, number>; rows: Record<FloorKind, number> }> {
  const current = floor === "floor";
  await c.query(current ? "set work_mem = '64MB'" : "reset work_mem");
  for (const [kind, from] of DESTINATIONS) {
    await c.query(`create table ${floor}_${kind} (like ${from} including all)`);
    if (!current) continue;
    const fks = await c.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = '${from}'::regclass and contype = 'f'`,
    );
    for (const fk of fks.rows) await c.query(`alter table ${floor}_${kind} add ${fk.def}`);
  }
  const statements: Record<FloorKind, string> = {
    entries: current
      ? `insert into floor_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
      select fr.student_id, fr.phase, fr.version, ${ITEMS_JSON}, fr.holder_name, fr.validated_at, now(),
             coalesce(cc.opened_at is not null
               and ((fr.validated_at at time zone 'Europe/Paris')::date = (cc.opened_at at time zone 'Europe/Paris')::date
                    or cc.opened_at <= '${asOf}'::timestamptz), false)
        from family_requests fr
        join students s on s.id = fr.student_id
        left join class_councils cc on cc.division_id = s.division_id and cc.phase = fr.phase`
      : `insert into old_floor_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
      select fr.student_id, fr.phase, fr.version, ${ITEMS_JSON}, fr.holder_name, fr.validated_at, now(), false
        from family_requests fr`,
    opinions: `insert into ${floor}_opinions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, value, comment, published_at)
      select o.student_id, i.rank, i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties, i.stage_passerelle, o.value, o.comment, now()
        from opinions o join school_request_items i on i.id = o.item_id
        ${current ? "join school_requests r on r.id = i.request_id and r.phase = 'provisional'" : ""}`,
    proposals: `insert into ${floor}_proposals (id, student_id, kind, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, answer, motivation, published_at)
      select id, student_id, kind, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, answer, motivation, now()
        from council_proposals`,
    answers: `insert into ${floor}_answers (student_id, source, kind, accepted_proposal_ids, answered_by_name, answered_at, received_at)
      select student_id, 'family', kind, accepted_proposal_ids, actor_name, answered_at, now() from family_answers where source = 'family'`,
    agreements: `insert into ${floor}_agreements (student_id, guardian_id, source, agrees, answered_by_name, answered_at, received_at)
      select student_id, guardian_id, 'family', agrees, actor_name, answered_at, now() from family_agreements where source = 'family'`,
  };
  const ms = {} as Record<FloorKind, number>;
  const rows = {} as Record<FloorKind, number>;
  for (const [kind] of DESTINATIONS) {
    const t0 = performance.now();
    const r = await c.query(statements[kind]);
    ms[kind] = performance.now() - t0;
    rows[kind] = r.rowCount ?? 0;
  }
  await c.query("reset work_mem");
  return { ms, rows };
}
