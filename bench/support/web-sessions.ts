import { encode } from "next-auth/jwt";
import { startAuthSession } from "@/lib/auth/session-lifecycle";
import type { Db } from "@/lib/db/client";

/*
 * Signed-in sessions for `npm run bench:web`, made the way the app makes them after a sign-in
 * (lib/auth/options.ts, the jwt callback): the server-side session row and its audit row through
 * startAuthSession (lib/auth/session-lifecycle.ts), and next-auth's JWT cookie encoded with
 * next-auth's own `encode`, the server's secret and the same token fields (name, sub, accountId,
 * sid, role) and lifetime (12 h). Families sign in through the académie's OIDC provider: the bench
 * does not drive that redirect dance for thousands of guardians, it starts their sessions directly.
 * Over http the cookie is `next-auth.session-token` (lib/auth/signed-in.ts).
 */

export const SESSION_COOKIE = "next-auth.session-token";
const SESSION_MAX_AGE_S = 12 * 60 * 60;

export type SessionAccount = { accountId: string; displayName: string; role: "guardian" | "head" };

/** One cookie header value per account (same order), `concurrency` sessions started at a time. */
export async function openSessions(db: Db, list: SessionAccount[], opts: { secret: string; idleMinutes: number; concurrency?: number }): Promise<string[]> {
  const out = new Array<string>(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      const a = list[i]!;
      const sid = await startAuthSession(db, a.accountId, new Date(), opts.idleMinutes);
      const token = await encode({
        token: { name: a.displayName, sub: a.accountId, accountId: a.accountId, sid, role: a.role },
        secret: opts.secret,
        maxAge: SESSION_MAX_AGE_S,
      });
      out[i] = `${SESSION_COOKIE}=${token}`;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 10 }, worker));
  return out;
}
