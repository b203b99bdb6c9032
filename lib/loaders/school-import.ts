import { guardPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/db/repositories/scopes";
import { findImportSchool } from "@/lib/db/repositories/siecle-import";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";
import { describeImportPage, type ImportPageView } from "@/lib/domain/siecle/import-view";
import { listSchoolImports, readStoredPreview } from "@/lib/services/siecle-import";
import { notFound } from "next/navigation";

/** R-DATA-1: the import page: the head only ("import:school-data"; never a homeroom teacher, even delegated). `?import=<id>`: one import's preview. */
export async function loadSchoolImportPage(searchParams: RawSearchParams): Promise<ImportPageView> {
  const { db, scope, now } = await guardPage({ roles: ["head"], permission: "import:school-data", resource: { type: "school" } });
  const query = parseSearchParams(searchParams);
  const importId = query.ok ? query.params.import : undefined;
  const [school, imports, preview] = await Promise.all([
    findImportSchool(db, scope.schoolId),
    listSchoolImports(db, scope),
    importId && isUuid(importId) ? readStoredPreview(db, scope, importId, now) : Promise.resolve(null),
  ]);
  if (!school) notFound();
  // An id of another school's import, or none at all, is the page's 404 (R-AUTH-1).
  if (importId && !preview) notFound();
  return describeImportPage({ school, imports, preview });
}
