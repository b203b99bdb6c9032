import { sql, type SQL } from "drizzle-orm";
import type { Pool } from "pg";
import { decisionPublishedEmail } from "@/emails/decision-published";
import { now as clockNow } from "@/lib/clock";
import type { Db, Queryable, Tx } from "@/lib/db/client";
import { formatParisDate, parisDayKey } from "@/lib/domain/paris-time";
import { queueEmail } from "@/lib/outbox/queue";
import type { Mailer } from "@/lib/outbox/mailer";
import { sendDueEmails } from "@/lib/outbox/sender";
import { env } from "@/lib/env";
import { expireIdleSessions } from "@/lib/services/session-end";
import type { Log } from "@/lib/log";

/*
 * The nightly transfer between the family tables and the school tables (DOMAIN.md §8).
 *
 * - Set-based: students are walked in keyset batches (id ranges); for each batch, every kind is
 *   carried by one or a few INSERT … SELECT / UPDATE … FROM statements, whatever the batch size.
 * - Exactly-once (R-SYNC-4): every copy has a watermark written in the same transaction, so a
 *   batch is all-or-nothing per student. For the two national-volume kinds the watermark is the
 *   destination row itself (the family version received; the published copy of an avis), so the
 *   copy is an INSERT … SELECT and no source row is rewritten; the others keep a mark on the
 *   source row (transferred_at, published_at, published_version). A killed run leaves only whole
 *   batches done and the next run (same night key, or any later run) does the rest. E-mails are
 *   queued with deterministic dedupe keys in the same transaction: a re-run never queues one twice.
 * - One run per night: a PostgreSQL advisory lock (two workers never run together) and the run key
 *   "night:<Paris day of the cut-off>" in sync_runs (a night that succeeded is not run again).
 * - Each batch runs in REPEATABLE READ: the copy and its watermark come from one snapshot. A
 *   family validating at that very moment is either in the snapshot whole or crosses the next
 *   night; a conflict on a marked source row makes the batch retry instead of being half-copied.
 */

export const SYNC_LOCK_KEY = 7_426_105;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export type SyncCounts = Record<string, number>;

/** French labels of the counts (progress bar, admin screen, docs). */
export const SYNC_COUNT_LABELS: Record<string, string> = {
  familyEntries: "Saisies des familles (TS) transmises",
  nonTraitee: "dont « non traitées » (validées le jour du conseil)",
  acknowledgements: "Accusés de réception transmis",
  answers: "Réponses des familles transmises",
  agreements: "Accords des représentants transmis",
  schoolChanges: "Modifications par l'établissement publiées",
  opinions: "Avis provisoires publiés",
  proposals: "Propositions du conseil publiées",
  decisions: "Décisions publiées",
  withdrawn: "Publications retirées (avis, propositions ou décisions supprimés)",
  emailsQueued: "Courriels mis en file",
  sessionsExpired: "Sessions expirées (récapitulatifs envoyés)",
  emailsSent: "Courriels envoyés",
  students: "Élèves parcourus",
};

export type SyncProgress = { batch: number; studentsDone: number; studentsTotal: number; counts: SyncCounts; batchCounts: SyncCounts };

export type SyncOptions = {
  db: Db;
  /** The cut-off: what was validated/entered at or before this instant crosses. */
  now: Date;
  log: Log;
  /** When given, the e-mails due are sent at the end of the run (R-SYNC-3). */
  mailer?: Mailer;
  /** PostgreSQL pool: the advisory lock is held on one of its connections. Absent on PGlite (one process). */
  pool?: Pool;
  dryRun?: boolean;
  batchSize?: number;
  triggeredBy?: string;
  /** Default "night:<Paris day of now>"; a manual run from the admin screen uses its own key. */
  runKey?: string;
  onProgress?: (p: SyncProgress) => void;
  /** Tests and demos of resumption only: wait between batches. */
  pauseBetweenBatchesMs?: number;
};

export type SyncResult =
  | { status: "succeeded" | "failed"; runId: number | null; runKey: string; counts: SyncCounts; errors: string[]; dryRun: boolean }
  | { status: "skipped"; reason: "locked" | "already-done"; runKey: string };

export function nightRunKey(asOf: Date): string {
  return `night:${parisDayKey(asOf)}`;
}

