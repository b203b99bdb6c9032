import { guardPage } from "@/lib/auth/guard";
import type { Badge } from "@/lib/domain/badges";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeStudentList, parseListFilters, type StudentListView } from "@/lib/domain/school-lists";
import { badgesOf } from "@/lib/export/student-list";
import { loadStudentList } from "@/lib/services/school-students";

type ListRow = Awaited<ReturnType<typeof loadStudentList>>["rows"][number];
export type StudentListPageView = StudentListView & { rows: (ListRow & { badges: Badge[] })[] };

/** R-SCH-10: the student list with its filters, pictograms (R-SCH-8) and exports, restricted by R-SCH-14. */
export async function loadSchoolStudentListPage(searchParams: Record<string, string | string[] | undefined>): Promise<StudentListPageView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const filters = parseListFilters(searchParams);
  const { rows, divisions } = await loadStudentList(db, actor, filters, scope.schoolId);
  return { ...describeStudentList({ filters, divisions, rowCount: rows.length }), rows: rows.map((r) => ({ ...r, badges: badgesOf(r) })) };
}
