import { expect, test, type Browser, type Page } from "@playwright/test";
import { INTENTIONS_RECAP_SUBJECT } from "@/emails/intentions-recap";
import { DEMO_ACCOUNTS, DEMO_FAMILY, OIDC_DEMO_GUARDIAN } from "@/lib/db/demo-accounts";
import { VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { latestScheduledNight } from "@/lib/domain/nightly-schedule";
import { nightRunKey } from "@/lib/domain/transfer-runs";
import { PIN_HEADER, startBalancer, type Balancer } from "./support/balancer";
import { addIntention, mailbox, signIn, signOut, withDb, type SunkEmail } from "./support/fixtures";
import { signInAtProvider } from "./support/oidc-sign-in";
import { baseURL, e2e } from "./support/ports";
import { startAppServer, startWorkerProcess, type AppProcess } from "./support/processes";

/*
 * Several servers (docs/operations.md « Several servers »): the results of two app servers and
 * two workers on one PostgreSQL equal one server's.
 * - Server A is the e2e run's (app-server.ts, its scheduler and outbox sender in process); this
 *   spec starts server B (`next start` of the same build, E2E_PORT + 1, WORKER_IN_PROCESS=false)
 *   and `npm run worker` processes: two started together on a clock just past the next night
 *   (CLOCK_OFFSET_MS, lib/clock.ts), which both check it at start; then two on the servers' clock,
 *   which share the outbox with server A's sender (an outbox claim's lease is measured on its
 *   sender's clock: senders on clocks apart by more than the lease would send a row twice).
 * - Both servers sit behind one public origin (NEXTAUTH_URL), as behind a production load
 *   balancer: a small balancer (support/balancer.ts) is each browser context's HTTP proxy, and a
 *   page is pinned to A or B by a header; every response says which server answered.
 * On a 3A family no other spec plays (two guardians' accounts and e-mails, the sixth by INE:
 * family.spec takes the first, family-race the second-to-last, family-forged the last); its
 * entry, the school's copy, the spec's e-mails and the nights it recorded are removed in afterAll.
 */
test.describe.configure({ mode: "serial" });

const SERVER_B_PORT = e2e.port + 1;
/** SYNC_CRON's default (02:00 Europe/Paris), which every process of the e2e run keeps. */
const NIGHT = { hour: 2, minute: 0 };
const PARIS = "Europe/Paris";
const BULK = 400;
const BULK_KEY = "multi-server-e2e:";
const headLogin = DEMO_ACCOUNTS.find((a) => a.role === "head" && a.label.includes("Collège"))!.login;

type Guardian = { accountId: string; login: string; name: string; email: string };
type Family = { studentId: string; ine: string; studentName: string; guardians: [Guardian, Guardian] };
let fam: Family | undefined;
let serverB: AppProcess | undefined;
let balancer: Balancer | undefined;
const workers: AppProcess[] = [];
/** The sync_runs rows this spec recorded (the night, and the night before when none was on record). */
const runKeys: string[] = [];
/** The race's outcome, for the night and the e-mails. */
let holder: { guardian: Guardian; track: string } | undefined;

test.beforeAll(async () => {
  fam = await withDb(async (c) => {
    const s = await c.query<{ id: string; ine: string; name: string }>(
      `select s.id, s.ine, s.first_name || ' ' || s.last_name as name from students s join divisions d on d.id = s.division_id
        where d.code = '3A' and s.ine not in ($1, $2)
          and (select count(*) from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id
                 join guardians g on g.id = sg.guardian_id where sg.student_id = s.id and g.email is not null) = 2
          and not exists (select 1 from family_requests r where r.student_id = s.id)
          and not exists (select 1 from school_family_entries e where e.student_id = s.id)
        order by s.ine offset 5 limit 1`,
      [DEMO_FAMILY.student3A.student.ine, DEMO_FAMILY.noEmail.student.ine],
    );
    const g = await c.query<{ id: string; login: string; display_name: string; email: string }>(
      `select a.id, a.login, a.display_name, g.email from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id
         join guardians g on g.id = sg.guardian_id where sg.student_id = $1 order by sg.rank`,
      [s.rows[0]!.id],
    );
    const guardian = (r: (typeof g.rows)[number]): Guardian => ({ accountId: r.id, login: r.login, name: r.display_name, email: r.email });
    return { studentId: s.rows[0]!.id, ine: s.rows[0]!.ine, studentName: s.rows[0]!.name, guardians: [guardian(g.rows[0]!), guardian(g.rows[1]!)] };
  });
  serverB = await startAppServer("server B", SERVER_B_PORT, { WORKER_IN_PROCESS: "false" });
  balancer = await startBalancer(baseURL, [
    { name: "a", port: e2e.port },
    { name: "b", port: SERVER_B_PORT },
  ]);
});

test.afterAll(async () => {
  await Promise.all([...workers, serverB].map((p) => p?.stop()));
  for (const p of [...workers, serverB]) if (p) await test.info().attach(p.name, { body: p.output(), contentType: "text/plain" });
  if (process.env.HMULTI_DEBUG) for (const p of [...workers, serverB]) if (p) console.log(`==== ${p.name}\n${p.output()}`);
  await balancer?.close();
  if (!fam) return;
  await withDb(async (c) => {
    await c.query("delete from family_requests where student_id = $1", [fam!.studentId]);
    await c.query("delete from school_family_entries where student_id = $1", [fam!.studentId]);
    await c.query("delete from outbox_emails where dedupe_key like $1 or dedupe_key like $2", [`${BULK_KEY}%`, `recap:%:${fam!.studentId}:%`]);
    await c.query("delete from sync_runs where run_key = any($1::text[])", [runKeys]);
  });
});

/** Sends every request of the page to server A or B (null: round robin), through the balancer. */
async function pin(page: Page, backend: "a" | "b" | null): Promise<void> {
  await page.setExtraHTTPHeaders(backend ? { [PIN_HEADER]: backend } : {});
}

async function pagePinnedTo(browser: Browser, backend: "a" | "b"): Promise<Page> {
  const context = await browser.newContext({ proxy: { server: balancer!.url } });
  const page = await context.newPage();
  await pin(page, backend);
  return page;
}

/** Opens `path` and says which server answered. */
async function open(page: Page, path: string): Promise<string | undefined> {
  const res = await page.goto(path);
  return res?.headers()[PIN_HEADER];
}

test.describe("sessions valid on both servers", () => {
  test("R-AUTH-4: a guardian signed in through A with the OpenID Connect provider reads their page through B; signing out on B ends the session on A too", async ({
    browser,
  }) => {
    const page = await pagePinnedTo(browser, "a");
    expect(await open(page, "/connexion")).toBe("a");
    await page.getByRole("button", { name: /Se connecter avec ÉduConnect/ }).click();
    await signInAtProvider(page, "parent-oidc");
    await page.waitForURL(/\/famille$/);

    await pin(page, "b");
    expect(await open(page, "/famille")).toBe("b");
    for (const child of OIDC_DEMO_GUARDIAN.children) {
      await expect(page.getByRole("heading", { level: 2, name: `${child.firstName} ${child.lastName}` })).toBeVisible();
    }
    await signOut(page);

    await pin(page, "a");
    expect(await open(page, "/famille")).toBe("a");
    await expect(page).toHaveURL(/\/connexion/);
    await page.context().close();
  });

  test("R-AUTH-4: a sign-in started on A and called back on B (no sticky sessions) lands on the family home", async ({ browser }) => {
    const page = await pagePinnedTo(browser, "a");
    await page.goto("/connexion");
    await page.getByRole("button", { name: /Se connecter avec ÉduConnect/ }).click();
    // next-auth's state and PKCE cookies were set by A; the provider's callback reaches B.
    await pin(page, "b");
    const callback = page.waitForResponse((r) => r.url().includes("/api/auth/callback/educonnect"));
    await signInAtProvider(page, "parent-oidc");
    expect((await callback).headers()[PIN_HEADER]).toBe("b");
    await page.waitForURL(/\/famille$/);
    await expect(
      page.getByRole("heading", { level: 2, name: `${OIDC_DEMO_GUARDIAN.children[0]!.firstName} ${OIDC_DEMO_GUARDIAN.children[0]!.lastName}` }),
    ).toBeVisible();
    await signOut(page);
    await page.context().close();
  });

  test("R-AUTH-1: a head signed in with a password through A reads the back-office through B; signing out on A ends the session on B too", async ({
    browser,
  }) => {
    const page = await pagePinnedTo(browser, "a");
    await signIn(page, headLogin);
    await expect(page).toHaveURL(/\/etablissement$/);

    await pin(page, "b");
    expect(await open(page, "/etablissement/eleves")).toBe("b");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/etablissement\/eleves/);
    await pin(page, "a");
    await signOut(page);

    await pin(page, "b");
    expect(await open(page, "/etablissement/eleves")).toBe("b");
    await expect(page).toHaveURL(/\/connexion/);
    await page.context().close();
  });
});

