import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

await runScript("migrations", async () => {
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolSize: 2 });
  try {
    await migrateDatabase(handle);
    console.log(`Migrations appliquées (${handle.kind === "postgres" ? "PostgreSQL" : `base embarquée ${e.PGLITE_DIR}`}).`);
  } finally {
    await handle.close();
  }
});
