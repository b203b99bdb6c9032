import { defineRoute } from "@/lib/auth/guard";
import { readCapped, withSecurityHeaders } from "@/lib/http/unproxied";
import { textResponse } from "@/lib/http/text-response";
import { appSecurityConfig } from "@/lib/security/config";
import { FOREIGN_ORIGIN_MESSAGE, isOwnOrigin } from "@/lib/security/headers";
import {
  describeImportErrors,
  IMPORT_MAX_BODY_BYTES,
  IMPORT_MAX_FILES,
  IMPORT_NO_FILE_MESSAGE,
  IMPORT_TOO_LARGE_MESSAGE,
  type ImportErrorView,
} from "@/lib/domain/siecle/import-view";
import { previewUploads } from "@/lib/services/siecle-import";

/*
 * R-DATA-1: the head's upload of the Siècle exports (multipart, field "files"), answered in JSON:
 * { ok: true, importId } (the preview is stored) or { ok: false, errors } (nothing is). Outside
 * proxy.ts (its matcher): a body over 25 MB is refused as soon as it is declared or read, never
 * buffered; the origin rule and the security headers are applied here (lib/http/unproxied.ts).
 */
const json = (status: number, body: { ok: true; importId: string } | { ok: false; errors: ImportErrorView[] }) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
const refused = (status: number, message: string) => json(status, { ok: false, errors: [{ key: "0", where: "", message }] });

const upload = defineRoute({
  roles: ["head"],
  permission: "import:school-data",
  resource: () => ({ type: "school" }),
  handler: async ({ request, db, actor, scope, now }) => {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (!Number.isFinite(declared) || declared > IMPORT_MAX_BODY_BYTES) return refused(413, IMPORT_TOO_LARGE_MESSAGE);
    const body = await readCapped(request, IMPORT_MAX_BODY_BYTES);
    if (body === null) return refused(413, IMPORT_TOO_LARGE_MESSAGE);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      return refused(400, IMPORT_NO_FILE_MESSAGE);
    }
    const files = form.getAll("files").filter((f): f is File => typeof f !== "string" && f.size > 0);
    if (files.length === 0) return refused(400, IMPORT_NO_FILE_MESSAGE);
    if (files.length > IMPORT_MAX_FILES) return refused(400, `Déposez ${IMPORT_MAX_FILES} fichiers au plus.`);
    const uploads = await Promise.all(
      files.map(async (f) => ({ name: f.name.split(/[\\/]/).pop() || "fichier", bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const result = await previewUploads(db, actor, scope, uploads, now);
    return result.ok ? json(200, { ok: true, importId: result.importId }) : json(422, { ok: false, errors: describeImportErrors(result.errors) });
  },
});

export async function POST(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> {
  // Outside proxy.ts: the same origin rule, here (docs/security-headers.md).
  if (!isOwnOrigin(request.headers.get("origin"), appSecurityConfig())) return withSecurityHeaders(textResponse(403, FOREIGN_ORIGIN_MESSAGE));
  return withSecurityHeaders(await upload(request, context));
}
