import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { councilProposals } from "../schema";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { StudentProposalFacts } from "@/lib/domain/proposals";
import { flagFamilyToInformSql } from "./family-to-inform";

/*
 * R-FIN-5: the class council's proposals (final phase), and R-FIN-4's facts: when the family
 * service closes for a division, when the school's council answers last changed.
 */

/** The division's students with their level, their final choices and the proposals stored (R-FIN-5, R-2GT-3). */
export async function findDivisionProposalFacts(q: Queryable, divisionId: string): Promise<StudentProposalFacts[]> {
  const r = await q.execute<{
    student_id: string;
    level: Level;
    out_of_procedure: boolean;
    choices: StudentProposalFacts["choices"];
    stored: (Omit<StudentProposalFacts["stored"][number], "publishedAt"> & { publishedAt: string | null })[];
  }>(sql`
    select s.id as student_id, d.level, s.out_of_procedure_reason is not null as out_of_procedure,
      coalesce((select json_agg(json_build_object('itemId', i.id, 'rank', i.rank, 'track', i.track, 'subTrack', i.sub_track,
                  'specialties', i.specialties) order by i.rank)
         from school_requests r join school_request_items i on i.request_id = r.id
        where r.student_id = s.id and r.phase = 'final'), '[]'::json) as choices,
      coalesce((select json_agg(json_build_object('id', p.id, 'kind', p.kind, 'choiceItemId', p.choice_item_id, 'track', p.track,
                  'subTrack', p.sub_track, 'answer', p.answer, 'motivation', p.motivation, 'publishedAt', p.published_at) order by p.kind, p.rank)
         from council_proposals p where p.student_id = s.id), '[]'::json) as stored
    from students s join divisions d on d.id = s.division_id where s.division_id = ${divisionId}
    order by s.last_name, s.first_name`);
  return r.rows.map((x) => ({
    studentId: x.student_id,
    level: x.level,
    outOfProcedure: x.out_of_procedure,
    choices: x.choices,
    stored: x.stored.map((p) => ({ ...p, publishedAt: p.publishedAt ? new Date(p.publishedAt) : null })),
  }));
}

export async function insertProposal(q: Queryable, v: typeof councilProposals.$inferInsert) {
  await q.insert(councilProposals).values(v);
}

export async function updateProposal(q: Queryable, id: string, set: Partial<typeof councilProposals.$inferInsert>) {
  await q.update(councilProposals).set(set).where(eq(councilProposals.id, id));
}

export async function deleteProposal(q: Queryable, id: string) {
  await q.delete(councilProposals).where(eq(councilProposals.id, id));
}

const divisionProposals = (divisionId: string) => sql`
  select p.id, p.student_id, p.published_at from council_proposals p join students s on s.id = p.student_id where s.division_id = ${divisionId}`;

export async function countDivisionProposals(q: Queryable, divisionId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`select count(*)::int as n from (${divisionProposals(divisionId)}) x`);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * R-SCH-6 (final phase): deletes the proposals of the division; students whose proposals had been
 * published are flagged "famille à informer" for the final phase (R-SCH-9). Returns how many were deleted.
 */
export async function deleteDivisionProposals(q: Queryable, divisionId: string, at: Date): Promise<number> {
  await q.execute(flagFamilyToInformSql(sql`select student_id from (${divisionProposals(divisionId)}) x where published_at is not null`, "final", at));
  const del = await q.execute(sql`delete from council_proposals p using students s where s.id = p.student_id and s.division_id = ${divisionId} returning p.id`);
  return del.rows.length;
}

/** R-SCH-5 (final phase): the proposals on a request's items, and whether one was published. */
export async function findRequestProposals(q: Queryable, requestId: string): Promise<{ count: number; published: boolean }> {
  const r = await q.execute<{ n: number; published: boolean }>(sql`
    select count(*)::int as n, coalesce(bool_or(p.published_at is not null), false) as published
      from council_proposals p join school_request_items i on i.id = p.choice_item_id where i.request_id = ${requestId}`);
  return { count: Number(r.rows[0]?.n ?? 0), published: Boolean(r.rows[0]?.published) };
}

