import { and, eq, isNull, sql } from "drizzle-orm";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { GuardianOfStudent, RemindedRow, ReminderCandidate, ReminderRow } from "@/lib/domain/reminders";
import { recipientColumns, uuidList, type RecipientRow } from "../transfer/sql";
import type { Queryable } from "../client";
import { campaignWindows, reminderSends, reminders } from "../schema";

/*
 * R-OVS-2: the reminders (lib/db/schema/oversight.ts) and who they reached. The selection rule is
 * lib/domain/reminders.ts `isFamilyToRemind`; this reads its facts, one row per student of the
 * reminder's scope, level and school year, in one statement.
 */

/** A list of ids as ONE parameter (a JSON array), whatever its length. */

export type ReminderScope = { academyId: string; schoolId: string | null; schoolYear: string; level: Level; phase: Phase };
export type DueReminder = ReminderScope & { id: string; sendAt: Date };

/** R-CAL-1: the académie's window of a level and phase for a school year (undefined: not published). */
export async function findCampaignWindow(
  q: Queryable,
  w: { academyId: string; schoolYear: string; level: Level; phase: Phase },
): Promise<{ opensAt: Date; closesAt: Date } | undefined> {
  const [row] = await q
    .select({ opensAt: campaignWindows.opensAt, closesAt: campaignWindows.closesAt })
    .from(campaignWindows)
    .where(
      and(
        eq(campaignWindows.academyId, w.academyId),
        eq(campaignWindows.schoolYear, w.schoolYear),
        eq(campaignWindows.level, w.level),
        eq(campaignWindows.phase, w.phase),
      ),
    );
  return row;
}

/**
 * docs/decisions/010: a replayed or double-submitted schedule. Takes the owner's reminders lock
 * (one per académie or school, for the transaction) and returns the reminder already scheduled by
 * the same owner for the same level, phase and instant, still waiting (neither cancelled nor
 * claimed), or null. Under the lock, two identical submissions at once see each other.
 */
