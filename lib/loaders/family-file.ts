import { can, type Actor, type StudentScope } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { arg, group, readTogetherOnce } from "@/lib/db/read-together";
import { acknowledgementPart } from "@/lib/db/repositories/family-acknowledgements";
import { publishedOpinionsPart } from "@/lib/db/repositories/family-published";
import {
  academyDecisionParametersPart,
  familyAgreementsPart,
  familyAnswerPart,
  publishedAppealPart,
  publishedDecisionPart,
  publishedInterviewsPart,
  publishedProposalsPart,
} from "@/lib/db/repositories/family-final";
import { entryContextPart, familyRequestPart, studentGuardianAccountsPart } from "@/lib/db/repositories/family-requests";
import { offeredSpecialtiesPart } from "@/lib/db/repositories/school-settings";
import { trackAlertsPart } from "@/lib/db/repositories/track-alerts";
import type { TrackAlert } from "@/lib/domain/track-alerts";
import { schoolYearOf, type TermMode } from "@/lib/domain/calendar";
import { buildFamilyFileView, type FamilyFileView } from "@/lib/domain/family-page";
import type { Intention } from "@/lib/domain/intentions";
import { describeFamilyHome, familyHomeParts } from "@/lib/services/family-home";
import { personName } from "@/lib/domain/person-name";

export type { FamilyFileView } from "@/lib/domain/family-page";
/** The file and, R-OVS-3, the alerts of the student's académie on the voies of its level. */
export type FamilyFileWithAlerts = FamilyFileView & { trackAlerts: TrackAlert[] };

const readFileFacts = readTogetherOnce((q) => {
  const id = arg("studentId");
  return {
    home: group(familyHomeParts(q, { studentId: id }, arg("schoolYear"))),
    ctx: entryContextPart(q, id, "provisional"),
    request: familyRequestPart(q, id, "provisional"),
    opinions: publishedOpinionsPart(q, id),
    ack: acknowledgementPart(q, id),
    finalRequest: familyRequestPart(q, id, "final"),
    proposals: publishedProposalsPart(q, id),
    answer: familyAnswerPart(q, id),
    agreements: familyAgreementsPart(q, id),
    who: studentGuardianAccountsPart(q, id),
    decision: publishedDecisionPart(q, id),
    interviews: publishedInterviewsPart(q, id),
    appeal: publishedAppealPart(q, id),
    academy: academyDecisionParametersPart(q, arg("academyId")),
    // R-2GT-4: the lycée's spécialités drive the 2de GT form and mark the others «hors établissement».
    offered: offeredSpecialtiesPart(q, arg("schoolId")),
    // R-OVS-3: the académie's alerts on a voie, shown next to the voies the family enters.
    trackAlerts: trackAlertsPart(q, arg("academyId")),
  };
});

/**
 * The orientation file of one student for one viewer, shared by the guardian's page
 * (family-student.ts) and the student's home (student-home.ts): the same facts, the same
 * view-model (R-AUTH-4). The caller's guard has checked "read:student-file" on `scope`.
 * Null when the student's school or division cannot be read (a file being deleted).
 */
export async function readFamilyFile(
  q: Queryable,
  actor: Actor,
  scope: StudentScope,
  now: Date,
  options: { step?: string | null; stepQuery?: string; noticeHref?: string | null } = {},
): Promise<FamilyFileWithAlerts | null> {
  // Every read of the page in one statement built once (docs/performance.md): the scope gives the ids.
  const read = await readFileFacts(q, { studentId: scope.studentId, academyId: scope.academyId, schoolId: scope.schoolId, schoolYear: schoolYearOf(now) });
  const [home] = describeFamilyHome(read.home, now);
  const { ctx, request, opinions, ack, finalRequest, proposals, answer, agreements, who, decision, interviews, appeal, academy } = read;
  if (!home || !ctx) return null;
  const offered = ctx.level === "2GT" ? read.offered : [];
  const trackAlerts = read.trackAlerts.filter((a) => a.level === ctx.level);
  const file = buildFamilyFileView({
    student: {
      id: scope.studentId,
      firstName: home.firstName,
      lastName: home.lastName,
      divisionCode: home.divisionCode,
      schoolName: home.schoolName,
      level: home.level,
      termMode: ctx.termMode as TermMode,
      service: home.service,
      calendar: home.calendar,
    },
    allowTrackDetails: ctx.allowTrackDetails,
    allowStagePasserelle: ctx.allowStagePasserelle,
    offeredSpecialties: offered,
    studentIsAdult: scope.studentIsAdult,
    viewer: { accountId: actor.accountId, mayEnter: can(actor, "enter:family-request", scope) },
    request,
    opinions: opinions.map((o) => ({
      rank: o.rank,
      track: o.track as Intention["track"],
      subTrack: o.subTrack,
      freeText: o.freeText,
      statusSchool: o.statusSchool,
      statusApprentice: o.statusApprentice,
      specialties: o.specialties,
      stagePasserelle: o.stagePasserelle,
      value: o.value,
      comment: o.comment,
    })),
    acknowledgement: ack ? { actorName: ack.actorName, acknowledgedAt: ack.acknowledgedAt } : null,
    decisionPublished: decision !== null,
    now,
    requestedStep: options.step ?? null,
    stepQuery: options.stepQuery,
    // R-FIN-11: the notice's PDF, only once a decision is published.
    noticeHref: decision ? (options.noticeHref ?? null) : null,
    final: {
      service: home.finalService,
      studentIsAdult: scope.studentIsAdult,
      viewerGuardianId: actor.role === "guardian" ? actor.guardianId : null,
      guardians: who.map((g) => ({ id: g.guardianId, name: personName(g), accountId: g.accountId })),
      request: finalRequest,
      proposals,
      answer,
      agreements,
      decision,
      interviews,
      appeal,
      academy: academy ?? undefined,
    },
  });
  return { ...file, trackAlerts };
}
