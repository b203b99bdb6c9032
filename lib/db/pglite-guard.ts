import fs from "node:fs";
import path from "node:path";

/*
 * ONE process per PGlite data directory (docs/decisions/002). The web server, which runs the
 * scheduler and the outbox sender in-process on PGlite, writes its pid next to the directory; the
 * CLI jobs read it and refuse to open the directory while that process is alive.
 */

export function serverPidFile(pgliteDir: string): string {
  return `${path.resolve(pgliteDir)}.server.pid`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of the server holding the directory, or null. */
export function pgliteHolder(pgliteDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(serverPidFile(pgliteDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Called by the server process that opens the PGlite directory. */
export function claimPgliteDir(pgliteDir: string): void {
  const file = serverPidFile(pgliteDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
}
