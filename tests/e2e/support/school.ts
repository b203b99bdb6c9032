import { withDb } from "./fixtures";

/*
 * Preconditions of the back-office specs (R-SCH-*), written straight into the e2e database: a
 * family entry "as received by the nightly transfer" (R-SCH-2), so a spec does not have to wait
 * for the night.
 */

export type EntryItem = { rank: number; track: string; subTrack?: string; freeText?: string | null; statusSchool?: boolean; statusApprentice?: boolean };

export async function idOfDivision(code: string): Promise<string> {
  return withDb(async (c) => (await c.query<{ id: string }>("select id from divisions where code = $1", [code])).rows[0]!.id);
}

export type E2eStudent = { id: string; ine: string; firstName: string; lastName: string; guardians: { name: string; email: string | null }[] };

/** Students of a division (by name), with their guardians, skipping the ones other specs are about. */
export async function studentsOf(divisionCode: string, skipInes: readonly string[] = []): Promise<E2eStudent[]> {
  return withDb(async (c) => {
    const r = await c.query<{ id: string; ine: string; first_name: string; last_name: string; guardians: { name: string; email: string | null }[] }>(
      `
      select s.id, s.ine, s.first_name, s.last_name,
             json_agg(json_build_object('name', g.civility || ' ' || g.first_name || ' ' || g.last_name, 'email', g.email) order by sg.rank) as guardians
        from students s join divisions d on d.id = s.division_id
        join student_guardians sg on sg.student_id = s.id join guardians g on g.id = sg.guardian_id
       where d.code = $1 and s.ine <> all($2::text[])
       group by s.id order by s.last_name, s.first_name`,
      [divisionCode, skipInes],
    );
    return r.rows.map((x) => ({ id: x.id, ine: x.ine, firstName: x.first_name, lastName: x.last_name, guardians: x.guardians }));
  });
}

/** R-SCH-2: what the nightly transfer writes for a family's validated entry (intentions, or final choices with phase "final"). */
export async function receiveFamilyEntry(
  studentId: string,
  items: EntryItem[],
  enteredByName: string,
  enteredAt: Date,
  nonTraitee = false,
  phase: "provisional" | "final" = "provisional",
): Promise<void> {
  const json = items.map((i) => ({
    rank: i.rank,
    track: i.track,
    subTrack: i.subTrack ?? "",
    freeText: i.freeText ?? null,
    statusSchool: i.statusSchool ?? false,
    statusApprentice: i.statusApprentice ?? false,
    specialties: [],
    stagePasserelle: false,
  }));
  await withDb((c) =>
    c.query(
      `
    insert into school_family_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
    values ($1, $6::phase, 1, $2::jsonb, $3, $4, now(), $5)
    on conflict (student_id, phase) do update set items = excluded.items, entered_by_name = excluded.entered_by_name,
      entered_at = excluded.entered_at, received_at = excluded.received_at, non_traitee = excluded.non_traitee`,
      [studentId, JSON.stringify(json), enteredByName, enteredAt, nonTraitee, phase],
    ),
  );
}
