import { getSignedIn } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { parisDayKey } from "@/lib/domain/paris-time";
import { studentListCsv, studentListXlsx } from "@/lib/export/student-list";
import { loadStudentList, parseListFilters } from "@/lib/services/school-students";

/**
 * R-SCH-10: the filtered student list as a spreadsheet (?format=xlsx|csv plus the list's
 * filters), with the same columns and rows as the screen. Restricted like the screen (R-SCH-14);
 * anyone else gets a 404.
 */
export async function GET(request: Request): Promise<Response> {
  const notFound = () => new Response("Page introuvable", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const signedIn = await getSignedIn();
  if (!signedIn || (signedIn.actor.role !== "head" && signedIn.actor.role !== "homeroom") || !signedIn.actor.schoolId) return notFound();
  const actor = signedIn.actor;
  const db = await getDb();
  const scope = await findSchoolScope(db, actor.schoolId!);
  if (!scope || !can(actor, "read:school", scope)) return notFound();
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const { rows } = await loadStudentList(db, actor, parseListFilters(Object.fromEntries(url.searchParams)));
  const name = `liste-eleves-${parisDayKey(now())}`;
  const headers = { "cache-control": "no-store" };
  if (format === "csv") {
    return new Response(studentListCsv(rows), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
    });
  }
  const body = await studentListXlsx(rows, "Liste des élèves");
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
