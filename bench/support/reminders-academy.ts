import type pg from "pg";

/*
 * One large académie for `npm run bench:reminders`, generated with set-based SQL (generate_series;
 * triggers and foreign-key checks skipped while generating): N 3e students (n = 1 … N) of the
 * open school year in collèges of 150 students (6 divisions of 25), two guardians each.
 * - 60 % validated the provisional phase (n mod 5 ∈ {0, 1, 2}: a family_requests row); the other
 *   40 % have no entry: the reminder's families;
 * - the second guardian of one student in ten (n mod 10 = 3) has no e-mail (the school calls them);
 * - the académie's 3e provisional window is open around `now`.
 */

export type ReminderAcademyShape = { students: number; schools: number; families: number; guardians: number; emails: number; withoutEmail: number };

const countOf = (N: number, pred: (n: number) => boolean) => {
  let k = 0;
  for (let n = 1; n <= N; n++) if (pred(n)) k++;
  return k;
};
const open = (n: number) => n % 5 === 3 || n % 5 === 4;

/** What the reminder must reach in an académie of N students. */
export function reminderAcademyShape(N: number): ReminderAcademyShape {
  const families = countOf(N, open);
  const withoutEmail = countOf(N, (n) => open(n) && n % 10 === 3);
  return { students: N, schools: Math.ceil(N / 150), families, guardians: 2 * families, emails: 2 * families - withoutEmail, withoutEmail };
}

export const BENCH_ACADEMY_ID = "bench-reminders";

export async function generateReminderAcademy(c: pg.Client, N: number, w: { schoolYear: string; opensAt: string; closesAt: string; validatedAt: string }) {
  const schools = Math.max(1, Math.ceil(N / 150));
  const divisions = Math.max(1, Math.ceil(N / 25));
  await c.query("set session_replication_role = replica");
  await c.query(`insert into academies (id, name, sender_email) values ($1, 'Académie de test', 'ce.orientation@ac-test.fr')`, [BENCH_ACADEMY_ID]);
  await c.query(`insert into campaign_windows (academy_id, school_year, level, phase, opens_at, closes_at) values ($1, $2, '3e', 'provisional', $3, $4)`, [
    BENCH_ACADEMY_ID,
    w.schoolYear,
    w.opensAt,
    w.closesAt,
  ]);
  await c.query(`create temp table g_schools as select gen_random_uuid() as id, n from generate_series(1, $1::int) n`, [schools]);
  await c.query(
    `insert into schools (id, uai, academy_id, name, address, postal_code, city, phone, email, school_year)
      select id, lpad(n::text, 7, '0') || 'R', $1, 'Collège ' || n, '1 rue de l''École', '38000', 'Grenoble', '04 00 00 00 00', 'ce.' || n || '@ac-test.fr', $2 from g_schools`,
    [BENCH_ACADEMY_ID, w.schoolYear],
  );
  await c.query(
    `create temp table g_div as select gen_random_uuid() as id, d.n - 1 as k, s.id as school_id
       from generate_series(1, $1::int) d(n) join g_schools s on s.n = 1 + (d.n - 1) / 6`,
    [divisions],
  );
  await c.query(`create index on g_div (k)`);
  await c.query(
    `insert into divisions (id, school_id, school_year, code, level, mef_code, mef_label) select id, school_id, $1, '3-' || k, '3e', '10310019110', '3EME' from g_div`,
    [w.schoolYear],
  );
  await c.query(
    `create unlogged table g_students as
      select gen_random_uuid() as id, n, gen_random_uuid() as g1, gen_random_uuid() as g2, gen_random_uuid() as a1, gen_random_uuid() as fr
        from generate_series(1, $1::int) n`,
    [N],
  );
  await c.query(
    `insert into students (id, ine, school_id, division_id, school_year, last_name, first_name, birth_date)
      select s.id, lpad(s.n::text, 10, '0') || 'R', d.school_id, d.id, $1, 'Nom' || s.n, 'Prénom' || s.n, '2012-01-01'
        from g_students s join g_div d on d.k = (s.n - 1) / 25`,
    [w.schoolYear],
  );
  await c.query(`insert into guardians (id, civility, first_name, last_name, email)
      select g1, 'Mme'::civility, 'Claire', 'Parent' || n, 'p1.' || n || '@example.fr' from g_students
      union all select g2, 'M.'::civility, 'Paul', 'Parent' || n, case when n % 10 <> 3 then 'p2.' || n || '@example.fr' end from g_students`);
  await c.query(`insert into student_guardians (student_id, guardian_id, rank)
      select id, g1, 1 from g_students union all select id, g2, 2 from g_students`);
  await c.query(
    `insert into accounts (id, role, display_name, guardian_id) select a1, 'guardian'::role, 'Claire Parent' || n, g1 from g_students where n % 5 < 3`,
  );
  await c.query(
    `insert into family_requests (id, student_id, phase, holder_account_id, holder_name, version, validated_at)
      select fr, id, 'provisional', a1, 'Mme Claire Parent' || n, 1, $1::timestamptz from g_students where n % 5 < 3`,
    [w.validatedAt],
  );
  await c.query(`insert into family_request_items (request_id, rank, track, status_school, status_apprentice)
      select fr, 1, '2GT', false, false from g_students where n % 5 < 3`);
  await c.query("set session_replication_role = origin");
  await c.query("drop table g_students");
}

/** The ids of the students whose family has not validated (for the bench's «validating family» probe). */
export async function openStudentIds(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ id: string }>(
    `select s.id from students s where not exists (select 1 from family_requests fr where fr.student_id = s.id and fr.phase = 'provisional') order by s.id`,
  );
  return r.rows.map((x) => x.id);
}
