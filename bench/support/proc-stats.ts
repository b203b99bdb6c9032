import { execFileSync } from "node:child_process";
import fs from "node:fs";

/* What the benches read of /proc (Linux): CPU times, steadier than wall times on a shared machine, and the load. */

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The user + system CPU time of a process (or, with `thread`, of one of its threads) in ms; null when /proc cannot tell. */
export function cpuMsOf(pid: number | undefined, thread?: number): number | null {
  if (!pid) return null;
  try {
    const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = fs.readFileSync(file, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** The machine's load averages (1, 5, 15 min), or « inconnue ». */
export function loadAverage(): string {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "inconnue";
  }
}
