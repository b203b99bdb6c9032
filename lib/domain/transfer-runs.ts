import { formatParisDateTime, parisDayKey } from "./paris-time";

/*
 * The nightly transfer's runs, in words (R-SYNC-4, R-SYNC-5, docs/sync.md): the run key of a
 * night, the French names of its counts, and the view-model of the admin screen « Transferts ».
 * Pure: the job, the CLI and the screens all read these.
 */

/** What one run (or batch) carried, per kind. */
export type TransferCounts = Record<string, number>;

/** R-SYNC-4: a night is named by the Paris day of its cut-off, not the UTC day. */
export function nightRunKey(asOf: Date): string {
  return `night:${parisDayKey(asOf)}`;
}

/** French labels of the counts (progress bar, admin screen, docs), in the order they are listed. */
export const TRANSFER_COUNT_LABELS: Record<string, string> = {
  familyEntries: "Saisies des familles (TS) transmises",
  nonTraitee: "dont « non traitées » (validées le jour du conseil)",
  acknowledgements: "Accusés de réception transmis",
  answers: "Réponses des familles transmises",
  agreements: "Accords des représentants transmis",
  schoolChanges: "Modifications par l'établissement publiées",
  opinions: "Avis provisoires publiés",
  proposals: "Propositions du conseil publiées",
  decisions: "Décisions publiées",
  notices: "Décisions notifiées par courriel (jour de réception)",
  renotices: "Notifications renouvelées (courriels expirés)",
  interviews: "Entretiens publiés",
  appeals: "Appels publiés",
  schoolAnswers: "Réponses saisies par l'établissement publiées",
  schoolAgreements: "Accords saisis par l'établissement publiés",
  withdrawn: "Publications retirées (avis, propositions, décisions, entretiens ou appels supprimés)",
  emailsQueued: "Courriels mis en file",
  sessionsExpired: "Sessions expirées (récapitulatifs envoyés)",
  emailsSent: "Courriels envoyés",
  emailsExpired: "Courriels expirés (non envoyés le jour prévu)",
  students: "Élèves parcourus",
};

/**
 * R-AUTH-3: the kinds of writes the transfer records in the audit log, one row per run and kind
 * (the expired sessions are recorded one by one, the sent e-mails live in the outbox).
 */
export const AUDITED_TRANSFER_KINDS = [
  "familyEntries",
  "acknowledgements",
  "answers",
  "agreements",
  "schoolChanges",
  "opinions",
  "proposals",
  "decisions",
  "notices",
  "renotices",
  "interviews",
  "appeals",
  "schoolAnswers",
  "schoolAgreements",
  "withdrawn",
  "emailsQueued",
] as const;

/** The audit rows of one run: each audited kind that wrote something, with its count. */
export function transferAuditEntries(counts: TransferCounts): { kind: string; count: number }[] {
  return AUDITED_TRANSFER_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((kind) => ({
    kind,
    count: counts[kind]!,
    ...(kind === "familyEntries" && counts.nonTraitee ? { nonTraitee: counts.nonTraitee } : {}),
  }));
}

/** The counts as « label : n » lines, in the order of the labels, what wrote nothing left out. */
export function describeCounts(counts: TransferCounts): { key: string; label: string; value: string }[] {
  const known = Object.keys(TRANSFER_COUNT_LABELS).filter((k) => counts[k] !== undefined);
  const other = Object.keys(counts).filter((k) => !(k in TRANSFER_COUNT_LABELS));
  return [...known, ...other]
    .filter((k) => counts[k]! > 0)
    .map((k) => ({ key: k, label: TRANSFER_COUNT_LABELS[k] ?? k, value: counts[k]!.toLocaleString("fr-FR") }));
}

/** R-SYNC-5: one manual run at a time from the admin screen. */
export const MANUAL_TRANSFER_RUNNING_MESSAGE = "Un transfert lancé depuis cet écran est déjà en cours.";

const RUN_STATUS_LABELS: Record<string, string> = { running: "En cours", succeeded: "Terminé", failed: "En échec", interrupted: "Interrompu" };

