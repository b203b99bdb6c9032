import { expireIdleSessions } from "@/lib/auth/session-lifecycle";
import type { JobContext } from "./job";

/** R-INT-8: ends the sessions idle past their expiry at `now`; each end queues its recaps. */
export async function run({ db, now, log }: JobContext): Promise<number> {
  const n = await expireIdleSessions(db, now);
  if (n > 0) log.info(`${n} session(s) expirée(s)`);
  return n;
}
