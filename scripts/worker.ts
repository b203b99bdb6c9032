import { startWorker } from "@/jobs/worker";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";
import { runScript } from "./run-script";

/* `npm run worker`: the scheduler and the outbox sender in their own process (PostgreSQL only). */
await runScript("worker", async () => {
  const e = env();
  if (!e.DATABASE_URL) {
    console.error(
      "\nLe processus séparé (npm run worker) demande PostgreSQL (DATABASE_URL).\n" +
        "Avec la base embarquée, le transfert nocturne et l'envoi des courriels tournent déjà dans le serveur (npm start) :\n" +
        "une seule application peut ouvrir la base embarquée à la fois.\n",
    );
    process.exit(2);
  }
  const handle = await openDatabase({ url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE });
  await migrateDatabase(handle);
  const worker = startWorker({ db: handle.db, pool: handle.pool, log: consoleLog("worker") });
  const shutdown = async (sig: string) => {
    console.info(`[worker] ${sig} : arrêt…`);
    await worker.stop();
    await handle.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await new Promise(() => {}); // runs until a signal
});
