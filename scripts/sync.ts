import { parseArgs } from "node:util";
import { run } from "@/jobs/transfer";
import { now as clockNow } from "@/lib/clock";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { fromParisInputValue, formatParisDateTime } from "@/lib/domain/paris-time";
import { TRANSFER_COUNT_LABELS, type TransferCounts } from "@/lib/domain/transfer-runs";
import { createMailer, NO_MAILER_MESSAGE } from "@/lib/outbox/mailer";
import { env } from "@/lib/env";
import { consoleLog } from "@/lib/log";
import { pgliteHolder } from "@/lib/db/pglite-guard";
import { runScript } from "./run-script";

/*
 * `npm run sync -- [--now "2026-11-24T02:00"] [--dry-run] [--manual] [--batch-size N]`
 * Runs the nightly transfer by hand. --now is a Paris wall-clock date-time (or an ISO instant with
 * its offset): the transfer runs "as of" then, for tests and demos. Progress goes to stderr.
 */

const HELP = `Usage : npm run sync -- [options]
  --now <date-heure>   transfert « comme si » à cette date (heure de Paris, ex. 2026-11-24T02:00)
  --dry-run            affiche ce qui serait transmis, sans rien écrire
  --manual             exécution manuelle (clé propre), même si la nuit a déjà été traitée
  --batch-size <n>     élèves par lot (défaut 50000)
  --pause-ms <n>       pause entre deux lots (démonstration de la reprise après interruption)`;

function parseNow(v: string | undefined, now: Date): Date {
  if (!v) return now;
  const paris = fromParisInputValue(v.slice(0, 16));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && paris) return paris;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`--now illisible : « ${v} » (attendu : 2026-11-24T02:00)`);
  return d;
}

function fmt(n: number): string {
  return n.toLocaleString("fr-FR");
}

function summary(counts: TransferCounts): string {
  if (!Object.entries(counts).some(([k, n]) => k !== "students" && n > 0)) return "  Rien à transmettre.";
  return Object.entries(TRANSFER_COUNT_LABELS)
    .filter(([k]) => counts[k] !== undefined)
    .map(([k, label]) => `  ${label} : ${fmt(counts[k]!)}`)
    .join("\n");
}

await runScript("sync", async () => {
  const { values } = parseArgs({
    options: {
      now: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      manual: { type: "boolean", default: false },
      "batch-size": { type: "string" },
      "pause-ms": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const e = env();
  if (!e.DATABASE_URL) {
    const holder = pgliteHolder(e.PGLITE_DIR);
    if (holder) {
      console.error(
        `\nLa base embarquée (${e.PGLITE_DIR}) est ouverte par le serveur (processus ${holder}) : une seule application peut l'utiliser à la fois.\n` +
          `Lancez le transfert depuis l'écran d'administration « Transferts » (/admin/transferts), ou arrêtez le serveur puis relancez npm run sync.\n` +
          `Avec PostgreSQL (DATABASE_URL), npm run sync peut tourner à côté du serveur.\n`,
      );
      process.exit(2);
    }
  }
  // The product's time (lib/clock.ts), read once; --now only moves the cut-off.
  const now = clockNow();
  const asOf = parseNow(values.now, now);
  const dryRun = values["dry-run"] ?? false;
  const handle = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
  // Outside demo mode without SMTP_URL: no mailer, the e-mails queued stay pending (docs/operations.md).
  const mailer = createMailer(e);
  if (!mailer) process.stderr.write(`${NO_MAILER_MESSAGE}\n`);
  try {
    await migrateDatabase(handle);
    const tty = process.stderr.isTTY;
    process.stderr.write(`Transfert ${dryRun ? "(simulation) " : ""}au ${formatParisDateTime(asOf)} (heure de Paris)\n`);
    const result = await run({
      db: handle.db,
      pool: handle.pool,
      now,
      asOf,
      log: consoleLog("sync"),
      mailer,
      dryRun,
      triggeredBy: "cli",
      runKey: values.manual ? `manual:${now.toISOString()}` : undefined,
      batchSize: values["batch-size"] ? Number(values["batch-size"]) : undefined,
      pauseBetweenBatchesMs: values["pause-ms"] ? Number(values["pause-ms"]) : undefined,
      onProgress: (p) => {
        const ratio = p.studentsTotal ? p.studentsDone / p.studentsTotal : 1;
        const width = 24;
        const bar = "█".repeat(Math.round(ratio * width)).padEnd(width, "░");
        const c = p.counts;
        const line = `[${bar}] ${fmt(p.studentsDone)}/${fmt(p.studentsTotal)} élèves · lot ${p.batch} · TS ${fmt(c.familyEntries ?? 0)} · AR ${fmt(c.acknowledgements ?? 0)} · avis ${fmt(c.opinions ?? 0)} · propositions ${fmt(c.proposals ?? 0)} · décisions ${fmt(c.decisions ?? 0)}`;
        process.stderr.write(tty ? `\r${line}` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write("\n");
    if (result.status === "skipped") {
      console.log(
        result.reason === "locked"
          ? "Un autre transfert est en cours (autre processus) : rien à faire."
          : `Le transfert de cette nuit (${result.runKey}) a déjà été effectué. Utilisez --manual pour en lancer un autre.`,
      );
      return;
    }
    console.log(
      `${dryRun ? "Simulation : ce qui serait transmis" : `Transfert ${result.runKey} : ${result.status === "succeeded" ? "terminé" : "en échec"}`}\n${summary(result.counts)}`,
    );
    if (result.errors.length) {
      console.error(`Erreurs :\n  ${result.errors.join("\n  ")}\nRelancez npm run sync : le transfert reprendra là où il s'est arrêté.`);
      process.exitCode = 1;
    }
  } finally {
    await mailer?.close();
    await handle.close();
  }
});
