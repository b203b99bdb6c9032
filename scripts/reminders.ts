import { run } from "@/jobs/reminders";
import { now as clockNow } from "@/lib/clock";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { pgliteHolder } from "@/lib/db/pglite-guard";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";
import { runScript } from "./run-script";

/*
 * `npx tsx scripts/reminders.ts`: runs the reminders job once (R-OVS-2), now: every due reminder
 * is sent to the families that have not validated, once (the worker does it every minute; this is
 * for an operator, and for the e2e test). The e-mails leave with the outbox sender.
 */
await runScript("reminders", async () => {
  const e = env();
  if (!e.DATABASE_URL && pgliteHolder(e.PGLITE_DIR)) {
    console.error("\nLa base embarquée est ouverte par le serveur : les relances y sont envoyées par le serveur lui-même, chaque minute.\n");
    process.exit(2);
  }
  const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
  try {
    await migrateDatabase(handle);
    const runs = await run({ db: handle.db, now: clockNow(), mailer: null, log: consoleLog("relances") });
    console.log(runs.length === 0 ? "Aucune relance à envoyer." : `${runs.length} relance(s) envoyée(s).`);
  } finally {
    await handle.close();
  }
});
