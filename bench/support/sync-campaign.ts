import type pg from "pg";

/*
 * The synthetic national campaign of `npm run bench:sync`, generated with set-based SQL
 * (generate_series; triggers and foreign-key checks skipped while generating), as one night of
 * the campaign would find it: every kind the transfer carries has pending rows.
 *
 * For N students (n = 1 … N), two guardians each (the first with an account):
 * - provisional phase: 3 validated intentions each; the school's intentions with their 3 avis for
 *   n even (half of the students);
 * - final phase: 2 validated final choices for n odd (half); one division in ten has its final
 *   council opened on the day of validation (those entries are « non traitées », R-SCH-4);
 *   for n ≡ 3 (mod 4) (a quarter) the school's final choices with the council's «Oui»/«Non» on
 *   each (2 proposals); for n ≡ 3 (mod 8) (an eighth) the family's answer (accepting the first
 *   proposal) and the second guardian's agreement (with their own account).
 */

export type CampaignShape = {
  students: number;
  guardians: number;
  intentions: number;
  avis: number;
  finalEntries: number;
  finalChoices: number;
  proposals: number;
  answers: number;
  agreements: number;
};

const count = (n: number, modulo: number, residues: number[]) => {
  let k = 0;
  for (const r of residues) k += Math.floor((n - r + modulo) / modulo) - (r === 0 ? 1 : 0);
  return k;
};

/** How many rows of each kind a campaign of N students holds (n from 1 to N). */
export function campaignShape(N: number): CampaignShape {
  const finalEntries = count(N, 2, [1]);
  const withProposals = count(N, 4, [3]);
  const answering = count(N, 8, [3]);
  return {
    students: N,
    guardians: 2 * N,
    intentions: 3 * N,
    avis: 3 * count(N, 2, [0]),
    finalEntries,
    finalChoices: 2 * finalEntries,
    proposals: 2 * withProposals,
    answers: answering,
    agreements: answering,
  };
}

