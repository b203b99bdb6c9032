import type { StudentScope } from "@/lib/auth/policy";
import type { Queryable } from "@/lib/db/client";
import { findAcademyDecisionParameters, findNoticeSchool, findPublishedDecision } from "@/lib/db/repositories/family-final";
import { findFamilyStudents } from "@/lib/db/repositories/family-students";
import { noticeSections } from "@/lib/domain/decision-notice";
import { DEFAULT_ACADEMY_DECISION_PARAMETERS, noticeFactsOf } from "@/lib/domain/family-decision";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { renderDecisionNotice } from "@/lib/pdf/decision-notice-pdf";

/**
 * R-FIN-11 / R-FIN-12: the notice of a student's orientation decision as a PDF, from the family
 * side's published decision (docs/rules.md §8) and the académie's parameters. Null when no
 * decision is published (the route answers 404). The caller has authorized "read:student-file".
 */
export async function printDecisionNotice(q: Queryable, scope: StudentScope, now: Date): Promise<{ pdf: Uint8Array; fileName: string } | null> {
  const [decision, [student], school, academy] = await Promise.all([
    findPublishedDecision(q, scope.studentId),
    findFamilyStudents(q, { studentId: scope.studentId }),
    findNoticeSchool(q, scope.schoolId),
    findAcademyDecisionParameters(q, scope.academyId),
  ]);
  if (!decision || !student || !school) return null;
  const facts = noticeFactsOf(
    { firstName: student.firstName, lastName: student.lastName, level: student.level, schoolName: school.name },
    decision,
    academy ?? DEFAULT_ACADEMY_DECISION_PARAMETERS,
  );
  const pdf = await renderDecisionNotice({
    schoolLines: [school.name, school.address, `${school.postalCode} ${school.city}`, `Tél. ${school.phone} – ${school.email}`],
    studentName: facts.studentName,
    studentLine: `Élève de ${student.level === "3e" ? "3e" : "2de générale et technologique"} – classe ${student.divisionCode}`,
    sections: noticeSections(facts),
    footer: `Document édité le ${formatParisDateTime(now)} depuis le service en ligne Orientation.`,
  });
  const name = `${student.lastName}-${student.firstName}`.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return { pdf, fileName: `notification-decision-orientation-${name}.pdf` };
}
