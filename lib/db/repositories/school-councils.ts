import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { classCouncils } from "../schema";
import type { Phase } from "@/lib/domain/tracks";
import { flagFamilyToInform } from "./family-to-inform";
import { findAcknowledgedAmong } from "./school-requests";

/*
 * Class councils (R-SCH-3, R-SCH-6) and the set-based generation of a division's back-office
 * intentions from the family entries at the council's opening.
 */

export async function findCouncil(q: Queryable, divisionId: string, phase: Phase) {
  const [c] = await q
    .select()
    .from(classCouncils)
    .where(and(eq(classCouncils.divisionId, divisionId), eq(classCouncils.phase, phase)));
  return c ?? null;
}

/** The council row, created as planned if missing, locked for the rest of the transaction. */
export async function lockCouncil(q: Queryable, divisionId: string, phase: Phase) {
  await q.insert(classCouncils).values({ divisionId, phase, state: "planned" }).onConflictDoNothing();
  const rows = await q.execute<{ state: "planned" | "open"; scheduled_at: Date | null; opened_at: Date | null }>(
    sql`select state, scheduled_at, opened_at from class_councils where division_id = ${divisionId} and phase = ${phase} for update`,
  );
  const r = rows.rows[0]!;
  return { state: r.state, scheduledAt: r.scheduled_at ? new Date(r.scheduled_at) : null, openedAt: r.opened_at ? new Date(r.opened_at) : null };
}

export async function markCouncilOpen(q: Queryable, divisionId: string, phase: Phase, at: Date, byName: string) {
  await q
    .update(classCouncils)
    .set({ state: "open", openedAt: at, openedByName: byName })
    .where(and(eq(classCouncils.divisionId, divisionId), eq(classCouncils.phase, phase)));
}

export async function markCouncilPlanned(q: Queryable, divisionId: string, phase: Phase) {
  await q
    .update(classCouncils)
    .set({ state: "planned", openedAt: null, openedByName: null })
    .where(and(eq(classCouncils.divisionId, divisionId), eq(classCouncils.phase, phase)));
}

export async function setCouncilDate(q: Queryable, divisionId: string, phase: Phase, scheduledAt: Date | null) {
  await q
    .update(classCouncils)
    .set({ scheduledAt })
    .where(and(eq(classCouncils.divisionId, divisionId), eq(classCouncils.phase, phase)));
}

/** The family entries of a division that opening the council turns into back-office intentions. */
const familyEntriesOfDivision = (divisionId: string, phase: Phase) => sql`
  select e.student_id, e.phase, e.items, e.entered_by_name, e.entered_at
  from school_family_entries e
  join students s on s.id = e.student_id
  where s.division_id = ${divisionId} and e.phase = ${phase} and not e.non_traitee
    and s.out_of_procedure_reason is null and jsonb_array_length(e.items) > 0`;

/**
 * R-SCH-3: the back-office intentions of the division are generated from the family entries,
 * overwriting the school's own entries where a family entry exists (their items, and so their
 * avis, are replaced). Three set-based statements, whatever the division's size; the item-count
 * trigger checks the result at commit. The generated requests are the family's own entry, so
 * there is nothing to publish back to the family: version = published_version.
 * Returns the number of students whose intentions were generated.
 */
export async function generateRequestsFromFamilyEntries(q: Queryable, divisionId: string, phase: Phase): Promise<number> {
  const up = await q.execute(sql`
    with src as (${familyEntriesOfDivision(divisionId, phase)})
    insert into school_requests (student_id, phase, source, entered_by_name, entered_at, version, published_version)
    select student_id, phase, 'family', entered_by_name, entered_at, 1, 1 from src
    on conflict (student_id, phase) do update set
      source = 'family', entered_by_name = excluded.entered_by_name, entered_at = excluded.entered_at,
      changed_by_school_at = null, changed_by_school_name = null, original_family_items = null,
      version = school_requests.version + 1, published_version = school_requests.version + 1
    returning id`);
  if (up.rows.length === 0) return 0;
  await q.execute(sql`
    with src as (${familyEntriesOfDivision(divisionId, phase)})
    delete from school_request_items i using school_requests r, src
    where i.request_id = r.id and r.student_id = src.student_id and r.phase = src.phase`);
  await q.execute(sql`
    with src as (${familyEntriesOfDivision(divisionId, phase)})
    insert into school_request_items (request_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle)
    select r.id, (x->>'rank')::int, x->>'track', coalesce(x->>'subTrack', ''), nullif(x->>'freeText', ''),
      coalesce((x->>'statusSchool')::boolean, false), coalesce((x->>'statusApprentice')::boolean, false),
      coalesce(array(select jsonb_array_elements_text(coalesce(x->'specialties', '[]'::jsonb))), '{}'::text[]),
      coalesce((x->>'stagePasserelle')::boolean, false)
    from src
    join school_requests r on r.student_id = src.student_id and r.phase = src.phase
    cross join lateral jsonb_array_elements(src.items) x`);
  return up.rows.length;
}

/** Avis entered on the division's intentions for the phase. */
export async function countDivisionOpinions(q: Queryable, divisionId: string, phase: Phase): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    select count(*)::int as n from opinions o
    join school_request_items i on i.id = o.item_id
    join school_requests r on r.id = i.request_id
    join students s on s.id = r.student_id
    where s.division_id = ${divisionId} and r.phase = ${phase}`);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * R-SCH-6: deletes the avis of the division; students whose family had acknowledged them are
 * flagged "famille à informer" (R-SCH-9). Returns the number of avis deleted.
 */
export async function deleteDivisionOpinions(q: Queryable, divisionId: string, phase: Phase, at: Date): Promise<number> {
  const del = await q.execute<{ student_id: string }>(sql`
    delete from opinions o using school_request_items i, school_requests r, students s
    where o.item_id = i.id and i.request_id = r.id and r.student_id = s.id
      and s.division_id = ${divisionId} and r.phase = ${phase}
    returning o.student_id`);
  const acknowledged = await findAcknowledgedAmong(q, [...new Set(del.rows.map((r) => r.student_id))]);
  await flagFamilyToInform(q, acknowledged, "provisional", at);
  return del.rows.length;
}