async function guardianOn(browser: Browser, backend: "a" | "b", g: Guardian): Promise<Page> {
  const page = await pagePinnedTo(browser, backend);
  await signIn(page, g.login);
  expect(await open(page, `/famille/eleves/${fam!.studentId}`)).toBe(backend);
  return page;
}

const isAction = (r: { request: () => { method: () => string; headers: () => Record<string, string> } }) =>
  r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined;

test("R-INT-1: the two guardians validate at the same instant, one on A and one on B: one holds the entry, the other is refused in French", async ({
  browser,
}) => {
  const [g1, g2] = fam!.guardians;
  const onA = await guardianOn(browser, "a", g1);
  const onB = await guardianOn(browser, "b", g2);
  await addIntention(onA, /^2de générale et technologique/);
  await addIntention(onB, /^1re année de CAP/);

  const validations = [onA, onB].map((p) => p.waitForResponse(isAction));
  await Promise.all([onA, onB].map((p) => p.getByRole("button", { name: "Valider les intentions" }).click()));
  const served = await Promise.all(validations.map(async (r) => (await r).headers()[PIN_HEADER]));
  expect(served).toEqual(["a", "b"]);

  const outcome = async (p: Page) => {
    const validated = p.getByText(VALIDATED_MESSAGE);
    const refused = p.getByRole("alert").filter({ hasText: "Les intentions de cet élève" });
    await expect(validated.or(refused).first()).toBeVisible();
    return (await validated.isVisible()) ? "holder" : "refused";
  };
  const outcomes = [await outcome(onA), await outcome(onB)];
  expect([...outcomes].sort()).toEqual(["holder", "refused"]);
  const won = outcomes[0] === "holder" ? 0 : 1;
  const winner = fam!.guardians[won]!;
  const loser = [onA, onB][1 - won]!;
  holder = { guardian: winner, track: won === 0 ? "2GT" : "CAP" };
  const refusal = loser.getByRole("alert").filter({ hasText: "Les intentions de cet élève" });
  await expect(refusal).toContainText(`Les intentions de cet élève ont déjà été validées par ${winner.name}`);
  await expect(refusal).toContainText("Votre saisie n'a pas été enregistrée.");
  await expect(loser.getByText(new RegExp(`^Intentions saisies par ${winner.name} le `))).toBeVisible();

  // The database: one entry, the holder's, with the holder's intention only.
  const rows = await withDb(
    async (c) =>
      (
        await c.query<{ holder_account_id: string; tracks: string[] }>(
          `select r.holder_account_id, array_agg(i.track order by i.rank) as tracks
             from family_requests r join family_request_items i on i.request_id = r.id where r.student_id = $1 group by r.id`,
          [fam!.studentId],
        )
      ).rows,
  );
  expect(rows).toEqual([{ holder_account_id: winner.accountId, tracks: [holder.track] }]);
  // The sessions stay open: the workers' night ends them (R-INT-8 then queues the holder's recaps).
  await onA.context().close();
  await onB.context().close();
});

