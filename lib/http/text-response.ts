/**
 * A short French text as the whole answer (a 404 of a route, a refused query string, a request
 * from elsewhere, an unexpected error): plain text in UTF-8, never cached. `headers` adds to them
 * (the security headers of proxy.ts).
 */
export function textResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
