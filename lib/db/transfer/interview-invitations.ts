import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { query, recipientColumns, uuidList, type RecipientRow } from "./sql";

export type InterviewInvitationRecipient = RecipientRow & {
  refused_all: boolean;
  /** The answer's version (its answered_at in ms): one invitation per guardian and answer. */
  answer_version: string;
};

/**
 * R-FIN-9: among `studentIds`, those whose answer, as the school holds it, shows no agreement (it
 * refuses every proposal, or a guardian said «Non» to it) and who have no decision yet and are in
 * the procedure; each guardian with an address, by rank.
 */
export async function findInterviewInvitationRecipients(q: Queryable, studentIds: string[]): Promise<InterviewInvitationRecipient[]> {
  if (studentIds.length === 0) return [];
  return query<InterviewInvitationRecipient>(
    q,
    sql`
    select ${recipientColumns},
           a.kind = 'refuse_all' as refused_all, floor(extract(epoch from a.answered_at) * 1000)::bigint::text as answer_version
      from school_family_answers a
      join students s on s.id = a.student_id
      join schools sc on sc.id = s.school_id
      join academies ac on ac.id = sc.academy_id
      join student_guardians sg on sg.student_id = a.student_id
      join guardians g on g.id = sg.guardian_id
     where a.student_id in (${uuidList(studentIds)})
       and coalesce(g.email, '') <> '' and s.out_of_procedure_at is null
       and not exists (select 1 from decisions d where d.student_id = a.student_id)
       and (a.kind = 'refuse_all'
            or exists (select 1 from school_agreements x where x.student_id = a.student_id and not x.agrees and x.answered_at >= a.answered_at))
     order by a.student_id, sg.rank`,
  );
}
