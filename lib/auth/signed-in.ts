import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findSessionActor } from "@/lib/db/repositories/scopes";
import { env } from "@/lib/env";
import { authSessionIsLive, touchAuthSession } from "./session-lifecycle";
import { authSecret } from "./secret";
import type { Actor, Role } from "./policy";

export type SignedIn = { actor: Actor; sessionId: string };

/**
 * The signed-in actor, or null. A session that was ended (logout) or is idle past its expiry
 * counts as signed out, whatever the cookie says. Memoised per request: a layout and its page
 * both ask, and the session is read once.
 *
 * The cost of a page (docs/performance.md): the cookie is decrypted once (next-auth's JWT, the
 * same `decode` next-auth uses, with its expiry check) and nothing is re-encoded; the session row
 * and the account are ONE statement; the row is written only when its idle expiry must slide.
 */
export const getSignedIn = cache(async function getSignedIn(): Promise<SignedIn | null> {
  const token = await readSessionToken();
  if (!token) return null;
  const db = await getDb();
  const found = await findSessionActor(db, token.sid, token.accountId);
  const state = await touchAuthSession(db, token.sid, now(), env().SESSION_IDLE_MINUTES, found?.session ?? null);
  if (state !== "live" || !found?.actor) return null;
  return { actor: found.actor, sessionId: token.sid };
});

/** The session cookie's name: next-auth's, with its `__Secure-` prefix when the site is served over https. */
function sessionCookieName(): string {
  return env().NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session token of the request's cookie (whole, or in next-auth's numbered chunks), decrypted; null when absent, forged or expired. */
async function readSessionToken(): Promise<{ accountId: string; sid: string } | null> {
  const name = sessionCookieName();
  const store = await cookies();
  const whole = store.get(name)?.value;
  const value =
    whole ??
    store
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((c) => c.value)
      .join("");
  if (!value) return null;
  const token = await decode({ token: value, secret: authSecret() }).catch(() => null);
  const accountId = token?.accountId;
  const sid = token?.sid;
  return typeof accountId === "string" && typeof sid === "string" ? { accountId, sid } : null;
}

/** For the session endpoint: whether the server-side session `sid` is live (never slides it). */
export async function sessionIsLive(sid: string): Promise<boolean> {
  return authSessionIsLive(await getDb(), sid, now());
}

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireSignedIn(): Promise<SignedIn> {
  const s = await getSignedIn();
  if (!s) redirect("/connexion?expiree=1");
  return s;
}

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case "guardian":
      return "/famille";
    case "student":
      return "/eleve";
    case "head":
    case "homeroom":
      return "/etablissement";
    case "saio":
      return "/academie";
    case "admin":
      return "/admin";
  }
}
