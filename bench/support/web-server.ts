import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { buildFingerprint, buildIsCurrent, distDirOf, forgetBuild, recordBuild } from "../../scripts/build-fingerprint.mjs";

/*
 * The production build and the app server of `npm run bench:web`.
 * - The build is `next build` in its own dist dir, redone only when its inputs changed: the same
 *   content fingerprint as `npm start` (scripts/build-fingerprint.mjs).
 * - The server is the production runner, `node scripts/serve.mjs --port P --instances N` (a
 *   cluster of `next start`, docs/decisions/011-processes-and-load-balancing.md), with the
 *   statement counter on (SQL_STATEMENT_COUNTER, lib/db/client.ts): on SIGUSR2 each instance
 *   writes `[sql-count] {"pid":…,"statements":…}` on its stdout, which the runner shares.
 */

/** An environment for a child process (NODE_ENV may be absent: next build sets its own). */
export type Env = Record<string, string | undefined>;

export type BuildOutcome = { built: boolean; ms: number; why: string };

export function ensureBuild(dir: string, env: Env, skip: boolean): BuildOutcome {
  const dist = distDirOf(dir, env);
  const rel = path.relative(dir, dist);
  const hasBuild = fs.existsSync(path.join(dist, "BUILD_ID"));
  if (skip) {
    if (!hasBuild) throw new Error(`--skip-build : aucune construction dans ${rel}`);
    return { built: false, ms: 0, why: `--skip-build (construction existante ${rel})` };
  }
  const fingerprint = buildFingerprint(dir, env);
  if (buildIsCurrent(dir, env, fingerprint)) return { built: false, ms: 0, why: `construction ${rel} à jour (empreinte ${fingerprint.hash.slice(0, 12)})` };
  const why = hasBuild ? `sources modifiées depuis la construction ${rel}` : `aucune construction dans ${rel}`;
  process.stderr.write(`next build (${why})…\n`);
  forgetBuild(dir, env);
  const t0 = performance.now();
  const r = spawnSync(path.join(dir, "node_modules/.bin/next"), ["build"], {
    cwd: dir,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (r.status !== 0) throw new Error(`next build a échoué (code ${r.status})`);
  recordBuild(dir, env, fingerprint);
  return { built: true, ms: performance.now() - t0, why };
}

/** The command that serves the build: the production runner (one line to change to serve otherwise). */
function serverCommand(port: number, instances: number): string[] {
  return ["scripts/serve.mjs", "--port", String(port), "--instances", String(instances)];
}

const SHOWN_ERROR_LINES = 40;

export type AppServer = {
  origin: string;
  pids: number[];
  /** How many lines the server has written on stderr so far (its errors). */
  errorLines: () => number;
  /** The `[cause]` of the first error the server logged with one (e.g. the pool's connection timeout), or null. */
  firstErrorCause: () => string | null;
  /** The statements sent so far by all instances (SIGUSR2 to each, their `[sql-count]` lines summed). */
  sqlCount: () => Promise<number>;
  stop: () => Promise<void>;
};

export async function startAppServer(opts: { dir: string; port: number; instances: number; env: Env; readyTimeoutMs?: number }): Promise<AppServer> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(process.execPath, serverCommand(opts.port, opts.instances), {
    cwd: opts.dir,
    env: opts.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 60) tail.shift();
  };
  const waiting = new Map<number, (n: number) => void>();
  let pids: number[] | null = null;
  let readyResolve: (p: number[]) => void = () => {};
  const ready = new Promise<number[]>((r) => (readyResolve = r));
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    const count = /^\[sql-count\] (\{.*\})\s*$/.exec(line);
    if (count) {
      const { pid, statements } = JSON.parse(count[1]!) as { pid: number; statements: number };
      waiting.get(pid)?.(statements);
      waiting.delete(pid);
      return;
    }
    keep(line);
    const m = /prêtes? sur .*\(pids ([\d, ]+)\)/.exec(line);
    if (m && !pids) {
      pids = m[1]!.split(",").map((p) => Number(p.trim()));
      readyResolve(pids);
    }
  });
  // The server's own errors are shown as they come (an unexpected error during the measure
  // matters), the first lines only, shortened: an error under load repeats, with long queries.
  let errorLines = 0;
  let firstCause: string | null = null;
  readline.createInterface({ input: child.stderr! }).on("line", (line) => {
    keep(line);
    errorLines++;
    firstCause ??= /\[cause\]: (.*)$/.exec(line)?.[1] ?? null;
    if (errorLines <= SHOWN_ERROR_LINES) process.stderr.write(`[serveur] ${line.length > 240 ? `${line.slice(0, 240)}…` : line}\n`);
    else if (errorLines === SHOWN_ERROR_LINES + 1)
      process.stderr.write("[serveur] … (la suite du journal d'erreurs n'est pas affichée ; le tableau en donne le nombre de lignes)\n");
  });
  let exited = false;
  const exit = new Promise<void>((r) =>
    child.on("exit", () => {
      exited = true;
      r();
    }),
  );

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      for (const p of pids ?? []) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }, 30_000);
    await exit;
    clearTimeout(timer);
  };

  const timeout = opts.readyTimeoutMs ?? 180_000;
  const started = await Promise.race([
    ready.then(() => "ready" as const),
    exit.then(() => "exited" as const),
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), timeout).unref()),
  ]);
  if (started !== "ready") {
    await stop();
    throw new Error(`le serveur n'a pas démarré (${started === "exited" ? "arrêté" : "délai dépassé"}) :\n${tail.join("\n")}`);
  }
  // The instances are up; the first page also loads the database handle (migrations checked).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${origin}/connexion`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /connexion répond ${status} :\n${tail.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const sqlCount = async () => {
    const counts = await Promise.all(
      pids!.map(
        (pid) =>
          new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`pas de [sql-count] de l'instance ${pid} (SQL_STATEMENT_COUNTER)`)), 10_000);
            waiting.set(pid, (n) => {
              clearTimeout(timer);
              resolve(n);
            });
            process.kill(pid, "SIGUSR2");
          }),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  };
  return { origin, pids: pids!, sqlCount, stop, errorLines: () => errorLines, firstErrorCause: () => firstCause };
}
