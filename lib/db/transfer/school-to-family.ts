import { sql, type SQL } from "drizzle-orm";
import type { Phase } from "@/lib/domain/tracks";
import { appealDeadline, type IsoDay } from "@/lib/domain/working-days";
import type { Tx } from "../client";
import { publishSchoolAnswers } from "./school-answers";
import { inRange as batchRange, query, type Bounds, type Counts } from "./sql";

/*
 * The nightly transfer, school → family (docs/sync.md): the school's changes to a family entry,
 * avis provisoires, council proposals, decisions (with their notice, R-FIN-11,
 * docs/decisions/009), interviews and appeals, published for one batch of students, each
 * with its watermark in the same statement or transaction (R-SYNC-4). What the school entered on
 * its own (R-SCH-1) reaches the family only through the published avis: nothing else here copies
 * a school-entered request.
 */

/**
 * The decisions a batch published or notified, for their e-mails (lib/transfer/decision-emails.ts):
 * `noticed` got their first notice from this batch, `renoticed` a new one after their e-mails expired.
 */
export type DecisionsToMail = { published: string[]; noticed: string[]; renoticed: string[] };

/**
 * R-SCH-5 / R-SYNC-3: the school's changes a batch carried to the family side, for their e-mails
 * (queueSchoolChangeEmails, lib/services/school-requests.ts): the e-mail and the family page
 * change together, at the night.
 */
export type SchoolChangeToMail = { schoolRequestId: string; studentId: string; phase: Phase; version: number };

/** The académies' numbers of jours ouvrables (R-FIN-11, 1 to 30) and the deadline each gives for a notice received on `day`. */
const MAX_APPEAL_WORKING_DAYS = 30;
function deadlineOf(day: IsoDay, workingDays: SQL): SQL {
  const whens = Array.from({ length: MAX_APPEAL_WORKING_DAYS }, (_, k) => sql`when ${k + 1} then ${appealDeadline(day, k + 1)}::date`);
  return sql`(case ${workingDays} ${sql.join(whens, sql` `)} end)`;
}

/**
 * The version of a decision in its e-mails' dedupe keys: its decided_at in ms, which changes when
 * the head (or the commission) takes a new decision, not when the school only records a paper
 * notice or the droit au maintien (those republish the family copy without a new e-mail). One SQL
 * expression for the key queued (decision-emails.ts) and its lookup here. `d` is the decisions alias.
 */
export const decisionVersionSql = (d: string) => `floor(extract(epoch from ${d}.decided_at) * 1000)::bigint`;

/**
 * R-FIN-8 / R-FIN-11: the dedupe key of a decision's e-mail to one guardian, per version (the
 * first notice of a version included); a renewed notice also names its day of receipt (a new
 * notice, a new key). `d`, `g`: SQL of the decisions alias and of the guardian's id.
 */
export function decisionEmailKeySql(d: string, g: string, renewed: boolean): SQL {
  const base = `'decision:' || ${d}.student_id || ':' || ${g} || ':' || ${decisionVersionSql(d)}`;
  return sql.raw(renewed ? `${base} || ':' || ${d}.notified_on` : base);
}

/**
 * R-SYNC-2: withdraws the family copies (`copy`) of the batch whose school row (`source`, matched
 * on `key`) is gone; returns how many. Table and column names are this module's constants.
 */
async function withdrawGone(tx: Tx, b: Bounds, copy: string, source: string, key: "id" | "student_id"): Promise<number> {
  const [w] = await query<{ n: number }>(
    tx,
    sql`
    with del as (
      delete from ${sql.raw(copy)} p
       where ${batchRange(b, sql`p.student_id`)} and not exists (select 1 from ${sql.raw(source)} s where s.${sql.raw(key)} = p.${sql.raw(key)})
      returning 1)
    select count(*)::int as n from del`,
  );
  return w?.n ?? 0;
}

/**
 * R-SYNC-2: `noticeDay` is the Paris day of the run (its e-mails leave that day, R-FIN-11): the
 * decisions notified by e-mail in this batch are received on it.
 */
