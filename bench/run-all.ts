import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/* `npm run bench`: every bench/*.ts but this one, in turn; extra arguments go to each. */
const dir = import.meta.dirname;
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts")
  .sort();
let failed = 0;
for (const f of benches) {
  console.log(`\n▶ bench/${f}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, f), ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
