import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { decisionEmailKeySql } from "./school-to-family";
import { query, recipientColumns, uuidList, type RecipientRow } from "./sql";

export type DecisionEmailRecipient = RecipientRow & {
  level: "3e" | "2GT";
  track: string;
  sub_track: string;
  specialties: string[];
  source: "agreement" | "head" | "commission";
  differs_from_request: boolean;
  reason_knowledge: string | null;
  reason_abilities: string | null;
  reason_interests: string | null;
  notified_on: string | null;
  notice_channel: "email" | "paper" | null;
  appeal_deadline: string | null;
  decided_at: Date | string;
  decided_by_name: string;
  /** The e-mail's dedupe key for this version, and for a renewed notice of it (R-FIN-11: it names the day of receipt). */
  key_plain: string;
  key_renewed: string;
  appeal_working_days: number;
  president: string;
  commission_address: string;
};

/**
 * R-FIN-8 / R-FIN-11 / R-SYNC-3: for the decisions a batch published or notified, each guardian
 * with an address, with what the notice says (one statement for the whole batch, by rank of guardian).
 */
export async function findDecisionEmailRecipients(q: Queryable, studentIds: string[]): Promise<DecisionEmailRecipient[]> {
  if (studentIds.length === 0) return [];
  return query<DecisionEmailRecipient>(
    q,
    sql`
    select ${recipientColumns}, dv.level,
           d.track, d.sub_track, d.specialties,
           d.source, d.differs_from_request, d.reason_knowledge, d.reason_abilities, d.reason_interests,
           d.notified_on::text as notified_on, d.notice_channel, d.appeal_deadline::text as appeal_deadline, d.decided_at, d.decided_by_name,
           ${decisionEmailKeySql("d", "g.id", false)} as key_plain, ${decisionEmailKeySql("d", "g.id", true)} as key_renewed,
           ac.appeal_deadline_working_days as appeal_working_days,
           ac.appeal_commission_president as president, ac.appeal_commission_address as commission_address
      from decisions d
      join students s on s.id = d.student_id
      join divisions dv on dv.id = s.division_id
      join schools sc on sc.id = s.school_id
      join academies ac on ac.id = sc.academy_id
      join student_guardians sg on sg.student_id = d.student_id
      join guardians g on g.id = sg.guardian_id
     where d.student_id in (${uuidList(studentIds)}) and coalesce(g.email, '') <> ''
     order by d.student_id, sg.rank`,
  );
}
