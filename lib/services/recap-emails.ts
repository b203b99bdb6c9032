import { intentionsRecapEmail } from "@/emails/intentions-recap";
import type { Queryable } from "@/lib/db/client";
import { findEntryContext, findFamilyRequest, findRecapRecipients, findRequestsValidatedBy } from "@/lib/db/repositories/family-requests";
import { findOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { findTrackAlerts } from "@/lib/db/repositories/track-alerts";
import { alertsForItems, trackAlertNotice } from "@/lib/domain/track-alerts";
import { intentionDetailLines } from "@/lib/domain/intentions";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { describeTrack } from "@/lib/domain/tracks";
import { queueEmail } from "@/lib/outbox/queue";
import type { Phase } from "@/lib/domain/tracks";

/** The ended session whose recaps are queued (lib/auth/session-lifecycle.ts calls this when it ends one). */
export type RecapSession = { id: string; accountId: string; startedAt: Date; changedAt: Date | null; endedAt: Date };

/**
 * R-INT-8: when the account that validated intentions ends its session (logout or expiry), queue
 * the recap to each guardian of the student who has an e-mail address: the "holder" wording to the
 * guardian who entered, the "other" wording to the other one. Once per session with changes: the
 * dedupe key names the session, so a second call queues nothing. No validation in the
 * session (changedAt null), no e-mail (R-INT-6).
 */
export async function queueIntentionsRecaps(q: Queryable, session: RecapSession): Promise<number> {
  if (!session.changedAt) return 0;
  const changed = { ...session, changedAt: session.changedAt };
  let queued = 0;
  for (const phase of ["provisional", "final"] as const) queued += await queuePhaseRecaps(q, changed, phase);
  return queued;
}

/** R-INT-8 / R-FIN-3: the recaps of one phase (intentions, or final choices with their own subject and wording). */
async function queuePhaseRecaps(q: Queryable, session: RecapSession & { changedAt: Date }, phase: Phase): Promise<number> {
  const requests = await findRequestsValidatedBy(q, session.accountId, phase, session.startedAt, session.endedAt);
  let queued = 0;
  for (const r of requests) {
    const [request, who, ctx] = await Promise.all([
      findFamilyRequest(q, r.studentId, phase),
      findRecapRecipients(q, r.studentId),
      findEntryContext(q, r.studentId, phase),
    ]);
    if (!request || !who || request.items.length === 0) continue;
    // R-2GT-1/2/3: the série or target in the label, the spécialités by rank, marked against the lycée's list.
    const offered = ctx?.level === "2GT" ? await findOfferedSpecialties(q, ctx.schoolId) : [];
    // R-OVS-3: the alerts of the student's académie on the voies entered.
    const alerts = ctx ? alertsForItems(await findTrackAlerts(q, ctx.academyId), ctx.level, request.items).map(trackAlertNotice) : [];
    const items = request.items.map((i) => ({
      label: describeTrack({ track: i.track, subTrack: i.subTrack ?? "" }),
      details: intentionDetailLines(i, offered),
    }));
    for (const g of who.guardians) {
      if (!g.email) continue;
      const variant = g.accountId === session.accountId ? "holder" : "other";
      const added = await queueEmail(
        q,
        intentionsRecapEmail,
        {
          variant,
          phase,
          enteredBy: request.holderName,
          enteredAt: formatParisDateTime(request.validatedAt),
          studentName: `${who.student.firstName} ${who.student.lastName}`,
          items,
          alerts: alerts.map(({ voie, message, due }) => ({ voie, message, due })),
          school: who.school,
        },
        { to: g.email, from: who.senderEmail, dedupeKey: `recap:${phase}:${session.id}:${r.studentId}:${g.guardianId}`, at: session.endedAt },
      );
      if (added) queued++;
    }
  }
  return queued;
}
