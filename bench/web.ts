import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "@/lib/db/client";
import { DEMO_ACADEMY_ID } from "@/lib/db/demo-accounts";
import { schoolYearOf } from "@/lib/domain/calendar";
import { BenchDbRefused, openBenchDb } from "./support/bench-db";
import { generateWebFamilies, type WebFamilies } from "./support/web-families";
import { ensureBuild, startAppServer, type AppServer, type Env } from "./support/web-server";
import { openSessions } from "./support/web-sessions";

/*
 * `npm run bench:web [-- --duration 8 --connections 64 --instances 1 --only famille,validation --skip-build --keep]`
 * The production build (NEXT_DIST_DIR=.next-bench, DEMO_MODE=true; rebuilt only when its inputs
 * changed) served by the production runner (scripts/serve.mjs, N instances) over PostgreSQL: a
 * fresh database (BENCH_WEB_DB, default orientation_bench_web, on BENCH_PG_URL; never one the bench
 * did not create: bench/support/bench-db.ts) with the demo data and a few thousand synthetic
 * families (bench/support/web-families.ts). Thousands of distinct guardians and heads are signed in
 * the way the app signs them in (bench/support/web-sessions.ts). Each scenario, with autocannon:
 * a warm-up, then `duration` seconds at C connections (req/s, p50, p99), a pass at 1 connection
 * (p50), and K sequential requests, each checked, between two readings of the server's SQL
 * statement counter (lib/db/client.ts): statements per request. The floors of the same server and
 * run: a static file and a bare dynamic page (app/(public)/bench-floor, served only with
 * BENCH_FLOOR=true). Between passes the bench waits for the server to finish what it still holds.
 * The load generator runs on the same machine as the server: it takes CPU from it.
 */

