import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { sessionIsLive } from "@/lib/auth/signed-in";
import { SIGN_IN_FAILED_MESSAGE, SIGN_IN_MAX_BODY_BYTES, SIGN_IN_TOO_LARGE_MESSAGE } from "@/lib/domain/sign-in";
import { env } from "@/lib/env";
import { textResponse } from "@/lib/http/text-response";
import { logUnexpected } from "@/lib/log";
import { appSecurityConfig } from "@/lib/security/config";
import { FOREIGN_ORIGIN_MESSAGE, isOwnOrigin } from "@/lib/security/headers";
import { readCapped, withSecurityHeaders } from "@/lib/http/unproxied";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function nextAuth(req: NextRequest, params: { nextauth: string[] }): Promise<Response> {
  // next-auth 4 reads params synchronously; Next 16 hands them as a promise.
  return NextAuth(authOptions())(req, { params });
}

/** 413 with the French message, in the JSON shape next-auth's client reads (its `url` carries the error). */
function tooLarge(): Response {
  const url = new URL("/connexion", env().NEXTAUTH_URL);
  url.searchParams.set("error", SIGN_IN_TOO_LARGE_MESSAGE);
  return NextResponse.json({ url: url.toString(), message: SIGN_IN_TOO_LARGE_MESSAGE }, { status: 413, headers: { Connection: "close" } });
}

/**
 * Every sign-in request (docs/security-sign-in.md) is small: over SIGN_IN_MAX_BODY_BYTES, by its
 * Content-Length or as it streams, it is refused with 413 before next-auth reads it.
 */
async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  return withSecurityHeaders(await signInPost(req, ctx));
}

async function signInPost(req: NextRequest, ctx: Ctx): Promise<Response> {
  // The password callback is outside proxy.ts (see its matcher): the same origin rule, here (docs/security-headers.md).
  if (!isOwnOrigin(req.headers.get("origin"), appSecurityConfig())) return textResponse(403, FOREIGN_ORIGIN_MESSAGE);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > SIGN_IN_MAX_BODY_BYTES) return tooLarge();
  const body = await readCapped(req, SIGN_IN_MAX_BODY_BYTES);
  if (body === null) return tooLarge();
  const headers = new Headers(req.headers);
  headers.set("content-length", String(body.byteLength));
  const copy = new NextRequest(req.url, { method: "POST", headers, body: body.byteLength > 0 ? body : undefined });
  return nextAuth(copy, await ctx.params);
}

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * The session endpoint answers from the cookie only while the server-side session row is live: a
 * session ended by a logout or the idle expiry is dead here too (R-INT-8, docs/security-sign-in.md):
 * `{}`, and the cookie cleared.
 */
async function GET(req: NextRequest, ctx: Ctx): Promise<Response> {
  const params = await ctx.params;
  const res = await nextAuth(req, params);
  if (params.nextauth.join("/") !== "session" || res.status !== 200) return res;
  let session: { sid?: unknown } | null;
  try {
    session = (await res.clone().json()) as { sid?: unknown } | null;
  } catch {
    return res;
  }
  if (!session || typeof session.sid !== "string") return res;
  let live: boolean;
  try {
    live = await sessionIsLive(session.sid);
  } catch (err) {
    logUnexpected("session", err);
    return NextResponse.json({ message: SIGN_IN_FAILED_MESSAGE }, { status: 503 });
  }
  if (live) return res;
  const ended = NextResponse.json({}, { headers: { "Cache-Control": "no-store" } });
  for (const c of req.cookies.getAll()) {
    if (SESSION_COOKIE.test(c.name))
      ended.cookies.set(c.name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: c.name.startsWith("__Secure-") });
  }
  return ended;
}

export { GET, POST };
