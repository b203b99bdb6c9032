#!/usr/bin/env node
// `node scripts/serve.mjs [--port P] [--instances N|max] [--hostname H]`: serves the production
// build with N Next.js servers on one port (docs/decisions/011-processes-and-load-balancing.md).
// Node's cluster module: this process (the primary) holds the listening socket and hands each
// connection to one instance in turn (round-robin on Linux); each instance runs `next start`.
// It restarts an instance that dies, and on SIGINT/SIGTERM stops them all gracefully (each finishes
// its requests in progress). `npm start` serves through it; so can a production host.
// - N: --instances, else WEB_CONCURRENCY, else 1; `max` = the machine's cores.
// - The embedded PGlite database (no DATABASE_URL) allows one process only: N > 1 is refused.
// - The scheduled jobs (WORKER_IN_PROCESS) run in instance 1 only; the others get WORKER_IN_PROCESS=false.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { distDirOf } from "./build-fingerprint.mjs";

export const MAX_INSTANCES = 64;
/** How long a stopping instance may take to finish its requests before it is killed. */
const STOP_GRACE_MS = 20_000;
/** An instance that ran this long before dying is restarted at once; sooner, after a growing delay. */
const STABLE_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;

export class ServeError extends Error {}

/** The instance count of `--instances`/WEB_CONCURRENCY: a whole number from 1 to MAX_INSTANCES, or `max`. */
export function parseInstances(raw, cores = os.availableParallelism()) {
  const v = String(raw).trim().toLowerCase();
  if (v === "max") return Math.min(cores, MAX_INSTANCES);
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_INSTANCES) {
    throw new ServeError(`Nombre d'instances invalide (« ${raw} ») : un nombre entier de 1 à ${MAX_INSTANCES}, ou « max » (un par cœur, ${cores} ici).`);
  }
  return Number(v);
}

/** The runner's options from its arguments and environment; a French ServeError when they are wrong. */
export function parseServeArgs(argv, env = process.env, cores = os.availableParallelism()) {
  const opts = { port: env.PORT ?? "3000", hostname: undefined, instances: env.WEB_CONCURRENCY || "1" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new ServeError(`L'option ${flag} attend une valeur.`);
      return v;
    };
    if (flag === "--port" || flag === "-p") opts.port = value();
    else if (flag === "--instances" || flag === "-i") opts.instances = value();
    else if (flag === "--hostname" || flag === "-H") opts.hostname = value();
    else throw new ServeError(`Option inconnue : ${argv[i]} (options : --port P, --instances N|max, --hostname H).`);
  }
  const port = String(opts.port);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new ServeError(`Port invalide (« ${opts.port} ») : un nombre entier de 1 à 65535.`);
  const instances = parseInstances(opts.instances, cores);
  if (instances > 1 && !env.DATABASE_URL) {
    throw new ServeError(
      `${instances} instances demandées, mais la base embarquée (PGlite, sans DATABASE_URL) ne s'ouvre que dans un seul processus : ` +
        "une seule instance est possible. Pour plusieurs instances, donnez DATABASE_URL (un serveur PostgreSQL).",
    );
  }
  return { port: Number(port), hostname: opts.hostname, instances };
}

/** The environment of instance n (1-based): the scheduled jobs run in instance 1 at most. */
export function instanceEnv(n, env = process.env) {
  const own = { ORIENTATION_INSTANCE: String(n) };
  if (n > 1) own.WORKER_IN_PROCESS = "false";
  return { ...env, ...own };
}

/**
 * Without NEXTAUTH_SECRET (demo only, lib/env.ts), each process reads the random secret of
 * .data/nextauth-secret and creates it when absent (lib/auth/secret.ts): created here once, before
 * the instances start, so that they never race to create two different ones.
 */