type Rows<T> = { rows: T[] };
async function query<T>(q: Queryable, s: SQL): Promise<T[]> {
  return ((await q.execute(s)) as unknown as Rows<T>).rows;
}

function add(into: SyncCounts, from: SyncCounts): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/* ------------------------------------------------------------------------------------------ */
/* Locking: one run at a time across processes.                                                */

type Lock = { release: () => Promise<void> };
const inProcess = globalThis as unknown as { __orientationSyncRunning?: boolean };

async function tryLock(pool: Pool | undefined, db: Db): Promise<Lock | null> {
  if (pool) {
    const client = await pool.connect();
    try {
      const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [SYNC_LOCK_KEY]);
      if (!r.rows[0]?.ok) {
        client.release();
        return null;
      }
    } catch (err) {
      client.release();
      throw err;
    }
    return {
      release: async () => {
        try {
          await client.query("select pg_advisory_unlock($1)", [SYNC_LOCK_KEY]);
        } finally {
          client.release();
        }
      },
    };
  }
  // PGlite: one process, one session. The session-level lock still guards a second PGlite
  // handle in the same process; the flag guards overlapping calls on the one session.
  if (inProcess.__orientationSyncRunning) return null;
  const [row] = await query<{ ok: boolean }>(db, sql`select pg_try_advisory_lock(${SYNC_LOCK_KEY}) as ok`);
  if (!row?.ok) return null;
  inProcess.__orientationSyncRunning = true;
  return {
    release: async () => {
      inProcess.__orientationSyncRunning = false;
      await db.execute(sql`select pg_advisory_unlock(${SYNC_LOCK_KEY})`);
    },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* One batch: every kind, for the students with lo < id <= hi.                                  */

type Bounds = { lo: string; hi: string; asOf: string; publishedMark: (updatedAt: SQL) => SQL };

async function familyToSchool(tx: Tx, b: Bounds): Promise<SyncCounts> {
  const { lo, hi, asOf } = b;
  const inRange = (col: SQL) => sql`${col} > ${lo}::uuid and ${col} <= ${hi}::uuid`;

  // R-SYNC-1, R-SCH-2, R-SCH-4: intentions / final choices, marked TS. « Non traitée » when
  // validated on the Paris day the division's council of that phase was opened (R-SCH-4), and, in
  // the same spirit, whenever the entry arrives after that council opened (opened between
  // midnight and the run, or a night missed): the intentions generated at the opening (R-SCH-3)
  // did not include it, so the back-office must see it behind the icon, not silently lose it.
  // The watermark is the destination itself: school_family_entries.family_version is the version
  // received, written by the same statement as the copy. Pending = a validated version newer than
  // the one received. The source rows are only read (through their (student, phase) index), so a
  // family validating during the batch is not blocked, and its new version crosses next night.
  // The council lookup is one primary-key probe per copied row.
  const [req] = await query<{ entries: number; non_traitee: number }>(tx, sql`
    with src as (
      select f.id, f.student_id, f.phase, f.version, f.holder_name, f.validated_at
        from family_requests f
        left join school_family_entries e on e.student_id = f.student_id and e.phase = f.phase
       where ${inRange(sql`f.student_id`)} and f.validated_at <= ${asOf}::timestamptz
         and (e.family_version is null or e.family_version < f.version)
    ), ins as (
      insert into school_family_entries (student_id, phase, family_version, items, entered_by_name, entered_at, received_at, non_traitee)
      select src.student_id, src.phase, src.version,
             coalesce((select jsonb_agg(jsonb_build_object(
                        'rank', i.rank, 'track', i.track, 'subTrack', i.sub_track, 'freeText', i.free_text,
                        'statusSchool', i.status_school, 'statusApprentice', i.status_apprentice,
                        'specialties', to_jsonb(i.specialties), 'stagePasserelle', i.stage_passerelle) order by i.rank)
                         from family_request_items i where i.request_id = src.id), '[]'::jsonb),
             src.holder_name, src.validated_at, ${asOf}::timestamptz,
             coalesce((select (src.validated_at at time zone 'Europe/Paris')::date = (cc.opened_at at time zone 'Europe/Paris')::date
                                 or cc.opened_at <= ${asOf}::timestamptz
                         from students s join class_councils cc on cc.division_id = s.division_id and cc.phase = src.phase
                        where s.id = src.student_id and cc.opened_at is not null), false)
        from src
      on conflict (student_id, phase) do update set
             family_version = excluded.family_version, items = excluded.items, entered_by_name = excluded.entered_by_name,
             entered_at = excluded.entered_at, received_at = excluded.received_at, non_traitee = excluded.non_traitee
       where school_family_entries.family_version < excluded.family_version
      returning non_traitee
    )
    select count(*)::int as entries, (count(*) filter (where non_traitee))::int as non_traitee from ins`);

  // R-ACK-2: acknowledgements (never changed once given).
  const [ack] = await query<{ n: number }>(tx, sql`
    with src as (
      select student_id, actor_name, acknowledged_at from family_acknowledgements
       where ${inRange(sql`student_id`)} and transferred_at is null and acknowledged_at <= ${asOf}::timestamptz
    ), ins as (
      insert into school_acknowledgements (student_id, acknowledged_by_name, acknowledged_at, received_at)
      select student_id, actor_name, acknowledged_at, ${asOf}::timestamptz from src
      on conflict (student_id) do nothing
      returning 1
    ), upd as (
      update family_acknowledgements f set transferred_at = ${asOf}::timestamptz from src where f.student_id = src.student_id returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`);

  // R-FIN-6: the family's answer; a later answer entered by the school (R-FIN-10) is not overwritten.
  const [ans] = await query<{ n: number }>(tx, sql`
    with src as (
      select student_id, actor_name, kind, accepted_proposal_ids, answered_at from family_answers
       where ${inRange(sql`student_id`)} and transferred_at is null and answered_at <= ${asOf}::timestamptz
    ), ins as (
      insert into school_family_answers (student_id, source, kind, accepted_proposal_ids, answered_by_name, answered_at, received_at)
      select student_id, 'family', kind, accepted_proposal_ids, actor_name, answered_at, ${asOf}::timestamptz from src
      on conflict (student_id) do update set
             source = excluded.source, kind = excluded.kind, accepted_proposal_ids = excluded.accepted_proposal_ids,
             answered_by_name = excluded.answered_by_name, answered_at = excluded.answered_at, received_at = excluded.received_at
       where school_family_answers.answered_at <= excluded.answered_at
      returning 1
    ), upd as (
      update family_answers f set transferred_at = ${asOf}::timestamptz from src where f.student_id = src.student_id returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`);

  // R-FIN-7: each guardian's agreement, keyed by the guardian behind the account.
  const [agr] = await query<{ n: number }>(tx, sql`
    with src as (
      select fa.student_id, fa.account_id, a.guardian_id, fa.actor_name, fa.agrees, fa.answered_at
        from family_agreements fa join accounts a on a.id = fa.account_id
       where ${inRange(sql`fa.student_id`)} and fa.transferred_at is null and fa.answered_at <= ${asOf}::timestamptz
    ), ins as (
      insert into school_agreements (student_id, guardian_id, agrees, answered_by_name, answered_at, received_at)
      select student_id, guardian_id, agrees, actor_name, answered_at, ${asOf}::timestamptz from src where guardian_id is not null
      on conflict (student_id, guardian_id) do update set
             agrees = excluded.agrees, answered_by_name = excluded.answered_by_name, answered_at = excluded.answered_at, received_at = excluded.received_at
       where school_agreements.answered_at <= excluded.answered_at
      returning 1
    ), upd as (
      update family_agreements f set transferred_at = ${asOf}::timestamptz
        from src where f.student_id = src.student_id and f.account_id = src.account_id returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`);

  return {
    familyEntries: req?.entries ?? 0,
    nonTraitee: req?.non_traitee ?? 0,
    acknowledgements: ack?.n ?? 0,
    answers: ans?.n ?? 0,
    agreements: agr?.n ?? 0,
  };
}

async function schoolToFamily(tx: Tx, b: Bounds, queueEmails: boolean): Promise<SyncCounts> {
  const { lo, hi, asOf, publishedMark } = b;
  const inRange = (col: SQL) => sql`${col} > ${lo}::uuid and ${col} <= ${hi}::uuid`;
  const counts: SyncCounts = {};

  // R-SYNC-2 / R-SCH-5: the school's changes to a family entry overwrite the family's items. The
  // version the school holds is marked received (school_family_entries.family_version), so the
  // overwritten family row does not come back as a family entry.
  const changed = sql`
    select sr.id as school_request_id, sr.version, sr.changed_by_school_at, sr.changed_by_school_name, fr.id as family_request_id
      from school_requests sr join family_requests fr on fr.student_id = sr.student_id and fr.phase = sr.phase
     where ${inRange(sql`sr.student_id`)} and sr.version > sr.published_version
       and sr.changed_by_school_at is not null and sr.changed_by_school_at <= ${asOf}::timestamptz`;
  await tx.execute(sql`delete from family_request_items i using (${changed}) c where i.request_id = c.family_request_id`);
  await tx.execute(sql`
    insert into family_request_items (request_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle)
    select c.family_request_id, i.rank, i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties, i.stage_passerelle
      from (${changed}) c join school_request_items i on i.request_id = c.school_request_id`);
  await tx.execute(sql`
    update school_family_entries e set family_version = f.version
      from (${changed}) c join family_requests f on f.id = c.family_request_id
     where e.student_id = f.student_id and e.phase = f.phase and e.family_version < f.version`);
  await tx.execute(sql`
    update family_requests f set changed_by_school_at = c.changed_by_school_at, changed_by_school_name = c.changed_by_school_name
      from (${changed}) c where f.id = c.family_request_id`);
  const [sc] = await query<{ n: number }>(tx, sql`
    with upd as (update school_requests s set published_version = c.version from (${changed}) c where s.id = c.school_request_id returning 1)
    select count(*)::int as n from upd`);
  counts.schoolChanges = sc?.n ?? 0;

  // R-SCH-7: avis provisoires. Withdraw the published avis whose intention has no avis any more
  // (R-SCH-5/6 deleted it), then publish the avis entered or changed up to the cut-off.
  const [wo] = await query<{ n: number }>(tx, sql`
    with del as (
      delete from family_published_opinions p
       where ${inRange(sql`p.student_id`)}
         and not exists (select 1 from opinions o join school_request_items i on i.id = o.item_id
                          join school_requests r on r.id = i.request_id and r.phase = 'provisional'
                          where o.student_id = p.student_id and i.rank = p.rank)
      returning 1)
    select count(*)::int as n from del`);
  // Publish each avis entered or changed up to the cut-off whose published copy differs (or is
  // missing). As for the family entries, the destination is the watermark: nothing is written
  // back to opinions, and a re-run finds every copy equal and publishes nothing.
  const [op] = await query<{ n: number }>(tx, sql`
    with src as (
      select o.student_id, i.rank, i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties,
             i.stage_passerelle, o.value, o.comment
        from opinions o
        join school_request_items i on i.id = o.item_id
        join school_requests r on r.id = i.request_id and r.phase = 'provisional'
        left join family_published_opinions p on p.student_id = o.student_id and p.rank = i.rank
       where ${inRange(sql`o.student_id`)} and o.updated_at <= ${asOf}::timestamptz
         and (p.student_id is null
              or (p.track, p.sub_track, p.free_text, p.status_school, p.status_apprentice, p.specialties, p.stage_passerelle, p.value, p.comment)
                 is distinct from (i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties, i.stage_passerelle, o.value, o.comment))
    ), ins as (
      insert into family_published_opinions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, value, comment, published_at)
      select student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle,
             value, comment, ${asOf}::timestamptz
        from src
      on conflict (student_id, rank) do update set
             track = excluded.track, sub_track = excluded.sub_track, free_text = excluded.free_text, status_school = excluded.status_school,
             status_apprentice = excluded.status_apprentice, specialties = excluded.specialties, stage_passerelle = excluded.stage_passerelle,
             value = excluded.value, comment = excluded.comment, published_at = excluded.published_at
      returning 1)
    select count(*)::int as n from ins`);
  counts.opinions = op?.n ?? 0;

  // R-FIN-5: council proposals (same id on both sides).
  const [wp] = await query<{ n: number }>(tx, sql`
    with del as (
      delete from family_published_proposals p
       where ${inRange(sql`p.student_id`)} and not exists (select 1 from council_proposals c where c.id = p.id)
      returning 1)
    select count(*)::int as n from del`);
  const [pr] = await query<{ n: number }>(tx, sql`
    with src as (
      select * from council_proposals c
       where ${inRange(sql`c.student_id`)} and (c.published_at is null or c.published_at < c.updated_at) and c.updated_at <= ${asOf}::timestamptz
    ), ins as (
      insert into family_published_proposals (id, student_id, kind, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, answer, motivation, published_at)
      select id, student_id, kind, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, answer, motivation, ${asOf}::timestamptz
        from src
      on conflict (id) do update set
             kind = excluded.kind, rank = excluded.rank, track = excluded.track, sub_track = excluded.sub_track, free_text = excluded.free_text,
             status_school = excluded.status_school, status_apprentice = excluded.status_apprentice, specialties = excluded.specialties,
             stage_passerelle = excluded.stage_passerelle, answer = excluded.answer, motivation = excluded.motivation, published_at = excluded.published_at
      returning 1
    ), upd as (
      update council_proposals c set published_at = ${publishedMark(sql`c.updated_at`)} from src where c.id = src.id returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`);
  counts.proposals = pr?.n ?? 0;

  // R-FIN-8 / R-FIN-11 / R-FIN-12: decisions, and the e-mail to each guardian (R-SYNC-3).
  const [wd] = await query<{ n: number }>(tx, sql`
    with del as (
      delete from family_published_decisions p
       where ${inRange(sql`p.student_id`)} and not exists (select 1 from decisions d where d.student_id = p.student_id)
      returning 1)
    select count(*)::int as n from del`);
  const published = await query<{ student_id: string; updated_at: Date | string }>(tx, sql`
    with src as (
      select * from decisions d
       where ${inRange(sql`d.student_id`)} and (d.published_at is null or d.published_at < d.updated_at) and d.updated_at <= ${asOf}::timestamptz
    ), ins as (
      insert into family_published_decisions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, differs_from_request, reasons, appeal_deadline, decided_at, published_at)
      select student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, differs_from_request, reasons, appeal_deadline, decided_at, ${asOf}::timestamptz
        from src
      on conflict (student_id) do update set
             rank = excluded.rank, track = excluded.track, sub_track = excluded.sub_track, free_text = excluded.free_text,
             status_school = excluded.status_school, status_apprentice = excluded.status_apprentice, specialties = excluded.specialties,
             stage_passerelle = excluded.stage_passerelle, differs_from_request = excluded.differs_from_request, reasons = excluded.reasons,
             appeal_deadline = excluded.appeal_deadline, decided_at = excluded.decided_at, published_at = excluded.published_at
      returning student_id
    ), upd as (
      update decisions d set published_at = ${publishedMark(sql`d.updated_at`)} from src where d.student_id = src.student_id returning 1
    )
    select src.student_id, src.updated_at from src join ins on ins.student_id = src.student_id`);
  counts.decisions = published.length;
  counts.withdrawn = (wo?.n ?? 0) + (wp?.n ?? 0) + (wd?.n ?? 0);
  counts.emailsQueued = queueEmails && published.length > 0 ? await queueDecisionEmails(tx, published.map((p) => p.student_id)) : 0;
  return counts;
}

/** One e-mail per guardian with an address; the dedupe key names the decision's version. */
async function queueDecisionEmails(tx: Tx, studentIds: string[]): Promise<number> {
  const rows = await query<{
    student_id: string; guardian_id: string; email: string; civility: string; g_first: string; g_last: string;
    s_first: string; s_last: string; track: string; sub_track: string; differs_from_request: boolean; reasons: string | null;
    appeal_deadline: string | null; updated_at: Date | string;
    school_name: string; address: string; postal_code: string; city: string; phone: string; school_email: string;
    sender_email: string; president: string; commission_address: string;
  }>(tx, sql`
    select d.student_id, g.id as guardian_id, g.email, g.civility, g.first_name as g_first, g.last_name as g_last,
           s.first_name as s_first, s.last_name as s_last, d.track, d.sub_track, d.differs_from_request, d.reasons,
           d.appeal_deadline::text as appeal_deadline, d.updated_at,
           sc.name as school_name, sc.address, sc.postal_code, sc.city, sc.phone, sc.email as school_email,
           ac.sender_email, ac.appeal_commission_president as president, ac.appeal_commission_address as commission_address
      from decisions d
      join students s on s.id = d.student_id
      join schools sc on sc.id = s.school_id
      join academies ac on ac.id = sc.academy_id
      join student_guardians sg on sg.student_id = d.student_id
      join guardians g on g.id = sg.guardian_id
     where d.student_id in (${sql.join(studentIds.map((id) => sql`${id}::uuid`), sql`, `)}) and coalesce(g.email, '') <> ''
     order by d.student_id, sg.rank`);
  const mailFrom = env().MAIL_FROM;
  let n = 0;
  for (const r of rows) {
    const version = new Date(r.updated_at).getTime();
    const deadline = r.appeal_deadline ? formatParisDate(new Date(`${r.appeal_deadline}T12:00:00Z`)) : null;
    const added = await queueEmail(
      tx,
      decisionPublishedEmail,
      {
        guardianName: `${r.civility} ${r.g_first} ${r.g_last}`,
        studentName: `${r.s_first} ${r.s_last}`,
        track: r.track,
        subTrack: r.sub_track,
        differsFromRequest: r.differs_from_request,
        reasons: r.reasons,
        appealDeadline: deadline,
        appealCommissionPresident: r.president,
        appealCommissionAddress: r.commission_address,
        school: { name: r.school_name, address: r.address, postalCode: r.postal_code, city: r.city, phone: r.phone, email: r.school_email },
      },
      { to: r.email, from: r.sender_email ? `Orientation <${r.sender_email}>` : mailFrom, dedupeKey: `decision:${r.student_id}:${r.guardian_id}:${version}` },
    );
    if (added) n++;
  }
  return n;
}

class DryRunRollback extends Error {}

function isSerializationFailure(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === "40001" || e.code === "40P01") return true;
  }
  return false;
}

