import type pg from "pg";

/*
 * The synthetic families of `npm run bench:web`, added to the demo académie after the demo seed
 * (so that its 3e provisional window, open today, applies to them: lib/db/seed.ts). Set-based SQL,
 * like the national campaign of bench:sync (bench/support/sync-campaign.ts), but families with
 * nothing entered yet, so that each of them can make one real validation of intentions:
 * - « family » collèges of 250 students, divisions of 28: the readers (their first guardian reads
 *   /famille and the child's page) and the validators (their first guardian validates, once);
 * - a collège of 1,000 students (divisions of 25) and one of 75 (three divisions of 25), whose
 *   student lists the heads read, with `heads` head accounts each;
 * - every student has one guardian (one in four) or two, each with an account (OIDC families: no
 *   login, no password), the planned councils of both phases, no entry.
 */

export type WebFamiliesShape = { readers: number; validators: number; bigList: number; smallList: number; headsPerList: number };
export type Reader = { accountId: string; displayName: string; studentId: string; studentName: string };
export type Validator = { accountId: string; displayName: string; studentId: string };
export type Head = { accountId: string; displayName: string };
export type WebFamilies = {
  readers: Reader[];
  validators: Validator[];
  bigListHeads: Head[];
  smallListHeads: Head[];
  counts: { schools: number; divisions: number; students: number; guardians: number; accounts: number };
};

const FAMILY_SCHOOL_SIZE = 250;
const FAMILY_DIVISION_SIZE = 28;
const LIST_DIVISION_SIZE = 25;
const FIRST_NAMES = ["Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules", "Manon", "Arthur", "Inès", "Gabriel", "Jade", "Raphaël"];

type SchoolSpec = { key: string; name: string; from: number; to: number; divisionSize: number; heads: number };

/** The schools of a shape, each with its contiguous range of student numbers. */
export function webSchools(shape: WebFamiliesShape): SchoolSpec[] {
  const out: SchoolSpec[] = [];
  const families = shape.readers + shape.validators;
  let n = 1;
  for (let k = 1; n <= families; k++) {
    const to = Math.min(families, n + FAMILY_SCHOOL_SIZE - 1);
    out.push({ key: `f${k}`, name: `Collège du Banc ${k}`, from: n, to, divisionSize: FAMILY_DIVISION_SIZE, heads: 1 });
    n = to + 1;
  }
  out.push({ key: "big", name: "Collège des Mille", from: n, to: n + shape.bigList - 1, divisionSize: LIST_DIVISION_SIZE, heads: shape.headsPerList });
  n += shape.bigList;
  out.push({
    key: "small",
    name: "Collège des Soixante-Quinze",
    from: n,
    to: n + shape.smallList - 1,
    divisionSize: LIST_DIVISION_SIZE,
    heads: shape.headsPerList,
  });
  return out;
}

