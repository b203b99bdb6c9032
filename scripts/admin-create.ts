import { now } from "@/lib/clock";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parseAdminCreateArgs } from "@/lib/domain/accounts";
import { DomainError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { createAdminAccount } from "@/lib/services/accounts";
import { runScript } from "./run-script";

/*
 * `npm run admin:create -- --login <identifiant> --name "<Prénom Nom>" [--email <adresse>]`: the
 * platform's first administrator (and any other), outside the demo (docs/production.md). Prints a
 * random one-time password once; the account must change it at its first sign-in. An existing
 * login is refused (exit 1), and nothing is changed.
 */
let args;
try {
  args = parseAdminCreateArgs(process.argv.slice(2));
} catch (err) {
  console.error(`\n${(err as Error).message}\n`);
  process.exit(1);
}

await runScript("création d'un administrateur", async () => {
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolSize: 2 });
  try {
    await migrateDatabase(handle);
    const { password } = await createAdminAccount(handle.db, args, now());
    console.log(
      [
        `Compte administrateur « ${args.login} » créé (${args.name}).`,
        `Mot de passe à usage unique : ${password}`,
        "Il n'est affiché qu'une fois : transmettez-le à son titulaire par un canal sûr. Il devra le changer à sa première connexion.",
      ].join("\n"),
    );
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(`\n${err.message}\n`);
      process.exitCode = 1; // after the database is closed (PGlite writes its files then)
      return;
    }
    throw err;
  } finally {
    await handle.close();
  }
});
