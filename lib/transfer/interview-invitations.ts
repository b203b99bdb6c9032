import { interviewInvitationEmail } from "@/emails/interview-invitation";
import type { Tx } from "@/lib/db/client";
import { findInterviewInvitationRecipients } from "@/lib/db/transfer/interview-invitations";
import { queueEmails } from "@/lib/outbox/queue";
import { senderAddress } from "@/lib/outbox/sender-address";

/**
 * R-FIN-9: for the students whose answer or agreements just changed (the nightly transfer's batch,
 * or the school's entry of R-FIN-10), each guardian with an address is told that the interview
 * with the head is mandatory, when the answer now shows no agreement. Queued in the caller's
 * transaction at `at`; the dedupe key names the student, the guardian and the answer's version,
 * so each guardian gets it once per answer (an agreement «Non» arriving a night after the answer
 * sends nothing more; a re-run nothing at all, R-SYNC-4). Returns how many were queued.
 */
export async function queueInterviewInvitations(tx: Tx, studentIds: string[], at: Date): Promise<number> {
  const rows = await findInterviewInvitationRecipients(tx, studentIds);
  // Set-based, like the decisions' e-mails (lib/outbox/queue.ts `queueEmails`).
  return queueEmails(
    tx,
    interviewInvitationEmail,
    rows.map((r) => ({
      vars: {
        civility: r.civility,
        studentName: `${r.s_first} ${r.s_last}`,
        reason: r.refused_all ? ("refused_all" as const) : ("guardians_disagree" as const),
        school: { name: r.school_name, address: r.address, postalCode: r.postal_code, city: r.city, phone: r.phone, email: r.school_email },
      },
      envelope: {
        to: r.email,
        from: senderAddress(r.sender_email),
        dedupeKey: `interview-invitation:${r.student_id}:${r.guardian_id}:${r.answer_version}`,
        at,
      },
    })),
  );
}
