import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { findStudentContext } from "@/lib/db/repositories/school-requests";
import { findStudentRows } from "@/lib/db/repositories/school-students";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeSchoolStudentPage, type SchoolStudentPageView } from "@/lib/domain/school-student-page";
import { badgesOf } from "@/lib/export/student-list";

/**
 * A student's back-office file (R-SCH-1, R-SCH-5, R-SCH-7, R-SCH-9, R-SCH-12): readable by the
 * staff of the student's division (R-SCH-14), managed by who may "manage:student-file".
 */
export async function loadSchoolStudentPage(studentId: string): Promise<SchoolStudentPageView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:student-file", resource: { type: "student", id: studentId } });
  const [[row], ctx] = await Promise.all([
    findStudentRows(db, { schoolId: scope.schoolId, studentIds: [studentId] }),
    findStudentContext(db, studentId, "provisional"),
  ]);
  if (!row || !ctx) notFound();
  return describeSchoolStudentPage({
    row,
    badges: badgesOf(row),
    canManage: can(actor, "manage:student-file", scope),
    allowTrackDetails: ctx.allowTrackDetails,
  });
}