test("R-SYNC-4 / R-INT-8: two workers started after the night both check it at once: one run, the entry crosses to the school once, each recap leaves once", async () => {
  expect(holder, "the race ran").toBeDefined();
  const lastNight = latestScheduledNight(new Date(), NIGHT, PARIS);
  // The workers' clock must be past the race's sessions' idle expiry for the night to end them:
  // run less than SESSION_IDLE_MINUTES before 02:00 in Paris, the next night is too close, so the
  // night after it is played (only the latest night runs, jobs/transfer.ts).
  const sessionsExpire = await withDb(
    async (c) =>
      (
        await c.query<{ at: Date }>("select max(expires_at) as at from auth_sessions where ended_at is null and account_id = any($1)", [
          fam!.guardians.map((g) => g.accountId),
        ])
      ).rows[0]!.at,
  );
  expect(sessionsExpire, "the race's sessions are open").not.toBeNull();
  const nextNight = (after: Date) => latestScheduledNight(new Date(after.getTime() + 25 * 3600_000), NIGHT, PARIS);
  let night = nextNight(lastNight);
  while (night.getTime() < sessionsExpire.getTime() + 5 * 60_000) night = nextNight(night);
  const runKey = nightRunKey(night);
  const onRecord = await withDb(
    async (c) =>
      (
        await c.query<{ last: Date | null; taken: number }>(
          `select max(as_of) filter (where run_key like 'night:%' and not dry_run) as last, count(*) filter (where run_key = $1)::int as taken from sync_runs`,
          [runKey],
        )
      ).rows[0]!,
  );
  expect(onRecord.taken, `the night ${runKey} has not run yet`).toBe(0);
  expect(onRecord.last === null || onRecord.last < night, "no later night on record").toBe(true);
  if (onRecord.last === null) {
    // The night before is on record (a fresh database waits for its first night, docs/operations.md).
    const inserted = await withDb((c) =>
      c.query<{ run_key: string }>(
        `insert into sync_runs (run_key, as_of, started_at, finished_at, status, triggered_by) values ($1, $2, $2, $2, 'succeeded', 'cron')
         on conflict (run_key) do nothing returning run_key`,
        [nightRunKey(lastNight), lastNight],
      ),
    );
    runKeys.push(...inserted.rows.map((r) => r.run_key));
  }
  const lastRunId = await withDb(async (c) => (await c.query<{ id: string }>("select coalesce(max(id), 0)::text as id from sync_runs")).rows[0]!.id);
  runKeys.push(runKey);

  // The night came: both workers start together on a clock one minute past it (lib/clock.ts),
  // and each checks the night at its start.
  const nightClock = { CLOCK_OFFSET_MS: String(night.getTime() + 60_000 - Date.now()), OUTBOX_INTERVAL_MS: "200" };
  const nightWorkers = await Promise.all([startWorkerProcess("worker 1 (the night)", nightClock), startWorkerProcess("worker 2 (the night)", nightClock)]);
  workers.push(...nightWorkers);
  const runs = () =>
    withDb(
      async (c) =>
        (
          await c.query<{ run_key: string; status: string; family_entries: number }>(
            "select run_key, status, (counts->>'familyEntries')::int as family_entries from sync_runs where id > $1 order by id",
            [lastRunId],
          )
        ).rows,
    );
  await expect.poll(async () => (await runs()).map((r) => r.status), { timeout: 30_000 }).toEqual(["succeeded"]);

  // The night ended the race's sessions (on the workers' clock): the holder's queued one recap per
  // guardian, due on that clock, so the two workers send them. Then both stop, drained.
  const recaps = () =>
    withDb(
      async (c) =>
        (
          await c.query<{ to_address: string; status: string }>("select to_address, status::text from outbox_emails where dedupe_key like $1 order by 1", [
            `recap:provisional:%:${fam!.studentId}:%`,
          ])
        ).rows,
    );
  const guardianEmails = fam!.guardians.map((g) => g.email).sort();
  await expect.poll(recaps, { timeout: 30_000 }).toEqual(guardianEmails.map((to_address) => ({ to_address, status: "sent" })));
  await Promise.all(nightWorkers.map((w) => w.stop()));

  // One run, for that night, by one worker: one audit row for its family entries; the school
  // holds the holder's entry.
  const [run, ...others] = await runs();
  expect(others).toEqual([]);
  expect(run!.run_key).toBe(runKey);
  expect(run!.family_entries).toBeGreaterThanOrEqual(1);
  const after = await withDb(async (c) => ({
    audit: (await c.query("select 1 from audit_log where action = 'transfer.familyEntries' and entity_id = $1", [runKey])).rowCount,
    entries: (
      await c.query<{ entered_by_name: string; tracks: string[]; same_version: boolean }>(
        `select e.entered_by_name, array(select x->>'track' from jsonb_array_elements(e.items) x) as tracks,
                e.family_version = (select r.version from family_requests r where r.student_id = e.student_id and r.phase = e.phase) as same_version
           from school_family_entries e where e.student_id = $1`,
        [fam!.studentId],
      )
    ).rows,
  }));
  expect(after.audit).toBe(1);
  expect(after.entries).toEqual([{ entered_by_name: holder!.guardian.name, tracks: [holder!.track], same_version: true }]);

  const arrived = (await mailbox.all()).filter((m) => m.subject === INTENTIONS_RECAP_SUBJECT && m.text.includes(fam!.studentName));
  expect(arrived.map((m) => m.to.join(",")).sort()).toEqual(guardianEmails);
});

