import { ConfigurationError } from "@/lib/env";
import { DatabaseUnavailableError } from "@/lib/db/client";

/** Runs a CLI body; expected failures print one French line, not a stack trace. */
export async function runScript(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (err instanceof ConfigurationError || err instanceof DatabaseUnavailableError) {
      console.error(`\n${err.message}\n`);
    } else {
      console.error(`Échec (${name}) :`, err);
    }
    process.exit(1);
  }
}
