import { guardPage } from "@/lib/auth/guard";
import { findSchoolYears } from "@/lib/db/repositories/school-year";
import type { Badge } from "@/lib/domain/badges";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";
import { parisDayKey } from "@/lib/domain/paris-time";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeStudentList, parseListFilters, provisionalIntentionItems, type StudentListView } from "@/lib/domain/school-lists";
import type { TrackItem } from "@/lib/domain/tracks";
import { badgesOf, screenColumns } from "@/lib/export/student-list";
import { loadStudentList } from "@/lib/services/school-students";

type ListRow = Awaited<ReturnType<typeof loadStudentList>>["rows"][number];
export type StudentListPageView = StudentListView & {
  /** The columns of the chosen phase (R-SCH-10): key, header, and each row's text by key. */
  columns: { key: string; header: string }[];
  rows: (ListRow & { badges: Badge[]; texts: Record<string, string>; intentionItems: readonly TrackItem[] })[];
  /** A refused search (a control character in a filter, docs/security-inputs.md): the French message, the list shown unfiltered. */
  filterMessage: string | null;
};

/** R-SCH-10: the student list with its filters, pictograms (R-SCH-8) and exports, restricted by R-SCH-14. */
export async function loadSchoolStudentListPage(searchParams: RawSearchParams): Promise<StudentListPageView> {
  const { actor, db, scope, now } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const query = parseSearchParams(searchParams);
  const filters = parseListFilters(query.ok ? query.params : {});
  const today = parisDayKey(now);
  const [{ rows, divisions }, years] = await Promise.all([loadStudentList(db, actor, filters, today, scope.schoolId), findSchoolYears(db, scope.schoolId)]);
  const columns = screenColumns(filters.phase ?? "provisional");
  return {
    ...describeStudentList({ filters, divisions, rowCount: rows.length, years }),
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    rows: rows.map((r) => ({
      ...r,
      badges: badgesOf(r, today),
      texts: Object.fromEntries(columns.map((c) => [c.key, c.text(r, today)])),
      // R-SCH-2, R-SCH-10: before the council opens, the family's entry as received (TS).
      intentionItems: provisionalIntentionItems(r),
    })),
    filterMessage: query.ok ? null : query.message,
  };
}
