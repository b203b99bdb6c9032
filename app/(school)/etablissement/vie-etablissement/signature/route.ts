import type { NextRequest } from "next/server";
import { authorize, NotFoundError } from "@/lib/auth/policy";
import { getSignedIn } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { findSignature } from "@/lib/db/repositories/settings-school";

/** R-SCH-13: the stored signature image, for the head's preview on "Vie de l'établissement". */
export async function GET(req: NextRequest): Promise<Response> {
  const signedIn = await getSignedIn();
  if (!signedIn) return Response.redirect(new URL("/connexion?expiree=1", req.nextUrl.origin), 303);
  const db = await getDb();
  try {
    const scope = signedIn.actor.schoolId ? await findSchoolScope(db, signedIn.actor.schoolId) : null;
    if (!scope) throw new NotFoundError();
    authorize(signedIn.actor, "manage:school", scope);
    const sig = await findSignature(db, scope.schoolId);
    if (!sig) throw new NotFoundError();
    return new Response(new Uint8Array(sig.image), {
      headers: { "Content-Type": sig.mimeType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return new Response("Page introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
