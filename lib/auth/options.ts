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
import { verifyPassword } from "./password";
import { authSecret } from "./secret";
import { endAuthSession, startAuthSession } from "./session-lifecycle";
import { BAD_CREDENTIALS_MESSAGE } from "@/lib/domain/sign-in";
import { clearFailures, lockedFor, recordFailure, tooManyAttemptsMessage } from "./throttle";

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

/**
 * The password sign-in (R-AUTH-2: throttled per login). A refusal throws the French message the
 * sign-in page shows, and is recorded in the audit log with the login and the reason, never the
 * password (R-AUTH-3).
 */
export async function authenticateWithPassword(db: Db, credentials: { login?: string; password?: string }, t: Date): Promise<{ id: string; name: string }> {
  const login = (credentials.login ?? "").trim().toLowerCase();
  const password = credentials.password ?? "";
  if (!login || !password) throw new Error("Saisissez votre identifiant et votre mot de passe.");
  const key = `login:${login}`;
  const refuse = async (accountId: string | null, reason: "locked" | "bad-credentials", message: string): Promise<never> => {
    await recordAudit(db, { accountId, displayName: login }, "auth.sign_in_failed", { type: "account", id: accountId ?? login }, { login, reason }, t);
    throw new Error(message);
  };
  const locked = await lockedFor(db, key, t);
  const [a] = await db
    .select()
    .from(accounts)
    // Demo accounts (known password) sign in in demo mode only (docs/production.md): else unknown.
    .where(and(eq(accounts.login, login), eq(accounts.disabled, false), env().DEMO_MODE ? undefined : eq(accounts.demo, false)));
  if (locked > 0) return refuse(a?.id ?? null, "locked", tooManyAttemptsMessage(locked));
  const ok = await verifyPassword(password, a?.passwordHash ?? DUMMY_HASH);
  if (!a || !ok) {
    await recordFailure(db, key, t);
    const nowLocked = await lockedFor(db, key, t);
    return refuse(a?.id ?? null, "bad-credentials", nowLocked > 0 ? tooManyAttemptsMessage(nowLocked) : BAD_CREDENTIALS_MESSAGE);
  }
  await clearFailures(db, key);
  return { id: a.id, name: a.displayName };
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
        async authorize(credentials) {
          return authenticateWithPassword(await getDb(), { login: credentials?.login, password: credentials?.password }, now());
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
