import { spawn, type ChildProcess } from "node:child_process";
import { appEnv } from "./app-env";

/*
 * More app processes for the multi-server spec, on the e2e run's build and database (app-env.ts):
 * another `next start` (a second app server) and `npm run worker` processes (scripts/worker.ts:
 * the scheduler and the outbox sender on their own). Each keeps its output, to be shown when it
 * fails to start, and stops on SIGTERM as an operator would stop it.
 */

export type AppProcess = {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

async function until(p: AppProcess, ready: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} s'est arrêté (code ${p.child.exitCode}) :\n${p.output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await p.stop();
      throw new Error(`${p.name} n'a pas démarré en ${timeoutMs / 1000} s :\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Another `next start` of the e2e build on `port`, with the main server's environment and `extra`; resolves once it answers. */
export async function startAppServer(name: string, port: number, extra: Record<string, string>): Promise<AppProcess> {
  const p = startProcess(name, "node_modules/.bin/next", ["start", "-p", String(port)], { ...appEnv, ...extra });
  await until(
    p,
    () =>
      fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false),
    120_000,
  );
  return p;
}

/** `npm run worker` (scripts/worker.ts, run by tsx as npm would) with the e2e environment and `extra`; resolves once its scheduler started. */
export async function startWorkerProcess(name: string, extra: Record<string, string>): Promise<AppProcess> {
  const p = startProcess(name, "node_modules/.bin/tsx", ["scripts/worker.ts"], { ...appEnv, ...extra });
  await until(p, () => p.output().includes("planificateur démarré"), 120_000);
  return p;
}
