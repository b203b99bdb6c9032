import { can, type Actor, type StudentScope } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { findAcknowledgement, findPublishedOpinions, hasPublishedDecision } from "@/lib/db/repositories/family-acknowledgements";
import { findEntryContext, findFamilyRequest, type FamilyRequestWithItems } from "@/lib/db/repositories/family-requests";
import { termLabel, windowState, type TermMode } from "@/lib/domain/calendar";
import { describeFamilyPage, type FamilyPageView } from "@/lib/domain/family-page";
import type { Intention } from "@/lib/domain/intentions";
import type { Level } from "@/lib/domain/tracks";
import { loadFamilyHome, type CalendarEntry } from "./family-home";

export type PublishedOpinion = Intention & { rank: number; value: "favorable" | "reserve" | "defavorable"; comment: string | null };

export type FamilyPageData = {
  studentId: string;
  studentName: string;
  divisionCode: string;
  schoolName: string;
  level: Level;
  termLabel: string;
  calendar: CalendarEntry[];
  allowTrackDetails: boolean;
  request: FamilyRequestWithItems | null;
  opinions: PublishedOpinion[];
  view: FamilyPageView;
};

/**
 * Everything the orientation page of one student shows, for one viewer (guardian or student).
 * The caller has checked "read:student-file" on the scope (a 404 otherwise).
 */
export async function loadFamilyPage(q: Queryable, actor: Actor, scope: StudentScope, now: Date): Promise<FamilyPageData | null> {
  const [home] = await loadFamilyHome(q, { studentId: scope.studentId }, now);
  const ctx = await findEntryContext(q, scope.studentId, "provisional");
  if (!home || !ctx) return null;
  const [request, opinions, ack, decided] = await Promise.all([
    findFamilyRequest(q, scope.studentId, "provisional"),
    findPublishedOpinions(q, scope.studentId),
    findAcknowledgement(q, scope.studentId),
    hasPublishedDecision(q, scope.studentId),
  ]);
  const final = home.calendar.find((c) => c.phase === "final");
  const view = describeFamilyPage({
    service: home.service,
    viewer: { accountId: actor.accountId, mayEnter: can(actor, "enter:family-request", scope) },
    entrySupported: home.level === "3e",
    request: request ? { holderAccountId: request.holderAccountId, holderName: request.holderName, validatedAt: request.validatedAt } : null,
    opinionsPublished: opinions.length > 0,
    acknowledgement: ack ? { actorName: ack.actorName, acknowledgedAt: ack.acknowledgedAt } : null,
    finalPhaseOpen: final ? windowState(final, now) === "open" : false,
    decisionPublished: decided,
  });
  return {
    studentId: scope.studentId,
    studentName: `${home.firstName} ${home.lastName}`,
    divisionCode: home.divisionCode,
    schoolName: home.schoolName,
    level: home.level,
    termLabel: termLabel("provisional", ctx.termMode as TermMode),
    calendar: home.calendar,
    allowTrackDetails: ctx.allowTrackDetails,
    request,
    opinions: opinions.map((o) => ({
      rank: o.rank, track: o.track as Intention["track"], freeText: o.freeText, statusSchool: o.statusSchool, statusApprentice: o.statusApprentice,
      value: o.value, comment: o.comment,
    })),
    view,
  };
}
