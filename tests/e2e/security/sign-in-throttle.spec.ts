import net from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { INVALID_LOGIN_MESSAGE, isKnownSignInRefusal, SIGN_IN_FAILED_MESSAGE, SIGN_IN_TOO_LARGE_MESSAGE, tooManyAttemptsMessage } from "@/lib/domain/sign-in";
import { withDb } from "../support/fixtures";
import { baseURL } from "../support/ports";

/*
 * docs/security-sign-in.md through HTTP, against the built app: the credentials callback of
 * next-auth, with its CSRF token, as a script would hit it. Logins here belong to nobody, so no
 * other spec's account is ever locked; their throttle rows are removed at the end.
 */
const LOGINS = ["inconnu.throttle-e2e", "inconnu.nul-e2e"];

test.afterAll(async () => {
  await withDb((c) => c.query("delete from sign_in_throttles where login = any($1)", [LOGINS]));
});

/** One password attempt through the credentials callback: the error next-auth returns in its `url`. */
async function attempt(request: APIRequestContext, csrfToken: string, login: string, password: string): Promise<{ status: number; error: string | null }> {
  const res = await request.post("/api/auth/callback/password", {
    form: { login, password, csrfToken, callbackUrl: `${baseURL}/`, json: "true" },
    // A script replaying the sign-in page's own request: from the app's origin (docs/security-headers.md).
    headers: { origin: new URL(baseURL).origin },
  });
  const body = (await res.json()) as { url?: string };
  return { status: res.status(), error: body.url ? new URL(body.url).searchParams.get("error") : null };
}

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test("R-AUTH-2: 20 parallel wrong passwords through HTTP check exactly 5, the others are refused as locked (docs/security-sign-in.md)", async ({ request }) => {
  const login = LOGINS[0]!;
  const token = await csrf(request);
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(request, token, login, `mauvais-${i}`)));
  expect(
    results.filter((r) => r.status !== 401 || !isKnownSignInRefusal(r.error ?? "")),
    "every answer is a French refusal",
  ).toEqual([]);
  expect(results.filter((r) => r.error === "Identifiant ou mot de passe incorrect.")).toHaveLength(4);
  expect(results.filter((r) => r.error === tooManyAttemptsMessage(1))).toHaveLength(16);
  // R-AUTH-3: 5 passwords checked and audited as such, 15 refusals audited as locked, one lock, never a password.
  const audit = await withDb(async (c) =>
    (
      await c.query<{ action: string; details: string }>(
        "select action, details from audit_log where details::jsonb ->> 'login' = $1 and action in ('auth.sign_in_failed', 'auth.sign_in_locked')",
        [login],
      )
    ).rows.map((r) => ({ action: r.action, ...(JSON.parse(r.details) as { reason?: string; source?: string }) })),
  );
  expect(audit.filter((a) => a.reason === "bad-credentials")).toHaveLength(5);
  expect(audit.filter((a) => a.reason === "locked")).toHaveLength(15);
  expect(audit.filter((a) => a.action === "auth.sign_in_locked")).toHaveLength(1);
  expect(audit.every((a) => typeof a.source === "string" && a.source.length > 0)).toBe(true);
  expect(JSON.stringify(audit)).not.toContain("mauvais");
});

/**
 * Sends a body of `total` bytes on a raw socket (declared by Content-Length, or chunked when
 * `chunked`), stopping when the server answers; write errors after the server closed are expected.
 */
function postLarge(total: number, chunked: boolean): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseURL);
    const socket = net.connect(Number(url.port), url.hostname);
    let received = "";
    let sent = 0;
    let sentWhenAnswered = -1;
    const finish = () => {
      const m = /^HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n([^]*)$/.exec(received);
      if (!m) return reject(new Error(`no HTTP answer (${received.length} bytes received)`));
      const raw = m[2]!;
      // A chunked answer: keep the JSON between the chunk sizes.
      const body = raw.includes("{") ? raw.slice(raw.indexOf("{"), raw.lastIndexOf("}") + 1) : raw;
      resolve({ status: Number(m[1]), body, sentWhenAnswered });
    };
    socket.on("data", (d) => {
      if (sentWhenAnswered < 0) {
        sentWhenAnswered = sent;
        // The answer is coming: stop sending, read it, then hang up if the server did not.
        setTimeout(() => socket.destroy(), 2000);
      }
      received += d.toString("utf8");
    });
    socket.on("error", () => {});
    socket.on("close", finish);
    const head = [
      "POST /api/auth/callback/password HTTP/1.1",
      `Host: ${url.host}`,
      `Origin: ${url.origin}`,
      "Content-Type: application/x-www-form-urlencoded",
      chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`,
      "Connection: close",
      "",
      "",
    ].join("\r\n");
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
    const pump = () => {
      while (sentWhenAnswered < 0 && sent < total && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
      if (sentWhenAnswered < 0 && !socket.destroyed) socket.end(chunked ? "0\r\n\r\n" : "");
    };
    pump();
    socket.setTimeout(60_000, () => socket.destroy());
  });
}

test("docs/security-sign-in.md: a 20 MB sign-in body is refused with 413 and the French message, without being read", async () => {
  const total = 20 * 1024 * 1024;
  for (const chunked of [false, true]) {
    // The server answers and closes without reading the rest: the client's kernel may then get a
    // TCP reset that drops the answer before it is read (no byte at all). That race alone is tried
    // again; a server that never answers fails all three times.
    let r: Awaited<ReturnType<typeof postLarge>> | null = null;
    for (let i = 0; i < 3 && !r; i++) r = await postLarge(total, chunked).catch(() => null);
    if (!r) throw new Error("no HTTP answer to a 20 MB sign-in body");
    expect(r.status, chunked ? "streamed without Content-Length" : "declared by Content-Length").toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ message: SIGN_IN_TOO_LARGE_MESSAGE });
    // The answer came while most of the body was still unsent: the server did not wait for 20 MB.
    expect(r.sentWhenAnswered).toBeLessThan(total / 2);
  }
});

test("R-AUTH-2: a login with a null byte gets the French message and never any query text, through HTTP and on the page", async ({ page, request }) => {
  const login = `${LOGINS[1]}\u0000' or 1=1 --`;
  const r = await attempt(request, await csrf(request), login, "x");
  expect(r.error).toBe(INVALID_LOGIN_MESSAGE);

  await page.goto("/connexion");
  await page.locator("#login").evaluate((el, v) => ((el as HTMLInputElement).value = v), login);
  await page.getByLabel("Mot de passe", { exact: true }).fill("x");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.locator("#signin-error")).toHaveText(INVALID_LOGIN_MESSAGE);
  await expect(page.locator("body")).not.toContainText(/select|sign_in_throttles|insert into|Failed query/i);
});

test("docs/security-sign-in.md: an arbitrary error in the sign-in page's address is never shown, only the generic French message", async ({ page }) => {
  await page.goto(`/connexion?error=${encodeURIComponent('Failed query: select "key" from "sign_in_throttles"')}`);
  await expect(page.getByRole("alert").filter({ hasText: SIGN_IN_FAILED_MESSAGE })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("sign_in_throttles");
});