export async function schoolToFamily(
  tx: Tx,
  b: Bounds,
  noticeDay: IsoDay,
): Promise<{ counts: Counts; decisions: DecisionsToMail; schoolChanges: SchoolChangeToMail[] }> {
  const { asOf, publishedMark } = b;
  const inRange = (col: SQL) => batchRange(b, col);
  const counts: Counts = {};

  // R-SYNC-2 / R-SCH-5: the school's changes to a family entry overwrite the family's items. The
  // version the school holds is marked received (school_family_entries.family_version), so the
  // overwritten family row does not come back as a family entry. The guardians' e-mails are queued
  // by the caller, in this batch's transaction (R-SYNC-3): they leave when the page changes.
  const changed = sql`
    select sr.id as school_request_id, sr.student_id, sr.version, sr.changed_by_school_at, sr.changed_by_school_name, fr.id as family_request_id
      from school_requests sr join family_requests fr on fr.student_id = sr.student_id and fr.phase = sr.phase
     where ${inRange(sql`sr.student_id`)} and sr.version > sr.published_version
       and sr.changed_by_school_at is not null and sr.changed_by_school_at <= ${asOf}::timestamptz`;
  // School changes are rare (a few a night): one probe, and the five statements only when there are some.
  const [anyChanged] = await query<{ yes: boolean }>(tx, sql`select exists (${changed}) as yes`);
  const schoolChanges = anyChanged?.yes ? await publishSchoolChanges(tx, changed) : [];
  counts.schoolChanges = schoolChanges.length;

  // R-SCH-7: avis provisoires. Withdraw the published avis whose intention has no avis any more
  // (R-SCH-5/6 deleted it), then publish the avis entered or changed up to the cut-off.
  const [wo] = await query<{ n: number }>(
    tx,
    sql`
    with del as (
      delete from family_published_opinions p
       where ${inRange(sql`p.student_id`)}
         and not exists (select 1 from opinions o join school_request_items i on i.id = o.item_id
                          join school_requests r on r.id = i.request_id and r.phase = 'provisional'
                          where o.student_id = p.student_id and i.rank = p.rank)
      returning 1)
    select count(*)::int as n from del`,
  );
  // Publish each avis entered or changed up to the cut-off whose published copy differs (or is
  // missing). As for the family entries, the destination is the watermark: nothing is written
  // back to opinions, and a re-run finds every copy equal and publishes nothing.
  const [op] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select o.student_id, i.rank, i.track, i.sub_track, i.free_text, i.status_school, i.status_apprentice, i.specialties,
             i.stage_passerelle, o.value, o.comment
        from opinions o
        join school_request_items i on i.id = o.item_id
        join school_requests r on r.id = i.request_id and r.phase = 'provisional'
        left join family_published_opinions p on p.student_id = o.student_id and p.rank = i.rank and ${inRange(sql`p.student_id`)}
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
    select count(*)::int as n from ins`,
  );
  counts.opinions = op?.n ?? 0;

  // R-FIN-5: council proposals (same id on both sides). Every mark written back to a source row
  // (here and below, and the family → school marks) is bounded by the batch's range, so the
  // planner reads the batch's rows, not the whole source table, to find the rows to mark.
  const wp = await withdrawGone(tx, b, "family_published_proposals", "council_proposals", "id");
  const [pr] = await query<{ n: number }>(
    tx,
    sql`
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
      update council_proposals c set published_at = ${publishedMark(sql`c.updated_at`)}
        from src where c.id = src.id and ${inRange(sql`c.student_id`)} returning 1
    )
    select (select count(*) from upd)::int as n, (select count(*) from ins)::int as inserted`,
  );
  counts.proposals = pr?.n ?? 0;

  // R-FIN-8 / R-FIN-11 / R-FIN-12: decisions, and the e-mail to each guardian (R-SYNC-3).
  const wd = await withdrawGone(tx, b, "family_published_decisions", "decisions", "student_id");
  // R-FIN-11: the notice. A decision version about to be published that has no notice yet is
  // notified by e-mail when a guardian has an address: received on the run's Paris day, the appeal
  // deadline counted from it (jours ouvrables of the académie) when it differs from the family's
  // request. Without any address it stays without a notice: the school hands it on paper and
  // enters that day. A notice already given (on paper, or by an earlier e-mail) keeps its day.
  const withAddress = (studentId: SQL) => sql`exists (select 1 from student_guardians sg join guardians g on g.id = sg.guardian_id
                  where sg.student_id = ${studentId} and coalesce(g.email, '') <> '')`;
  const deadline = (d: string) =>
    sql`case when ${sql.raw(d)}.differs_from_request and ${sql.raw(d)}.source <> 'commission' then ${deadlineOf(noticeDay, sql`ac.appeal_deadline_working_days`)} end`;
  const firstNotices = await query<{ student_id: string }>(
    tx,
    sql`
    update decisions d set notified_on = ${noticeDay}::date, notice_channel = 'email', appeal_deadline = ${deadline("d")}
      from students s join schools sc on sc.id = s.school_id join academies ac on ac.id = sc.academy_id
     where s.id = d.student_id and ${inRange(sql`d.student_id`)} and ${inRange(sql`s.id`)}
       and (d.published_at is null or d.published_at < d.updated_at) and d.updated_at <= ${asOf}::timestamptz
       and d.notified_on is null and ${withAddress(sql`d.student_id`)}
    returning d.student_id`,
  );
  // R-FIN-11: a notice whose e-mails all expired unsent (lib/outbox/sender.ts: none could leave
  // on its day) was never received: it is notified again today, with a new deadline and new
  // e-mails (their dedupe key names the day), or left without a notice when no address is left.
  // The current notice's e-mails: the version's first notice, or a renewed one naming its day.
  const noticeMail = (d: string) =>
    sql`student_guardians sg join outbox_emails o on o.dedupe_key in (${decisionEmailKeySql(d, "sg.guardian_id", false)}, ${decisionEmailKeySql(d, "sg.guardian_id", true)})`;
  const renotices = await query<{ student_id: string; notified: boolean }>(
    tx,
    sql`
    with src as (
      select d.student_id from decisions d
       where ${inRange(sql`d.student_id`)} and d.notice_channel = 'email' and d.notified_on < ${noticeDay}::date
         and exists (select 1 from ${noticeMail("d")} where sg.student_id = d.student_id and o.status = 'expired')
         and not exists (select 1 from ${noticeMail("d")} where sg.student_id = d.student_id and o.status <> 'expired')
    )
    update decisions d
       set notified_on = case when ${withAddress(sql`d.student_id`)} then ${noticeDay}::date end,
           notice_channel = case when ${withAddress(sql`d.student_id`)} then 'email'::notice_channel end,
           appeal_deadline = case when ${withAddress(sql`d.student_id`)} then ${deadline("d")} end
      from src, students s join schools sc on sc.id = s.school_id join academies ac on ac.id = sc.academy_id
     where d.student_id = src.student_id and s.id = d.student_id and ${inRange(sql`d.student_id`)}
    returning d.student_id, d.notified_on is not null as notified`,
  );
  const published = await query<{ student_id: string; updated_at: Date | string }>(
    tx,
    sql`
    with src as (
      select * from decisions d
       where ${inRange(sql`d.student_id`)} and (d.published_at is null or d.published_at < d.updated_at) and d.updated_at <= ${asOf}::timestamptz
    ), ins as (
      insert into family_published_decisions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, source, differs_from_request, reason_knowledge, reason_abilities, reason_interests, notified_on, notice_channel, appeal_deadline, decided_at, decided_by_name, maintien_at, published_at)
      select student_id, rank, track, sub_track, free_text, status_school, status_apprentice, specialties, stage_passerelle, source, differs_from_request, reason_knowledge, reason_abilities, reason_interests, notified_on, notice_channel, appeal_deadline, decided_at, decided_by_name, maintien_at, ${asOf}::timestamptz
        from src
      on conflict (student_id) do update set
             rank = excluded.rank, track = excluded.track, sub_track = excluded.sub_track, free_text = excluded.free_text,
             status_school = excluded.status_school, status_apprentice = excluded.status_apprentice, specialties = excluded.specialties,
             stage_passerelle = excluded.stage_passerelle, source = excluded.source, differs_from_request = excluded.differs_from_request,
             reason_knowledge = excluded.reason_knowledge, reason_abilities = excluded.reason_abilities, reason_interests = excluded.reason_interests,
             notified_on = excluded.notified_on, notice_channel = excluded.notice_channel, decided_by_name = excluded.decided_by_name, maintien_at = excluded.maintien_at,
             appeal_deadline = excluded.appeal_deadline, decided_at = excluded.decided_at, published_at = excluded.published_at
      returning student_id
    ), upd as (
      update decisions d set published_at = ${publishedMark(sql`d.updated_at`)}
        from src where d.student_id = src.student_id and ${inRange(sql`d.student_id`)} returning 1
    )
    select src.student_id, src.updated_at from src join ins on ins.student_id = src.student_id`,
  );
  counts.decisions = published.length;
  // The family copy of a decision notified again (its version already published) takes the new notice.
  const renoticed = renotices.map((r) => r.student_id);
  if (renoticed.length > 0) {
    await tx.execute(sql`
      update family_published_decisions p set notified_on = d.notified_on, notice_channel = d.notice_channel, appeal_deadline = d.appeal_deadline
        from decisions d
       where d.student_id = p.student_id and ${inRange(sql`p.student_id`)}
         and p.student_id in (${sql.join(
           renoticed.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`);
  }
  counts.notices = firstNotices.length;
  counts.renotices = renotices.length;

  // R-FIN-9: the interviews held with the head (same id on both sides), withdrawn when deleted.
  const wi = await withdrawGone(tx, b, "family_published_interviews", "interviews", "id");
  const [iv] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select * from interviews i
       where ${inRange(sql`i.student_id`)} and (i.published_at is null or i.published_at < i.updated_at) and i.updated_at <= ${asOf}::timestamptz
    ), ins as (
      insert into family_published_interviews (id, student_id, held_at, participants, outcome, agreed_track, agreed_sub_track, published_at)
      select id, student_id, held_at, participants, outcome, agreed_track, agreed_sub_track, ${asOf}::timestamptz from src
      on conflict (id) do update set
             student_id = excluded.student_id, held_at = excluded.held_at, participants = excluded.participants, outcome = excluded.outcome,
             agreed_track = excluded.agreed_track, agreed_sub_track = excluded.agreed_sub_track, published_at = excluded.published_at
      returning 1
    ), upd as (
      update interviews i set published_at = ${publishedMark(sql`i.updated_at`)}
        from src where i.id = src.id and ${inRange(sql`i.student_id`)} returning 1
    )
    select (select count(*) from ins)::int as n, (select count(*) from upd)::int as marked`,
  );
  counts.interviews = iv?.n ?? 0;

  // R-FIN-9: the appeal (one per student): its request, the commission's date and final decision.
  const wa = await withdrawGone(tx, b, "family_published_appeals", "appeals", "student_id");
  const [ap] = await query<{ n: number }>(
    tx,
    sql`
    with src as (
      select * from appeals a
       where ${inRange(sql`a.student_id`)} and (a.published_at is null or a.published_at < a.updated_at) and a.updated_at <= ${asOf}::timestamptz
    ), ins as (
      insert into family_published_appeals (student_id, requested_on, commission_date, outcome, commission_track, commission_sub_track, commission_decided_at, published_at)
      select student_id, requested_on, commission_date, outcome, commission_track, commission_sub_track, commission_decided_at, ${asOf}::timestamptz from src
      on conflict (student_id) do update set
             requested_on = excluded.requested_on, commission_date = excluded.commission_date, outcome = excluded.outcome,
             commission_track = excluded.commission_track, commission_sub_track = excluded.commission_sub_track,
             commission_decided_at = excluded.commission_decided_at, published_at = excluded.published_at
      returning 1
    ), upd as (
      update appeals a set published_at = ${publishedMark(sql`a.updated_at`)}
        from src where a.student_id = src.student_id and ${inRange(sql`a.student_id`)} returning 1
    )
    select (select count(*) from ins)::int as n, (select count(*) from upd)::int as marked`,
  );
  counts.appeals = ap?.n ?? 0;

  counts.withdrawn = (wo?.n ?? 0) + wp + wd + wi + wa;
  Object.assign(counts, await publishSchoolAnswers(tx, b)); // R-FIN-10: answers and agreements entered by the school
  // The decision e-mails (R-SYNC-3) are queued by the caller, in this same transaction.
  return {
    counts,
    decisions: {
      published: published.map((p) => p.student_id),
      noticed: firstNotices.map((r) => r.student_id),
      renoticed: renotices.filter((r) => r.notified).map((r) => r.student_id),
    },
    schoolChanges,
  };
}

/** R-SCH-5: the school's changes (the `changed` rows of a batch) written over the family's entries. */
async function publishSchoolChanges(tx: Tx, changed: SQL): Promise<SchoolChangeToMail[]> {
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
  const published = await query<{ school_request_id: string; student_id: string; phase: Phase; version: number }>(
    tx,
    sql`update school_requests s set published_version = c.version from (${changed}) c where s.id = c.school_request_id
        returning s.id as school_request_id, s.student_id, s.phase, s.version`,
  );
  return published.map((r) => ({ schoolRequestId: r.school_request_id, studentId: r.student_id, phase: r.phase, version: r.version }));
}
