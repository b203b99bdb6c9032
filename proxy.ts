import { NextResponse, type NextRequest } from "next/server";
import { textResponse } from "@/lib/http/text-response";
import { appSecurityConfig } from "@/lib/security/config";
import { FOREIGN_ORIGIN_MESSAGE, isOwnOrigin, isStateChanging, newNonce, pageKindOf, securityHeaders } from "@/lib/security/headers";

/*
 * Runs before every request but Next's hashed static files (docs/security-headers.md):
 *  1. a state-changing request (POST, PUT, PATCH, DELETE: server actions, next-auth's POSTs)
 *     whose Origin is not exactly the origin of NEXTAUTH_URL gets a 403 and reaches nothing;
 *  2. every response gets the security headers, with a fresh CSP nonce that is also handed to
 *     Next in the request's headers, so that Next puts it on its own scripts.
 */

export function proxy(request: NextRequest) {
  const cfg = appSecurityConfig();
  const nonce = newNonce();
  const headers = securityHeaders(nonce, cfg, pageKindOf(request.nextUrl.pathname));

  if (isStateChanging(request.method) && !isOwnOrigin(request.headers.get("origin"), cfg)) {
    return textResponse(403, FOREIGN_ORIGIN_MESSAGE, headers);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's immutable files (their headers come from next.config.ts) and the
  // password sign-in: Next waits for a request's whole body after running the proxy, so a 100 MB
  // sign-in body would be read to its end; that route checks its origin, its size and sets its
  // headers itself (app/api/auth/[...nextauth]/route.ts, docs/security-sign-in.md). The same for
  // the Siècle upload (R-DATA-1, app/(school)/etablissement/import/fichiers/route.ts: 25 MB at most).
  matcher: ["/((?!_next/static|_next/image|api/auth/callback/password|etablissement/import/fichiers).*)"],
};