test("R-SYNC-3: with three senders on one clock (server A's and two workers'), each of 400 e-mails due at once leaves once", async () => {
  // Two more workers; the claims' leases are on PostgreSQL's clock (docs/sync.md), whatever the senders' clocks.
  const mailWorkers = await Promise.all([
    startWorkerProcess("worker 3", { OUTBOX_INTERVAL_MS: "200" }),
    startWorkerProcess("worker 4", { OUTBOX_INTERVAL_MS: "200" }),
  ]);
  workers.push(...mailWorkers);
  await withDb((c) =>
    c.query(
      `insert into outbox_emails (kind, dedupe_key, from_address, to_address, subject, html, text)
       select 'school-change', $1 || i, 'ne-pas-repondre@orientation.example.fr', 'plusieurs-serveurs-' || i || '@example.fr',
              '[ORIENTATION] Essai à plusieurs serveurs n° ' || i, '<p>Essai à plusieurs serveurs</p>', 'Essai à plusieurs serveurs'
         from generate_series(1, $2::int) i`,
      [BULK_KEY, BULK],
    ),
  );
  await expect
    .poll(
      async () =>
        withDb(
          async (c) =>
            (
              await c.query<{ status: string; n: number }>("select status::text, count(*)::int as n from outbox_emails where dedupe_key like $1 group by 1", [
                `${BULK_KEY}%`,
              ])
            ).rows,
        ),
      { timeout: 60_000 },
    )
    .toEqual([{ status: "sent", n: BULK }]);
  // Drained: the workers stop, each after the pass it was in.
  await Promise.all(mailWorkers.map((w) => w.stop()));

  const expected = Array.from({ length: BULK }, (_, i) => `plusieurs-serveurs-${i + 1}@example.fr|[ORIENTATION] Essai à plusieurs serveurs n° ${i + 1}`).sort();
  const arrived = (await mailbox.all()).filter((m) => m.to.some((t) => t.startsWith("plusieurs-serveurs-")));
  expect(arrived.map((m) => `${m.to.join(",")}|${m.subject}`).sort()).toEqual(expected);
  // One Message-ID per outbox row.
  expect(new Set(arrived.map((m) => (m as SunkEmail & { messageId?: string }).messageId)).size).toBe(BULK);
});