/** R-FIN-4: when the family service of the division's level closes for the phase (académie window, school's own closure). */
export async function findClosingFacts(q: Queryable, divisionId: string, phase: Phase, schoolYear: string) {
  const r = await q.execute<{ closes_at: string | null; closed: boolean | null; updated_at: string | null }>(sql`
    select w.closes_at, c.closed, c.updated_at
      from divisions d join schools sc on sc.id = d.school_id
      left join campaign_windows w on w.academy_id = sc.academy_id and w.school_year = ${schoolYear} and w.level = d.level and w.phase = ${phase}
      left join school_service_closures c on c.school_id = d.school_id and c.level = d.level and c.phase = ${phase}
     where d.id = ${divisionId}`);
  const x = r.rows[0];
  return {
    windowClosesAt: x?.closes_at ? new Date(x.closes_at) : null,
    schoolClosure: x?.closed !== null && x?.closed !== undefined && x.updated_at ? { closed: x.closed, updatedAt: new Date(x.updated_at) } : null,
  };
}

/**
 * R-FIN-4: the last time the council's answers (proposals) of a school's level were entered,
 * changed or withdrawn: the proposals' own updated_at, and the audit of each save and final reset
 * of its divisions (a withdrawal leaves no proposal row behind).
 */
export async function findLastProposalChange(q: Queryable, schoolId: string, level: string): Promise<Date | null> {
  const r = await q.execute<{ at: string | null }>(sql`
    select greatest(
      (select max(p.updated_at) from council_proposals p join students s on s.id = p.student_id
         join divisions d on d.id = s.division_id where d.school_id = ${schoolId} and d.level = ${level}),
      (select max(a.at) from audit_log a join divisions d on a.entity_type = 'division' and a.entity_id = d.id::text
        where d.school_id = ${schoolId} and d.level = ${level}
          and (a.action = 'proposals.save' or (a.action = 'council.reset' and a.details::jsonb ->> 'phase' = 'final')))
    ) as at`);
  return r.rows[0]?.at ? new Date(r.rows[0].at) : null;
}

/** R-FIN-6 / R-FIN-7 / R-SCH-9: a student's answer to the proposals, each guardian's agreement, the final «famille à informer» flag. */
export async function findFinalAnswerFacts(q: Queryable, studentId: string) {
  const [answer, agreements, flag] = await Promise.all([
    q.execute<{ source: "family" | "school"; kind: "accept" | "refuse_all"; accepted_proposal_ids: string[]; answered_by_name: string; answered_at: string }>(
      sql`select source, kind, to_json(accepted_proposal_ids) as accepted_proposal_ids, answered_by_name, answered_at from school_family_answers where student_id = ${studentId}`,
    ),
    q.execute<{ guardian_name: string; source: "family" | "school"; agrees: boolean; answered_by_name: string; answered_at: string }>(sql`
      select concat_ws(' ', g.civility::text, g.first_name, g.last_name) as guardian_name, a.source, a.agrees, a.answered_by_name, a.answered_at
        from school_agreements a join guardians g on g.id = a.guardian_id
        left join student_guardians sg on sg.student_id = a.student_id and sg.guardian_id = a.guardian_id
       where a.student_id = ${studentId} order by sg.rank nulls last, g.last_name`),
    q.execute<{ to_inform: boolean; informed_at: string | null; informed_by_name: string | null }>(
      sql`select to_inform, informed_at, informed_by_name from school_family_to_inform where student_id = ${studentId} and phase = 'final'`,
    ),
  ]);
  const a = answer.rows[0];
  const f = flag.rows[0];
  return {
    answer: a
      ? {
          source: a.source,
          kind: a.kind,
          acceptedProposalIds: a.accepted_proposal_ids,
          answeredByName: a.answered_by_name,
          answeredAt: new Date(a.answered_at),
        }
      : null,
    agreements: agreements.rows.map((r) => ({
      guardianName: r.guardian_name,
      source: r.source,
      agrees: r.agrees,
      answeredByName: r.answered_by_name,
      answeredAt: new Date(r.answered_at),
    })),
    familyToInform: f ? { toInform: f.to_inform, informedAt: f.informed_at ? new Date(f.informed_at) : null, informedByName: f.informed_by_name } : null,
  };
}