function ensureSharedDemoSecret(dir) {
  const file = path.join(dir, ".data/nextauth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
}

const log = (line) => console.log(`[serve] ${line}`);
const warn = (line) => console.error(`[serve] ${line}`);

/**
 * Starts the instances and supervises them until SIGINT/SIGTERM. Exits the process: 0 after a
 * requested stop, the instance's code when the service fails to start (an instance that dies
 * before it is ready while none has ever been: a bad configuration must not restart forever).
 */
export function serve({ port, hostname, instances }, env = process.env, dir = process.cwd()) {
  const dist = distDirOf(dir, env);
  if (!fs.existsSync(path.join(dist, "BUILD_ID"))) {
    throw new ServeError(`Aucune construction dans ${path.relative(dir, dist) || dist} : lancez d'abord npm run build (npm start le fait).`);
  }
  if (instances > 1 && !env.NEXTAUTH_SECRET) ensureSharedDemoSecret(dir);

  const nextBin = createRequire(path.join(dir, "package.json")).resolve("next/dist/bin/next");
  cluster.setupPrimary({ exec: nextBin, args: ["start", "--port", String(port), ...(hostname ? ["--hostname", hostname] : [])], cwd: dir });

  const slots = Array.from({ length: instances }, (_, i) => ({ n: i + 1, worker: null, startedAt: 0, ready: false, failures: 0, timer: null }));
  let everReady = false;
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const start = (slot) => {
    slot.timer = null;
    slot.ready = false;
    slot.startedAt = Date.now();
    const worker = cluster.fork(instanceEnv(slot.n, env));
    slot.worker = worker;
    log(`instance n°${slot.n} : pid ${worker.process.pid}`);
    worker.on("message", (m) => {
      if (!m || m.type !== "orientation:ready") return;
      slot.ready = true;
      everReady = true;
      if (announced) log(`instance n°${slot.n} prête (pid ${worker.process.pid}).`);
      else if (slots.every((s) => s.ready)) {
        announced = true;
        const where = `http://${hostname ?? "localhost"}:${port}`;
        log(`${instances} instance${instances > 1 ? "s prêtes" : " prête"} sur ${where} (pids ${slots.map((s) => s.worker.process.pid).join(", ")}).`);
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.find((s) => s.worker === worker);
    if (!slot) return;
    slot.worker = null;
    if (stopping) {
      if (slots.every((s) => !s.worker)) {
        if (exitCode === 0) log("toutes les instances sont arrêtées.");
        process.exit(exitCode);
      }
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!slot.ready && !everReady) {
      warn(`✖ L'instance n°${slot.n} s'est arrêtée pendant son démarrage (${how}) : le service ne démarre pas.`);
      stopAll("SIGTERM", code || 1);
      return;
    }
    const ranMs = Date.now() - slot.startedAt;
    slot.failures = ranMs >= STABLE_MS ? 0 : slot.failures + 1;
    const delay = slot.failures === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (slot.failures - 1));
    warn(`⚠ L'instance n°${slot.n} (pid ${worker.process.pid}) s'est arrêtée (${how}) : redémarrage${delay ? ` dans ${delay / 1000} s` : ""}.`);
    slot.timer = setTimeout(() => start(slot), delay);
  });

  function stopAll(signal, code = 0) {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
    }
    const alive = slots.filter((s) => s.worker);
    if (alive.length === 0) process.exit(exitCode);
    for (const s of alive) s.worker.process.kill(signal);
    setTimeout(() => {
      for (const s of slots) if (s.worker) s.worker.process.kill("SIGKILL");
      warn(`arrêt forcé après ${STOP_GRACE_MS / 1000} s.`);
    }, STOP_GRACE_MS).unref();
  }
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (!stopping) log(`${sig} : arrêt des instances (les requêtes en cours se terminent)…`);
      stopAll(sig);
    });
  }
  log(
    `${instances} instance${instances > 1 ? "s" : ""} de next start sur le port ${port} (construction ${path.relative(dir, dist) || dist}` +
      `${instances > 1 && env.WORKER_IN_PROCESS === "true" ? ", tâches planifiées dans l'instance n°1 seulement" : ""}).`,
  );
  for (const s of slots) start(s);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    serve(parseServeArgs(process.argv.slice(2)));
  } catch (err) {
    if (!(err instanceof ServeError)) throw err;
    console.error(`\n✖ ${err.message}\n`);
    process.exit(2);
  }
}
