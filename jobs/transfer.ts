import type { Pool } from "pg";
import { runTransfer, type TransferOptions, type TransferResult } from "@/lib/transfer/run";
import type { JobContext } from "./job";

/*
 * The nightly transfer as a scheduled job (docs/sync.md). The transfer itself lives in
 * lib/transfer/run.ts, because the administrator's manual run (lib/actions/transfer.ts) starts it
 * too and lib/ never imports jobs/.
 */
export function run(ctx: JobContext & { pool?: Pool; runKey?: string } & Omit<TransferOptions, keyof JobContext | "pool" | "runKey">): Promise<TransferResult> {
  return runTransfer({ triggeredBy: "cron", ...ctx });
}
