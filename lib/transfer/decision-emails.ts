import { decisionPublishedEmail } from "@/emails/decision-published";
import type { Tx } from "@/lib/db/client";
import { findDecisionEmailRecipients } from "@/lib/db/transfer/decision-emails";
import { reasonsText } from "@/lib/domain/decision";
import { formatParisDate } from "@/lib/domain/paris-time";
import { personName } from "@/lib/domain/person-name";
import { queueEmail } from "@/lib/outbox/queue";
import { senderAddress } from "@/lib/outbox/sender-address";

/**
 * R-FIN-8 / R-FIN-11 / R-SYNC-3: the decisions a batch just published, one e-mail per guardian
 * with an address, queued in the batch's transaction. The dedupe key names the decision's
 * version: a re-run never queues one twice (R-SYNC-4). Queued at `at`, the run's time. Returns how many were queued.
 */
export async function queueDecisionEmails(tx: Tx, studentIds: string[], at: Date): Promise<number> {
  const rows = await findDecisionEmailRecipients(tx, studentIds);
  let n = 0;
  for (const r of rows) {
    const version = new Date(r.updated_at).getTime();
    const deadline = r.appeal_deadline ? formatParisDate(new Date(`${r.appeal_deadline}T12:00:00Z`)) : null;
    const added = await queueEmail(
      tx,
      decisionPublishedEmail,
      {
        guardianName: personName({ civility: r.civility, firstName: r.g_first, lastName: r.g_last }),
        studentName: `${r.s_first} ${r.s_last}`,
        track: r.track,
        subTrack: r.sub_track,
        differsFromRequest: r.differs_from_request,
        reasons: reasonsText({ reasonKnowledge: r.reason_knowledge, reasonAbilities: r.reason_abilities, reasonInterests: r.reason_interests }),
        appealDeadline: deadline,
        appealCommissionPresident: r.president,
        appealCommissionAddress: r.commission_address,
        school: { name: r.school_name, address: r.address, postalCode: r.postal_code, city: r.city, phone: r.phone, email: r.school_email },
      },
      { to: r.email, from: senderAddress(r.sender_email), dedupeKey: `decision:${r.student_id}:${r.guardian_id}:${version}`, at },
    );
    if (added) n++;
  }
  return n;
}
