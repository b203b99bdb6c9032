import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { and, eq } from "drizzle-orm";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { accounts } from "@/lib/db/schema";
import { linkOidcIdentity } from "@/lib/db/repositories/oidc";
import { familyClaimsSchema } from "@/lib/domain/oidc-claims";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { verifyPassword } from "./password";
import { authSecret } from "./secret";
import { endAuthSession, startAuthSession } from "./session-lifecycle";
import {
  BAD_CREDENTIALS_MESSAGE,
  INVALID_LOGIN_MESSAGE,
  isKnownSignInRefusal,
  MISSING_CREDENTIALS_MESSAGE,
  normaliseLogin,
  PASSWORD_MAX_LENGTH,
  PASSWORD_TOO_LONG_MESSAGE,
  SIGN_IN_FAILED_MESSAGE,
  signInSource,
  tooManyAttemptsMessage,
} from "@/lib/domain/sign-in";
import { clearFailures, recordLoginFailure, reserveAttempt } from "./throttle";

export const OIDC_PROVIDER_ID = "educonnect";

// A hash of nothing in particular, checked when the login is unknown so that timing does not
// tell which logins exist.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

function oidcProvider() {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  const issuer = e.OIDC_ISSUER.replace(/\/$/, "");
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: "oauth" as const,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid profile email" } },
      idToken: true,
      checks: ["pkce", "state"] as ("pkce" | "state")[],
      profile(profile: Record<string, unknown>) {
        return { id: String(profile.sub), name: `${profile.given_name ?? ""} ${profile.family_name ?? ""}`.trim(), email: (profile.email as string) ?? null };
      },
    },
  ];
}

/** A refusal the sign-in page may show: its message is one of lib/domain/sign-in.ts's French texts. */
export class SignInRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInRefusal";
  }
}

/**
 * The password sign-in (R-AUTH-2: throttled per login and source, docs/security-sign-in.md). A
 * refusal throws a SignInRefusal with the French message the sign-in page shows, and a refused or
 * delayed attempt is recorded in the audit log with the login, the source and the reason, never
 * the password (R-AUTH-3). A login that cannot be one is refused before any query.
 */
export async function authenticateWithPassword(
  db: Db,
  credentials: { login?: unknown; password?: unknown },
  t: Date,
  source = "inconnue",
): Promise<{ id: string; name: string }> {
  const rawLogin = typeof credentials.login === "string" ? credentials.login : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  if (!rawLogin.trim() || !password) throw new SignInRefusal(MISSING_CREDENTIALS_MESSAGE);
  const login = normaliseLogin(rawLogin);
  if (login === null) throw new SignInRefusal(INVALID_LOGIN_MESSAGE);
  if (password.length > PASSWORD_MAX_LENGTH) throw new SignInRefusal(PASSWORD_TOO_LONG_MESSAGE);

  const audit = (accountId: string | null, action: "auth.sign_in_failed" | "auth.sign_in_locked", details: Record<string, unknown>) =>
    recordAudit(db, { accountId, displayName: login }, action, { type: "account", id: accountId ?? login }, { login, source, ...details }, t);
  const [a] = await db
    .select()
    .from(accounts)
    // Demo accounts (known password) sign in in demo mode only (docs/production.md): else unknown.
    .where(and(eq(accounts.login, login), eq(accounts.disabled, false), env().DEMO_MODE ? undefined : eq(accounts.demo, false)));
  const accountId = a?.id ?? null;

  // Reserved (and counted) before the check: parallel attempts check exactly the allowed number.
  const reservation = await reserveAttempt(db, login, source, t);
  if (!reservation.checked) {
    await audit(accountId, "auth.sign_in_failed", { reason: "locked", minutes: reservation.minutes });
    throw new SignInRefusal(tooManyAttemptsMessage(reservation.minutes));
  }
  const ok = await verifyPassword(password, a?.passwordHash ?? DUMMY_HASH);
  if (!a || !ok) {
    await recordLoginFailure(db, login, t);
    await audit(accountId, "auth.sign_in_failed", { reason: "bad-credentials" });
    if (reservation.lockedMinutes > 0) {
      await audit(accountId, "auth.sign_in_locked", { failures: reservation.failures, minutes: reservation.lockedMinutes });
      throw new SignInRefusal(tooManyAttemptsMessage(reservation.lockedMinutes));
    }
    throw new SignInRefusal(BAD_CREDENTIALS_MESSAGE);
  }
  await clearFailures(db, login, source);
  return { id: a.id, name: a.displayName };
}

/**
 * next-auth puts the message of what `authorize` throws in the page's address: only our own French
 * refusals go through; anything else is logged here without personal data (no login, no query
 * text) and becomes the generic French message.
 */
export async function authorizeSafely(fn: () => Promise<{ id: string; name: string }>): Promise<{ id: string; name: string }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SignInRefusal && isKnownSignInRefusal(e.message)) throw e;
    logUnexpected("sign-in", e);
    throw new SignInRefusal(SIGN_IN_FAILED_MESSAGE);
  }
}

type SessionUser = { id: string; name?: string | null; accountId?: string };

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/connexion", error: "/connexion" },
    providers: [
      CredentialsProvider({
        id: "password",
        name: "Identifiant et mot de passe",
        credentials: { login: { label: "Identifiant", type: "text" }, password: { label: "Mot de passe", type: "password" } },
        async authorize(credentials, req) {
          const source = signInSource(req?.headers?.["x-forwarded-for"] as string | string[] | undefined, e.TRUST_PROXY);
          return authorizeSafely(async () =>
            authenticateWithPassword(await getDb(), { login: credentials?.login, password: credentials?.password }, now(), source),
          );
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = familyClaimsSchema.safeParse(profile);
        if (!claims.success) return "/connexion?erreur=oidc";
        const db = await getDb();
        const issuer = env().OIDC_ISSUER!.replace(/\/$/, "");
        const t = now();
        // The account it may create, the link and their audit rows land together (R-AUTH-3).
        const accountId = await db.transaction((tx) => linkOidcIdentity(tx, issuer, claims.data, t));
        if (!accountId) return "/connexion?erreur=oidc";
        (user as SessionUser).accountId = accountId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A new sign-in: one server-side session row, whose end is a real event (R-INT-8).
          const accountId = (user as SessionUser).accountId ?? user.id;
          const db = await getDb();
          const t = now();
          const [a] = await db.select({ displayName: accounts.displayName, role: accounts.role }).from(accounts).where(eq(accounts.id, accountId));
          token.accountId = accountId;
          // Its audit row is written in the session row's transaction (R-AUTH-3).
          token.sid = await startAuthSession(db, accountId, t, e.SESSION_IDLE_MINUTES);
          token.name = a?.displayName ?? user.name ?? "";
          token.role = a?.role;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, accountId: token.accountId as string | undefined, sid: token.sid as string | undefined, role: token.role as string | undefined };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = token?.sid as string | undefined;
        if (!sid) return;
        // Ends it once, queues its recaps (R-INT-8) and writes its audit row, in one transaction.
        await endAuthSession(await getDb(), sid, "logout", now());
      },
    },
  };
}