export async function generateWebFamilies(
  c: pg.Client,
  academyId: string,
  shape: WebFamiliesShape,
  opts: { birthYear: number; now: Date },
): Promise<WebFamilies> {
  const schools = webSchools(shape);
  const heads = new Map<string, Head[]>();
  const counts = { schools: 0, divisions: 0, students: 0, guardians: 0, accounts: 0 };
  const firstNames = `array[${FIRST_NAMES.map((f) => `'${f}'`).join(", ")}]`;
  const dayMs = 24 * 3600 * 1000;

  await c.query("begin");
  for (const [i, s] of schools.entries()) {
    const size = s.to - s.from + 1;
    const divisionCount = Math.ceil(size / s.divisionSize);
    const uai = `${String(9_000_000 + i).padStart(7, "0")}W`;
    const {
      rows: [school],
    } = await c.query<{ id: string }>(
      `insert into schools (uai, academy_id, name, address, postal_code, city, phone, email)
       values ($1, $2, $3, '1 rue du Banc', '38000', 'Grenoble', '04 00 00 00 00', $4) returning id`,
      [uai, academyId, s.name, `ce.${uai.toLowerCase()}@ac-grenoble.fr`],
    );
    await c.query(`create temp table w_div as select gen_random_uuid() as id, k from generate_series(0, $1::int - 1) k`, [divisionCount]);
    await c.query(
      `insert into divisions (id, school_id, code, level, mef_code, mef_label) select id, $1, '3' || lpad((k + 1)::text, 2, '0'), '3e', '10310019110', '3EME' from w_div`,
      [school!.id],
    );
    await c.query(
      `insert into class_councils (division_id, phase, state, scheduled_at)
       select id, 'provisional'::phase, 'planned'::council_state, $1::timestamptz + k * interval '1 day' from w_div
       union all select id, 'final'::phase, 'planned'::council_state, $2::timestamptz + k * interval '1 day' from w_div`,
      [new Date(opts.now.getTime() + 46 * dayMs), new Date(opts.now.getTime() + 155 * dayMs)],
    );
    await c.query(
      `create temp table w_st as
         select gen_random_uuid() as id, n, gen_random_uuid() as g1, gen_random_uuid() as g2, gen_random_uuid() as a1, gen_random_uuid() as a2,
                n % 4 <> 0 as two, (${firstNames})[1 + n % ${FIRST_NAMES.length}] as first_name, 'Famille' || n as last_name,
                (select id from w_div where k = (n - $1::int) / $3::int) as division_id
           from generate_series($1::int, $2::int) n`,
      [s.from, s.to, s.divisionSize],
    );
    await c.query(
      `insert into students (id, ine, school_id, division_id, last_name, first_name, birth_date)
       select id, lpad(n::text, 10, '0') || 'W', $1, division_id, last_name, first_name, $2::date from w_st`,
      [school!.id, `${opts.birthYear}-03-15`],
    );
    await c.query(`insert into guardians (id, civility, first_name, last_name, email)
       select g1, 'Mme'::civility, 'Claire', last_name, 'p1.' || n || '@example.fr' from w_st
       union all select g2, 'M.'::civility, 'Paul', last_name, 'p2.' || n || '@example.fr' from w_st where two`);
    await c.query(`insert into student_guardians (student_id, guardian_id, rank)
       select id, g1, 1 from w_st union all select id, g2, 2 from w_st where two`);
    await c.query(`insert into accounts (id, role, display_name, email, guardian_id)
       select a1, 'guardian'::role, 'Claire ' || last_name, 'p1.' || n || '@example.fr', g1 from w_st
       union all select a2, 'guardian'::role, 'Paul ' || last_name, 'p2.' || n || '@example.fr', g2 from w_st where two`);
    const { rows: headRows } = await c.query<{ id: string; display_name: string }>(
      `insert into accounts (role, display_name, email, school_id)
       select 'head', 'Principal ' || k || ' ' || $2, 'chef' || k || '.' || $3 || '@ac-grenoble.fr', $1 from generate_series(1, $4::int) k
       returning id, display_name`,
      [school!.id, s.name, uai.toLowerCase(), s.heads],
    );
    heads.set(
      s.key,
      headRows.map((h) => ({ accountId: h.id, displayName: h.display_name })),
    );
    const {
      rows: [t],
    } = await c.query<{ students: number; guardians: number }>(
      `select count(*)::int as students, (count(*) + count(*) filter (where two))::int as guardians from w_st`,
    );
    counts.schools++;
    counts.divisions += divisionCount;
    counts.students += t!.students;
    counts.guardians += t!.guardians;
    counts.accounts += t!.guardians + headRows.length;
    if (s.key.startsWith("f")) {
      await c.query(`create temp table if not exists w_families (n int primary key, account_id uuid, display_name text, student_id uuid, student_name text)`);
      await c.query(`insert into w_families select n, a1, 'Claire ' || last_name, id, first_name || ' ' || last_name from w_st`);
    }
    await c.query("drop table w_st, w_div");
  }
  const { rows: families } = await c.query<{ n: number; account_id: string; display_name: string; student_id: string; student_name: string }>(
    `select n, account_id, display_name, student_id, student_name from w_families order by n`,
  );
  await c.query("commit");
  await c.query("drop table w_families");
  await c.query("analyze");

  const readers = families
    .slice(0, shape.readers)
    .map((f) => ({ accountId: f.account_id, displayName: f.display_name, studentId: f.student_id, studentName: f.student_name }));
  const validators = families.slice(shape.readers).map((f) => ({ accountId: f.account_id, displayName: f.display_name, studentId: f.student_id }));
  return { readers, validators, bigListHeads: heads.get("big")!, smallListHeads: heads.get("small")!, counts };
}