function describeRunKey(key: string, schoolName?: string | null): string {
  if (key.startsWith("night:")) return `Nuit du ${key.slice(6).split("-").reverse().join("/")}`;
  if (key.startsWith("manual:")) return "Manuel";
  // R-OVS-4: a head's on-demand transfer for their school.
  if (key.startsWith("school:")) return `Établissement : ${schoolName ?? "établissement supprimé"}`;
  return key;
}

function describeTrigger(triggeredBy: string): string {
  if (triggeredBy === "cron") return "Planificateur";
  if (triggeredBy === "cli") return "Ligne de commande";
  return triggeredBy;
}

export type TransferRunRow = {
  id: number;
  runKey: string;
  asOf: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  triggeredBy: string;
  counts: TransferCounts;
  errors: string[];
  /** R-OVS-4: the school of a school's on-demand run. */
  schoolName?: string | null;
};

export type OutboxCount = { kind: string; status: string; n: number };
/** R-SYNC-3: an e-mail the relay refused for good (5xx) or that failed too many times. */
export type FailedEmailRow = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
};
export type EmailKindInfo = { kind: string; label: string; subject: string };

const OUTBOX_STATUS_LABELS: Record<string, string> = {
  pending: "en attente",
  sending: "en cours d'envoi",
  sent: "envoyés",
  failed: "en échec",
  expired: "expirés (non partis le jour prévu)",
};
const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;

/** « 3 en attente, 12 envoyés », or null when nothing is counted. */
function describeOutboxCounts(counts: OutboxCount[]): string | null {
  const byStatus = new Map<string, number>();
  for (const c of counts) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + c.n);
  const parts = [...OUTBOX_STATUSES, ...[...byStatus.keys()].filter((s) => !(OUTBOX_STATUSES as readonly string[]).includes(s))]
    .filter((s) => (byStatus.get(s) ?? 0) > 0)
    .map((s) => `${byStatus.get(s)} ${OUTBOX_STATUS_LABELS[s] ?? s}`);
  return parts.length ? parts.join(", ") : null;
}

/** R-SYNC-5, R-SYNC-3: the admin screen « Transferts »: its schedule, the e-mails per kind, the runs. */
export function transferRunsView(input: {
  schedule: { cron: string; timezone: string };
  runs: TransferRunRow[];
  outbox: OutboxCount[];
  emailKinds: readonly EmailKindInfo[];
  failedEmails?: FailedEmailRow[];
  /** False outside demo mode without SMTP_URL: nothing is sent, the e-mails wait. */
  mailerConfigured?: boolean;
}) {
  const labelOf = new Map(input.emailKinds.map((k) => [k.kind, k.label]));
  return {
    schedule: input.schedule,
    mailerNotice:
      input.mailerConfigured === false
        ? "Aucun serveur SMTP n'est configuré (SMTP_URL) : les courriels ne sont pas envoyés, ils restent en attente dans la file."
        : null,
    failedEmails: (input.failedEmails ?? []).map((f) => ({
      id: f.id,
      recipient: f.toAddress,
      subject: f.subject,
      kind: labelOf.get(f.kind) ?? f.kind,
      error: f.lastError ?? "—",
      attempts: `${f.attempts} tentative${f.attempts > 1 ? "s" : ""}`,
      date: formatParisDateTime(f.updatedAt),
    })),
    outboxTotal: describeOutboxCounts(input.outbox) ?? "aucun dans la file.",
    emailKinds: input.emailKinds.map((k) => ({
      kind: k.kind,
      label: k.label,
      subject: k.subject,
      counts: describeOutboxCounts(input.outbox.filter((c) => c.kind === k.kind)) ?? "aucun",
    })),
    runs: input.runs.map((r) => ({
      id: r.id,
      title: describeRunKey(r.runKey, r.schoolName),
      asOf: `au ${formatParisDateTime(r.asOf)}`,
      startedAt: formatParisDateTime(r.startedAt),
      finishedAt: r.finishedAt ? formatParisDateTime(r.finishedAt) : "—",
      status: RUN_STATUS_LABELS[r.status] ?? r.status,
      triggeredBy: describeTrigger(r.triggeredBy),
      counts: describeCounts(r.counts),
      errors: r.errors.map((e) => `Erreur : ${e}`),
    })),
  };
}
export type TransferRunsView = ReturnType<typeof transferRunsView>;
