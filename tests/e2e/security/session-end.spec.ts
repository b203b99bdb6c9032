import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { signIn, signOut, withDb } from "../support/fixtures";
import { baseURL } from "../support/ports";

/*
 * R-INT-8 / docs/security-sign-in.md: a session ended on the server is dead everywhere, the
 * session endpoint included, even when its old cookie is replayed. The SAIO's account only reads
 * here (sign-in, sign-out: nothing another spec depends on).
 */
const login = DEMO_ACCOUNTS.find((a) => a.role === "saio")!.login;

test("R-INT-8: after logout, /api/auth/session returns no user even when the old cookie is replayed, and clears it", async ({ page, context }) => {
  await signIn(page, login);
  const cookies = await context.cookies();
  const sessionCookie = cookies.find((c) => c.name.includes("next-auth.session-token"))!;
  expect(sessionCookie).toBeDefined();
  const replay = `${sessionCookie.name}=${sessionCookie.value}`;

  const live = await page.request.get("/api/auth/session");
  const liveBody = (await live.json()) as { user?: { name?: string }; sid?: string };
  expect(liveBody.user?.name).toBeTruthy();

  await signOut(page);
  await expect
    .poll(() => withDb(async (c) => (await c.query("select ended_at from auth_sessions where id = $1", [liveBody.sid])).rows[0]?.ended_at ?? null))
    .not.toBeNull();

  // Another client replaying the old cookie, as a thief would.
  const thief = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: replay } });
  try {
    const res = await thief.get("/api/auth/session");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({});
    const cleared = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${sessionCookie.name}=;`));
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.value).toMatch(/Max-Age=0/i);
    // And the pages too: the replayed cookie opens nothing.
    const home = await thief.get("/academie", { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(home.status());
    expect(home.headers()["location"]).toContain("/connexion");
  } finally {
    await thief.dispose();
  }
});
