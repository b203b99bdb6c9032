import { notFound } from "next/navigation";
import { closedFileMessage } from "@/lib/domain/school-year";
import { guardPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { findStudentContext } from "@/lib/db/repositories/school-requests";
import { findOfferedSpecialties } from "@/lib/db/repositories/school-settings";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeFinalPhase, describeSchoolStudentPage, type FinalPhaseView, type SchoolStudentPageView } from "@/lib/domain/school-student-page";
import { findFinalAnswerFacts } from "@/lib/db/repositories/council-proposals";
import { badgesOf } from "@/lib/export/student-list";
import { loadFinalOutcomeFacts } from "@/lib/db/repositories/final-outcome";
import { parisDayKey } from "@/lib/domain/paris-time";
import { describeDecisionSection, type DecisionSectionView } from "@/lib/domain/school-decisions-page";

/**
 * A student's back-office file (R-SCH-1, R-SCH-5, R-SCH-7, R-SCH-9, R-SCH-12): readable by the
 * staff of the student's division (R-SCH-14), managed by who may "manage:student-file".
 */
export async function loadSchoolStudentPage(studentId: string): Promise<
  SchoolStudentPageView & {
    final: FinalPhaseView;
    decision: DecisionSectionView | null;
    simulationHref: string;
    closedText: string | null;
    guardianEmailsHref: string | null;
  }
> {
  const { actor, db, scope, now } = await guardPage({
    roles: SCHOOL_STAFF_ROLES,
    permission: "read:student-file",
    resource: { type: "student", id: studentId },
  });
  const [[row], ctx, [finalRow], finalFacts, outcomes, offered] = await Promise.all([
    findStudentRows(db, { schoolId: scope.schoolId, studentIds: [studentId] }),
    findStudentContext(db, studentId, "provisional"),
    findStudentRows(db, { schoolId: scope.schoolId, studentIds: [studentId], phase: "final" }),
    findFinalAnswerFacts(db, studentId),
    loadFinalOutcomeFacts(db, [studentId], now),
    findOfferedSpecialties(db, scope.schoolId),
  ]);
  if (!row || !ctx || !finalRow) notFound();
  // R-2GT-4: the lycée's list drives the entry forms and marks the others «hors établissement».
  const offeredSpecialties = row.level === "2GT" ? offered : [];
  const canManage = can(actor, "manage:student-file", scope);
  const final = describeFinalPhase(
    {
      outOfProcedure: finalRow.outOfProcedureReason !== null,
      level: finalRow.level,
      councilOpen: finalRow.councilOpen,
      familyEntry: finalRow.familyEntry,
      request: finalRow.request,
      proposals: finalRow.final.proposals,
      ...finalFacts,
    },
    { canManage, allowTrackDetails: ctx.allowTrackDetails, offeredSpecialties },
  );
  return {
    ...describeSchoolStudentPage({ row, badges: badgesOf(row, parisDayKey(now)), canManage, allowTrackDetails: ctx.allowTrackDetails, offeredSpecialties }),
    final,
    // R-FIN-8 / R-FIN-9 / R-FIN-11 / R-FIN-12: the entries are the head's (policy "decide:orientation"); the others read.
    decision: outcomes.get(studentId)
      ? describeDecisionSection(outcomes.get(studentId)!, parisDayKey(now), now, { canDecide: can(actor, "decide:orientation", scope) })
      : null,
    // The family's page as the family sees it (read access to the student is the guard above).
    simulationHref: `/etablissement/eleves/${studentId}/simulation`,
    // R-DATA-1/3: why a closed file has no form.
    closedText: scope.closed ? closedFileMessage(scope.closed) : null,
    // R-DATA-2: «Compléter les adresses mail», the head's (policy "manage:school").
    guardianEmailsHref: can(actor, "manage:school", { type: "school", schoolId: scope.schoolId, academyId: scope.academyId })
      ? `/etablissement/eleves/${studentId}/adresses`
      : null,
  };
}