export async function generateCampaign(c: pg.Client, N: number, at: { validatedAt: string; avisAt: string; councilOpenedAt: string; answeredAt: string }) {
  const schools = Math.max(1, Math.ceil(N / 250));
  const divisions = Math.max(1, Math.ceil(N / 25));
  await c.query("set session_replication_role = replica");
  await c.query(`insert into academies (id, name, sender_email) values ('bench', 'Académie de test', 'ce.orientation@ac-test.fr')`);
  await c.query(`create temp table g_schools as select gen_random_uuid() as id, n from generate_series(1, $1::int) n`, [schools]);
  await c.query(`insert into schools (id, uai, academy_id, name, address, postal_code, city, phone, email)
      select id, lpad(n::text, 7, '0') || 'A', 'bench', 'Collège ' || n, '1 rue de l''École', '75000', 'Paris', '01 00 00 00 00', 'ce.' || n || '@ac-test.fr' from g_schools`);
  await c.query(
    `create temp table g_div as select gen_random_uuid() as id, n, (select id from g_schools s where s.n = 1 + (d.n % $2::int)) as school_id from generate_series(1, $1::int) d(n)`,
    [divisions, schools],
  );
  await c.query(
    // R-DATA-3: the school year is the school's (the trigger that fills it is off while generating).
    `insert into divisions (id, school_id, code, level, mef_code, mef_label, school_year)
      select g.id, g.school_id, '3-' || g.n, '3e', '10310019110', '3EME', s.school_year from g_div g join schools s on s.id = g.school_id`,
  );
  // R-SCH-4: one division in ten has its final council opened on the day the families validate.
  await c.query(
    `insert into class_councils (division_id, phase, state, opened_at, opened_by_name)
     select id, 'final', 'open', $1::timestamptz, 'M. Principal' from g_div where n % 10 = 0`,
    [at.councilOpenedAt],
  );
  await c.query(`create temp table g_div_idx as select id, school_id, row_number() over (order by n) - 1 as k from g_div`);
  await c.query(`create index on g_div_idx (k)`);
  await c.query(
    `create unlogged table g_students as
      select gen_random_uuid() as id, n, gen_random_uuid() as g1, gen_random_uuid() as g2, gen_random_uuid() as a1, gen_random_uuid() as a2,
             gen_random_uuid() as fr, gen_random_uuid() as ff, (n % 2 = 0) as with_avis, gen_random_uuid() as sr, gen_random_uuid() as sf,
             gen_random_uuid() as p1, gen_random_uuid() as p2
        from generate_series(1, $1::int) n`,
    [N],
  );
  await c.query(
    `insert into students (id, ine, school_id, division_id, last_name, first_name, birth_date, school_year)
      select s.id, lpad(s.n::text, 10, '0') || 'X', d.school_id, d.id, 'Nom' || s.n, 'Prénom', '2012-01-01', sc.school_year
        from g_students s join g_div_idx d on d.k = s.n % $1::int join schools sc on sc.id = d.school_id`,
    [divisions],
  );
  await c.query(`insert into guardians (id, civility, first_name, last_name, email)
      select g1, 'Mme'::civility, 'Claire', 'Parent' || n, 'p1.' || n || '@example.fr' from g_students
      union all select g2, 'M.'::civility, 'Paul', 'Parent' || n, 'p2.' || n || '@example.fr' from g_students`);
  await c.query(`insert into student_guardians (student_id, guardian_id, rank)
      select id, g1, 1 from g_students union all select id, g2, 2 from g_students`);
  await c.query(`insert into accounts (id, role, display_name, guardian_id)
      select a1, 'guardian'::role, 'Claire Parent' || n, g1 from g_students
      union all select a2, 'guardian'::role, 'Paul Parent' || n, g2 from g_students where n % 8 = 3`);

  // Provisional phase: intentions of every student, avis for half of them.
  await c.query(
    `insert into family_requests (id, student_id, phase, holder_account_id, holder_name, version, validated_at)
      select fr, id, 'provisional', a1, 'Mme Claire Parent' || n, 1, $1::timestamptz from g_students`,
    [at.validatedAt],
  );
  await c.query(`insert into family_request_items (request_id, rank, track, free_text, status_school, status_apprentice)
      select s.fr, r.rank, (array['2GT', '2PRO', 'CAP'])[r.rank], case when r.rank > 1 then 'Métiers de la relation client' end, r.rank > 1, r.rank = 3
        from g_students s cross join generate_series(1, 3) r(rank)`);
  await c.query(
    `insert into school_requests (id, student_id, phase, source, entered_by_name, entered_at)
      select sr, id, 'provisional', 'family', 'Mme Claire Parent' || n, $1::timestamptz from g_students where with_avis`,
    [at.validatedAt],
  );
  await c.query(`create unlogged table g_items as
      select gen_random_uuid() as item_id, s.sr, s.id as student_id, r.rank from g_students s cross join generate_series(1, 3) r(rank) where s.with_avis`);
  await c.query(`insert into school_request_items (id, request_id, rank, track) select item_id, sr, rank, (array['2GT', '2PRO', 'CAP'])[rank] from g_items`);
  await c.query(
    `insert into opinions (item_id, student_id, value, comment, entered_at, entered_by_name, updated_at)
      select item_id, student_id, (array['favorable', 'reserve', 'defavorable'])[rank]::opinion_value, case when rank = 1 then 'Bon travail' end,
             $1::timestamptz, 'M. Principal', $1::timestamptz from g_items`,
    [at.avisAt],
  );

  // Final phase: final choices of half of the students; the school's final choices and the
  // council's proposals for a quarter; the answer and the other guardian's agreement for an eighth.
  await c.query(
    `insert into family_requests (id, student_id, phase, holder_account_id, holder_name, version, validated_at)
      select ff, id, 'final', a1, 'Mme Claire Parent' || n, 1, $1::timestamptz from g_students where n % 2 = 1`,
    [at.validatedAt],
  );
  await c.query(`insert into family_request_items (request_id, rank, track, free_text, status_school, status_apprentice)
      select s.ff, r.rank, (array['2GT', '2PRO'])[r.rank], case when r.rank = 2 then 'Métiers de la relation client' end, r.rank = 2, false
        from g_students s cross join generate_series(1, 2) r(rank) where s.n % 2 = 1`);
  await c.query(
    `insert into school_requests (id, student_id, phase, source, entered_by_name, entered_at)
      select sf, id, 'final', 'family', 'Mme Claire Parent' || n, $1::timestamptz from g_students where n % 4 = 3`,
    [at.validatedAt],
  );
  await c.query(`create unlogged table g_final_items as
      select gen_random_uuid() as item_id, s.sf, s.id as student_id, r.rank, case r.rank when 1 then s.p1 else s.p2 end as proposal_id
        from g_students s cross join generate_series(1, 2) r(rank) where s.n % 4 = 3`);
  await c.query(`insert into school_request_items (id, request_id, rank, track, free_text, status_school)
      select item_id, sf, rank, (array['2GT', '2PRO'])[rank], case when rank = 2 then 'Métiers de la relation client' end, rank = 2 from g_final_items`);
  await c.query(
    `insert into council_proposals (id, student_id, kind, choice_item_id, rank, track, free_text, status_school, answer, motivation, entered_at, entered_by_name, updated_at)
      select proposal_id, student_id, 'answer_to_choice', item_id, rank, (array['2GT', '2PRO'])[rank], case when rank = 2 then 'Métiers de la relation client' end,
             rank = 2, (array['yes', 'no'])[rank]::yes_no, case when rank = 2 then 'Résultats insuffisants en mathématiques' end,
             $1::timestamptz, 'M. Principal', $1::timestamptz from g_final_items`,
    [at.avisAt],
  );
  await c.query(
    `insert into family_answers (student_id, source, account_id, actor_name, kind, accepted_proposal_ids, answered_at)
      select id, 'family', a1, 'Mme Claire Parent' || n, 'accept', array[p1], $1::timestamptz from g_students where n % 8 = 3`,
    [at.answeredAt],
  );
  await c.query(
    `insert into family_agreements (student_id, guardian_id, source, account_id, actor_name, agrees, answered_at)
      select id, g2, 'family', a2, 'M. Paul Parent' || n, true, $1::timestamptz from g_students where n % 8 = 3`,
    [at.answeredAt],
  );
  await c.query("set session_replication_role = origin");
  await c.query("drop table g_students, g_items, g_final_items");
}

/**
 * --reuse: puts a kept campaign back as it was generated (nothing transferred yet), for another
 * measure on the same rows. The tables keep the dead rows of the previous run until VACUUM.
 */
export async function resetCampaign(c: pg.Client) {
  await c.query(`truncate school_family_entries, school_acknowledgements, school_family_answers, school_agreements,
    family_published_opinions, family_published_proposals, family_published_decisions, sync_runs, outbox_emails`);
  await c.query(`delete from audit_log where entity_type = 'sync_run'`);
  await c.query(`update council_proposals set published_at = null where published_at is not null`);
  await c.query(`update family_answers set transferred_at = null where transferred_at is not null`);
  await c.query(`update family_agreements set transferred_at = null where transferred_at is not null`);
  await c.query(`update family_acknowledgements set transferred_at = null where transferred_at is not null`);
  for (const t of ["entries", "opinions", "proposals", "answers", "agreements"]) {
    await c.query(`drop table if exists floor_${t}, old_floor_${t}`);
  }
}