/** Runs one batch in its own transaction, retried on a serialization conflict with a concurrent write. */
async function runBatch(db: Db, b: Bounds, opts: { dryRun: boolean; record?: (tx: Tx, c: SyncCounts) => Promise<void> }): Promise<SyncCounts> {
  for (let attempt = 1; ; attempt++) {
    let counts: SyncCounts = {};
    try {
      await db.transaction(
        async (tx) => {
          // Room for a large batch's sorts and hashes in memory (this transaction only).
          await tx.execute(sql`set local work_mem = '64MB'`);
          counts = { ...(await familyToSchool(tx, b)), ...(await schoolToFamily(tx, b, !opts.dryRun)) };
          if (opts.dryRun) throw new DryRunRollback();
          await opts.record?.(tx, counts);
        },
        { isolationLevel: "repeatable read" },
      );
      return counts;
    } catch (err) {
      if (err instanceof DryRunRollback) return counts;
      if (attempt < 5 && isSerializationFailure(err)) continue;
      throw err;
    }
  }
}

/* ------------------------------------------------------------------------------------------ */

export async function run(opts: SyncOptions): Promise<SyncResult> {
  const { db, log } = opts;
  const dryRun = opts.dryRun ?? false;
  const asOfDate = opts.now;
  const asOf = asOfDate.toISOString();
  const runKey = opts.runKey ?? nightRunKey(asOfDate);
  const batchSize = Math.max(1, opts.batchSize ?? 50_000); // bench: 50 000–100 000 per batch is several times faster than 5 000
  const startedAt = new Date();
  // The published_at watermark of a school row: when it was published in the product's timeline,
  // never before the row's own last change (so a later change is always seen as unpublished, even
  // when the run was played "as of" a future date, or the app's clock is shifted).
  const publishedMark = (updatedAt: SQL) => sql`greatest(${updatedAt}, least(${asOf}::timestamptz, ${startedAt.toISOString()}::timestamptz))`;

  const lock = await tryLock(opts.pool, db);
  if (!lock) {
    log.info(`transfert ${runKey} : un autre transfert est en cours, rien à faire`);
    return { status: "skipped", reason: "locked", runKey };
  }
  try {
    let runId: number | null = null;
    const counts: SyncCounts = {};
    if (!dryRun) {
      // Same key: allowed again only when the previous run did not succeed (killed, failed): resume.
      const rows = await query<{ id: number | string; counts: SyncCounts }>(db, sql`
        insert into sync_runs (run_key, as_of, started_at, status, triggered_by, dry_run)
        values (${runKey}, ${asOf}::timestamptz, ${startedAt.toISOString()}::timestamptz, 'running', ${opts.triggeredBy ?? "cron"}, false)
        on conflict (run_key) do update set status = 'running', started_at = excluded.started_at, finished_at = null,
               triggered_by = excluded.triggered_by, as_of = excluded.as_of
         where sync_runs.status <> 'succeeded'
        returning id, counts`);
      if (rows.length === 0) {
        log.info(`transfert ${runKey} : déjà effectué`);
        return { status: "skipped", reason: "already-done", runKey };
      }
      runId = Number(rows[0]!.id);
      add(counts, rows[0]!.counts ?? {});
    }
    const errors: string[] = [];
    try {
      if (!dryRun) {
        // R-SYNC-3: idle sessions ended now queue their recap e-mails (R-INT-8) before the batches.
        // Against the real clock, not the cut-off: a run played "as of" tomorrow must not end
        // the sessions of people signed in right now.
        let expired = 0;
        for (let n = await expireIdleSessions(db, clockNow()); n > 0; n = await expireIdleSessions(db, clockNow())) expired += n;
        add(counts, { sessionsExpired: expired });
      }

      const [{ total }] = (await query<{ total: number }>(db, sql`select count(*)::int as total from students`)) as [{ total: number }];
      let after = NIL_UUID;
      let done = 0;
      for (let batch = 1; ; batch++) {
        const [range] = await query<{ hi: string | null; n: number }>(db, sql`
          select max(id::text) as hi, count(*)::int as n from (select id from students where id > ${after}::uuid order by id limit ${batchSize}) s`);
        if (!range?.hi || range.n === 0) break;
        const bounds: Bounds = { lo: after, hi: range.hi, asOf, publishedMark };
        const batchCounts = await runBatch(db, bounds, {
          dryRun,
          record: runId === null ? undefined : async (tx, c) => {
            // The run's counts move with the batch's watermarks: a killed run's log says what it did.
            const total = { ...counts };
            add(total, c);
            add(total, { students: range.n });
            await tx.execute(sql`update sync_runs set counts = ${JSON.stringify(total)}::jsonb where id = ${runId}`);
          },
        });
        add(counts, batchCounts);
        add(counts, { students: range.n });
        done += range.n;
        after = range.hi;
        opts.onProgress?.({ batch, studentsDone: done, studentsTotal: total, counts: { ...counts }, batchCounts });
        if (opts.pauseBetweenBatchesMs) await new Promise((r) => setTimeout(r, opts.pauseBetweenBatchesMs));
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(message);
      log.error(`transfert ${runKey} interrompu : ${message}`);
    }

    if (!dryRun && runId !== null) {
      await db.execute(sql`
        update sync_runs set status = ${errors.length ? "failed" : "succeeded"}::sync_status, finished_at = ${new Date().toISOString()}::timestamptz,
               counts = ${JSON.stringify(counts)}::jsonb, errors = errors || ${JSON.stringify(errors)}::jsonb
         where id = ${runId}`);
    }

    // R-SYNC-3: send what is due now, the run's own e-mails included.
    if (!dryRun && opts.mailer) {
      try {
        const sent = await sendDueEmails({ db, now: clockNow(), mailer: opts.mailer, log, maxBatches: 10_000 });
        add(counts, { emailsSent: sent.sent });
        if (runId !== null) await db.execute(sql`update sync_runs set counts = ${JSON.stringify(counts)}::jsonb where id = ${runId}`);
      } catch (err) {
        log.warn(`envoi des courriels après le transfert : ${(err as Error).message} (ils restent dans la file)`);
      }
    }
    log.info(`transfert ${runKey}${dryRun ? " (simulation)" : ""} ${errors.length ? "en échec" : "terminé"}`, counts);
    return { status: errors.length ? "failed" : "succeeded", runId, runKey, counts, errors, dryRun };
  } finally {
    await lock.release();
  }
}
