import { and, eq, isNull, lt } from "drizzle-orm";
import { recordAudit, SYSTEM_ACTORS, type AuditActor } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import { accounts, authSessions } from "@/lib/db/schema";
import { queueIntentionsRecaps } from "@/lib/services/recap-emails";

/*
 * The session lifecycle (docs/decisions/003): a sign-in starts one server-side session row, a
 * logout or the idle expiry ends it once, and its end is a real event: the recap e-mails of a
 * session that validated something are queued in the same transaction (R-INT-8). Each start and
 * end writes its audit row in the transaction of the session row (R-AUTH-3).
 */

export type EndReason = "logout" | "expired";
export type SessionTimes = { endedAt: Date | null; expiresAt: Date };
export type EndedSession = { id: string; accountId: string; startedAt: Date; changedAt: Date | null; endedAt: Date; endReason: EndReason };

/** A new sign-in: the session row and its audit row, together. Returns the session id. */
export async function startAuthSession(db: Db, accountId: string, now: Date, idleMinutes: number): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(authSessions)
      .values({ accountId, startedAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMinutes * 60_000) })
      .returning({ id: authSessions.id });
    await recordAudit(tx, await accountActor(tx, accountId), "auth.sign_in", { type: "account", id: accountId }, { sessionId: row!.id }, now);
    return row!.id;
  });
}

/**
 * Ends one session once: the UPDATE … WHERE ended_at IS NULL makes a double logout, or a logout
 * racing the expiry sweep, end it (and queue its recaps) exactly once. A logout is recorded under
 * the account; an expiry under the system actor of the session sweep.
 */
export async function endAuthSession(db: Db, sessionId: string, reason: EndReason, now: Date): Promise<EndedSession | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(authSessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)))
      .returning();
    if (!row) return null;
    const ended: EndedSession = { id: row.id, accountId: row.accountId, startedAt: row.startedAt, changedAt: row.changedAt, endedAt: now, endReason: reason };
    const recaps = await queueIntentionsRecaps(tx, ended);
    const actor = reason === "logout" ? await accountActor(tx, row.accountId) : SYSTEM_ACTORS.sessions;
    await recordAudit(
      tx,
      actor,
      reason === "logout" ? "auth.sign_out" : "auth.session_expired",
      { type: "account", id: row.accountId },
      { sessionId: row.id, recaps },
      now,
    );
    return ended;
  });
}

/** Ends every session idle past its expiry (the session sweep every minute, and the transfer). */
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

/**
 * Slides a live session's expiry; says whether it is live, ended, or (now) expired. The idle
 * timer slides with activity (docs/security-sign-in.md): a request made when less than half the
 * idle window is left pushes the expiry a full window from now, so someone active more often than
 * the window stays signed in, with at most about one write per half window and session.
 */
export async function touchAuthSession(
  db: Db,
  sessionId: string,
  now: Date,
  idleMinutes: number,
  /** The session row's times, when the caller read them already (lib/auth/signed-in.ts reads them with the account). */
  read?: SessionTimes | null,
): Promise<"live" | "ended" | "expired"> {
  const row =
    read !== undefined
      ? read
      : ((await db.select({ endedAt: authSessions.endedAt, expiresAt: authSessions.expiresAt }).from(authSessions).where(eq(authSessions.id, sessionId)))[0] ??
        null);
  if (!row || row.endedAt) return "ended";
  if (row.expiresAt <= now) {
    await endAuthSession(db, sessionId, "expired", now);
    return "expired";
  }
  const windowMs = idleMinutes * 60_000;
  if (row.expiresAt.getTime() - now.getTime() < windowMs / 2) {
    const expiresAt = new Date(now.getTime() + windowMs);
    await db
      .update(authSessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt), lt(authSessions.expiresAt, expiresAt)));
  }
  return "live";
}

/** Whether a session is live, without sliding it (the session endpoint, polled by the browser). */
export async function authSessionIsLive(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ endedAt: authSessions.endedAt, expiresAt: authSessions.expiresAt }).from(authSessions).where(eq(authSessions.id, sessionId));
  return !!row && !row.endedAt && row.expiresAt > now;
}

async function accountActor(q: Queryable, accountId: string): Promise<AuditActor> {
  const [a] = await q.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
  return { accountId, displayName: a?.displayName ?? "" };
}
