/** The HTTP answer of an export: a download, never cached (personal data). `name` has no extension. */
export function spreadsheetResponse(name: string, file: { csv: string } | { xlsx: Uint8Array }): Response {
  const [body, type, ext] =
    "csv" in file
      ? [file.csv, "text/csv; charset=utf-8", "csv"]
      : [new Uint8Array(file.xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"];
  return new Response(body, {
    headers: { "cache-control": "no-store", "content-type": type, "content-disposition": `attachment; filename="${name}.${ext}"` },
  });
}
