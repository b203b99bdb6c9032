import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { query } from "./sql";

export type DecisionEmailRecipient = {
  student_id: string;
  guardian_id: string;
  email: string;
  civility: string | null;
  g_first: string;
  g_last: string;
  s_first: string;
  s_last: string;
  track: string;
  sub_track: string;
  differs_from_request: boolean;
  reason_knowledge: string | null;
  reason_abilities: string | null;
  reason_interests: string | null;
  appeal_deadline: string | null;
  updated_at: Date | string;
  school_name: string;
  address: string;
  postal_code: string;
  city: string;
  phone: string;
  school_email: string;
  sender_email: string;
  president: string;
  commission_address: string;
};

/**
 * R-FIN-8 / R-SYNC-3: for the decisions a batch just published, each guardian with an address,
 * with what the e-mail says (one statement for the whole batch, by rank of guardian).
 */
export async function findDecisionEmailRecipients(q: Queryable, studentIds: string[]): Promise<DecisionEmailRecipient[]> {
  if (studentIds.length === 0) return [];
  return query<DecisionEmailRecipient>(
    q,
    sql`
    select d.student_id, g.id as guardian_id, g.email, g.civility, g.first_name as g_first, g.last_name as g_last,
           s.first_name as s_first, s.last_name as s_last, d.track, d.sub_track, d.differs_from_request, d.reason_knowledge, d.reason_abilities, d.reason_interests,
           d.appeal_deadline::text as appeal_deadline, d.updated_at,
           sc.name as school_name, sc.address, sc.postal_code, sc.city, sc.phone, sc.email as school_email,
           ac.sender_email, ac.appeal_commission_president as president, ac.appeal_commission_address as commission_address
      from decisions d
      join students s on s.id = d.student_id
      join schools sc on sc.id = s.school_id
      join academies ac on ac.id = sc.academy_id
      join student_guardians sg on sg.student_id = d.student_id
      join guardians g on g.id = sg.guardian_id
     where d.student_id in (${sql.join(
       studentIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )}) and coalesce(g.email, '') <> ''
     order by d.student_id, sg.rank`,
  );
}
