import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/lib/db/client";
import { authSessions } from "@/lib/db/schema";

export type EndReason = "logout" | "expired";
export type EndedSession = { id: string; accountId: string; startedAt: Date; changedAt: Date | null; endedAt: Date; endReason: EndReason };

/**
 * Hooks run in the transaction that ends a session (R-INT-8: the recap e-mails of a session with
 * changes are queued then). Registered by the slices that need it, at import time.
 */
type SessionEndHook = (q: Queryable, session: EndedSession) => Promise<void>;
const hooks: SessionEndHook[] = [];
export function onSessionEnd(hook: SessionEndHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

/**
 * Ends one session once: the UPDATE … WHERE ended_at IS NULL makes a double logout, or a logout
 * racing the expiry sweep, end it (and run its hooks) exactly once.
 */
export async function endAuthSession(db: Db, sessionId: string, reason: EndReason, now: Date): Promise<EndedSession | null> {
  // Whoever ends a session (the web server, the worker, the sync CLI) runs every hook: load the
  // registrations here rather than trusting each entry point to import them.
  await import("./session-end-hooks");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(authSessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)))
      .returning();
    if (!row) return null;
    const ended: EndedSession = { id: row.id, accountId: row.accountId, startedAt: row.startedAt, changedAt: row.changedAt, endedAt: now, endReason: reason };
    for (const hook of hooks) await hook(tx, ended);
    return ended;
  });
}

/** Ends every session idle past its expiry (run every minute by the worker, and by the sync). */
export async function expireIdleSessions(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(isNull(authSessions.endedAt), lt(authSessions.expiresAt, now)))
    .limit(1000);
  let ended = 0;
  for (const s of due) if (await endAuthSession(db, s.id, "expired", now)) ended++;
  return ended;
}

/** R-INT-8: remember that this session validated something (its end then sends the recap). */
export async function markSessionChanged(q: Queryable, sessionId: string, now: Date): Promise<void> {
  await q.update(authSessions).set({ changedAt: now }).where(eq(authSessions.id, sessionId));
}

/** Slides a live session's expiry; returns false when it is ended or expired. */
export async function touchAuthSession(db: Db, sessionId: string, now: Date, idleMinutes: number): Promise<"live" | "ended" | "expired"> {
  const [row] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId));
  if (!row || row.endedAt) return "ended";
  if (row.expiresAt < now) {
    await endAuthSession(db, sessionId, "expired", now);
    return "expired";
  }
  // Written at most once a minute per session, not on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMinutes * 60_000) })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt), sql`${authSessions.lastSeenAt} < ${now}`));
  }
  return "live";
}

export async function startAuthSession(db: Db, accountId: string, now: Date, idleMinutes: number): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ accountId, startedAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMinutes * 60_000) })
    .returning({ id: authSessions.id });
  return row!.id;
}
