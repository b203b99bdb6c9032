import { NotFoundError } from "@/lib/auth/policy";

/** The HTTP answer of a fiche de dialogue: a PDF shown in the browser, never cached (personal data). */
export function pdfResponse(pdf: Uint8Array, fileName: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** R-AUTH-1: out of scope is a 404, signed out goes to the sign-in page. */
export async function guardedPdf(run: () => Promise<Response>, signedIn: boolean, base: string): Promise<Response> {
  if (!signedIn) return Response.redirect(new URL("/connexion?expiree=1", base), 303);
  try {
    return await run();
  } catch (err) {
    if (err instanceof NotFoundError) return new Response("Page introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
