import { appSecurityConfig } from "@/lib/security/config";
import { newNonce, securityHeaders } from "@/lib/security/headers";

/*
 * For the few routes proxy.ts does not run on (its matcher): Next waits for a request's whole
 * body after running the proxy, so a route that must refuse a large body before reading it (the
 * password sign-in, the Siècle upload) checks the origin, its size and sets the headers itself.
 */

/** The body as bytes, or null past `limit`: stops reading at the limit (never buffers 100 MB). */
export async function readCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The headers proxy.ts gives every other response (no page here: the nonce is never used, but the policy stays well-formed). */
export function withSecurityHeaders(res: Response): Response {
  // A copy: a response's headers may be immutable (Response.redirect).
  const headers = new Headers(res.headers);
  for (const [name, value] of Object.entries(securityHeaders(newNonce(), appSecurityConfig()))) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
