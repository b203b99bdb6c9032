import { decisionPublishedEmail } from "@/emails/decision-published";
import type { Tx } from "@/lib/db/client";
import { findDecisionEmailRecipients } from "@/lib/db/transfer/decision-emails";
import type { DecisionsToMail } from "@/lib/db/transfer/school-to-family";
import { env } from "@/lib/env";
import { nextParisDay, parisDateTime } from "@/lib/domain/paris-time";
import { queueEmails, type EmailToQueue } from "@/lib/outbox/queue";
import { senderAddress } from "@/lib/outbox/sender-address";

/** The family page of a student, step « 3 Décision » (R-FIN-12). */
export function decisionPageUrl(studentId: string): string {
  return `${env().NEXTAUTH_URL.replace(/\/$/, "")}/famille/eleves/${studentId}?etape=3`;
}

/**
 * R-FIN-8 / R-FIN-11 / R-SYNC-3: the decisions a batch published or notified, one e-mail per
 * guardian with an address, queued in the batch's transaction at `at` (the run's time).
 * - A notice (the batch gave the decision its day of receipt) must leave that Paris day: its row's
 *   send_by is the end of the day; past it the sender marks it expired and the next run notifies
 *   again (lib/db/transfer/school-to-family.ts), with a dedupe key that names the new day.
 * - Any other published version (a notice already given, on paper or by an earlier e-mail) is
 *   sent as the decision's information, without a limit.
 * The dedupe keys name the decision's version: a re-run never queues one twice (R-SYNC-4).
 * Set-based: one query reads the recipients, one INSERT per QUEUE_ROWS_PER_STATEMENT e-mails
 * queues them (lib/outbox/queue.ts `queueEmails`), however many guardians the batch has.
 * Returns how many were queued.
 */
export async function queueDecisionEmails(tx: Tx, decisions: DecisionsToMail, at: Date): Promise<number> {
  const noticed = new Set([...decisions.noticed, ...decisions.renoticed]);
  const renoticed = new Set(decisions.renoticed);
  const rows = await findDecisionEmailRecipients(tx, [...new Set([...decisions.published, ...noticed])]);
  const emails = rows.map((r): EmailToQueue<typeof decisionPublishedEmail> => {
    const notice = noticed.has(r.student_id) && r.notice_channel === "email" && r.notified_on !== null;
    return {
      vars: {
        civility: r.civility,
        notice: {
          studentName: `${r.s_first} ${r.s_last}`,
          level: r.level,
          schoolName: r.school_name,
          track: r.track,
          subTrack: r.sub_track,
          specialties: r.specialties,
          source: r.source,
          differsFromRequest: r.differs_from_request,
          reasonKnowledge: r.reason_knowledge,
          reasonAbilities: r.reason_abilities,
          reasonInterests: r.reason_interests,
          decidedAt: new Date(r.decided_at),
          decidedByName: r.decided_by_name,
          notifiedOn: r.notified_on,
          noticeChannel: r.notice_channel,
          appealDeadline: r.appeal_deadline,
          appealWorkingDays: r.appeal_working_days,
          appealCommissionPresident: r.president,
          appealCommissionAddress: r.commission_address,
        },
        familyPageUrl: decisionPageUrl(r.student_id),
        school: { name: r.school_name, address: r.address, postalCode: r.postal_code, city: r.city, phone: r.phone, email: r.school_email },
      },
      envelope: {
        to: r.email,
        from: senderAddress(r.sender_email),
        dedupeKey: renoticed.has(r.student_id) ? r.key_renewed : r.key_plain,
        at,
        ...(notice ? { sendBy: parisDateTime(nextParisDay(r.notified_on!)) } : {}),
      },
    };
  });
  return queueEmails(tx, decisionPublishedEmail, emails);
}
