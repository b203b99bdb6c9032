import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findActor } from "@/lib/db/repositories/scopes";
import { env } from "@/lib/env";
import { authSessionIsLive, touchAuthSession } from "./session-lifecycle";
import { authOptions } from "./options";
import type { Actor, Role } from "./policy";

export type SignedIn = { actor: Actor; sessionId: string };

/**
 * The signed-in actor, or null. A session that was ended (logout) or is idle past its expiry
 * counts as signed out, whatever the cookie says. Memoised per request: a layout and its page
 * both ask, and the session is read once.
 */
export const getSignedIn = cache(async function getSignedIn(): Promise<SignedIn | null> {
  const session = (await getServerSession(authOptions())) as { accountId?: string; sid?: string } | null;
  if (!session?.accountId || !session.sid) return null;
  const db = await getDb();
  const state = await touchAuthSession(db, session.sid, now(), env().SESSION_IDLE_MINUTES);
  if (state !== "live") return null;
  const actor = await findActor(db, session.accountId);
  return actor ? { actor, sessionId: session.sid } : null;
});

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
