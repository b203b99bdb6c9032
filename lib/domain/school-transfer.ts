import { formatParisDateTime } from "./paris-time";
import { describeCounts, type TransferCounts } from "./transfer-runs";

/*
 * R-OVS-4: a head sends their school's council answers (and everything else the night would carry
 * for its students) now, instead of waiting for the night: a transfer for that school alone
 * (lib/transfer/school.ts, docs/sync.md « Transfert à la demande d'un établissement »). Pure: the
 * run key, the refusals in French, the panel of « Vie de l'établissement ».
 */

/** The run key of a school's on-demand transfer, unique in sync_runs: the school and the instant. */
export function schoolRunKey(schoolId: string, now: Date): string {
  return `school:${schoolId}:${now.toISOString()}`;
}

export function isSchoolRunKey(key: string): boolean {
  return key.startsWith("school:");
}

/** Two runs of one school start at least this far apart (two clicks, two tabs: one run). */
export const SCHOOL_TRANSFER_MIN_GAP_MS = 60_000;

export const SCHOOL_TRANSFER_RUNNING_MESSAGE =
  "Un transfert de votre établissement est déjà en cours : attendez qu'il se termine, son résultat s'affichera ici.";
export const SCHOOL_TRANSFER_BUSY_MESSAGE =
  "Le transfert de la nuit, ou celui d'un autre établissement, est en cours : réessayez dans quelques minutes (ce qui est saisi sera de toute façon transmis cette nuit).";
export const SCHOOL_TRANSFER_TOO_SOON_MESSAGE =
  "Un transfert de votre établissement vient d'être lancé : vous pourrez en lancer un autre une minute après le précédent.";

/**
 * R-OVS-4: why a new run of the school is refused now, or null. `last` is the school's latest run
 * (its start and status): one still running (alive: the caller checked the lock) or one started
 * less than a minute ago refuses.
 */
export function schoolTransferRefusal(last: { startedAt: Date; status: string } | null, now: Date): string | null {
  if (!last) return null;
  if (now.getTime() - last.startedAt.getTime() < SCHOOL_TRANSFER_MIN_GAP_MS) {
    return last.status === "running" ? SCHOOL_TRANSFER_RUNNING_MESSAGE : SCHOOL_TRANSFER_TOO_SOON_MESSAGE;
  }
  return null;
}

/** What the confirmation dialog says before the run (docs/sync.md). */
export const SCHOOL_TRANSFER_EXPLANATION = [
  "Le transfert a lieu d'habitude chaque nuit. Vous pouvez le faire maintenant pour les élèves de votre établissement seulement :",
  "les réponses du conseil de classe (propositions), les avis provisoires, les décisions, les entretiens et les appels saisis jusqu'à maintenant deviennent visibles des familles, et les courriels prévus (notification des décisions, invitations à l'entretien) partent ;",
  "les intentions, choix définitifs, accusés de réception, réponses et accords validés par les familles jusqu'à maintenant arrivent dans l'établissement.",
  "Le résultat est le même que celui de la nuit, qui ne transmettra ensuite que ce qui aura été saisi après. Une fois ce transfert terminé, vous pouvez rouvrir le service en ligne sans attendre 24 heures.",
];

const STATUS_LABELS: Record<string, string> = { running: "En cours", succeeded: "Terminé", failed: "En échec", interrupted: "Interrompu" };

export type SchoolRunRow = {
  id: number;
  asOf: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  triggeredBy: string;
  counts: TransferCounts;
  errors: string[];
};

/** The school's counts worth showing (the students walked and the e-mails sent are said apart). */
const HIDDEN_COUNTS = new Set(["students", "emailsSent", "emailsExpired", "nonTraitee"]);

/** R-OVS-4: the panel of « Vie de l'établissement »: the latest run's state and the list of past runs. */
export function schoolTransferPanel(input: { runs: SchoolRunRow[] }) {
  const runs = input.runs.map((r) => {
    const counts = describeCounts(r.counts).filter((c) => !HIDDEN_COUNTS.has(c.key));
    const students = r.counts.students ?? 0;
    return {
      id: r.id,
      status: r.status as "running" | "succeeded" | "failed" | "interrupted",
      statusLabel: STATUS_LABELS[r.status] ?? r.status,
      startedAt: formatParisDateTime(r.startedAt),
      finishedAt: r.finishedAt ? formatParisDateTime(r.finishedAt) : "—",
      triggeredBy: r.triggeredBy,
      studentsText: `${students.toLocaleString("fr-FR")} élève${students > 1 ? "s" : ""}`,
      counts,
      summary: counts.length ? counts.map((c) => `${c.label} : ${c.value}`).join(" ; ") : "Rien à transmettre : tout était déjà transmis.",
      errors: r.errors.map((e) => `Erreur : ${e}`),
    };
  });
  const latest = runs[0] ?? null;
  let statusText: string | null = null;
  if (latest?.status === "running") statusText = `Transfert en cours depuis le ${latest.startedAt}…`;
  else if (latest?.status === "succeeded") statusText = `Dernier transfert terminé le ${latest.finishedAt} (${latest.studentsText}) : ${latest.summary}`;
  else if (latest?.status === "failed" || latest?.status === "interrupted")
    statusText = `Le dernier transfert, lancé le ${latest.startedAt}, n'a pas abouti (${latest.statusLabel.toLowerCase()}) : ce qu'il n'a pas transmis le sera par le prochain transfert, cette nuit ou à votre demande.`;
  return { running: latest?.status === "running", latestStatus: latest?.status ?? null, statusText, runs };
}
export type SchoolTransferPanel = ReturnType<typeof schoolTransferPanel>;
