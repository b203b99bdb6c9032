import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { inRange as batchRange, query, type Bounds, type Counts } from "./sql";

/*
 * R-FIN-10, school → family: the answers and agreements the school entered for a family that does
 * not use the online service are published to the family service (source 'school', no account),
 * so that the family page shows them and the family service refuses an answer given after them.
 * As for the avis, the destination is the watermark (R-SYNC-4): a school row is published when the
 * family row is missing or older (answered_at); the copy carries the school row's answered_at and
 * transferred_at = the run's cut-off, so a re-run finds it equal and publishes nothing, and the
 * family → school copy (family-to-school.ts) never carries it back.
 */

export async function publishSchoolAnswers(tx: Tx, b: Bounds): Promise<Counts> {
  const { asOf } = b;
  const inRange = (col: SQL) => batchRange(b, col);

  // The answer. The family's agreements given before it agreed with an earlier answer: they are
  // void once a later answer is published (the school enters the agreements of its own answer).
  const [ans] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select s.student_id, s.kind, s.accepted_proposal_ids, s.answered_by_name, s.answered_at
        from school_family_answers s
        left join family_answers f on f.student_id = s.student_id
       where ${inRange(sql`s.student_id`)} and s.source = 'school' and s.answered_at <= ${asOf}::timestamptz
         and (f.student_id is null or f.answered_at < s.answered_at)
    ), stale as (
      delete from family_agreements a using src where a.student_id = src.student_id and a.answered_at < src.answered_at returning 1
    ), ins as (
      insert into family_answers (student_id, source, account_id, actor_name, kind, accepted_proposal_ids, answered_at, transferred_at)
      select student_id, 'school', null, answered_by_name, kind, accepted_proposal_ids, answered_at, ${asOf}::timestamptz from src
      on conflict (student_id) do update set
             source = excluded.source, account_id = null, actor_name = excluded.actor_name, kind = excluded.kind,
             accepted_proposal_ids = excluded.accepted_proposal_ids, answered_at = excluded.answered_at, transferred_at = excluded.transferred_at
       where family_answers.answered_at < excluded.answered_at
      returning 1
    )
    select (select count(*) from ins)::int as n, (select count(*) from stale)::int as stale`,
  );

  // Each agreement the school entered, keyed by the guardian (who may have no account).
  const [agr] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select s.student_id, s.guardian_id, s.agrees, s.answered_by_name, s.answered_at
        from school_agreements s
        left join family_agreements f on f.student_id = s.student_id and f.guardian_id = s.guardian_id
       where ${inRange(sql`s.student_id`)} and s.source = 'school' and s.answered_at <= ${asOf}::timestamptz
         and (f.student_id is null or f.answered_at < s.answered_at)
    ), ins as (
      insert into family_agreements (student_id, guardian_id, source, account_id, actor_name, agrees, answered_at, transferred_at)
      select student_id, guardian_id, 'school', null, answered_by_name, agrees, answered_at, ${asOf}::timestamptz from src
      on conflict (student_id, guardian_id) do update set
             source = excluded.source, account_id = null, actor_name = excluded.actor_name, agrees = excluded.agrees,
             answered_at = excluded.answered_at, transferred_at = excluded.transferred_at
       where family_agreements.answered_at < excluded.answered_at
      returning 1
    )
    select count(*)::int as n from ins`,
  );

  return { schoolAnswers: ans?.n ?? 0, schoolAgreements: agr?.n ?? 0 };
}