const { values } = parseArgs({
  strict: false,
  options: {
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "64" },
    instances: { type: "string", default: "1" },
    only: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    port: { type: "string", default: process.env.BENCH_WEB_PORT ?? "3140" },
    warmup: { type: "string", default: "2" },
    single: { type: "string", default: "3" },
    "sql-requests": { type: "string", default: "10" },
    readers: { type: "string", default: "1000" },
  },
});
const num = (v: unknown, name: string, min = 1) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} : nombre attendu (≥ ${min}), pas « ${String(v)} »`);
  return n;
};
const DURATION = num(values.duration, "duration");
const CONNECTIONS = Math.round(num(values.connections, "connections"));
const INSTANCES = Math.round(num(values.instances, "instances"));
const WARMUP = num(values.warmup, "warmup", 0);
const SINGLE = num(values.single, "single");
const SQL_REQUESTS = Math.round(num(values["sql-requests"], "sql-requests"));
const READERS = Math.round(num(values.readers, "readers"));
const PORT = Math.round(num(values.port, "port"));
const BIG_LIST = 1000;
const SMALL_LIST = 75;
const HEADS_PER_LIST = 8;
const WARMUP_CONNECTIONS = 16;
/** Validations the bench can hand out: a generous rate per instance over every pass that validates. */
const VALIDATION_RATE_CAP = 350;

const dir = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_WEB_DB || "orientation_bench_web";
const DIST = process.env.BENCH_WEB_DIST_DIR || ".next-bench";

const fmt = (n: number, d = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: d, minimumFractionDigits: d });
const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const step = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  process.stderr.write(`${label}… `);
  const t0 = performance.now();
  const r = await fn();
  process.stderr.write(`${secs(performance.now() - t0)}\n`);
  return r;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join(" ");

type Check = (status: number, body: string) => string | null;
/** One request, with the check of its answer (null: fine). */
type Target = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string; check: Check };
type Scenario = {
  key: string;
  label: string;
  /** The next request (rotating through accounts, or the next validation pair). */
  next: () => Target;
  /** Check every answer under load too (not the static file: its status is enough, and reading its bodies would load the bench). */
  checkUnderLoad: boolean;
};
type Measure = { rps: number; p50: number; p99: number; total: number; failures: number; durationS: number; passed: number; problem: string | null };
type Row = { scenario: Scenario; load: Measure | null; single: Measure | null; sqlPerRequest: number | null; notes: string[] };

/**
 * One autocannon pass of `scenario`; `stopWhen` ends it early (validations running out of pairs).
 * Each connection has one request in flight: its context carries that request's check to its answer.
 * `failures`: non-2xx, connection errors and answers that fail their check; `passed`: answers that pass it.
 */
function pass(origin: string, scenario: Scenario, connections: number, durationS: number, stopWhen?: () => boolean): Promise<Measure> {
  let passed = 0;
  let failed = 0;
  let problem: string | null = null;
  return new Promise((resolve, reject) => {
    let stopAsked = false;
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: durationS,
        timeout: 120,
        requests: [
          {
            setupRequest: (req, context) => {
              if (stopWhen && !stopAsked && stopWhen()) {
                stopAsked = true;
                setImmediate(() => instance.stop());
              }
              const t = scenario.next();
              (context as { check?: Check }).check = t.check;
              return { ...req, method: t.method, path: t.path, headers: t.headers, body: t.body };
            },
            ...(scenario.checkUnderLoad
              ? {
                  onResponse: (status: number, body: string, context: object) => {
                    const p = (context as { check?: Check }).check?.(status, body) ?? null;
                    if (p === null) passed++;
                    else if (status >= 200 && status < 300) {
                      failed++; // a non-2xx is counted by autocannon already
                      problem ??= p;
                    } else problem ??= p;
                  },
                }
              : {}),
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          rps: r.requests.total / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          total: r.requests.total,
          failures: r.non2xx + r.errors + failed,
          durationS: r.duration,
          passed,
          problem,
        });
      },
    );
  });
}

/** Waits until the server has finished what it still holds: its statement count stops moving, and a bare page answers. */
async function settle(server: AppServer) {
  const deadline = Date.now() + 180_000;
  let last = await server.sqlCount();
  while (Date.now() < deadline) {
    await sleep(400);
    const now = await server.sqlCount();
    if (now === last) break;
    last = now;
  }
  await fetch(`${server.origin}/bench-floor`).then((r) => r.text());
}

/** K requests one after the other, each checked, between two readings of the statement counter. */
async function sqlPass(server: AppServer, scenario: Scenario, k: number): Promise<number> {
  await settle(server);
  const before = await server.sqlCount();
  for (let i = 0; i < k; i++) {
    const t = scenario.next();
    const res = await fetch(`${server.origin}${t.path}`, { method: t.method, headers: t.headers, body: t.body, redirect: "manual" });
    const problem = t.check(res.status, await res.text());
    if (problem) throw new Error(`${scenario.label} : ${problem}`);
  }
  return ((await server.sqlCount()) - before) / k;
}

const INTENTIONS = [
  { track: "2GT", subTrack: "", freeText: null, statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false },
  {
    track: "2PRO",
    subTrack: "",
    freeText: "Métiers de la relation client",
    statusSchool: true,
    statusApprentice: false,
    specialties: [],
    stagePasserelle: false,
  },
];

/** The id of the family's validation action in the build (what the browser sends as `Next-Action`). */
function validateActionId(dist: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === "lib/actions/family.ts" && a.exportedName === "validateIntentionsAction");
  if (!found) throw new Error("validateIntentionsAction absente du server-reference-manifest de la construction");
  if (!Object.keys(found[1].workers).some((w) => w.includes("famille/eleves/[studentId]/page"))) {
    throw new Error("validateIntentionsAction n'est pas servie par la page d'un élève (famille/eleves/[studentId])");
  }
  return found[0];
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "?";
  return `${os.availableParallelism()} cœurs (${cpu}), ${fmt(os.totalmem() / 2 ** 30)} Go, Node ${process.versions.node}`;
}

async function main() {
  const tStart = performance.now();
  const only = typeof values.only === "string" ? new Set(values.only.split(",").map((s) => s.trim())) : null;
  const wants = (key: string) => !only || only.has(key);
  const validating = wants("validation");

  // The build's environment: as `npm start` builds (NODE_ENV left to next build).
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const buildEnv: Env = { ...inherited, NEXT_DIST_DIR: DIST, DEMO_MODE: "true" };
  const build = ensureBuild(dir, buildEnv, values["skip-build"] === true);
  const dist = path.resolve(dir, DIST);
  const actionId = validating ? validateActionId(dist) : "";
  const tSetup = performance.now();

  const benchDb = await openBenchDb(serverUrl, dbName);
  const secret = randomBytes(32).toString("base64url");
  const origin = `http://127.0.0.1:${PORT}`;
  const c = new pg.Client({ connectionString: benchDb.url });
  await c.connect();
  const handle = await openDatabase({ url: benchDb.url, poolSize: 10 });
  let server: AppServer | null = null;
  const stopServer = async () => {
    const s = server;
    server = null;
    if (s) await s.stop();
  };
  process.once("SIGINT", () => void stopServer().finally(() => process.exit(130)));
  try {
    const seedEnv: Env = { ...buildEnv, DATABASE_URL: benchDb.url };
    await step("Migrations et données de démonstration (scripts/db-seed.ts)", () => {
      const r = spawnSync(path.join(dir, "node_modules/.bin/tsx"), ["scripts/db-seed.ts"], {
        cwd: dir,
        env: seedEnv as NodeJS.ProcessEnv,
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`db-seed a échoué :\n${r.stdout}\n${r.stderr}`);
    });
    const validationsNeeded = validating ? Math.ceil(VALIDATION_RATE_CAP * INSTANCES * (WARMUP + DURATION + SINGLE)) + SQL_REQUESTS + 10 : 0;
    const now = new Date();
    const families: WebFamilies = await step(
      `Familles synthétiques (${fmt(READERS)} lectrices, ${fmt(validationsNeeded)} qui valident, listes de ${fmt(BIG_LIST)} et ${fmt(SMALL_LIST)} élèves)`,
      () =>
        generateWebFamilies(
          c,
          DEMO_ACADEMY_ID,
          { readers: READERS, validators: validationsNeeded, bigList: BIG_LIST, smallList: SMALL_LIST, headsPerList: HEADS_PER_LIST },
          { birthYear: Number(schoolYearOf(now).slice(0, 4)) - 14, now },
        ),
    );
    const idleMinutes = Number(process.env.SESSION_IDLE_MINUTES ?? 30);
    const sessionOpts = { secret, idleMinutes };
    const [readerCookies, validatorCookies, bigCookies, smallCookies] = await step(
      `Sessions (${fmt(families.readers.length + families.validators.length + 2 * HEADS_PER_LIST)} représentants et chefs d'établissement distincts)`,
      async () => [
        await openSessions(
          handle.db,
          families.readers.map((r) => ({ ...r, role: "guardian" as const })),
          sessionOpts,
        ),
        await openSessions(
          handle.db,
          families.validators.map((v) => ({ ...v, role: "guardian" as const })),
          sessionOpts,
        ),
        await openSessions(
          handle.db,
          families.bigListHeads.map((h) => ({ ...h, role: "head" as const })),
          sessionOpts,
        ),
        await openSessions(
          handle.db,
          families.smallListHeads.map((h) => ({ ...h, role: "head" as const })),
          sessionOpts,
        ),
      ],
    );
    await c.query("vacuum analyze");

    const serverEnv: Env = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: benchDb.url,
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: secret,
      DEMO_MODE: "true",
      WORKER_IN_PROCESS: "false",
      NEXT_DIST_DIR: DIST,
      BENCH_FLOOR: "true",
      SQL_STATEMENT_COUNTER: "true",
    };
    for (const k of ["PORT", "WEB_CONCURRENCY", "CLOCK_OFFSET_MS", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete serverEnv[k];
    server = await step(`Serveur : node scripts/serve.mjs --port ${PORT} --instances ${INSTANCES}`, () =>
      startAppServer({ dir, port: PORT, instances: INSTANCES, env: serverEnv }),
    );
    const app = server;

    // The static file: the first script of the sign-in page, served by the same server.
    const signInHtml = await fetch(`${origin}/connexion`).then((r) => r.text());
    const staticPath = /\/_next\/static\/[^"'\s]+\.js/.exec(signInHtml)?.[0];
    if (!staticPath) throw new Error("aucun fichier /_next/static/… dans /connexion");

    const rotate = <T>(list: T[]) => {
      let i = 0;
      return () => list[i++ % list.length]!;
    };
    const nextReader = rotate(families.readers.map((r, i) => ({ ...r, cookie: readerCookies[i]! })));
    const nextReader2 = rotate(families.readers.map((r, i) => ({ ...r, cookie: readerCookies[i]! })));
    const nextBig = rotate(bigCookies);
    const nextSmall = rotate(smallCookies);
    let validationCursor = 0;
    let validationReplays = 0;
    const nextValidation = () => {
      // Never reached with the pairs sized above; a replay (no write) rather than a crash if it were.
      if (validationCursor >= families.validators.length) validationReplays++;
      const i = Math.min(validationCursor++, families.validators.length - 1);
      return { ...families.validators[i]!, cookie: validatorCookies[i]! };
    };
    const ok = (status: number) => (status === 200 ? null : `statut ${status}`);
    const has = (text: string) => (status: number, body: string) => ok(status) ?? (body.includes(text) ? null : `« ${text} » absent de la page`);
    const rowsOf = (n: number) => (status: number, body: string) => {
      const rows = body.split("data-student=").length - 1;
      return ok(status) ?? (rows === n ? null : `${rows} lignes d'élèves au lieu de ${n}`);
    };
    const get = (p: string, check: Check, cookie?: string): Target => ({ method: "GET", path: p, headers: cookie ? { cookie } : {}, check });
    const all: Scenario[] = [
      { key: "statique", label: `fichier statique (${path.basename(staticPath)})`, next: () => get(staticPath, ok), checkUnderLoad: false },
      { key: "plancher", label: "page dynamique nue (/bench-floor)", next: () => get("/bench-floor", has("ok")), checkUnderLoad: true },
      { key: "connexion", label: "/connexion", next: () => get("/connexion", has("Connexion au service")), checkUnderLoad: true },
      {
        key: "famille",
        label: "/famille",
        next: () => {
          const r = nextReader();
          return get("/famille", has(r.studentName), r.cookie);
        },
        checkUnderLoad: true,
      },
      {
        key: "eleve",
        label: "page d'un élève (/famille/eleves/…)",
        next: () => {
          const r = nextReader2();
          return get(`/famille/eleves/${r.studentId}`, has(r.studentName), r.cookie);
        },
        checkUnderLoad: true,
      },
      {
        key: "liste-75",
        label: `liste des élèves (${SMALL_LIST})`,
        next: () => get("/etablissement/eleves", rowsOf(SMALL_LIST), nextSmall()),
        checkUnderLoad: true,
      },
      {
        key: "liste-1000",
        label: `liste des élèves (${fmt(BIG_LIST)})`,
        next: () => get("/etablissement/eleves", rowsOf(BIG_LIST), nextBig()),
        checkUnderLoad: true,
      },
      {
        key: "validation",
        label: "validation des intentions",
        next: () => {
          const v = nextValidation();
          return {
            method: "POST",
            path: `/famille/eleves/${v.studentId}`,
            // What the browser sends for a server action called with one plain object (React's encodeReply of JSON values).
            headers: {
              cookie: v.cookie,
              origin,
              accept: "text/x-component",
              "content-type": "text/plain;charset=UTF-8",
              "next-action": actionId,
            },
            body: JSON.stringify([{ studentId: v.studentId, intentions: INTENTIONS }]),
            check: (status, body) => ok(status) ?? (body.includes('"outcome":"validated"') ? null : `réponse sans validation : ${body.slice(0, 300)}`),
          };
        },
        checkUnderLoad: true,
      },
    ];
    const scenarios = all.filter((s) => wants(s.key));
    if (scenarios.length === 0) throw new Error(`--only : aucun scénario parmi ${values.only}`);

    // Before measuring: one guardian's cookie is accepted (their child's page), one validation writes its row.
    const first = families.readers[0]!;
    const home = await fetch(`${origin}/famille`, { headers: { cookie: readerCookies[0]! }, redirect: "manual" });
    const homeProblem = has(first.studentName)(home.status, await home.text());
    if (homeProblem) throw new Error(`le cookie d'un représentant n'est pas accepté (GET /famille : ${homeProblem})`);
    process.stderr.write(`Cookie vérifié : GET /famille → 200 avec « ${first.studentName} »\n`);
    const countValidations = async () =>
      (
        await c.query<{ n: number }>(
          `select count(*)::int as n from family_requests r join students s on s.id = r.student_id join schools k on k.id = s.school_id
            where r.phase = 'provisional' and k.uai like '9%W'`,
        )
      ).rows[0]!.n;
    let checkedValidations = 0;
    if (validating) {
      const v = scenarios.find((s) => s.key === "validation")!;
      const t = v.next();
      const res = await fetch(`${origin}${t.path}`, { method: t.method, headers: t.headers, body: t.body, redirect: "manual" });
      const problem = t.check(res.status, await res.text());
      const rows = await countValidations();
      if (problem || rows !== 1) throw new Error(`la validation par l'action serveur ne fonctionne pas : ${problem ?? `${rows} lignes au lieu de 1`}`);
      checkedValidations = 1;
      process.stderr.write(`Validation vérifiée : POST Next-Action ${actionId.slice(0, 10)}… → 200, une ligne family_requests écrite\n`);
    }

    const rows: Row[] = [];
    const loadBefore = loadAverage();
    const tMeasure = performance.now();
    for (const s of scenarios) {
      process.stderr.write(`▶ ${s.label} : `);
      const isValidation = s.key === "validation";
      const stopWhen = isValidation ? () => families.validators.length - validationCursor < Math.max(4 * CONNECTIONS, 200) : undefined;
      const notes: string[] = [];
      // The server's error lines, per phase: what a pass leaves queued is served after it ends.
      const errors: [string, number][] = [];
      let mark = app.errorLines();
      const phase = (name: string) => {
        const now = app.errorLines();
        if (now > mark) errors.push([name, now - mark]);
        mark = now;
      };
      await settle(app);
      phase("avant");
      if (WARMUP > 0) {
        // Fewer connections: enough to warm the code and the pool, without a backlog to wait for.
        process.stderr.write("échauffement… ");
        const warm = await pass(origin, s, Math.min(CONNECTIONS, WARMUP_CONNECTIONS), WARMUP, stopWhen);
        if (isValidation) checkedValidations += warm.passed;
        await settle(app);
        phase("échauffement");
      }
      process.stderr.write(`${CONNECTIONS} connexions… `);
      const load = await pass(origin, s, CONNECTIONS, DURATION, stopWhen);
      phase("mesure");
      if (load.durationS < DURATION - 0.5) notes.push(`arrêtée à ${fmt(load.durationS, 1)} s : paires épuisées`);
      if (isValidation) checkedValidations += load.passed;
      await settle(app);
      phase("requêtes restées en file après la mesure");
      process.stderr.write("1 connexion… ");
      const single = await pass(origin, s, 1, SINGLE, stopWhen);
      if (isValidation) checkedValidations += single.passed;
      process.stderr.write("SQL… ");
      const sql = await sqlPass(app, s, SQL_REQUESTS);
      phase("1 connexion et SQL");
      if (isValidation) checkedValidations += SQL_REQUESTS;
      const problem = load.problem ?? single.problem;
      if (problem) notes.push(`échec : ${problem.slice(0, 120)}`);
      if (errors.length > 0) {
        const cause = app.firstErrorCause();
        notes.push(
          `lignes d'erreur du serveur : ${errors.map(([name, n]) => `${name} ${fmt(n)}`).join(", ")}${cause ? ` (première cause : ${cause.slice(0, 120)})` : ""}`,
        );
      }
      process.stderr.write(`${fmt(load.rps)} req/s\n`);
      rows.push({ scenario: s, load, single, sqlPerRequest: sql, notes });
    }
    const loadAfter = loadAverage();
    const tEnd = performance.now();
    await settle(app);

    // Every validation handed out is a distinct guardian and student: the rows the database holds
    // against the answers that said « validated » (a request in flight when a pass stops may be
    // written without its answer being read).
    const validationLine = validating
      ? await (async () => {
          const inDb = await countValidations();
          const v = rows.find((r) => r.scenario.key === "validation");
          const twoXx = (v?.load?.total ?? 0) - (v?.load?.failures ?? 0);
          return (
            `validations : ${fmt(inDb)} lignes en base pour ${fmt(validationCursor)} paires (représentant, élève) distinctes envoyées, ` +
            `${fmt(checkedValidations)} réponses « validated » lues (mesure à ${CONNECTIONS} connexions : ${fmt(v?.load?.passed ?? 0)} sur ${fmt(twoXx)} réponses 2xx)` +
            (validationReplays ? `, ${fmt(validationReplays)} rejouées faute de paires` : "")
          );
        })()
      : null;
    await stopServer();

    // The table.
    const floor = rows.find((r) => r.scenario.key === "plancher")?.load?.rps;
    const stat = rows.find((r) => r.scenario.key === "statique")?.load?.rps;
    const ratio = (base: number | undefined, rps: number | undefined) => (base && rps ? `${fmt(base / rps, 2)}×` : "—");
    const ms = (v: number | undefined) => (v === undefined ? "—" : v < 1 ? "< 1" : fmt(v, v < 10 ? 1 : 0));
    const header = ["scénario", "req/s", "p50 ms", "p99 ms", "p50 ms (1 conn.)", "SQL/requête", "coût / plancher", "coût / statique", "échecs"];
    const table = rows.map((r) => [
      r.scenario.label,
      fmt(r.load?.rps ?? 0),
      ms(r.load?.p50),
      ms(r.load?.p99),
      ms(r.single?.p50),
      r.sqlPerRequest === null ? "—" : fmt(r.sqlPerRequest, r.sqlPerRequest % 1 === 0 ? 0 : 1),
      ratio(floor, r.load?.rps),
      ratio(stat, r.load?.rps),
      fmt((r.load?.failures ?? 0) + (r.single?.failures ?? 0)),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
    const totalMs = performance.now() - tStart;
    console.log(
      [
        "",
        `Pages web — ${new Date().toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}, ${machine()}`,
        `  serveur : construction de production ${DIST} (${build.built ? `reconstruite en ${secs(build.ms)}` : build.why}), ` +
          `node scripts/serve.mjs --instances ${INSTANCES}, PostgreSQL ${benchDb.name}, DEMO_MODE=true, tâches planifiées hors du serveur`,
        `  données : démo + ${fmt(families.counts.students)} élèves synthétiques (${fmt(families.counts.schools)} collèges, ${fmt(families.counts.divisions)} divisions, ` +
          `${fmt(families.counts.guardians)} représentants avec compte) ; sessions : ${fmt(readerCookies.length)} représentants lisent, ` +
          `${fmt(validatorCookies.length)} peuvent valider, ${fmt(bigCookies.length + smallCookies.length)} chefs d'établissement ; ` +
          `cookies next-auth créés comme après une connexion (startAuthSession + encode), pas par le parcours OIDC`,
        `  charge : autocannon sur la même machine, ${CONNECTIONS} connexions × ${fmt(DURATION)} s après ${fmt(WARMUP)} s d'échauffement ; ` +
          `p50 à 1 connexion sur ${fmt(SINGLE)} s ; SQL/requête = instructions envoyées (BEGIN/COMMIT compris) sur ${SQL_REQUESTS} requêtes successives vérifiées`,
        `  coût / plancher = req/s de la page dynamique nue ÷ req/s de la page (1 = le plancher) ; coût / statique : idem avec le fichier statique`,
        "",
        line(header),
        `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
        ...table.map(line),
        "",
        ...rows.filter((r) => r.notes.length > 0).map((r) => `  ${r.scenario.label} : ${r.notes.join(" ; ")}`),
        ...(validationLine ? [`  ${validationLine}`] : []),
        `  load average : ${loadBefore} au début des mesures, ${loadAfter} à la fin ; préparation ${secs(tMeasure - tSetup)}, mesures ${secs(tEnd - tMeasure)} ; durée totale ${secs(totalMs)}`,
      ].join("\n"),
    );
    const failures = rows.reduce((n, r) => n + (r.load?.failures ?? 0) + (r.single?.failures ?? 0), 0);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await stopServer();
    await c.end().catch(() => {});
    await handle.close().catch(() => {});
    if (!values.keep) await benchDb.drop().catch((e) => console.error(`base ${dbName} non supprimée : ${(e as Error).message}`));
  }
}

main().catch((err) => {
  if (err instanceof BenchDbRefused) console.error(`Banc d'essai refusé : ${err.message}`);
  else console.error("Échec du banc d'essai :", err);
  process.exit(1);
});
