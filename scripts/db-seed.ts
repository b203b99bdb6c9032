import { now } from "@/lib/clock";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

/*
 * `npm run db:seed`: migrates, then seeds the demo data in demo mode only (DEMO_MODE=true, which
 * `npm start` sets by default). Outside demo mode it migrates and creates nothing: no demo account
 * with a known password can reach a production database (docs/production.md).
 */
await runScript("données de démonstration", async () => {
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolSize: 2 });
  const where = handle.kind === "postgres" ? "PostgreSQL" : `base embarquée ${e.PGLITE_DIR}`;
  try {
    await migrateDatabase(handle);
    if (!e.DEMO_MODE) {
      console.log(
        `Base migrée (${where}). Mode démonstration désactivé (DEMO_MODE n'est pas « true ») : aucune donnée de démonstration n'a été créée. ` +
          "Créez le premier administrateur avec npm run admin:create (voir docs/production.md).",
      );
      return;
    }
    const result = await seedDemo(handle.db, now());
    if (result.created) {
      const c = result.counts;
      console.log(
        `Données de démonstration créées (${where}) : académie de Grenoble, ${c.schools} établissements, ${c.divisions} divisions, ` +
          `${c.students} élèves, ${c.guardians} représentants légaux, ${c.accounts} comptes, ${c.classCouncils} conseils de classe, ` +
          `${c.campaignWindows} calendriers de campagne.`,
      );
      console.log(
        c.history
          ? `Lycée Champollion : historique 2de GT joué par les services (${c.history.steps} étapes, ${c.history.nights} transferts nocturnes simulés) ; aucun courriel de ce passé ne part.`
          : "Lycée Champollion : pas d'historique 2de GT (la base contient une autre académie).",
      );
    } else {
      console.log(`Données de démonstration déjà présentes (${where}) : rien n'a été modifié.`);
    }
  } finally {
    await handle.close();
  }
});