export async function findSameScheduledReminder(
  q: Queryable,
  v: { academyId: string; schoolId: string | null; level: Level; phase: Phase; sendAt: Date },
): Promise<string | null> {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext('reminders:' || ${v.academyId} || ':' || ${v.schoolId ?? ""}))`);
  const [row] = await q
    .select({ id: reminders.id })
    .from(reminders)
    .where(
      and(
        eq(reminders.academyId, v.academyId),
        v.schoolId ? eq(reminders.schoolId, v.schoolId) : isNull(reminders.schoolId),
        eq(reminders.level, v.level),
        eq(reminders.phase, v.phase),
        eq(reminders.sendAt, v.sendAt),
        isNull(reminders.cancelledAt),
        isNull(reminders.processedAt),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export async function insertReminder(q: Queryable, values: typeof reminders.$inferInsert): Promise<string> {
  const [r] = await q.insert(reminders).values(values).returning({ id: reminders.id });
  return r!.id;
}

/**
 * The reminders of an académie (schoolId null: the académie's own) or of a school, newest first,
 * with what they reached: families (students), e-mails queued, guardians without an address.
 */
export async function listReminders(q: Queryable, owner: { academyId: string; schoolId: string | null }): Promise<ReminderRow[]> {
  const r = await q.execute<{
    id: string;
    level: Level;
    phase: Phase;
    send_at: string | Date;
    school_id: string | null;
    created_by_name: string;
    cancelled_at: string | Date | null;
    cancelled_by_name: string | null;
    processed_at: string | Date | null;
    claimed: boolean;
    families: number;
    emails: number;
    without_email: number;
  }>(sql`
    select r.id, r.level, r.phase, r.send_at, r.school_id, r.created_by_name, r.cancelled_at, r.cancelled_by_name, r.processed_at,
           r.claim_token is not null as claimed,
           count(distinct rs.student_id)::int as families,
           count(rs.to_address)::int as emails,
           (count(rs.guardian_id) - count(rs.to_address))::int as without_email
    from reminders r
    left join reminder_sends rs on rs.reminder_id = r.id
    where r.academy_id = ${owner.academyId} and r.school_id is not distinct from ${owner.schoolId}::uuid
    group by r.id
    order by r.send_at desc, r.created_at desc
    limit 200`);
  const date = (v: string | Date) => new Date(v);
  return r.rows.map((x) => ({
    id: x.id,
    level: x.level,
    phase: x.phase,
    sendAt: date(x.send_at),
    schoolId: x.school_id,
    createdByName: x.created_by_name,
    cancelledAt: x.cancelled_at ? date(x.cancelled_at) : null,
    cancelledByName: x.cancelled_by_name,
    processedAt: x.processed_at ? date(x.processed_at) : null,
    claimed: Boolean(x.claimed),
    families: Number(x.families),
    emails: Number(x.emails),
    withoutEmail: Number(x.without_email),
  }));
}

/**
 * Cancels a reminder of this owner not yet taken by the job. Once the job has claimed it
 * (claimDueReminder sets claim_token, in its own committed transaction) its first families may
 * already be reminded: it can no longer be cancelled. A cancel racing the claim waits for the
 * claim's row lock, then finds it claimed and changes nothing.
 * Returns the reminder when cancelled now, null otherwise (unknown, another owner's, claimed, sent, already cancelled).
 */
export async function cancelReminder(
  q: Queryable,
  v: { id: string; academyId: string; schoolId: string | null; at: Date; byName: string },
): Promise<{ level: Level; phase: Phase; sendAt: Date } | null> {
  const rows = await q
    .update(reminders)
    .set({ cancelledAt: v.at, cancelledByName: v.byName })
    .where(
      and(
        eq(reminders.id, v.id),
        eq(reminders.academyId, v.academyId),
        v.schoolId ? eq(reminders.schoolId, v.schoolId) : isNull(reminders.schoolId),
        isNull(reminders.processedAt),
        isNull(reminders.cancelledAt),
        isNull(reminders.claimToken),
      ),
    )
    .returning({ level: reminders.level, phase: reminders.phase, sendAt: reminders.sendAt });
  return rows[0] ?? null;
}

/** Whether this owner has a reminder of this id (to tell «already sent or cancelled» from «unknown»). */
export async function ownsReminder(q: Queryable, v: { id: string; academyId: string; schoolId: string | null }): Promise<boolean> {
  const rows = await q
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(eq(reminders.id, v.id), eq(reminders.academyId, v.academyId), v.schoolId ? eq(reminders.schoolId, v.schoolId) : isNull(reminders.schoolId)));
  return rows.length > 0;
}

export type ReminderClaim = DueReminder & { token: string; progressStudentId: string | null };

/**
 * The job's claim (its own short transaction): one due reminder (sendAt reached, neither processed
 * nor cancelled) whose claim is free or whose lease ran out (its worker died), with a new token and
 * a lease of `leaseMs` on the DATABASE's clock (clock_timestamp(): one clock for every worker, like
 * the outbox's leases, lib/outbox/sender.ts). Another worker at the same moment skips the row
 * (FOR UPDATE SKIP LOCKED) and, once committed, sees the lease and takes another reminder or none.
 * A taken-over reminder continues after the last batch committed (progressStudentId).
 */
export async function claimDueReminder(q: Queryable, now: Date, leaseMs: number): Promise<ReminderClaim | null> {
  const r = await q.execute<{
    id: string;
    academy_id: string;
    school_id: string | null;
    school_year: string;
    level: Level;
    phase: Phase;
    send_at: string | Date;
    claim_token: string;
    progress_student_id: string | null;
  }>(sql`
    update reminders r set claim_token = gen_random_uuid(), claimed_until = clock_timestamp() + ${`${leaseMs} milliseconds`}::interval
    where r.id = (
      select id from reminders
      where send_at <= ${now.toISOString()}::timestamptz and processed_at is null and cancelled_at is null
        and (claimed_until is null or claimed_until <= clock_timestamp())
      order by send_at, id
      limit 1
      for update skip locked)
    returning r.id, r.academy_id, r.school_id, r.school_year, r.level, r.phase, r.send_at, r.claim_token, r.progress_student_id`);
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id,
    academyId: x.academy_id,
    schoolId: x.school_id,
    schoolYear: x.school_year,
    level: x.level,
    phase: x.phase,
    sendAt: new Date(x.send_at),
    token: x.claim_token,
    progressStudentId: x.progress_student_id,
  };
}

/**
 * At the start of each batch's transaction: the worker still holds its claim (same token, neither
 * processed nor cancelled); its lease is renewed and the reminder row stays locked until the
 * batch commits, so no two batches of a reminder ever run at once. Returns where the reminder's
 * progress stands (the last student of the last batch committed), or false: the claim was lost
 * (another worker took it over after the lease ran out) and this worker stops.
 */
export async function renewReminderClaim(
  q: Queryable,
  c: { id: string; token: string },
  leaseMs: number,
): Promise<{ progressStudentId: string | null } | false> {
  const r = await q.execute<{ progress_student_id: string | null }>(sql`
    update reminders set claimed_until = clock_timestamp() + ${`${leaseMs} milliseconds`}::interval
    where id = ${c.id}::uuid and claim_token = ${c.token}::uuid and processed_at is null and cancelled_at is null
    returning progress_student_id`);
  const x = r.rows[0];
  return x ? { progressStudentId: x.progress_student_id } : false;
}

/** In the batch's transaction: the last student it read; `processedAt` once the batch was the last one. */
export async function advanceReminder(q: Queryable, id: string, progressStudentId: string | null, processedAt: Date | null): Promise<void> {
  await q.update(reminders).set({ progressStudentId, processedAt }).where(eq(reminders.id, id));
}

export type CandidateRow = Omit<ReminderCandidate, "window"> & { studentId: string; schoolId: string; divisionId: string };

/**
 * The selection's facts (lib/domain/reminders.ts ReminderCandidate) of every student of the scope
 * (the académie's schools, or one school), of the level, enrolled in the school year, in id order.
 * `studentIds` narrows it (the job's second reading, under the students' locks); a page
 * ({ after, limit }) reads the next `limit` students after the id `after` (the job's batches).
 */
export async function findReminderCandidates(
  q: Queryable,
  s: ReminderScope,
  filter?: readonly string[] | { after: string | null; limit: number },
): Promise<CandidateRow[]> {
  const studentIds = Array.isArray(filter) ? (filter as readonly string[]) : undefined;
  const page = filter && !Array.isArray(filter) ? (filter as { after: string | null; limit: number }) : undefined;
  const r = await q.execute<{
    id: string;
    school_id: string;
    division_id: string;
    school_year: string;
    left_on: string | null;
    open_year: string;
    out_of_procedure: boolean;
    school_closed: boolean;
    council_open: boolean;
    validated: boolean;
  }>(sql`
    select s.id, s.school_id, s.division_id, s.school_year, s.left_on::text as left_on, sc.school_year as open_year,
           s.out_of_procedure_reason is not null as out_of_procedure,
           coalesce(cl.closed, false) as school_closed,
           coalesce(cc.state = 'open', false) as council_open,
           (exists (select 1 from family_requests fr where fr.student_id = s.id and fr.phase = ${s.phase}::phase)
            or exists (select 1 from school_requests sr where sr.student_id = s.id and sr.phase = ${s.phase}::phase)) as validated
    from students s
    join divisions d on d.id = s.division_id
    join schools sc on sc.id = s.school_id
    left join school_service_closures cl on cl.school_id = s.school_id and cl.level = ${s.level}::level and cl.phase = ${s.phase}::phase
    left join class_councils cc on cc.division_id = s.division_id and cc.phase = ${s.phase}::phase
    where sc.academy_id = ${s.academyId}
      and (${s.schoolId}::uuid is null or s.school_id = ${s.schoolId}::uuid)
      and d.level = ${s.level}::level
      and s.school_year = ${s.schoolYear}
      ${studentIds ? sql`and s.id in (${uuidList(studentIds)})` : sql``}
      ${page?.after ? sql`and s.id > ${page.after}::uuid` : sql``}
    order by s.id
    ${page ? sql`limit ${page.limit}` : sql``}`);
  return r.rows.map((x) => ({
    studentId: x.id,
    schoolId: x.school_id,
    divisionId: x.division_id,
    schoolClosed: Boolean(x.school_closed),
    councilOpen: Boolean(x.council_open),
    outOfProcedure: Boolean(x.out_of_procedure),
    file: { schoolYear: x.school_year, leftOn: x.left_on, openYear: x.open_year },
    validated: Boolean(x.validated),
  }));
}

export type ReminderRecipient = {
  studentId: string;
  studentFirstName: string;
  /** "2009-04-12": an adult student enters for themself (R-AUTH-4), which the e-mail says. */
  studentBirthDate: string;
  guardianId: string;
  civility: string | null;
  /** Null: no usable address (the school calls them). */
  email: string | null;
  school: { name: string; address: string; postalCode: string; city: string; phone: string; email: string };
  academySenderEmail: string;
};

/**
 * The guardians with a legal link (student_guardians) of these students, with what their e-mail
 * needs: the family e-mails' recipient columns (lib/db/transfer/sql.ts), every guardian, with an
 * address or not.
 */
export async function findReminderRecipients(q: Queryable, studentIds: readonly string[]): Promise<ReminderRecipient[]> {
  if (studentIds.length === 0) return [];
  const r = await q.execute<Omit<RecipientRow, "email"> & { email: string | null; birth_date: string }>(sql`
    select ${recipientColumns}, s.birth_date::text as birth_date
    from student_guardians sg
    join guardians g on g.id = sg.guardian_id
    join students s on s.id = sg.student_id
    join schools sc on sc.id = s.school_id
    join academies ac on ac.id = sc.academy_id
    where sg.student_id in (${uuidList(studentIds)})
    order by sg.student_id, sg.rank`);
  return r.rows.map((x) => ({
    studentId: x.student_id,
    studentFirstName: x.s_first,
    studentBirthDate: x.birth_date,
    guardianId: x.guardian_id,
    civility: x.civility,
    email: x.email?.trim() || null,
    school: { name: x.school_name, address: x.address, postalCode: x.postal_code, city: x.city, phone: x.phone, email: x.school_email },
    academySenderEmail: x.sender_email,
  }));
}

const SENDS_PER_STATEMENT = 5000;

/** Who a reminder reached, one row per (reminder, student, guardian): a second insert of the same row does nothing. */
export async function insertReminderSends(
  q: Queryable,
  reminderId: string,
  sends: readonly { studentId: string; guardianId: string; toAddress: string | null }[],
  at: Date,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < sends.length; i += SENDS_PER_STATEMENT) {
    const rows = await q
      .insert(reminderSends)
      .values(sends.slice(i, i + SENDS_PER_STATEMENT).map((s) => ({ reminderId, ...s, createdAt: at })))
      .onConflictDoNothing()
      .returning({ studentId: reminderSends.studentId });
    added += rows.length;
  }
  return added;
}

/** Links each send of a reminder (to these students) to its outbox row (found by its dedupe key, lib/domain/reminders.ts reminderDedupeKey). */
export async function linkReminderOutbox(q: Queryable, reminderId: string, studentIds: readonly string[]): Promise<void> {
  if (studentIds.length === 0) return;
  await q.execute(sql`
    update reminder_sends rs set outbox_id = o.id
    from outbox_emails o
    where rs.reminder_id = ${reminderId}::uuid and rs.student_id in (${uuidList(studentIds)}) and rs.to_address is not null and rs.outbox_id is null
      and o.dedupe_key = 'reminder:' || rs.reminder_id || ':' || rs.student_id || ':' || rs.guardian_id`);
}

/**
 * R-OVS-2 «never once the family has validated»: the student's reminder e-mails of the phase still
 * waiting in the outbox are expired, in the transaction of the validation (after its student lock).
 * A row already claimed by a sender ('sending') is on its way and is left alone.
 */
export async function expireReminderEmails(q: Queryable, studentId: string, phase: Phase): Promise<number> {
  const r = await q.execute(sql`
    update outbox_emails o set status = 'expired', lease_until = null
    from reminder_sends rs join reminders r on r.id = rs.reminder_id
    where rs.student_id = ${studentId}::uuid and r.phase = ${phase}::phase and o.id = rs.outbox_id and o.status = 'pending'`);
  return r.rowCount ?? 0;
}

/** A guardian of a student, as the school's lists name them (aliases s: students, d: divisions, g: guardians). */
type GuardianOfStudentRow = {
  student_id: string;
  last_name: string;
  first_name: string;
  division: string;
  g_first: string;
  g_last: string;
  civility: string | null;
};
const guardianOfStudentColumns = sql.raw(
  `s.id as student_id, s.last_name, s.first_name, d.code as division, g.first_name as g_first, g.last_name as g_last, g.civility::text as civility`,
);
const guardianOfStudent = (x: GuardianOfStudentRow): GuardianOfStudent => ({
  studentId: x.student_id,
  lastName: x.last_name,
  firstName: x.first_name,
  division: x.division,
  guardianFirstName: x.g_first,
  guardianLastName: x.g_last,
  civility: x.civility,
});

/** R-OVS-2: who the reminders (the académie's and the school's own) reached among the school's students of its open year. */
export async function findRemindedAtSchool(q: Queryable, schoolId: string, limit: number): Promise<RemindedRow[]> {
  const r = await q.execute<
    GuardianOfStudentRow & {
      to_address: string | null;
      sent_at: string | Date;
      level: Level;
      phase: Phase;
      from_school: boolean;
    }
  >(sql`
    select ${guardianOfStudentColumns}, rs.to_address, rs.created_at as sent_at, r.level, r.phase, r.school_id is not null as from_school
    from reminder_sends rs
    join reminders r on r.id = rs.reminder_id
    join students s on s.id = rs.student_id
    join schools sc on sc.id = s.school_id and sc.school_year = s.school_year
    join divisions d on d.id = s.division_id
    join guardians g on g.id = rs.guardian_id
    where s.school_id = ${schoolId}::uuid
    order by rs.created_at desc, d.code, s.last_name, s.first_name, g.last_name
    limit ${limit}`);
  return r.rows.map((x) => ({
    ...guardianOfStudent(x),
    toAddress: x.to_address,
    sentAt: new Date(x.sent_at),
    level: x.level,
    phase: x.phase,
    fromSchool: Boolean(x.from_school),
  }));
}

/** The school's académie, open year and levels (its divisions of the open year). */
export async function findSchoolReminderContext(q: Queryable, schoolId: string): Promise<{ academyId: string; openYear: string; levels: Level[] } | null> {
  const r = await q.execute<{ academy_id: string; school_year: string; levels: Level[] | null }>(sql`
    select sc.academy_id, sc.school_year,
           (select array_agg(distinct d.level::text order by d.level::text) from divisions d where d.school_id = sc.id and d.school_year = sc.school_year) as levels
    from schools sc where sc.id = ${schoolId}::uuid`);
  const x = r.rows[0];
  if (!x) return null;
  return { academyId: x.academy_id, openYear: x.school_year, levels: (x.levels ?? []) as Level[] };
}

/** The guardians of these students with their division and names (for the school's list of guardians to call). */
export async function findGuardiansWithoutEmail(q: Queryable, studentIds: readonly string[]) {
  if (studentIds.length === 0) return [];
  const r = await q.execute<GuardianOfStudentRow & { rank: number }>(sql`
    select ${guardianOfStudentColumns}, sg.rank
    from student_guardians sg
    join guardians g on g.id = sg.guardian_id
    join students s on s.id = sg.student_id
    join divisions d on d.id = s.division_id
    where sg.student_id in (${uuidList(studentIds)}) and nullif(btrim(g.email), '') is null
    order by d.code, s.last_name, s.first_name, sg.rank`);
  return r.rows.map((x) => ({
    ...guardianOfStudent(x),
    rank: Number(x.rank),
  }));
}
